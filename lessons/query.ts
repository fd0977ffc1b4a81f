/**
 * Reading the engine for checks and predictions, through its public surface only: objects come
 * from `kubectl get … -o json`, hops from `c.hops()`, etcd keys from `c.keyspace()`.
 *
 * A check must not change the lesson: a `kubectl get` adds hops to the log and a step to the
 * scenario (the share link), so every read here runs inside `readOnly`, which restores the
 * cluster's snapshot afterwards.
 */
import type { Cluster, Hop } from '../src/engine/index'
import type { Comparison, CountQuery, HopSelector, Text } from './format'

/** Runs `fn` and puts the cluster back exactly as it was (hops, scenario, clock). */
export function readOnly<T>(c: Cluster, fn: () => T): T {
  const snap = c.snapshot()
  try {
    return fn()
  } finally {
    c.restore(snap)
  }
}

// ---- field paths ------------------------------------------------------------------------------

type Segment = { key: string } | { index: number } | { match: [string, string] }

/**
 * Parses `status.conditions[type=Ready].status`, `spec.containers[0].image`,
 * `metadata.labels["app.kubernetes.io/name"]`.
 */
export function parsePath(path: string): Segment[] {
  const segs: Segment[] = []
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]|\[([^=\]]+)=([^\]]*)\]/gy
  let m: RegExpExecArray | null
  let i = 0
  while (i < path.length) {
    if (path[i] === '.') {
      i++
      continue
    }
    re.lastIndex = i
    m = re.exec(path)
    if (!m) throw new Error(`cannot read field path "${path}" at "${path.slice(i)}"`)
    if (m[1] !== undefined) segs.push({ key: m[1] })
    else if (m[2] !== undefined) segs.push({ index: Number(m[2]) })
    else if (m[3] !== undefined) segs.push({ key: m[3] })
    else segs.push({ match: [m[4], m[5]] })
    i = re.lastIndex
  }
  return segs
}

/** The value at `path` in `obj`, or undefined. */
export function getField(obj: unknown, path: string): unknown {
  let cur: unknown = obj
  for (const s of parsePath(path)) {
    if (cur === undefined || cur === null) return undefined
    if ('key' in s) cur = (cur as Record<string, unknown>)[s.key]
    else if ('index' in s) cur = Array.isArray(cur) ? cur[s.index] : undefined
    else cur = Array.isArray(cur) ? cur.find((x) => String((x as Record<string, unknown>)?.[s.match[0]]) === s.match[1]) : undefined
  }
  return cur
}

// ---- comparisons ------------------------------------------------------------------------------

export function show(v: unknown): string {
  if (v === undefined) return '(absent)'
  if (typeof v === 'string') return v === '' ? '""' : v
  return JSON.stringify(v)
}

/** Compares a value; `expected` is the comparison in words, for reasons. No comparison means "exists". */
export function compare(actual: unknown, c: Comparison): { pass: boolean; expected: Text } {
  if (c.equals !== undefined) return { pass: String(actual) === String(c.equals) && actual !== undefined, expected: { en: `${show(c.equals)}`, vi: `${show(c.equals)}` } }
  if (c.notEquals !== undefined) return { pass: String(actual) !== String(c.notEquals), expected: { en: `not ${show(c.notEquals)}`, vi: `khác ${show(c.notEquals)}` } }
  if (c.contains !== undefined) return { pass: contains(actual, c.contains), expected: { en: `containing "${c.contains}"`, vi: `có chứa "${c.contains}"` } }
  if (c.notContains !== undefined) return { pass: !contains(actual, c.notContains), expected: { en: `not containing "${c.notContains}"`, vi: `không chứa "${c.notContains}"` } }
  if (c.matches !== undefined) return { pass: actual !== undefined && new RegExp(c.matches).test(String(actual)), expected: { en: `matching /${c.matches}/`, vi: `khớp /${c.matches}/` } }
  if (c.atLeast !== undefined) return { pass: Number(actual) >= c.atLeast, expected: { en: `at least ${c.atLeast}`, vi: `ít nhất ${c.atLeast}` } }
  if (c.atMost !== undefined) return { pass: actual !== undefined && Number(actual) <= c.atMost, expected: { en: `at most ${c.atMost}`, vi: `nhiều nhất ${c.atMost}` } }
  const want = c.exists ?? true
  return { pass: (actual !== undefined && actual !== null) === want, expected: want ? { en: 'present', vi: 'có mặt' } : { en: 'absent', vi: 'không có' } }
}

function contains(actual: unknown, s: string): boolean {
  if (Array.isArray(actual)) return actual.some((x) => String(x) === s)
  return actual !== undefined && String(actual).includes(s)
}

// ---- objects through kubectl ------------------------------------------------------------------

/** `kubectl get kind/name -o json`, or undefined when it does not exist. Call inside readOnly. */
export function getObject(c: Cluster, ref: string): Record<string, unknown> | undefined {
  const r = c.kubectl(`get ${ref} -o json`)
  if (r.exitCode !== 0) return undefined
  return JSON.parse(r.stdout) as Record<string, unknown>
}

