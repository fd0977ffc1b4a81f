/**
 * Required and preferred node affinity, parsed once per pod into plain data.
 *
 * Upstream: staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
 * (GetRequiredNodeAffinity, LazyErrorNodeSelector, PreferredSchedulingTerms). Terms are ORed,
 * the requirements inside a term are ANDed, a term with no requirements selects nothing, and a
 * term that fails to parse never matches (the "lazy error" behaviour kept for compatibility).
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1'
import { type Labels, type Operator, type Requirement, requirementMatches, selectorFromSet, selectorMatches, type Selector } from './labels'

/** One parsed node selector term. `invalid` terms never match. */
export interface ParsedNodeSelectorTerm {
  matchLabels: readonly Requirement[] | null
  /** Only `metadata.name` is a supported field. */
  matchFields: readonly Requirement[] | null
  invalid: boolean
}

/** `nodeaffinity.RequiredNodeAffinity`: spec.nodeSelector AND the required node affinity terms. */
export interface RequiredNodeAffinity {
  labelSelector: Selector | null
  /** null when the pod has no required node affinity; an empty list matches no node. */
  terms: readonly ParsedNodeSelectorTerm[] | null
}

/** A parsed preferred term with its weight. */
export interface PreferredTerm {
  weight: number
  term: ParsedNodeSelectorTerm
}

const NODE_OPS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'])

function parseLabelRequirement(r: NodeSelectorRequirement): Requirement | undefined {
  if (!NODE_OPS.has(r.operator)) return undefined
  const values = r.values ?? []
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return undefined
      break
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return undefined
      break
    case 'Gt':
    case 'Lt':
      if (values.length !== 1 || !/^[+-]?\d+$/.test(values[0])) return undefined
      break
  }
  return { key: r.key, op: r.operator as Operator, values }
}

function parseFieldRequirement(r: NodeSelectorRequirement): Requirement | undefined {
  // Upstream nodeSelectorRequirementsAsFieldSelector: In/NotIn with exactly one value.
  if (r.key !== 'metadata.name') return undefined
  const values = r.values ?? []
  if ((r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return undefined
  return { key: r.key, op: r.operator, values }
}

function isEmptyTerm(t: NodeSelectorTerm): boolean {
  return (t.matchExpressions?.length ?? 0) === 0 && (t.matchFields?.length ?? 0) === 0
}

/** Parses one NodeSelectorTerm (`newNodeSelectorTerm`). */
export function parseNodeSelectorTerm(t: NodeSelectorTerm): ParsedNodeSelectorTerm {
  let invalid = false
  let matchLabels: Requirement[] | null = null
  let matchFields: Requirement[] | null = null
  if (t.matchExpressions && t.matchExpressions.length > 0) {
    matchLabels = []
    for (const e of t.matchExpressions) {
      const r = parseLabelRequirement(e)
      if (r) matchLabels.push(r)
      else invalid = true
    }
  }
  if (t.matchFields && t.matchFields.length > 0) {
    matchFields = []
    for (const e of t.matchFields) {
      const r = parseFieldRequirement(e)
      if (r) matchFields.push(r)
      else invalid = true
    }
  }
  return { matchLabels, matchFields, invalid }
}

/** `nodeSelectorTerm.match` against a node's labels and its `metadata.name` field. */
export function nodeSelectorTermMatches(t: ParsedNodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  if (t.invalid) return false
  if (t.matchLabels) {
    for (let i = 0; i < t.matchLabels.length; i++) if (!requirementMatches(t.matchLabels[i], labels)) return false
  }
  if (t.matchFields) {
    const fields = { 'metadata.name': nodeName }
    for (let i = 0; i < t.matchFields.length; i++) if (!requirementMatches(t.matchFields[i], fields)) return false
  }
  return true
}

/** `GetRequiredNodeAffinity(pod)`. */
export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const ns = pod.spec?.nodeSelector
  const labelSelector = ns && Object.keys(ns).length > 0 ? selectorFromSet(ns) : null
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  let terms: ParsedNodeSelectorTerm[] | null = null
  if (required) {
    terms = []
    for (const t of required.nodeSelectorTerms ?? []) {
      // A nil or empty term selects no objects.
      if (isEmptyTerm(t)) continue
      terms.push(parseNodeSelectorTerm(t))
    }
  }
  return { labelSelector, terms }
}

/** `RequiredNodeAffinity.Match(node)`; parsing errors count as a non-match. */
export function requiredNodeAffinityMatches(r: RequiredNodeAffinity, node: Node): boolean {
  const labels = node.metadata?.labels
  if (r.labelSelector && !selectorMatches(r.labelSelector, labels)) return false
  if (r.terms) {
    const name = node.metadata?.name ?? ''
    for (let i = 0; i < r.terms.length; i++) if (nodeSelectorTermMatches(r.terms[i], labels, name)) return true
    return false
  }
  return true
}

/**
 * `NewPreferredSchedulingTerms` for the pod's preferred node affinity; null when the pod has none
 * (nil list). Terms with weight 0 or no requirements are dropped.
 */
export function getPreferredSchedulingTerms(pod: Pod): PreferredTerm[] | null {
  const pref = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  if (!pref) return null
  const out: PreferredTerm[] = []
  for (const p of pref) {
    if (!p.weight || isEmptyTerm(p.preference)) continue
    const term = parseNodeSelectorTerm(p.preference)
    if (term.invalid) continue
    out.push({ weight: p.weight, term })
  }
  return out
}

/** `PreferredSchedulingTerms.Score(node)`: the sum of the weights of the matching terms. */
export function preferredTermsScore(terms: readonly PreferredTerm[], node: Node): number {
  let score = 0
  const labels = node.metadata?.labels
  const name = node.metadata?.name ?? ''
  for (const t of terms) if (nodeSelectorTermMatches(t.term, labels, name)) score += t.weight
  return score
}
