/**
 * One scheduling cycle for one pod, with its explanation: PreFilter, Filter over an adaptive share
 * of the nodes starting where the previous cycle stopped, PostFilter (preemption) when nothing
 * fits, then Score, NormalizeScore, weights and selectHost.
 *
 * Upstream: pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, numFeasibleNodesToFind, evaluateNominatedNode, schedulingCycle).
 * Filters run one node after another here, so exactly `numFeasibleNodesToFind` feasible nodes are
 * found before stopping (upstream's 16 goroutines may examine a few more).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { NodeVerdict, SchedulingDecision } from '../trace/hop'
import { type CycleState, type FilterFailure, runFilterPluginsWithNominatedPods, runPreFilterPlugins } from './cyclestate'
import { type Diagnosis, ErrNoNodesAvailable, fitErrorMessage, newNodeToStatus } from './fiterror'
import type { SpreadListers } from './plugins/podtopologyspread'
import { preempt } from './preemption'
import { prioritizeNodes, selectHost } from './prioritize'
import type { Snapshot } from './snapshot'
import { newStatus, statusMessage } from './status'
import { type NodeInfo, newPodInfo, type PodInfo } from './types'

// Module-scope aliases of functions called once per node (see cyclestate.ts for why).
const filterNode = runFilterPluginsWithNominatedPods
const statusText = statusMessage

/** `minFeasibleNodesToFind`: below this many nodes every node is examined. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100
/** `minFeasibleNodesPercentageToFind`. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5

/**
 * `numFeasibleNodesToFind`: how many feasible nodes to find before scoring. With the default
 * percentage (0 = adaptive) it is `50 − nodes/125` percent, at least 5%, and never below 100 nodes.
 * Example: 1000 nodes → 42% → 420; 5000 nodes → 10% → 500.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
  let percentage = percentageOfNodesToScore ?? 0
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125)
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100)
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes
}

/** Inputs of a cycle besides the pod and the cache. */
export interface ScheduleOptions {
  /** Seeded random numbers in [0, 1): selectHost ties and the preemption offset. */
  rand: () => number
  /** `sched.nextStartNodeIndex` from the previous cycle (0 at start). */
  nextStartNodeIndex?: number
  /** Profile `percentageOfNodesToScore`; unset or 0 means adaptive. */
  percentageOfNodesToScore?: number
  /** Services and workload controllers, for PodTopologySpread's system default constraints. */
  spreadListers?: SpreadListers
  /** Pending pods nominated to nodes by earlier preemptions, by node name (the nominator). */
  nominatedPods?: ReadonlyMap<string, readonly Pod[]>
  /** Run DefaultPreemption when nothing fits (default true). */
  preemption?: boolean
  /** A precomputed PodInfo for the pod, to skip recomputing it. */
  podInfo?: PodInfo
}

