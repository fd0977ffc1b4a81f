import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64'

describe('base64', () => {
  it('encodes UTF-8 text as kubectl create secret does', () => {
    // kubectl 1.33: --from-literal=a=b → Yg==, c=héllo → aMOpbGxv
    expect(encodeBase64('b')).toBe('Yg==')
    expect(encodeBase64('héllo')).toBe('aMOpbGxv')
    expect(encodeBase64('')).toBe('')
    expect(encodeBase64('password123')).toBe('cGFzc3dvcmQxMjM=')
  })

  it('decodes what it encodes and rejects what Go rejects', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'héllo wörld ✓ 🚀']) expect(decodeBase64(encodeBase64(s))).toEqual({ ok: true, text: s })
    expect(decodeBase64('ab!d').ok).toBe(false)
    expect(decodeBase64('abc')).toMatchObject({ ok: false })
  })
})
