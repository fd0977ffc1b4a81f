/**
 * UTF-8 without TextEncoder/TextDecoder (the engine's library is ES only, no DOM or Node types):
 * Go works on `[]byte(string)`, so hashes, base64 and byte offsets need a string's UTF-8 bytes.
 *
 * utf8('é') → [0xc3, 0xa9];  fromUtf8([0xc3, 0xa9]) → 'é'
 */

/** The UTF-8 bytes of `s`. */
export function utf8(s: string): number[] {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

/** The text `bytes` encode as UTF-8; a stray continuation byte reads as U+FFFD. */
export function fromUtf8(bytes: readonly number[]): string {
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
