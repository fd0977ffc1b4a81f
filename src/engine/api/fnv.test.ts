import { describe, expect, it } from 'vitest'
import { fnv1a } from './fnv'
import { fnv32a } from '../controllers/deployment/hash'
import { utf8 } from './utf8'

describe('fnv1a', () => {
  it('is FNV-1a: the same as the byte hash on ASCII, and parts hash as their concatenation', () => {
    expect(fnv1a('a')).toBe(0xe40c292c)
    for (const s of ['', 'f:metadata', 'k:{"type":"Ready"}']) expect(fnv1a(s)).toBe(fnv32a(utf8(s)))
    expect(fnv1a('c', fnv1a('ab'))).toBe(fnv1a('abc'))
    expect(fnv1a('abc', undefined, 0x811c9dc5)).not.toBe(fnv1a('abc'))
  })
})
