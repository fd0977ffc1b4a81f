/**
 * NodeAffinity: Filter on spec.nodeSelector and required node affinity; Score sums the weights of
 * the matching preferred terms, normalised so the best node gets 100.
 *
 * Upstream: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import {
  getPreferredSchedulingTerms,
  getRequiredNodeAffinity,
  preferredTermsScore,
  type PreferredTerm,
  type RequiredNodeAffinity,
  requiredNodeAffinityMatches,
} from '../../nodeaffinity'
import { newStatus, type Status } from '../../status'
import type { NodeInfo } from '../../types'
import { normalizeToMax } from '../helper/normalize_score'

/** Plugin name as in the scheduler configuration. */
export const Name = 'NodeAffinity'
/** `ErrReasonPod`. */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector"
/** `errReasonConflict`: every required term pins metadata.name to disjoint sets. */
export const ErrReasonConflict = 'pod affinity terms conflict'

const rejected: Status = Object.freeze(newStatus('UnschedulableAndUnresolvable', ErrReasonPod))

/** PreFilter outcome: skip the Filter, reject the pod outright, or filter (maybe on fewer nodes). */
export type PreFilterResult =
  | { skip: true }
  | { skip: false; status: Status }
  | { skip: false; status?: undefined; state: RequiredNodeAffinity; nodeNames?: ReadonlySet<string> }

/**
 * `NodeAffinity.PreFilter`: Skip when the pod has neither a nodeSelector nor required node
 * affinity. When every required term names nodes with `matchFields metadata.name In`, only those
 * nodes are evaluated (PreFilterResult.NodeNames).
 */
export function PreFilter(pod: Pod): PreFilterResult {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (!required && pod.spec?.nodeSelector == null) return { skip: true }
  const state = getRequiredNodeAffinity(pod)
  const terms = required?.nodeSelectorTerms ?? []
  if (!required || terms.length === 0) return { skip: false, state }
  let nodeNames: Set<string> | undefined
  for (const t of terms) {
    let termNames: Set<string> | undefined
    for (const r of t.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In') {
        const s = new Set(r.values ?? [])
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s
      }
    }
    // A term without a metadata.name affinity admits every node: the terms are ORed.
    if (!termNames) return { skip: false, state }
    nodeNames = nodeNames ? new Set([...nodeNames, ...termNames]) : termNames
  }
  if (nodeNames && nodeNames.size === 0) return { skip: false, status: newStatus('UnschedulableAndUnresolvable', ErrReasonConflict) }
  return { skip: false, state, nodeNames }
}

/** `NodeAffinity.Filter`. */
export function Filter(state: RequiredNodeAffinity, nodeInfo: NodeInfo): Status | null {
  return requiredNodeAffinityMatches(state, nodeInfo.node) ? null : rejected
}

/** `NodeAffinity.PreScore`: null means Skip (the pod has no preferred node affinity). */
export function PreScore(pod: Pod): readonly PreferredTerm[] | null {
  return getPreferredSchedulingTerms(pod)
}

/** `NodeAffinity.Score`: the sum of the weights of the preferred terms the node matches. */
export function Score(terms: readonly PreferredTerm[], nodeInfo: NodeInfo): number {
  return preferredTermsScore(terms, nodeInfo.node)
}

/** `NormalizeScore`: DefaultNormalizeScore, not reversed. */
export function NormalizeScore(scores: readonly number[]): number[] {
  return normalizeToMax(scores, false)
}
