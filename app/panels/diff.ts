/**
 * What an etcd write changed, field by field: `status.phase: Pending → Running`.
 *
 * ```ts
 * objectDiff({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: 4 })
 * // [{ path: 'b.c', before: 2, after: 3 }, { path: 'd', after: 4 }]
 * ```
 */
export interface FieldChange {
  path: string
  before?: unknown
  after?: unknown
}

/** Paths whose change is bookkeeping rather than meaning; still listed, but last. */
const NOISY = /^metadata\.(resourceVersion|managedFields)/

export function objectDiff(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = []
  walk(before, after, '', out)
  return out.sort((a, b) => Number(NOISY.test(a.path)) - Number(NOISY.test(b.path)))
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]) {
  if (Object.is(a, b)) return
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of [...keys].sort()) walk(a[k], b[k], path ? `${path}.${k}` : k, out)
    return
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (JSON.stringify(a) === JSON.stringify(b)) return
    // Lists keyed by `type` (conditions) or `name` (containers, ports) are compared item by item
    // by that key, as Kubernetes merges them, so a reordering does not look like a rewrite.
    const key = listKey(a, b)
    if (key) {
      const byKey = (xs: unknown[]) => new Map(xs.map((x) => [(x as Record<string, string>)[key], x]))
      const ma = byKey(a)
      const mb = byKey(b)
      for (const k of new Set([...ma.keys(), ...mb.keys()])) walk(ma.get(k), mb.get(k), `${path}[${key}=${k}]`, out)
      return
    }
    const n = Math.max(a.length, b.length)
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out)
    return
  }
  const change: FieldChange = { path: path || '(object)' }
  if (a !== undefined) change.before = a
  if (b !== undefined) change.after = b
  out.push(change)
}

function listKey(a: unknown[], b: unknown[]): string | undefined {
  for (const key of ['type', 'name']) {
    const all = [...a, ...b]
    if (all.length && all.every((x) => isPlain(x) && typeof x[key] === 'string')) {
      const ka = a.map((x) => (x as Record<string, string>)[key])
      const kb = b.map((x) => (x as Record<string, string>)[key])
      if (new Set(ka).size === ka.length && new Set(kb).size === kb.length) return key
    }
  }
  return undefined
}

function isPlain(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** A short text for a value in a diff row. */
export function shortValue(v: unknown): string {
  if (v === undefined) return '∅'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 80 ? s.slice(0, 79) + '…' : s
}
