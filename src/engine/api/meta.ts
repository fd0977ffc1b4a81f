/** Small helpers over object metadata shared by every layer. */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1'

/** Any Kubernetes object as the engine stores it. */
export interface KObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  // Kind-specific fields (spec, status, data …); narrow with the kubernetes-types type of the kind.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any
}

/** `namespace/name`, or `name` for cluster-scoped objects: the key of caches and workqueues. */
export function keyOf(o: { metadata?: ObjectMeta }): string {
  const m = o.metadata ?? {}
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '')
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/')
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) }
}

/** The controller owner reference (controller: true), if any. Upstream: metav1.GetControllerOf. */
export function controllerOf(o: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller)
}

/**
 * A deep copy of plain JSON data (objects from caches are read-only; copy before changing).
 * API objects are plain JSON, so a direct walk is enough, and several times faster than
 * structuredClone for objects this small.
 */
export function deepCopy<T>(o: T): T {
  if (typeof o !== 'object' || o === null) return o
  // Frozen data cannot change, so a copy may share it: managedFields entries and their field
  // sets (interned, and found by identity) stay the very objects the apiserver stored.
  if (Object.isFrozen(o)) return o
  if (Array.isArray(o)) return o.map(deepCopy) as T
  const out: Record<string, unknown> = {}
  for (const k in o as Record<string, unknown>) out[k] = deepCopy((o as Record<string, unknown>)[k])
  return out as T
}

/** Deep equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    if (a.length !== bb.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false
    return true
  }
  // Field by field, without key arrays: every defined field of `a` equals `b`'s, and `b` has
  // as many defined fields (undefined ones are absent in JSON).
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  let fields = 0
  for (const k in x) {
    if (x[k] === undefined) continue
    if (!deepEqual(x[k], y[k])) return false
    fields++
  }
  for (const k in y) if (y[k] !== undefined) fields--
  return fields === 0
}

/** Drops `readonly` (kubernetes-types marks server-owned fields such as `uid` read-only). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * Structural sharing: returns `next` with every subtree that equals the matching subtree of
 * `prev` replaced by `prev`'s, so successive versions of an object share what did not change
 * (the hop log keeps every version). Returns `prev` itself when the two are equal.
 */
export function share<T>(next: T, prev: unknown): T {
  if (next === prev) return next
  if (typeof next !== 'object' || next === null || typeof prev !== 'object' || prev === null) return next
  // The copy is made only from the first difference on: most of a write is unchanged.
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next
    let out: unknown[] | undefined
    for (let i = 0; i < next.length; i++) {
      const s = share(next[i], prev[i])
      if (out) out.push(s)
      else if (s !== prev[i] || i >= prev.length) (out = prev.slice(0, i)).push(s)
    }
    return (out ?? (next.length === prev.length ? prev : prev.slice(0, next.length))) as T
  }
  if (Array.isArray(prev)) return next
  const n = next as Record<string, unknown>
  const p = prev as Record<string, unknown>
  let out: Record<string, unknown> | undefined
  let fields = 0
  for (const k in n) {
    const v = n[k]
    if (v === undefined) continue
    fields++
    const s = share(v, p[k])
    if (out) out[k] = s
    else if (s !== p[k]) {
      // Every field before this one is `prev`'s.
      out = {}
      for (const j in n) {
        if (j === k) break
        if (n[j] !== undefined) out[j] = p[j]
      }
      out[k] = s
    }
  }
  if (out) return out as T
  for (const k in p) if (p[k] !== undefined) fields--
  if (fields === 0) return prev as T
  // `prev` has more fields: `next`'s, each `prev`'s value.
  out = {}
  for (const k in n) if (n[k] !== undefined) out[k] = p[k]
  return out as T
}
