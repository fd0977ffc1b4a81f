/**
 * Label selectors as plain data (no closures), so parsed selectors can live in snapshot state.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches) and
 * pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector): a nil selector matches nothing, an empty
 * one matches everything.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1'

/** Selector operators (label selectors use the first four; node selectors add Gt and Lt). */
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'

/** One parsed requirement: `key op values`. */
export interface Requirement {
  key: string
  op: Operator
  values: readonly string[]
}

/** A parsed selector. `nothing` matches no object; an empty requirement list matches every object. */
export interface Selector {
  nothing: boolean
  requirements: readonly Requirement[]
}

/** Labels as they appear in object metadata. */
export type Labels = Readonly<Record<string, string>> | undefined

/** The selector that matches nothing (`labels.Nothing()`). */
export const NOTHING: Selector = Object.freeze({ nothing: true, requirements: Object.freeze([]) as readonly Requirement[] })
/** The selector that matches everything (`labels.Everything()`). */
export const EVERYTHING: Selector = Object.freeze({ nothing: false, requirements: Object.freeze([]) as readonly Requirement[] })

const LABEL_OPS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist'])

/**
 * `metav1.LabelSelectorAsSelector`: nil → Nothing, `{}` → Everything. An invalid operator makes
 * the selector match nothing (upstream returns an error, which callers treat as a non-match).
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return NOTHING
  const reqs: Requirement[] = []
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key: k, op: 'In', values: [v] })
  for (const e of ls.matchExpressions ?? []) {
    if (!LABEL_OPS.has(e.operator)) return NOTHING
    reqs.push({ key: e.key, op: e.operator as Operator, values: e.values ?? [] })
  }
  if (reqs.length === 0) return EVERYTHING
  // Upstream sorts requirements by key; order does not change the result, only speed.
  return { nothing: false, requirements: reqs }
}

/** `labels.SelectorFromSet`: every key must equal its value. */
export function selectorFromSet(set: Readonly<Record<string, string>>): Selector {
  const reqs: Requirement[] = []
  for (const [k, v] of Object.entries(set)) reqs.push({ key: k, op: 'In', values: [v] })
  return { nothing: false, requirements: reqs }
}

/** A selector with extra requirements appended (ANDed). */
export function selectorAdd(s: Selector, extra: readonly Requirement[]): Selector {
  if (s.nothing) return s
  return { nothing: false, requirements: [...s.requirements, ...extra] }
}

/** Whether the selector matches everything (`Selector.Empty()`). */
export function selectorIsEmpty(s: Selector): boolean {
  return !s.nothing && s.requirements.length === 0
}

function parseIntStrict(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined
  return Number(s)
}

/** `labels.Requirement.Matches`. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key)
  switch (r.op) {
    case 'In':
      return has && r.values.includes(labels![r.key])
    case 'NotIn':
      return !has || !r.values.includes(labels![r.key])
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      if (!has || r.values.length !== 1) return false
      const lv = parseIntStrict(labels![r.key])
      const rv = parseIntStrict(r.values[0])
      if (lv === undefined || rv === undefined) return false
      return r.op === 'Gt' ? lv > rv : lv < rv
    }
  }
}

/** `labels.Selector.Matches`: all requirements hold. */
export function selectorMatches(s: Selector, labels: Labels): boolean {
  if (s.nothing) return false
  const reqs = s.requirements
  for (let i = 0; i < reqs.length; i++) if (!requirementMatches(reqs[i], labels)) return false
  return true
}
