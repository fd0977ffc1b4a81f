/**
 * Standard base64 (RFC 4648, with padding) of UTF-8 text, as Secret `data` carries it: the API
 * serialises `[]byte` values as base64. Pure code, no `btoa`/`Buffer` (the engine runs without
 * DOM or Node APIs). Upstream: encoding/base64 StdEncoding, used by encoding/json for []byte.
 *
 * encodeBase64('b') → 'Yg==';  decodeBase64('aMOpbGxv') → 'héllo'
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function utf8(text: string): number[] {
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

function fromUtf8(bytes: number[]): string {
  let s = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]
    let c: number
    let n: number
    if (b < 0x80) [c, n] = [b, 1]
    else if (b >= 0xf0) [c, n] = [b & 7, 4]
    else if (b >= 0xe0) [c, n] = [b & 15, 3]
    else if (b >= 0xc0) [c, n] = [b & 31, 2]
    else [c, n] = [0xfffd, 1]
    for (let k = 1; k < n; k++) c = (c << 6) | ((bytes[i + k] ?? 0) & 63)
    s += String.fromCodePoint(c)
    i += n
  }
  return s
}

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
