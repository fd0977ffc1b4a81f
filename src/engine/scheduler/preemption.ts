/**
 * DefaultPreemption, the PostFilter that runs when no node fits: it looks for a node where evicting
 * lower-priority pods would make room, and otherwise explains why preemption cannot help.
 *
 * Upstream: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
 * (PostFilter, SelectVictimsOnNode, PodEligibleToPreemptOthers, calculateNumCandidates) and
 * pkg/scheduler/framework/preemption/preemption.go (Preempt, findCandidates,
 * nodesWherePreemptionMightHelp, DryRunPreemption, pickOneNodeForPreemption).
 *
 * Simplifications: PodDisruptionBudgets are not consulted (no victim counts as a PDB violation);
 * extenders do not exist. Evicting the victims is the scheduler component's job (delete them with
 * the DisruptionTarget condition, then set the preemptor's status.nominatedNodeName).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { type CycleState, cloneCycleState, type FilterFailure, runFilterPluginsWithNominatedPods, updateCycleStateWithPod } from './cyclestate'
import { fitErrorMessage, newNodeToStatus, type NodeToStatus, nodeStatus } from './fiterror'
import type { Snapshot } from './snapshot'
import { newStatus, type Status } from './status'
import { type NodeInfo, nodeInfoAddPod, nodeInfoClone, nodeInfoRemovePod, type PodInfo } from './types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'DefaultPreemption'
/** The dry-run status of a node without lower-priority pods. */
export const ErrReasonNoVictims = 'No preemption victims found for incoming pod'
/** The status of nodes rejected as UnschedulableAndUnresolvable: evicting pods cannot help. */
export const ErrReasonNotHelpful = 'Preemption is not helpful for scheduling'
/** `DefaultPreemptionArgs` defaults. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100
/** The condition the scheduler sets on a victim before deleting it (reason and message format). */
export const DISRUPTION_TARGET_REASON = 'PreemptionByScheduler'
/** `<schedulerName>: preempting to accommodate a higher priority pod`. */
export function disruptionTargetMessage(schedulerName: string): string {
  return `${schedulerName}: preempting to accommodate a higher priority pod`
}

/** The PostFilter outcome. */
export interface PostFilterResult {
  /** "preemption: …" to append to the FailedScheduling message; empty when a node was nominated. */
  message: string
  /** The node the pod should wait for (`status.nominatedNodeName`). */
  nominatedNodeName?: string
  /** Pods to evict on that node, most important first. */
  victims?: Pod[]
}

function isTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata?.deletionTimestamp) return false
  const c = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget')
  return !!c && c.status === 'True' && c.reason === DISRUPTION_TARGET_REASON
}

/** `PodEligibleToPreemptOthers`: a reason when the pod may not preempt, else undefined. */
export function podEligibleToPreemptOthers(state: CycleState, snapshot: Snapshot, m: NodeToStatus): string | undefined {
  const pod = state.pod
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.'
  const nom = pod.status?.nominatedNodeName
  if (nom) {
    // A nominated node that is now UnschedulableAndUnresolvable warrants a new attempt.
    if (nodeStatus(m, nom).code === 'UnschedulableAndUnresolvable') return undefined
    const ni = snapshot.nodeInfoMap.get(nom)
    if (ni) {
      for (const p of ni.podInfos) {
        if (p.priority < state.podInfo.priority && isTerminatingByPreemption(p.pod)) {
          return 'not eligible due to a terminating pod on the nominated node.'
        }
      }
    }
  }
  return undefined
}

/** `util.MoreImportantPod`: higher priority, then earlier start (no startTime counts as now). */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  const pa = a.spec?.priority ?? 0
  const pb = b.spec?.priority ?? 0
  if (pa !== pb) return pa > pb
  const ta = a.status?.startTime ?? '\uffff'
  const tb = b.status?.startTime ?? '\uffff'
  return ta < tb
}

/** `calculateNumCandidates`: 10% of the nodes, at least 100, at most all of them. */
export function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100)
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE
  if (n > numNodes) n = numNodes
  return n
}

interface Candidate {
  node: string
  victims: PodInfo[]
}

/**
 * `SelectVictimsOnNode`: removes every lower-priority pod; if the pod still does not fit, returns
 * that failure; otherwise adds victims back from the most important down while the pod still fits.
 */
