import { describe, expect, it } from 'vitest'
import { isValidQuantity, parseCPU, parseMemory } from './quantity'

// Cases after apimachinery's pkg/api/resource/quantity_test.go (TestQuantityParse, TestScaledValue):
// MilliValue and Value round up.
describe('parseCPU (Quantity.MilliValue)', () => {
  it.each([
    ['500m', 500],
    ['2', 2000],
    ['0.5', 500],
    ['1.5', 1500],
    ['100m', 100],
    ['0.1m', 1],
    ['1001u', 2],
    ['1e3', 1_000_000],
    ['1k', 1_000_000],
    ['', 0],
  ])('%s → %i', (q, want) => expect(parseCPU(q)).toBe(want))
  it('accepts numbers in hand-written objects', () => expect(parseCPU(2)).toBe(2000))
})

describe('parseMemory (Quantity.Value)', () => {
  it.each([
    ['128Mi', 134_217_728],
    ['1Gi', 1_073_741_824],
    ['1G', 1_000_000_000],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1E', 1e18],
    ['12345', 12345],
    ['1.5Gi', 1_610_612_736],
    ['100m', 1],
    ['1.5', 2],
    ['0.1Ki', 103],
    ['2Ti', 2 * 1024 ** 4],
  ])('%s → %i', (q, want) => expect(parseMemory(q)).toBe(want))
})

describe('isValidQuantity', () => {
  it.each(['1Mi', '.5', '5.', '+1', '-1', '1e-3'])('%s is valid', (q) => expect(isValidQuantity(q)).toBe(true))
  it.each(['Mi', '1MB', '1 Gi', 'abc', '1e'])('%s is invalid', (q) => expect(isValidQuantity(q)).toBe(false))
})