/** The cycle's outcome: the decision to record in the hop, and what the caller must do next. */
export interface ScheduleResult {
  decision: SchedulingDecision
  /** Pass this to the next cycle. */
  nextStartNodeIndex: number
  /** The chosen node (bind the pod there), or undefined when unschedulable. */
  node?: string
  /** `ScheduleResult.EvaluatedNodes` / `FeasibleNodes`. */
  evaluatedNodes: number
  feasibleNodes: number
  /** The FailedScheduling event message and PodScheduled=False condition message. */
  message?: string
  /** `Diagnosis.UnschedulablePlugins`: which plugins rejected the pod (for requeueing). */
  unschedulablePlugins: string[]
  /** Set when preemption chose a node: patch status.nominatedNodeName and evict `victims`. */
  nominatedNodeName?: string
  victims?: Pod[]
}

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`
}

function nominatedInfos(opts: ScheduleOptions): Map<string, PodInfo[]> | undefined {
  if (!opts.nominatedPods || opts.nominatedPods.size === 0) return undefined
  const m = new Map<string, PodInfo[]>()
  for (const [node, pods] of opts.nominatedPods) m.set(node, pods.map(newPodInfo))
  return m
}

/**
 * `schedulePod` (with the PostFilter of `schedulingCycle`): filters and scores `snapshot`'s nodes
 * for `pod`, keeping every node's verdict. The snapshot is not modified; after binding, the caller
 * adds the pod to it (assume).
 */
export function schedulePod(pod: Pod, snapshot: Snapshot, opts: ScheduleOptions): ScheduleResult {
  const allNodes = snapshot.list
  const numAll = allNodes.length
  const start = opts.nextStartNodeIndex ?? 0
  const decision: SchedulingDecision = { pod: podKey(pod), nodesEvaluated: 0, nodesTotal: numAll, verdicts: [] }
  if (numAll === 0) {
    decision.message = ErrNoNodesAvailable
    return { decision, nextStartNodeIndex: start, evaluatedNodes: 0, feasibleNodes: 0, message: ErrNoNodesAvailable, unschedulablePlugins: [] }
  }

  const podInfo = opts.podInfo ?? newPodInfo(pod)
  const pre = runPreFilterPlugins(podInfo, snapshot, opts.spreadListers)
  const state = pre.state
  const nominated = nominatedInfos(opts)
  const diagnosis: Diagnosis = { nodeToStatus: newNodeToStatus() }
  const unschedulable = new Set<string>()

  if (pre.rejected) {
    // All nodes share the PreFilter status; the message carries it once.
    diagnosis.nodeToStatus.absent = pre.rejected.status
    diagnosis.preFilterMsg = statusMessage(pre.rejected.status)
    unschedulable.add(pre.rejected.plugin)
    for (const ni of allNodes) decision.verdicts.push({ node: ni.name, feasible: false, filter: { plugin: pre.rejected.plugin, reason: diagnosis.preFilterMsg } })
    return failed(state, snapshot, decision, diagnosis, unschedulable, start, 0, opts, nominated)
  }

  // A node nominated by an earlier preemption is tried first, alone.
  const nom = pod.status?.nominatedNodeName
  const nomNode = nom ? snapshot.nodeInfoMap.get(nom) : undefined
  if (nomNode && (!pre.nodeNames || pre.nodeNames.has(nomNode.name))) {
    const f = runFilterPluginsWithNominatedPods(state, nomNode, nominated?.get(nomNode.name))
    if (!f) {
      decision.node = nomNode.name
      decision.nodesEvaluated = 1
      decision.verdicts.push({ node: nomNode.name, feasible: true })
      return { decision, nextStartNodeIndex: start, node: nomNode.name, evaluatedNodes: 1, feasibleNodes: 1, unschedulablePlugins: [] }
    }
  }

  let nodes: readonly NodeInfo[] = allNodes
  if (pre.nodeNames) {
    const names = pre.nodeNames
    nodes = allNodes.filter((n) => names.has(n.name))
    const absentReason = `node(s) didn't satisfy plugin(s) [${(pre.nodeNamesPlugins ?? []).slice().sort().join(' ')}]`
    diagnosis.nodeToStatus.absent = newStatus('UnschedulableAndUnresolvable', absentReason)
  }

  // findNodesThatPassFilters
  const numNodes = nodes.length
  const numToFind = numFeasibleNodesToFind(opts.percentageOfNodesToScore, numNodes)
  const feasible: NodeInfo[] = []
  const failures: (FilterFailure | null)[] = []
  const order: NodeInfo[] = []
  let processed = 0
  for (let i = 0; i < numNodes && feasible.length < numToFind; i++) {
    const ni = nodes[(start + i) % numNodes]
    const f = filterNode(state, ni, nominated?.get(ni.name))
    order.push(ni)
    failures.push(f)
    processed++
    if (f) {
      diagnosis.nodeToStatus.explicit.set(ni.name, f.status)
      unschedulable.add(f.plugin)
    } else {
      feasible.push(ni)
    }
  }
  const nextStartNodeIndex = (start + processed) % numAll
  decision.nodesEvaluated = processed

  if (feasible.length === 0) {
    for (let i = 0; i < order.length; i++) {
      const f = failures[i]!
      decision.verdicts.push({ node: order[i].name, feasible: false, filter: { plugin: f.plugin, reason: statusText(f.status) } })
    }
    pushExcluded(decision, allNodes, nodes, diagnosis)
    return failed(state, snapshot, decision, diagnosis, unschedulable, nextStartNodeIndex, processed, opts, nominated)
  }

  if (feasible.length === 1) {
    // "When only one node after predicate, just use it": no scoring.
    for (let i = 0; i < order.length; i++) {
      const f = failures[i]
      decision.verdicts.push(f ? { node: order[i].name, feasible: false, filter: { plugin: f.plugin, reason: statusText(f.status) } } : { node: order[i].name, feasible: true })
    }
    pushExcluded(decision, allNodes, nodes, diagnosis)
    decision.node = feasible[0].name
    return { decision, nextStartNodeIndex, node: feasible[0].name, evaluatedNodes: processed, feasibleNodes: 1, unschedulablePlugins: [] }
  }

  const { plugins, totals } = prioritizeNodes(state, feasible, snapshot, opts.spreadListers)
  const chosen = selectHost(totals, opts.rand)
  let fi = 0
  for (let i = 0; i < order.length; i++) {
    const f = failures[i]
    if (f) {
      decision.verdicts.push({ node: order[i].name, feasible: false, filter: { plugin: f.plugin, reason: statusText(f.status) } })
      continue
    }
    const scores = new Array<{ plugin: string; raw: number; normalized: number; weight: number }>(plugins.length)
    for (let p = 0; p < plugins.length; p++) {
      const ps = plugins[p]
      scores[p] = { plugin: ps.plugin, raw: ps.raw[fi], normalized: ps.normalized[fi], weight: ps.weight }
    }
    const v: NodeVerdict = { node: order[i].name, feasible: true, scores, total: totals[fi] }
    decision.verdicts.push(v)
    fi++
  }
  pushExcluded(decision, allNodes, nodes, diagnosis)
  const node = feasible[chosen].name
  decision.node = node
  return { decision, nextStartNodeIndex, node, evaluatedNodes: processed, feasibleNodes: feasible.length, unschedulablePlugins: [] }
}

