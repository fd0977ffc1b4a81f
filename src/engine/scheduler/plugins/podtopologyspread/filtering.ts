/**
 * PodTopologySpread PreFilter / Filter (whenUnsatisfiable: DoNotSchedule).
 *
 * Upstream: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go. A node passes when
 * `matching pods in its domain + (1 if the pod matches its own selector) − global minimum ≤ maxSkew`
 * for every constraint; the global minimum is 0 while fewer than minDomains domains exist.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { getRequiredNodeAffinity } from '../../nodeaffinity'
import { selectorMatches } from '../../labels'
import { newStatus, type Status } from '../../status'
import type { NodeInfo } from '../../types'
import {
  buildDefaultConstraints,
  type Constraint,
  countKey,
  countNodePodsMatching,
  filterTopologySpreadConstraints,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  type SpreadListers,
} from './common'

/** `ErrReasonConstraintsNotMatch`. */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints"
/** `ErrReasonNodeLabelNotMatch`: the node lacks a constraint's topology key. */
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)'

const MAX_INT32 = 2147483647

/** `criticalPaths`: the two domains with the fewest matching pods (the first is the minimum). */
export type CriticalPaths = [{ value: string; matchNum: number }, { value: string; matchNum: number }]

function newCriticalPaths(): CriticalPaths {
  return [
    { value: '', matchNum: MAX_INT32 },
    { value: '', matchNum: MAX_INT32 },
  ]
}

/** `criticalPaths.update`, exactly as upstream (it tracks two paths, not a full order). */
export function updateCriticalPaths(p: CriticalPaths, value: string, num: number): void {
  let i = -1
  if (value === p[0].value) i = 0
  else if (value === p[1].value) i = 1
  if (i >= 0) {
    p[i].matchNum = num
    if (p[0].matchNum > p[1].matchNum) {
      const t = p[0]
      p[0] = p[1]
      p[1] = t
    }
  } else if (num < p[0].matchNum) {
    p[1] = { ...p[0] }
    p[0] = { value, matchNum: num }
  } else if (num < p[1].matchNum) {
    p[1] = { value, matchNum: num }
  }
}

/** `preFilterState`. */
export interface PreFilterState {
  constraints: readonly Constraint[]
  criticalPaths: CriticalPaths[]
  /** Per constraint: topology value → matching pods (every eligible domain has an entry). */
  tpValueToMatchNum: Map<string, number>[]
}

/** `getConstraints` for the Filter: the pod's DoNotSchedule constraints, or the (soft) defaults. */
export function filterConstraints(pod: Pod, listers: SpreadListers | undefined): Constraint[] {
  const tsc = pod.spec?.topologySpreadConstraints
  if (tsc && tsc.length > 0) return filterTopologySpreadConstraints(tsc, pod.metadata?.labels, 'DoNotSchedule')
  return buildDefaultConstraints(pod, 'DoNotSchedule', listers)
}

/**
 * `PodTopologySpread.PreFilter` (`calPreFilterState`): counts matching pods per domain over all
 * nodes that carry every topology key and pass the node inclusion policies. Null means Skip.
 */
export function PreFilter(pod: Pod, allNodes: readonly NodeInfo[], listers?: SpreadListers): PreFilterState | null {
  const constraints = filterConstraints(pod, listers)
  if (constraints.length === 0) return null
  const s: PreFilterState = {
    constraints,
    criticalPaths: [],
    tpValueToMatchNum: constraints.map(() => new Map<string, number>()),
  }
  const required = getRequiredNodeAffinity(pod)
  const ns = pod.metadata?.namespace ?? ''
  const keys = constraints.map((c) => countKey(c, ns))
  for (const ni of allNodes) {
    const node = ni.node
    const labels = node.metadata?.labels
    if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]
      if (!matchNodeInclusionPolicies(c, pod, node, required)) continue
      const value = labels![c.topologyKey]
      const count = countNodePodsMatching(ni, c, ns, keys[i])
      const m = s.tpValueToMatchNum[i]
      m.set(value, (m.get(value) ?? 0) + count)
    }
  }
  for (let i = 0; i < constraints.length; i++) {
    const paths = newCriticalPaths()
    for (const [value, num] of s.tpValueToMatchNum[i]) updateCriticalPaths(paths, value, num)
    s.criticalPaths.push(paths)
  }
  return s
}

/** `preFilterState.minMatchNum`: the global minimum, 0 while domains < minDomains. */
export function minMatchNum(s: PreFilterState, i: number): number {
  const domains = s.tpValueToMatchNum[i].size
  if (domains < s.constraints[i].minDomains) return 0
  return s.criticalPaths[i][0].matchNum
}

/** `PodTopologySpread.Filter`. */
export function Filter(s: PreFilterState, pod: Pod, nodeInfo: NodeInfo): Status | null {
  const labels = nodeInfo.node.metadata?.labels
  const podLabels = pod.metadata?.labels
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]
    if (!labels || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) {
      return newStatus('UnschedulableAndUnresolvable', ErrReasonNodeLabelNotMatch)
    }
    const tpVal = labels[c.topologyKey]
    const min = minMatchNum(s, i)
    const self = selectorMatches(c.selector, podLabels) ? 1 : 0
    const matchNum = s.tpValueToMatchNum[i].get(tpVal) ?? 0
    if (matchNum + self - min > c.maxSkew) return newStatus('Unschedulable', ErrReasonConstraintsNotMatch)
  }
  return null
}

/** `preFilterState.Clone`: what preemption and nominated pods modify. */
export function clonePreFilterState(s: PreFilterState): PreFilterState {
  return {
    constraints: s.constraints,
    criticalPaths: s.criticalPaths.map((p) => [{ ...p[0] }, { ...p[1] }] as CriticalPaths),
    tpValueToMatchNum: s.tpValueToMatchNum.map((m) => new Map(m)),
  }
}

/** `AddPod` / `RemovePod` PreFilter extensions (`updateWithPod`, delta ±1). */
export function updateWithPod(s: PreFilterState, updatedPod: Pod, preemptor: Pod, node: Node, delta: number): void {
  if ((updatedPod.metadata?.namespace ?? '') !== (preemptor.metadata?.namespace ?? '')) return
  const labels = node.metadata?.labels
  if (!nodeLabelsMatchSpreadConstraints(labels, s.constraints)) return
  const required = getRequiredNodeAffinity(preemptor)
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]
    if (!selectorMatches(c.selector, updatedPod.metadata?.labels)) continue
    if (!matchNodeInclusionPolicies(c, preemptor, node, required)) continue
    const v = labels![c.topologyKey]
    const m = s.tpValueToMatchNum[i]
    const n = (m.get(v) ?? 0) + delta
    m.set(v, n)
    updateCriticalPaths(s.criticalPaths[i], v, n)
  }
}