export function selectVictimsOnNode(
  state: CycleState,
  ni: NodeInfo,
  nominated: readonly PodInfo[] | undefined,
): { victims: PodInfo[] } | { status: Status } {
  const nodeInfo = nodeInfoClone(ni)
  const cs = cloneCycleState(state)
  const potential: PodInfo[] = []
  for (const pi of ni.podInfos) if (pi.priority < state.podInfo.priority) potential.push(pi)
  for (const pi of potential) {
    nodeInfoRemovePod(nodeInfo, pi.key)
    updateCycleStateWithPod(cs, pi, nodeInfo, -1)
  }
  if (potential.length === 0) return { status: newStatus('UnschedulableAndUnresolvable', ErrReasonNoVictims) }
  const first = runFilterPluginsWithNominatedPods(cs, nodeInfo, nominated)
  if (first) return { status: first.status }
  potential.sort((a, b) => (moreImportantPod(a.pod, b.pod) ? -1 : moreImportantPod(b.pod, a.pod) ? 1 : 0))
  const victims: PodInfo[] = []
  for (const pi of potential) {
    nodeInfoAddPod(nodeInfo, pi)
    updateCycleStateWithPod(cs, pi, nodeInfo, 1)
    if (runFilterPluginsWithNominatedPods(cs, nodeInfo, nominated)) {
      nodeInfoRemovePod(nodeInfo, pi.key)
      updateCycleStateWithPod(cs, pi, nodeInfo, -1)
      victims.push(pi)
    }
  }
  return { victims }
}

/** `pickOneNodeForPreemption` without PDBs: fewest/lowest victims, then the latest-started. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined
  const highest = (c: Candidate) => (c.victims.length > 0 ? c.victims[0].priority : Number.MIN_SAFE_INTEGER)
  let list = candidates.slice()
  const keepMin = (f: (c: Candidate) => number) => {
    let best = Infinity
    for (const c of list) best = Math.min(best, f(c))
    list = list.filter((c) => f(c) === best)
  }
  keepMin(highest)
  if (list.length > 1) keepMin((c) => c.victims.reduce((s, v) => s + v.priority + 2147483648, 0))
  if (list.length > 1) keepMin((c) => c.victims.length)
  if (list.length > 1) {
    // The node whose highest-priority victims started the latest.
    const earliest = (c: Candidate) => {
      const top = highest(c)
      let t = '\uffff'
      for (const v of c.victims) if (v.priority === top && (v.pod.status?.startTime ?? '\uffff') < t) t = v.pod.status?.startTime ?? '\uffff'
      return t
    }
    let best = ''
    for (const c of list) if (earliest(c) > best) best = earliest(c)
    list = list.filter((c) => earliest(c) === best)
  }
  return list[0]
}

/** Options of the PostFilter. */
export interface PreemptOptions {
  rand: () => number
  nominatedPods?: ReadonlyMap<string, readonly PodInfo[]>
}

/**
 * `DefaultPreemption.PostFilter` (`Evaluator.Preempt`). `m` holds the Filter statuses of the
 * failed cycle. Returns the "preemption: …" message, or the nominated node and victims.
 */
export function preempt(state: CycleState, snapshot: Snapshot, m: NodeToStatus, opts: PreemptOptions): PostFilterResult {
  const notEligible = podEligibleToPreemptOthers(state, snapshot, m)
  if (notEligible) return { message: 'preemption: ' + notEligible }

  const allNodes = snapshot.list
  const statuses = newNodeToStatus()
  const notHelpful = newStatus('UnschedulableAndUnresolvable', ErrReasonNotHelpful)
  const potential: NodeInfo[] = []
  for (const ni of allNodes) {
    if (nodeStatus(m, ni.name).code === 'UnschedulableAndUnresolvable') statuses.explicit.set(ni.name, notHelpful)
    else potential.push(ni)
  }

  const candidates: Candidate[] = []
  if (potential.length > 0) {
    const offset = Math.floor(opts.rand() * potential.length)
    const numCandidates = calculateNumCandidates(potential.length)
    for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
      const ni = potential[(offset + i) % potential.length]
      const r = selectVictimsOnNode(state, ni, opts.nominatedPods?.get(ni.name))
      if ('victims' in r && r.victims.length > 0) candidates.push({ node: ni.name, victims: r.victims })
      else if ('status' in r) statuses.explicit.set(ni.name, r.status)
      else statuses.explicit.set(ni.name, newStatus('Error', `expected at least one victim pod on node "${ni.name}"`))
    }
  }

  const best = pickOneNodeForPreemption(candidates)
  if (!best) return { message: 'preemption: ' + fitErrorMessage(allNodes.length, { nodeToStatus: statuses }) }
  return { message: '', nominatedNodeName: best.node, victims: best.victims.map((v) => v.pod) }
}

/** The failure a node reported, as the framework records it. */
export type { FilterFailure }
