/**
 * FNV-1a over a string's UTF-16 code units: a fast, well-spread 32-bit hash for lookups and
 * digests inside the engine (never a wire format; Deployment names hash UTF-8 bytes with
 * controllers/deployment/hash.ts fnv32a, as upstream does).
 */

export const FNV_OFFSET = 0x811c9dc5
export const FNV_PRIME = 0x01000193

/**
 * The hash of `s`, continuing from `h` (so parts can be hashed one after the other without
 * joining them), with another prime for a second, independent hash.
 * @example fnv1a('a') === 0xe40c292c
 */
export function fnv1a(s: string, h = FNV_OFFSET, prime = FNV_PRIME): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), prime)
  return h >>> 0
}
