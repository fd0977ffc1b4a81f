/**
 * TaintToleration: Filter rejects nodes with a NoSchedule / NoExecute taint the pod does not
 * tolerate; Score counts the PreferNoSchedule taints the pod does not tolerate (fewer is better,
 * hence the reverse normalisation).
 *
 * Upstream: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go.
 */
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1'
import { newStatus, type Status } from '../../status'
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../../taints'
import type { NodeInfo } from '../../types'
import { normalizeToMax } from '../helper/normalize_score'

/** Plugin name as in the scheduler configuration. */
export const Name = 'TaintToleration'

/** The Filter reason: `node(s) had untolerated taint {key: value}`. */
export function errReasonUntolerated(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`
}

/** `TaintToleration.Filter`: the first untolerated NoSchedule/NoExecute taint, in node order. */
export function Filter(pod: Pod, nodeInfo: NodeInfo): Status | null {
  const taints = nodeInfo.node.spec?.taints
  if (!taints || taints.length === 0) return null
  const taint = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, isDoNotScheduleTaint)
  return taint ? newStatus('UnschedulableAndUnresolvable', errReasonUntolerated(taint)) : null
}

/** PreScore state: the pod's tolerations that can tolerate PreferNoSchedule taints. */
export interface PreScoreState {
  tolerationsPreferNoSchedule: readonly Toleration[]
}

/** `getAllTolerationPreferNoSchedule`: an empty effect tolerates all effects, so it counts too. */
export function PreScore(pod: Pod): PreScoreState {
  const out: Toleration[] = []
  for (const t of pod.spec?.tolerations ?? []) if (!t.effect || t.effect === 'PreferNoSchedule') out.push(t)
  return { tolerationsPreferNoSchedule: out }
}

/** `countIntolerableTaintsPreferNoSchedule`: the raw score. */
export function Score(state: PreScoreState, nodeInfo: NodeInfo): number {
  let n = 0
  for (const taint of nodeInfo.node.spec?.taints ?? []) {
    if (taint.effect !== 'PreferNoSchedule') continue
    if (!tolerationsTolerateTaint(state.tolerationsPreferNoSchedule, taint)) n++
  }
  return n
}

/** `NormalizeScore`: DefaultNormalizeScore reversed (0 intolerable taints → 100). */
export function NormalizeScore(scores: readonly number[]): number[] {
  return normalizeToMax(scores, true)
}
