/**
 * Reading hop selectors and checks from lesson YAML (README: "Hop selectors", "Checks").
 */
import type { Check, Comparison, CountFilter, CountQuery, HopSelector } from './format'
import { Reader, readText, type Path } from './validate'

const HOP_KEYS = ['from', 'to', 'kind', 'method', 'pathMatches', 'status', 'summaryMatches', 'etcdOp', 'keyMatches', 'watchType', 'call', 'signal', 'object', 'background'] as const
const COMPARISONS = ['equals', 'notEquals', 'contains', 'notContains', 'matches', 'exists', 'atLeast', 'atMost'] as const

export function readHopSelector(r: Reader, v: unknown, path: Path): HopSelector {
  const o = r.object(v, path, HOP_KEYS, 'a hop selector (from, to, kind, pathMatches …)')
  if (!o) return {}
  const s: HopSelector = {}
  for (const k of ['from', 'to', 'method', 'call', 'signal', 'watchType'] as const) if (o[k] !== undefined) s[k] = r.string(o[k], [...path, k])
  for (const k of ['pathMatches', 'summaryMatches', 'keyMatches'] as const) if (o[k] !== undefined) s[k] = r.regex(o[k], [...path, k])
  if (o.kind !== undefined) s.kind = r.oneOf(o.kind, [...path, 'kind'], ['request', 'response', 'watch', 'cri', 'signal', 'rules', 'packet'] as const)
  if (o.etcdOp !== undefined) s.etcdOp = r.oneOf(o.etcdOp, [...path, 'etcdOp'], ['put', 'delete'] as const)
  if (o.status !== undefined) s.status = r.number(o.status, [...path, 'status'], { integer: true })
  if (o.background !== undefined) s.background = r.boolean(o.background, [...path, 'background'])
  if (o.object !== undefined) {
    const oo = r.object(o.object, [...path, 'object'], ['field', ...COMPARISONS])
    s.object = { field: r.string(oo?.field, [...path, 'object', 'field']) ?? '', ...readComparison(r, oo, [...path, 'object'], true) }
  }
  if (Object.keys(s).length === 0) r.fail(path, 'an empty hop selector matches every hop; say what to match')
  return s
}

function readComparison(r: Reader, o: Record<string, unknown> | undefined, path: Path, required: boolean): Comparison {
  const c: Comparison = {}
  if (!o) return c
  const given = COMPARISONS.filter((k) => k in o)
  if (given.length > 1) r.fail(path, `use one comparison per check; got ${given.join(', ')}`)
  if (required && given.length === 0) r.fail(path, `say what to compare: one of ${COMPARISONS.join(', ')}`)
  for (const k of given) {
    const val = o[k]
    const p = [...path, k]
    if (k === 'exists') c.exists = r.boolean(val, p, false)
    else if (k === 'atLeast' || k === 'atMost') c[k] = r.number(val, p)
    else if (k === 'matches') c.matches = r.regex(val, p)
    else if (k === 'contains' || k === 'notContains') c[k] = r.string(typeof val === 'number' ? String(val) : val, p)
    else if (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean') c[k] = val
    else r.fail(p, `expected text, a number or true/false, got ${val === null ? 'null' : typeof val}`)
  }
  return c
}

export function readObjectRef(r: Reader, v: unknown, path: Path): string {
  const s = r.string(v, path) ?? ''
  if (s && !s.includes('${') && !/^[a-z.0-9]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s)) r.fail(path, `expected kind/name, like pod/nginx or deployment/web; got "${s}"`)
  return s
}

const COUNT_FILTERS = ['running', 'ready', 'pending', 'terminating', 'scheduled'] as const

export function readCountQuery(r: Reader, v: unknown, path: Path): CountQuery {
  if (typeof v === 'string') return { resource: v }
  const o = r.object(v, path, ['resource', 'selector', 'where'])
  const q: CountQuery = { resource: r.string(o?.resource, [...path, 'resource']) ?? '' }
  if (o?.selector !== undefined) q.selector = r.string(o.selector, [...path, 'selector'])
  if (o?.where !== undefined) q.where = readFilter(r, o.where, [...path, 'where'])
  return q
}

