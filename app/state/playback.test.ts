import { describe, expect, it } from 'vitest'
import type { Hop } from '../../src/engine'
import { clockStart, runScenario } from '../../src/engine'
import { formatVirtualTime, setClockOrigin, hopById, indexAfter, nextVisible, previousVisible, visibleAhead } from './playback'

const h = (id: number, background = false): Hop => ({ id, t: id * 10, from: 'a', to: 'b', kind: 'request', summary: '', ...(background ? { background: true } : {}) })
const hops = [h(1), h(2, true), h(3, true), h(4), h(5, true)]

describe('playback navigation', () => {
  it('skips background hops unless shown', () => {
    expect(nextVisible(hops, 0, false)?.id).toBe(1)
    expect(nextVisible(hops, 1, false)?.id).toBe(4)
    expect(nextVisible(hops, 1, true)?.id).toBe(2)
    expect(nextVisible(hops, 4, false)).toBeUndefined()
    expect(previousVisible(hops, 4, false)).toBe(1)
    expect(previousVisible(hops, 1, false)).toBe(0)
    expect(previousVisible(hops, 5, true)).toBe(4)
    expect(visibleAhead(hops, 0, false)).toBe(2)
  })

  it('finds hops by id', () => {
    expect(indexAfter(hops, 0)).toBe(0)
    expect(indexAfter(hops, 3)).toBe(3)
    expect(hopById(hops, 4)?.id).toBe(4)
    expect(hopById(hops, 9)).toBeUndefined()
  })
})

describe('formatVirtualTime', () => {
  it('reads like a clock', () => {
    expect(formatVirtualTime(1234)).toBe('1.234 s')
    expect(formatVirtualTime(302184)).toBe('5:02.184')
    expect(formatVirtualTime(3_900_000)).toBe('1:05:00.000')
  })

  it('counts from the clock start of a cluster served on another day, as from the default one', () => {
    const served = runScenario({ seed: 1, nodes: [{ name: 'node-1' }], steps: [], epoch: Date.UTC(2026, 10, 23, 6, 0, 0) })
    const plain = runScenario({ seed: 1, nodes: [{ name: 'node-1' }], steps: [] })
    const start = clockStart(served.scenario())
    expect(start).toBeGreaterThan(0)
    expect(clockStart(plain.scenario())).toBe(0)
    setClockOrigin(start)
    try {
      expect(formatVirtualTime(served.now())).toBe(formatVirtualTime(plain.now() + start))
      expect(formatVirtualTime(served.now())).toBe('5:00.000')
    } finally {
      setClockOrigin(0)
    }
  })
})