/** The items of `kubectl get <resource> [-l selector] -o json`. Call inside readOnly. */
export function listObjects(c: Cluster, resource: string, selector?: string): Record<string, unknown>[] {
  const r = c.kubectl(`get ${resource}${selector ? ` -l '${selector}'` : ''} -o json`)
  if (r.exitCode !== 0) throw new Error(r.stderr.trim())
  return ((JSON.parse(r.stdout) as { items?: Record<string, unknown>[] }).items ?? [])
}

/** Counts the objects a query selects. Call inside readOnly. */
export function countObjects(c: Cluster, q: CountQuery): { count: number; names: string[] } {
  const items = listObjects(c, q.resource, q.selector).filter((o) => keep(o, q))
  return { count: items.length, names: items.map((o) => String(getField(o, 'metadata.name'))) }
}

function keep(o: Record<string, unknown>, q: CountQuery): boolean {
  const w = q.where
  if (w === undefined) return true
  const terminating = getField(o, 'metadata.deletionTimestamp') !== undefined
  switch (w) {
    case 'running':
      return getField(o, 'status.phase') === 'Running' && !terminating
    case 'ready':
      return getField(o, 'status.conditions[type=Ready].status') === 'True' && !terminating
    case 'pending':
      return getField(o, 'status.phase') === 'Pending' && !terminating
    case 'terminating':
      return terminating
    case 'scheduled':
      return getField(o, 'spec.nodeName') !== undefined
    default:
      return compare(getField(o, w.field), w).pass
  }
}

/**
 * Replaces `${kind/name:field.path}` in a string with the field's value now; the part before the
 * colon is anything `kubectl get … -o json` accepts (`pods -l app=web:items[0].metadata.name`).
 * Call inside readOnly.
 */
export function expand(c: Cluster, s: string): string {
  return s.replace(/\$\{([^:}]+):([^}]+)\}/g, (_, ref: string, field: string) => show(getField(getObject(c, ref), field)))
}

export function expandComparison(c: Cluster, cmp: Comparison): Comparison {
  const out: Comparison = { ...cmp }
  for (const k of ['equals', 'notEquals', 'contains', 'notContains', 'matches'] as const) {
    const v = out[k]
    if (typeof v === 'string' && v.includes('${')) (out as Record<string, unknown>)[k] = expand(c, v)
  }
  return out
}

// ---- hops -------------------------------------------------------------------------------------

function glob(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$')
  return re.test(value)
}

/** Whether a hop matches a selector (README: "Hop selectors"). */
export function matchHop(h: Hop, s: HopSelector): boolean {
  if (h.background && !s.background) return false
  const d = h.detail
  if (s.from !== undefined && !glob(s.from, h.from)) return false
  if (s.to !== undefined && !glob(s.to, h.to)) return false
  if (s.kind !== undefined && h.kind !== s.kind) return false
  if (s.method !== undefined && d?.http?.method !== s.method) return false
  if (s.pathMatches !== undefined && !new RegExp(s.pathMatches).test(d?.http?.path ?? '\u0000')) return false
  if (s.status !== undefined && d?.http?.status !== s.status) return false
  if (s.summaryMatches !== undefined && !new RegExp(s.summaryMatches).test(h.summary)) return false
  if (s.etcdOp !== undefined && d?.etcd?.op !== s.etcdOp) return false
  if (s.keyMatches !== undefined && !new RegExp(s.keyMatches).test(d?.etcd?.key ?? '\u0000')) return false
  if (s.watchType !== undefined && d?.watch?.type !== s.watchType) return false
  if (s.call !== undefined && d?.cri?.call !== s.call) return false
  if (s.signal !== undefined && d?.cri?.signal !== s.signal) return false
  if (s.object !== undefined) {
    const obj = d?.etcd?.after ?? d?.watch?.object ?? d?.http?.body
    if (obj === undefined || !compare(getField(obj, s.object.field), s.object).pass) return false
  }
  return true
}

/** The selector in words, for reasons: `scheduler → apiserver request /binding$`. */
export function describeSelector(s: HopSelector): string {
  const parts = [`${s.from ?? '*'} → ${s.to ?? '*'}`]
  if (s.kind) parts.push(s.kind)
  if (s.method) parts.push(s.method)
  if (s.pathMatches) parts.push(`path /${s.pathMatches}/`)
  if (s.status) parts.push(String(s.status))
  if (s.etcdOp) parts.push(`etcd ${s.etcdOp}`)
  if (s.keyMatches) parts.push(`key /${s.keyMatches}/`)
  if (s.watchType) parts.push(s.watchType)
  if (s.call) parts.push(s.call)
  if (s.signal) parts.push(s.signal)
  if (s.summaryMatches) parts.push(`"${s.summaryMatches}"`)
  if (s.object) parts.push(`${s.object.field} ${compare(undefined, s.object).expected.en}`)
  return parts.join(' ')
}

/** The id of the newest hop so far (0 when none): a mark to scope "this step's hops". */
export function lastHopId(c: Cluster): number {
  const hs = c.hops()
  return hs.length ? hs[hs.length - 1].id : 0
}
