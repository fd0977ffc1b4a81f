/**
 * InterPodAffinity PreFilter / Filter: required pod affinity and anti-affinity, both the incoming
 * pod's and the existing pods' anti-affinity towards it.
 *
 * Upstream: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Labels } from '../../labels'
import { newStatus, type Status } from '../../status'
import { havePodsWithRequiredAntiAffinity, type Snapshot } from '../../snapshot'
import { affinityTermMatches, type AffinityTerm, type NodeInfo, type PodInfo } from '../../types'
import { mergeAffinityTermNamespaces, namespaceLabelsOf, pairKey } from './common'

/** `ErrReasonExistingAntiAffinityRulesNotMatch`. */
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules"
/** `ErrReasonAffinityRulesNotMatch`. */
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules"
/** `ErrReasonAntiAffinityRulesNotMatch`. */
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules"

const affinityRejected: Status = Object.freeze(newStatus('UnschedulableAndUnresolvable', ErrReasonAffinityRulesNotMatch))
const antiAffinityRejected: Status = Object.freeze(newStatus('Unschedulable', ErrReasonAntiAffinityRulesNotMatch))
const existingRejected: Status = Object.freeze(newStatus('Unschedulable', ErrReasonExistingAntiAffinityRulesNotMatch))

/** `preFilterState`: counts keyed by `pairKey(topologyKey, value)`. */
export interface PreFilterState {
  pod: Pod
  requiredAffinityTerms: readonly AffinityTerm[]
  requiredAntiAffinityTerms: readonly AffinityTerm[]
  namespaceLabels: Labels
  /** Existing pods whose required anti-affinity terms match the incoming pod. */
  existingAntiAffinityCounts: Map<string, number>
  /** Existing pods matching all of the incoming pod's required affinity terms. */
  affinityCounts: Map<string, number>
  /** Existing pods matching the incoming pod's required anti-affinity terms. */
  antiAffinityCounts: Map<string, number>
}

function bump(m: Map<string, number>, node: Node, key: string, delta: number): void {
  const v = node.metadata?.labels?.[key]
  if (v === undefined) return
  const k = pairKey(key, v)
  const n = (m.get(k) ?? 0) + delta
  if (n === 0) m.delete(k)
  else m.set(k, n)
}

/** `podMatchesAllAffinityTerms`: false for an empty list. */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false
  for (const t of terms) if (!affinityTermMatches(t, pod, undefined)) return false
  return true
}

function addAffinity(m: Map<string, number>, terms: readonly AffinityTerm[], pod: Pod, node: Node, delta: number): void {
  if (podMatchesAllAffinityTerms(terms, pod)) for (const t of terms) bump(m, node, t.topologyKey, delta)
}

function addAntiAffinity(m: Map<string, number>, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels, node: Node, delta: number): void {
  for (const t of terms) if (affinityTermMatches(t, pod, nsLabels)) bump(m, node, t.topologyKey, delta)
}

/**
 * `InterPodAffinity.PreFilter`; null means Skip (no required terms on the pod and no existing
 * pod's anti-affinity matches it).
 */
export function PreFilter(podInfo: PodInfo, snapshot: Snapshot): PreFilterState | null {
  const pod = podInfo.pod
  const requiredAffinityTerms = podInfo.requiredAffinityTerms.map((t) => mergeAffinityTermNamespaces(t, snapshot))
  const requiredAntiAffinityTerms = podInfo.requiredAntiAffinityTerms.map((t) => mergeAffinityTermNamespaces(t, snapshot))
  const namespaceLabels = namespaceLabelsOf(snapshot, pod.metadata?.namespace ?? '')

  const existingAntiAffinityCounts = new Map<string, number>()
  for (const ni of havePodsWithRequiredAntiAffinity(snapshot)) {
    for (const existing of ni.podsWithRequiredAntiAffinity) {
      addAntiAffinity(existingAntiAffinityCounts, existing.requiredAntiAffinityTerms, pod, namespaceLabels, ni.node, 1)
    }
  }
  const affinityCounts = new Map<string, number>()
  const antiAffinityCounts = new Map<string, number>()
  if (requiredAffinityTerms.length > 0 || requiredAntiAffinityTerms.length > 0) {
    for (const ni of snapshot.list) {
      for (const existing of ni.pods) {
        addAffinity(affinityCounts, requiredAffinityTerms, existing, ni.node, 1)
        // Incoming terms have their namespaceSelector merged already: no namespace labels needed.
        addAntiAffinity(antiAffinityCounts, requiredAntiAffinityTerms, existing, undefined, ni.node, 1)
      }
    }
  }
  if (existingAntiAffinityCounts.size === 0 && requiredAffinityTerms.length === 0 && requiredAntiAffinityTerms.length === 0) {
    return null
  }
  return { pod, requiredAffinityTerms, requiredAntiAffinityTerms, namespaceLabels, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts }
}

/** `satisfyExistingPodsAntiAffinity`. */
export function satisfyExistingPodsAntiAffinity(s: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true
  const labels = nodeInfo.node.metadata?.labels ?? {}
  for (const k in labels) if ((s.existingAntiAffinityCounts.get(pairKey(k, labels[k])) ?? 0) > 0) return false
  return true
}

/** `satisfyPodAntiAffinity`. */
export function satisfyPodAntiAffinity(s: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true
  const labels = nodeInfo.node.metadata?.labels ?? {}
  for (const t of s.requiredAntiAffinityTerms) {
    const v = labels[t.topologyKey]
    if (v !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return false
  }
  return true
}

/**
 * `satisfyPodAffinity`: every term's topology key must be on the node with a matching pod in
 * that domain; the first pod of a group with affinity to itself may go anywhere with the keys.
 */
export function satisfyPodAffinity(s: PreFilterState, nodeInfo: NodeInfo): boolean {
  let podsExist = true
  const labels = nodeInfo.node.metadata?.labels ?? {}
  for (const t of s.requiredAffinityTerms) {
    const v = labels[t.topologyKey]
    if (v === undefined) return false
    if ((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false
  }
  if (!podsExist) return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.requiredAffinityTerms, s.pod)
  return true
}

/** `InterPodAffinity.Filter`: affinity, then the pod's anti-affinity, then existing pods' anti-affinity. */
export function Filter(s: PreFilterState, nodeInfo: NodeInfo): Status | null {
  if (!satisfyPodAffinity(s, nodeInfo)) return affinityRejected
  if (!satisfyPodAntiAffinity(s, nodeInfo)) return antiAffinityRejected
  if (!satisfyExistingPodsAntiAffinity(s, nodeInfo)) return existingRejected
  return null
}

/** `preFilterState.Clone`. */
export function clonePreFilterState(s: PreFilterState): PreFilterState {
  return {
    ...s,
    existingAntiAffinityCounts: new Map(s.existingAntiAffinityCounts),
    affinityCounts: new Map(s.affinityCounts),
    antiAffinityCounts: new Map(s.antiAffinityCounts),
  }
}

/** `AddPod` / `RemovePod` PreFilter extensions (`updateWithPod`, multiplier ±1). */
export function updateWithPod(s: PreFilterState, pi: PodInfo, node: Node, delta: number): void {
  addAntiAffinity(s.existingAntiAffinityCounts, pi.requiredAntiAffinityTerms, s.pod, s.namespaceLabels, node, delta)
  addAffinity(s.affinityCounts, s.requiredAffinityTerms, pi.pod, node, delta)
  addAntiAffinity(s.antiAffinityCounts, s.requiredAntiAffinityTerms, pi.pod, undefined, node, delta)
}
