/**
 * InterPodAffinity PreScore / Score / NormalizeScore: preferred affinity (+weight) and
 * anti-affinity (−weight) of the incoming pod towards existing pods, existing pods' preferred
 * terms towards it, and their required affinity terms with HardPodAffinityWeight (default 1).
 *
 * Upstream: pkg/scheduler/framework/plugins/interpodaffinity/scoring.go.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Labels } from '../../labels'
import { MAX_NODE_SCORE } from '../../status'
import { havePodsWithAffinity, type Snapshot } from '../../snapshot'
import { affinityTermMatches, type AffinityTerm, type NodeInfo, type PodInfo, type WeightedAffinityTerm } from '../../types'
import { mergeAffinityTermNamespaces, namespaceLabelsOf } from './common'

/** `InterPodAffinityArgs.HardPodAffinityWeight` default. */
export const HARD_POD_AFFINITY_WEIGHT = 1

/** `preScoreState`: topology key → topology value → summed weight. */
export interface PreScoreState {
  topologyScore: Map<string, Map<string, number>>
}

function processTerm(m: Map<string, Map<string, number>>, t: AffinityTerm, weight: number, pod: Pod, nsLabels: Labels, node: Node, mult: number): void {
  if (!affinityTermMatches(t, pod, nsLabels)) return
  const v = node.metadata?.labels?.[t.topologyKey]
  if (v === undefined) return
  let byValue = m.get(t.topologyKey)
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()))
  byValue.set(v, (byValue.get(v) ?? 0) + weight * mult)
}

function processTerms(m: Map<string, Map<string, number>>, terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Labels, node: Node, mult: number): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, nsLabels, node, mult)
}

/**
 * `InterPodAffinity.PreScore`; null means Skip (nothing contributed to any topology).
 * Without preferred terms on the incoming pod only nodes hosting pods with affinity are visited.
 */
export function PreScore(podInfo: PodInfo, snapshot: Snapshot): PreScoreState | null {
  const pod = podInfo.pod
  const hasConstraints = podInfo.preferredAffinityTerms.length > 0 || podInfo.preferredAntiAffinityTerms.length > 0
  const nodes = hasConstraints ? snapshot.list : havePodsWithAffinity(snapshot)
  if (nodes.length === 0) return null
  const prefAffinity = podInfo.preferredAffinityTerms.map((t) => mergeAffinityTermNamespaces(t, snapshot))
  const prefAnti = podInfo.preferredAntiAffinityTerms.map((t) => mergeAffinityTermNamespaces(t, snapshot))
  const nsLabels = namespaceLabelsOf(snapshot, pod.metadata?.namespace ?? '')
  const m = new Map<string, Map<string, number>>()
  for (const ni of nodes) {
    const node = ni.node
    const labels = node.metadata?.labels
    if (!labels || Object.keys(labels).length === 0) continue
    const pods = hasConstraints ? ni.podInfos : ni.podsWithAffinity
    for (const existing of pods) {
      processTerms(m, prefAffinity, existing.pod, undefined, node, 1)
      processTerms(m, prefAnti, existing.pod, undefined, node, -1)
      if (HARD_POD_AFFINITY_WEIGHT > 0) {
        for (const t of existing.requiredAffinityTerms) processTerm(m, t, HARD_POD_AFFINITY_WEIGHT, pod, nsLabels, node, 1)
      }
      processTerms(m, existing.preferredAffinityTerms, pod, nsLabels, node, 1)
      processTerms(m, existing.preferredAntiAffinityTerms, pod, nsLabels, node, -1)
    }
  }
  if (m.size === 0) return null
  return { topologyScore: m }
}

/** `InterPodAffinity.Score`: the summed weights of the node's topology values (may be negative). */
export function Score(s: PreScoreState, nodeInfo: NodeInfo): number {
  const labels = nodeInfo.node.metadata?.labels
  if (!labels) return 0
  let score = 0
  for (const [key, byValue] of s.topologyScore) {
    const v = labels[key]
    if (v !== undefined) score += byValue.get(v) ?? 0
  }
  return score
}

/** `InterPodAffinity.NormalizeScore`: min–max scaling to 0–100, truncated; all 0 when equal. */
export function NormalizeScore(s: PreScoreState, scores: readonly number[]): number[] {
  if (s.topologyScore.size === 0) return scores.slice()
  let min = Infinity
  let max = -Infinity
  for (const v of scores) {
    if (v > max) max = v
    if (v < min) min = v
  }
  const diff = max - min
  return scores.map((v) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((v - min) / diff)) : 0))
}
