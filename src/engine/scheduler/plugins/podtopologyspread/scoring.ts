/**
 * PodTopologySpread PreScore / Score / NormalizeScore (whenUnsatisfiable: ScheduleAnyway, and the
 * system default constraints).
 *
 * Upstream: pkg/scheduler/framework/plugins/podtopologyspread/scoring.go. A node's raw score is
 * Σ (matching pods in its domain × log(domains + 2) + maxSkew − 1), rounded; fewer is better, so
 * NormalizeScore maps it to 100 × (max + min − score) / max.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { getRequiredNodeAffinity } from '../../nodeaffinity'
import { MAX_NODE_SCORE } from '../../status'
import type { NodeInfo } from '../../types'
import {
  buildDefaultConstraints,
  type Constraint,
  countKey,
  countNodePodsMatching,
  filterTopologySpreadConstraints,
  LABEL_HOSTNAME,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  type SpreadListers,
} from './common'

/** `preScoreState`. */
export interface PreScoreState {
  constraints: readonly Constraint[]
  /** Names of filtered nodes missing some topology key: they score 0. */
  ignoredNodes: Set<string>
  /** Per constraint: topology value → matching pods (hostname constraints are counted in Score). */
  topologyValueToPodCounts: Map<string, number>[]
  topologyNormalizingWeight: number[]
  namespace: string
  /** Per constraint: the NodeInfo.matchCountCache key. */
  countKeys: string[]
}

/** `topologyNormalizingWeight`: log(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2)
}

/** `scoreForCount`. */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1)
}

/**
 * `PodTopologySpread.PreScore`: null means Skip (no soft constraints, or no nodes).
 * `filteredNodes` are the feasible nodes; `allNodes` the whole snapshot.
 */
export function PreScore(
  pod: Pod,
  filteredNodes: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  listers?: SpreadListers,
): PreScoreState | null {
  if (allNodes.length === 0) return null
  const tsc = pod.spec?.topologySpreadConstraints
  const hasOwn = !!tsc && tsc.length > 0
  const constraints = hasOwn
    ? filterTopologySpreadConstraints(tsc, pod.metadata?.labels, 'ScheduleAnyway')
    : buildDefaultConstraints(pod, 'ScheduleAnyway', listers)
  if (constraints.length === 0) return null
  // Only non-system-default constraints require every topology key on a node.
  const requireAllTopologies = hasOwn
  const s: PreScoreState = {
    constraints,
    ignoredNodes: new Set(),
    topologyValueToPodCounts: constraints.map(() => new Map<string, number>()),
    topologyNormalizingWeight: [],
    namespace: pod.metadata?.namespace ?? '',
    countKeys: constraints.map((c) => countKey(c, pod.metadata?.namespace ?? '')),
  }
  const topoSize = constraints.map(() => 0)
  for (const ni of filteredNodes) {
    const labels = ni.node.metadata?.labels
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
      s.ignoredNodes.add(ni.name)
      continue
    }
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]
      if (c.topologyKey === LABEL_HOSTNAME) continue
      // A missing label reads as "" in Go; keep that quirk for default constraints.
      const value = labels?.[c.topologyKey] ?? ''
      const m = s.topologyValueToPodCounts[i]
      if (!m.has(value)) {
        m.set(value, 0)
        topoSize[i]++
      }
    }
  }
  for (let i = 0; i < constraints.length; i++) {
    const sz = constraints[i].topologyKey === LABEL_HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]
    s.topologyNormalizingWeight.push(topologyNormalizingWeight(sz))
  }
  const required = getRequiredNodeAffinity(pod)
  for (const ni of allNodes) {
    const node = ni.node
    const labels = node.metadata?.labels
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]
      if (!matchNodeInclusionPolicies(c, pod, node, required)) continue
      const value = labels?.[c.topologyKey] ?? ''
      const m = s.topologyValueToPodCounts[i]
      const cur = m.get(value)
      // Domains without a candidate node, and hostname counts, are skipped here.
      if (cur === undefined || c.topologyKey === LABEL_HOSTNAME) continue
      m.set(value, cur + countNodePodsMatching(ni, c, s.namespace, s.countKeys[i]))
    }
  }
  return s
}

/** `PodTopologySpread.Score`: the weighted matching-pod count of the node's domains, rounded. */
export function Score(s: PreScoreState, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.has(nodeInfo.name)) return 0
  const labels = nodeInfo.node.metadata?.labels
  let score = 0
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]
    if (!labels || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) continue
    const cnt =
      c.topologyKey === LABEL_HOSTNAME
        ? countNodePodsMatching(nodeInfo, c, s.namespace, s.countKeys[i])
        : s.topologyValueToPodCounts[i].get(labels[c.topologyKey]) ?? 0
    score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i])
  }
  return Math.round(score)
}

/**
 * `PodTopologySpread.NormalizeScore`: ignored nodes get 0; if every score is 0 all get 100;
 * otherwise 100 × (max + min − score) / max, truncated.
 */
export function NormalizeScore(s: PreScoreState, nodeNames: readonly string[], scores: readonly number[]): number[] {
  let min = Number.MAX_SAFE_INTEGER
  let max = 0
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodeNames[i])) continue
    if (scores[i] < min) min = scores[i]
    if (scores[i] > max) max = scores[i]
  }
  const out = new Array<number>(scores.length)
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodeNames[i])) out[i] = 0
    else if (max === 0) out[i] = MAX_NODE_SCORE
    else out[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max)
  }
  return out
}
