/**
 * The pod-template-hash: the suffix of a Deployment's ReplicaSet names (`web-7d4b9c8f5d`) and the
 * value of their `pod-template-hash` label. Upstream hashes the Go struct of the pod template
 * with FNV-32a (plus the collision count), prints the 32-bit sum in decimal, and "safe-encodes"
 * each decimal digit through the name alphabet, so a hash only ever contains 4–9, b, c, d and f.
 * Upstream: pkg/controller/controller_utils.go ComputeHash,
 * k8s.io/apimachinery/pkg/util/rand SafeEncodeString.
 *
 * Podium hashes a canonical JSON serialisation (keys sorted) instead of Go's struct dump, so the
 * values differ from a real cluster's, but they have the same shape and the same behaviour: the
 * same template always gives the same name, and a different template a different one.
 */
import { NAME_ALPHABET } from '../../sim/random'
import { utf8 } from '../../api/utf8'

/** JSON with object keys sorted at every level; `undefined` fields are left out. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return '[' + v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',') + ']'
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}'
}


/** FNV-1a, 32 bits: `fnv32a(utf8('a')) === 0xe40c292c`. Upstream: Go's hash/fnv New32a. */
export function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (const b of bytes) {
    h ^= b & 0xff
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/**
 * Maps each character to the name alphabet by its code modulo 27, as upstream does for digits:
 * `'0'…'9'` become `4 5 6 7 8 9 b c d f`. Upstream: rand.SafeEncodeString.
 */
export function safeEncodeString(s: string): string {
  let out = ''
  for (const ch of s) out += NAME_ALPHABET[ch.codePointAt(0)! % NAME_ALPHABET.length]
  return out
}

/**
 * The pod-template-hash of a template, e.g. `5d4b9c8f7`. With a collision count the count's
 * 8 little-endian bytes are hashed too, so bumping `status.collisionCount` gives a new name.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const bytes = utf8(canonicalJson(template))
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0
    bytes.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0)
  }
  return safeEncodeString(String(fnv32a(bytes)))
}
