/**
 * Deterministic hex digests for simulated image ids, digests and exec ids.
 *
 * Not SHA-256 (nothing here is verified against content); it only has to be stable, spread well
 * and look like a digest: 64 lowercase hex characters from any string.
 */

/** 32-bit murmur-style mix of a string with a seed. */
function mix32(input: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < input.length; i++) {
    h = Math.imul(h ^ input.charCodeAt(i), 0x01000193)
    h ^= h >>> 13
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** 64 hex characters derived from `input`: `hex64('docker.io/library/nginx:1.27')`. */
export function hex64(input: string): string {
  let out = ''
  for (let i = 0; i < 8; i++) out += mix32(input, 0x9e3779b9 * (i + 1)).toString(16).padStart(8, '0')
  return out
}

/** A small non-negative integer derived from `input`, below `n`. */
export function hashInt(input: string, n: number): number {
  return mix32(input, 0x1234567) % n
}
