/**
 * Scoring: PreScore, Score, NormalizeScore and weights of the v1.33 default profile, then
 * selectHost.
 *
 * Upstream: pkg/scheduler/schedule_one.go (prioritizeNodes, selectHost),
 * pkg/scheduler/framework/runtime/framework.go (RunPreScorePlugins, RunScorePlugins) and
 * pkg/scheduler/apis/config/v1/default_plugins.go (weights). A plugin whose PreScore returns Skip
 * is left out entirely for this pod, as upstream does.
 */
import type { CycleState } from './cyclestate'
import * as InterPodAffinity from './plugins/interpodaffinity'
import * as BalancedAllocation from './plugins/balancedallocation'
import * as ImageLocality from './plugins/imagelocality'
import * as NodeAffinity from './plugins/nodeaffinity'
import * as NodeResourcesFit from './plugins/noderesources'
import * as PodTopologySpread from './plugins/podtopologyspread'
import * as TaintToleration from './plugins/tainttoleration'
import type { Snapshot } from './snapshot'
import { MAX_NODE_SCORE, MIN_NODE_SCORE } from './status'
import type { NodeInfo } from './types'

/** Score plugins of the default profile with their weights, in profile order. */
export const DEFAULT_SCORE_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  [TaintToleration.Name]: 3,
  [NodeAffinity.Name]: 2,
  [NodeResourcesFit.Name]: 1,
  [PodTopologySpread.Name]: 2,
  [InterPodAffinity.Name]: 2,
  [BalancedAllocation.Name]: 1,
  [ImageLocality.Name]: 1,
})

// Module-scope aliases of the per-node Score functions (see cyclestate.ts for why).
const MAX = MAX_NODE_SCORE
const MIN = MIN_NODE_SCORE
const ttScore = TaintToleration.Score
const naScore = NodeAffinity.Score
const fitScore = NodeResourcesFit.Score
const ptsScore = PodTopologySpread.Score
const ipaScore = InterPodAffinity.Score
const baScore = BalancedAllocation.Score
const ilScore = ImageLocality.Score

/** One score plugin's results over the feasible nodes (index-aligned with them). */
export interface PluginScores {
  plugin: string
  weight: number
  raw: number[]
  normalized: number[]
}

function scoreAll(nodes: readonly NodeInfo[], f: (ni: NodeInfo) => number): number[] {
  const out = new Array<number>(nodes.length)
  for (let i = 0; i < nodes.length; i++) out[i] = f(nodes[i])
  return out
}

/**
 * `RunPreScorePlugins` + `RunScorePlugins`: raw and normalised scores per plugin, and the
 * weighted totals per node.
 */
export function prioritizeNodes(
  state: CycleState,
  nodes: readonly NodeInfo[],
  snapshot: Snapshot,
  listers?: PodTopologySpread.SpreadListers,
): { plugins: PluginScores[]; totals: number[] } {
  const pod = state.pod
  const plugins: PluginScores[] = []
  const push = (plugin: string, raw: number[], normalized: number[]) => {
    for (let i = 0; i < normalized.length; i++) {
      const s = normalized[i]
      if (s > MAX || s < MIN) throw new Error(`plugin "${plugin}" returns an invalid score ${s}`)
    }
    plugins.push({ plugin, weight: DEFAULT_SCORE_WEIGHTS[plugin], raw, normalized })
  }

  const tt = TaintToleration.PreScore(pod)
  const ttRaw = scoreAll(nodes, (ni) => ttScore(tt, ni))
  push(TaintToleration.Name, ttRaw, TaintToleration.NormalizeScore(ttRaw))

  const na = NodeAffinity.PreScore(pod)
  if (na) {
    const raw = scoreAll(nodes, (ni) => naScore(na, ni))
    push(NodeAffinity.Name, raw, NodeAffinity.NormalizeScore(raw))
  }

  const fit = NodeResourcesFit.PreScore(state.podInfo)
  const fitRaw = scoreAll(nodes, (ni) => fitScore(fit, ni))
  push(NodeResourcesFit.Name, fitRaw, fitRaw)

  const pts = PodTopologySpread.PreScore(pod, nodes, snapshot.list, listers)
  if (pts) {
    const raw = scoreAll(nodes, (ni) => ptsScore(pts, ni))
    push(
      PodTopologySpread.Name,
      raw,
      PodTopologySpread.NormalizeScore(
        pts,
        nodes.map((n) => n.name),
        raw,
      ),
    )
  }

  const ipa = InterPodAffinity.PreScore(state.podInfo, snapshot)
  if (ipa) {
    const raw = scoreAll(nodes, (ni) => ipaScore(ipa, ni))
    push(InterPodAffinity.Name, raw, InterPodAffinity.NormalizeScore(ipa, raw))
  }

  const ba = BalancedAllocation.PreScore(state.podInfo)
  if (ba) {
    const raw = scoreAll(nodes, (ni) => baScore(ba, ni))
    push(BalancedAllocation.Name, raw, raw)
  }

  const il = ImageLocality.PreScore(pod)
  const total = snapshot.list.length
  const ilRaw = scoreAll(nodes, (ni) => ilScore(il, ni, total))
  push(ImageLocality.Name, ilRaw, ilRaw)

  const totals = new Array<number>(nodes.length).fill(0)
  for (const p of plugins) for (let i = 0; i < nodes.length; i++) totals[i] += p.normalized[i] * p.weight
  return { plugins, totals }
}

/**
 * `selectHost`: the highest total wins; ties are broken by reservoir sampling with the seeded
 * `rand` (each of k tied nodes is chosen with probability 1/k), never by node order.
 * Upstream v1.33 walks a max-heap of the scores; here the tied nodes are visited in evaluation
 * order, which draws the same distribution.
 */
export function selectHost(totals: readonly number[], rand: () => number): number {
  if (totals.length === 0) return -1
  let best = totals[0]
  let selected = 0
  let cntOfMaxScore = 1
  for (let i = 1; i < totals.length; i++) {
    const t = totals[i]
    if (t > best) {
      best = t
      selected = i
      cntOfMaxScore = 1
    } else if (t === best) {
      cntOfMaxScore++
      // rand.Intn(cntOfMaxScore) == 0: replace the candidate with probability 1/cntOfMaxScore.
      if (Math.floor(rand() * cntOfMaxScore) === 0) selected = i
    }
  }
  return selected
}
