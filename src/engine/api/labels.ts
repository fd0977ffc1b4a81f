/**
 * Label selectors: the string syntax of `kubectl get -l` and `?labelSelector=`, and the
 * metav1.LabelSelector objects of workloads. Upstream: k8s.io/apimachinery/pkg/labels/selector.go.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1'

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!'

export interface Requirement {
  key: string
  op: Operator
  values: string[]
}

/** A parsed selector: every requirement must hold. An empty list matches everything. */
export type Selector = Requirement[]

export class SelectorParseError extends Error {}

/**
 * Parses `app=web,tier in (a,b),!canary,env`. Throws SelectorParseError with upstream-like text.
 */
export function parseSelector(s: string): Selector {
  const out: Selector = []
  let i = 0
  const src = s.trim()
  const skip = () => {
    while (i < src.length && src[i] === ' ') i++
  }
  const ident = () => {
    skip()
    const start = i
    while (i < src.length && !' ,=!()'.includes(src[i])) i++
    return src.slice(start, i)
  }
  while (i < src.length) {
    skip()
    if (src[i] === '!') {
      i++
      const key = ident()
      if (!key) throw new SelectorParseError(`unable to parse requirement: found '', expected: identifier`)
      out.push({ key, op: '!', values: [] })
    } else {
      const key = ident()
      if (!key) throw new SelectorParseError(`found '${src[i] ?? ''}', expected: !, identifier, or 'end of string'`)
      skip()
      if (i >= src.length || src[i] === ',') {
        out.push({ key, op: 'exists', values: [] })
      } else if (src.startsWith('==', i) || src.startsWith('!=', i) || src[i] === '=') {
        const op: Operator = src.startsWith('==', i) ? '==' : src.startsWith('!=', i) ? '!=' : '='
        i += op.length
        const v = ident()
        out.push({ key, op, values: [v] })
      } else {
        const word = ident().toLowerCase()
        if (word !== 'in' && word !== 'notin') throw new SelectorParseError(`unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt`)
        skip()
        if (src[i] !== '(') throw new SelectorParseError(`found '${src[i] ?? ''}', expected: '('`)
        const close = src.indexOf(')', i)
        if (close < 0) throw new SelectorParseError(`found '', expected: ')'`)
        const values = src.slice(i + 1, close).split(',').map((v) => v.trim()).filter((v) => v !== '')
        i = close + 1
        out.push({ key, op: word, values })
      }
    }
    skip()
    if (i < src.length) {
      if (src[i] !== ',') throw new SelectorParseError(`found '${src[i]}', expected: ',' or 'end of string'`)
      i++
    }
  }
  return out
}

/** Converts a metav1.LabelSelector. `undefined` selects nothing; `{}` selects everything. */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector | null {
  if (!ls) return null
  const out: Selector = []
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) out.push({ key: k, op: '=', values: [v] })
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!'
    out.push({ key: e.key, op, values: e.values ?? [] })
  }
  return out
}

export function matches(sel: Selector | null, labels: Record<string, string> | undefined): boolean {
  if (sel === null) return false
  const l = labels ?? {}
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    const v = l[r.key]
    switch (r.op) {
      case '=':
      case '==':
      case 'in':
        if (!has || !r.values.includes(v)) return false
        break
      case '!=':
      case 'notin':
        if (has && r.values.includes(v)) return false
        break
      case 'exists':
        if (!has) return false
        break
      case '!':
        if (has) return false
        break
    }
  }
  return true
}

/** `app=web,tier=fe`: how kubectl and describe print a selector (matchLabels sorted). */
export function formatLabelSelector(ls: LabelSelector | undefined): string {
  if (!ls) return '<none>'
  const parts: string[] = []
  for (const [k, v] of Object.entries(ls.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) parts.push(`${k}=${v}`)
  for (const e of ls.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`)
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`)
    else if (e.operator === 'Exists') parts.push(e.key)
    else parts.push(`!${e.key}`)
  }
  return parts.length ? parts.join(',') : '<none>'
}

/** Field selectors: `metadata.name=x,spec.nodeName=node-1,status.phase!=Running`. */
export interface FieldRequirement {
  field: string
  op: '=' | '!='
  value: string
}

export function parseFieldSelector(s: string): FieldRequirement[] {
  if (!s.trim()) return []
  return s.split(',').map((part) => {
    const ne = part.indexOf('!=')
    if (ne >= 0) return { field: part.slice(0, ne).trim(), op: '!=' as const, value: part.slice(ne + 2).trim() }
    const eq = part.indexOf('==') >= 0 ? part.indexOf('==') : part.indexOf('=')
    if (eq < 0) throw new SelectorParseError(`invalid selector: '${s}'; can't understand '${part}'`)
    const len = part.startsWith('==', eq) ? 2 : 1
    return { field: part.slice(0, eq).trim(), op: '=' as const, value: part.slice(eq + len).trim() }
  })
}

/** Reads a dotted field path from an object (`spec.nodeName`). Missing fields read as ''. */
const splitPaths = new Map<string, string[]>()

export function fieldValue(obj: unknown, path: string): string {
  let parts = splitPaths.get(path)
  if (!parts) splitPaths.set(path, (parts = path.split('.')))
  let cur: unknown = obj
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return ''
    cur = (cur as Record<string, unknown>)[p]
  }
  return cur === undefined || cur === null ? '' : String(cur)
}

export function matchesFields(reqs: FieldRequirement[], obj: unknown): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field)
    if (r.op === '=' ? v !== r.value : v === r.value) return false
  }
  return true
}