function readFilter(r: Reader, v: unknown, path: Path): CountFilter | undefined {
  if (typeof v === 'string') return r.oneOf(v, path, COUNT_FILTERS)
  const o = r.object(v, path, ['field', ...COMPARISONS], `one of ${COUNT_FILTERS.join(', ')}, or a mapping with field and a comparison`)
  return { field: r.string(o?.field, [...path, 'field']) ?? '', ...readComparison(r, o, path, true) }
}

const CHECK_KINDS = ['object', 'count', 'hop', 'kubectl', 'etcd', 'proxyRules'] as const

export function readCheck(r: Reader, v: unknown, path: Path): Check {
  const base = ['says', ...COMPARISONS]
  const o = r.isObject(v) ? v : undefined
  const kinds = o ? CHECK_KINDS.filter((k) => k in o) : []
  if (!o || kinds.length !== 1) {
    r.fail(path, o && kinds.length > 1 ? `one check per list item; got ${kinds.join(' and ')}` : `expected a check: a mapping with one of ${CHECK_KINDS.join(', ')}`)
    return { hop: {}, since: 'step' }
  }
  const says = o.says === undefined ? undefined : readText(r, o.says, [...path, 'says'])
  const withSays = <T extends object>(c: T): T => (says ? { ...c, says } : c)
  switch (kinds[0]) {
    case 'object': {
      r.object(o, path, ['object', 'field', ...base])
      const c = { object: readObjectRef(r, o.object, [...path, 'object']), ...readComparison(r, o, path, false) } as Check & { field?: string }
      if (o.field !== undefined) c.field = r.string(o.field, [...path, 'field'])
      if (c.field !== undefined && !COMPARISONS.some((k) => k in o)) r.fail(path, `say what to compare ${c.field} with: one of ${COMPARISONS.join(', ')}`)
      return withSays(c)
    }
    case 'count': {
      r.object(o, path, ['count', ...base])
      return withSays({ count: readCountQuery(r, o.count, [...path, 'count']), ...readComparison(r, o, path, true) })
    }
    case 'hop': {
      r.object(o, path, ['hop', 'absent', 'atLeast', 'since', 'says'])
      const c: Check = { hop: readHopSelector(r, o.hop, [...path, 'hop']), since: r.oneOf(o.since ?? 'step', [...path, 'since'], ['step', 'lesson'] as const) ?? 'step' }
      if (o.absent !== undefined) c.absent = r.boolean(o.absent, [...path, 'absent'])
      if (o.atLeast !== undefined) c.atLeast = r.number(o.atLeast, [...path, 'atLeast'], { integer: true, min: 1 })
      return withSays(c)
    }
    case 'kubectl': {
      r.object(o, path, ['kubectl', 'stdin', 'exitCode', ...base])
      const c = { kubectl: (r.string(o.kubectl, [...path, 'kubectl']) ?? '').replace(/^kubectl\s+/, ''), ...readComparison(r, o, path, o.exitCode === undefined) } as Check & { stdin?: string; exitCode?: number }
      if (o.stdin !== undefined) c.stdin = r.string(o.stdin, [...path, 'stdin'])
      if (o.exitCode !== undefined) c.exitCode = r.number(o.exitCode, [...path, 'exitCode'], { integer: true, min: 0 })
      return withSays(c)
    }
    case 'proxyRules': {
      r.object(o, path, ['proxyRules', ...base])
      return withSays({ proxyRules: r.string(o.proxyRules, [...path, 'proxyRules']) ?? '', ...readComparison(r, o, path, true) })
    }
    default: {
      r.object(o, path, ['etcd', 'field', ...base])
      const c = { etcd: r.string(o.etcd, [...path, 'etcd']) ?? '', ...readComparison(r, o, path, false) } as Check & { field?: string }
      if (o.field !== undefined) c.field = r.string(o.field, [...path, 'field'])
      return withSays(c)
    }
  }
}
