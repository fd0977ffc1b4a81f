import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../sim/time'
import { humanDuration, shortHumanDuration, translateTimestampSince, translateTimestampUntil } from './duration'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h
const y = 365 * d

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [-999, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * s, '59s'],
    [60 * s, '60s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 4 * d, '2y4d'],
    [7 * y + 364 * d, '7y364d'],
    [8 * y, '8y'],
    [20 * y + 100 * d, '20y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want)
  })
})

describe('shortHumanDuration (apimachinery ShortHumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [119 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [60 * m, '1h'],
    [23 * h, '23h'],
    [24 * h, '1d'],
    [364 * d, '364d'],
    [365 * d, '1y'],
    [800 * d, '2y'],
  ])('%d ms → %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want)
  })
})

describe('translateTimestampSince', () => {
  it('prints <unknown> for a missing timestamp', () => {
    expect(translateTimestampSince(undefined, 5000)).toBe('<unknown>')
    expect(translateTimestampSince('', 5000)).toBe('<unknown>')
    expect(translateTimestampSince('0001-01-01T00:00:00Z', 5000)).toBe('<unknown>')
  })
  it('measures on the virtual clock', () => {
    expect(translateTimestampSince(rfc3339(0), 125_000)).toBe('2m5s')
    expect(translateTimestampSince(rfc3339(10_000), 12_000)).toBe('2s')
    expect(translateTimestampUntil(rfc3339(3 * h), 0)).toBe('3h')
  })
})