/** Verdicts for nodes a PreFilter left out of the search (PreFilterResult.NodeNames). */
function pushExcluded(decision: SchedulingDecision, allNodes: readonly NodeInfo[], nodes: readonly NodeInfo[], d: Diagnosis): void {
  if (nodes === allNodes) return
  const reason = statusMessage(d.nodeToStatus.absent)
  const inSearch = new Set(nodes.map((n) => n.name))
  for (const ni of allNodes) {
    if (!inSearch.has(ni.name)) decision.verdicts.push({ node: ni.name, feasible: false, filter: { plugin: 'NodeAffinity', reason } })
  }
}

/** The FitError path: PostFilter (preemption), then the FailedScheduling message. */
function failed(
  state: CycleState,
  snapshot: Snapshot,
  decision: SchedulingDecision,
  diagnosis: Diagnosis,
  unschedulable: Set<string>,
  nextStartNodeIndex: number,
  evaluated: number,
  opts: ScheduleOptions,
  nominated: Map<string, PodInfo[]> | undefined,
): ScheduleResult {
  let nominatedNodeName: string | undefined
  let victims: Pod[] | undefined
  if (opts.preemption !== false) {
    const r = preempt(state, snapshot, diagnosis.nodeToStatus, { rand: opts.rand, nominatedPods: nominated })
    if (r.message) diagnosis.postFilterMsg = r.message
    nominatedNodeName = r.nominatedNodeName
    victims = r.victims
  }
  const message = fitErrorMessage(snapshot.list.length, diagnosis)
  decision.message = message
  return {
    decision,
    nextStartNodeIndex,
    evaluatedNodes: evaluated,
    feasibleNodes: 0,
    message,
    unschedulablePlugins: [...unschedulable].sort(),
    nominatedNodeName,
    victims,
  }
}
