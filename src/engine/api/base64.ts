/**
 * Standard base64 (RFC 4648, with padding) of UTF-8 text, as Secret `data` carries it: the API
 * serialises `[]byte` values as base64. Pure code, no `btoa`/`Buffer` (the engine runs without
 * DOM or Node APIs). Upstream: encoding/base64 StdEncoding, used by encoding/json for []byte.
 *
 * encodeBase64('b') → 'Yg==';  decodeBase64('aMOpbGxv') → 'héllo'
 */
import { fromUtf8, utf8 } from './utf8'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The base64 of `text`'s UTF-8 bytes. */
export function encodeBase64(text: string): string {
  const b = utf8(text)
  let out = ''
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63]
    out += i + 1 < b.length ? ALPHABET[(n >> 6) & 63] : '='
    out += i + 2 < b.length ? ALPHABET[n & 63] : '='
  }
  return out
}

/**
 * The text whose UTF-8 bytes `b64` encodes, or an error in Go's words
 * (`illegal base64 data at input byte 4`) when it is not valid base64.
 */
export function decodeBase64(b64: string): { ok: true; text: string } | { ok: false; error: string } {
  const bytes: number[] = []
  let bits = 0
  let acc = 0
  let pad = 0
  for (let i = 0; i < b64.length; i++) {
    const ch = b64[i]
    if (ch === '=') {
      pad++
      continue
    }
    const v = ALPHABET.indexOf(ch)
    if (v < 0 || pad > 0) return { ok: false, error: `illegal base64 data at input byte ${i}` }
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((acc >> bits) & 255)
    }
  }
  // A short final quantum: Go reports where that quantum starts.
  if (b64.length % 4 !== 0 || pad > 2) return { ok: false, error: `illegal base64 data at input byte ${b64.length - (b64.length % 4)}` }
  return { ok: true, text: fromUtf8(bytes) }
}
