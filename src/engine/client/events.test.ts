import { describe, expect, it } from 'vitest'
import { nanosHex } from './events'
import { EPOCH_MS } from '../sim/time'

describe('event names', () => {
  it('end in the Unix time in nanoseconds as hex, exact beyond 2^53', () => {
    const oracle = (ms: number, n: number) => (BigInt(ms) * 1_000_000n + BigInt(n)).toString(16)
    const cases: [number, number][] = [
      [0, 0],
      [0, 5],
      [1, 0],
      [0xffffff, 999_999],
      [0x1000000, 0],
      [EPOCH_MS, 0],
      [EPOCH_MS + 3_600_000, 123_456],
      [EPOCH_MS + 86_400_000 * 365, 42_000_999],
      [2 ** 42 - 1, 999],
    ]
    for (let i = 0; i < 200; i++) cases.push([EPOCH_MS + i * 7_919_993, i * 1000 + ((i * 37) % 1000)])
    for (const [ms, n] of cases) expect(nanosHex(ms, n), `${ms} ${n}`).toBe(oracle(ms, n))
  })
})
