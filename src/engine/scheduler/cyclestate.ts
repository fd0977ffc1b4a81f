/**
 * One scheduling cycle's state and the Filter pipeline of the v1.33 default profile.
 *
 * Upstream: pkg/scheduler/framework/cycle_state.go, pkg/scheduler/framework/runtime/framework.go
 * (RunPreFilterPlugins, RunFilterPlugins, RunFilterPluginsWithNominatedPods) and
 * pkg/scheduler/apis/config/v1/default_plugins.go for the order. Volume plugins
 * (VolumeRestrictions, VolumeBinding, VolumeZone, NodeVolumeLimits…) are not simulated.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { RequiredNodeAffinity } from './nodeaffinity'
import * as InterPodAffinity from './plugins/interpodaffinity'
import * as NodeAffinity from './plugins/nodeaffinity'
import * as NodeName from './plugins/nodename'
import * as NodePorts from './plugins/nodeports'
import * as NodeResourcesFit from './plugins/noderesources'
import * as NodeUnschedulable from './plugins/nodeunschedulable'
import * as PodTopologySpread from './plugins/podtopologyspread'
import * as TaintToleration from './plugins/tainttoleration'
import type { Snapshot } from './snapshot'
import type { Status } from './status'
import { type HostPort, type NodeInfo, nodeInfoAddPod, nodeInfoClone, type PodInfo, type Resource } from './types'

// Module-scope aliases: some bundlers and test runners turn `Plugin.Filter` into a getter call per
// access, which shows up when filtering hundreds of nodes per pod.
const unschedulableFilter = NodeUnschedulable.Filter
const nodeNameFilter = NodeName.Filter
const taintFilter = TaintToleration.Filter
const nodeAffinityFilter = NodeAffinity.Filter
const nodePortsFilter = NodePorts.Filter
const fitFilter = NodeResourcesFit.Filter
const spreadFilter = PodTopologySpread.Filter
const interPodFilter = InterPodAffinity.Filter
const N_UNSCHEDULABLE = NodeUnschedulable.Name
const N_NODE_NAME = NodeName.Name
const N_TAINT = TaintToleration.Name
const N_NODE_AFFINITY = NodeAffinity.Name
const N_NODE_PORTS = NodePorts.Name
const N_FIT = NodeResourcesFit.Name
const N_SPREAD = PodTopologySpread.Name
const N_INTER_POD = InterPodAffinity.Name

/** Filter plugins in the order the default profile runs them. */
export const FILTER_PLUGINS: readonly string[] = Object.freeze([
  NodeUnschedulable.Name,
  NodeName.Name,
  TaintToleration.Name,
  NodeAffinity.Name,
  NodePorts.Name,
  NodeResourcesFit.Name,
  PodTopologySpread.Name,
  InterPodAffinity.Name,
])

/** PreFilter results; a null field means that plugin returned Skip (its Filter is skipped too). */
export interface CycleState {
  pod: Pod
  podInfo: PodInfo
  nodeAffinity: RequiredNodeAffinity | null
  nodePorts: readonly HostPort[] | null
  fit: Resource
  spread: PodTopologySpread.PreFilterState | null
  interPodAffinity: InterPodAffinity.PreFilterState | null
}

/** A rejected PreFilter, or the nodes a PreFilter narrowed the search to. */
export interface PreFilterOutcome {
  state: CycleState
  /** Set when a PreFilter plugin rejected the pod outright. */
  rejected?: { plugin: string; status: Status }
  /** `PreFilterResult.NodeNames` (only NodeAffinity produces one) and the plugins that set it. */
  nodeNames?: ReadonlySet<string>
  nodeNamesPlugins?: readonly string[]
}

/** `RunPreFilterPlugins`: NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread, InterPodAffinity. */
export function runPreFilterPlugins(podInfo: PodInfo, snapshot: Snapshot, listers?: PodTopologySpread.SpreadListers): PreFilterOutcome {
  const pod = podInfo.pod
  const state: CycleState = {
    pod,
    podInfo,
    nodeAffinity: null,
    nodePorts: null,
    fit: NodeResourcesFit.PreFilter(podInfo),
    spread: null,
    interPodAffinity: null,
  }
  const na = NodeAffinity.PreFilter(pod)
  let nodeNames: ReadonlySet<string> | undefined
  if (!na.skip) {
    if (na.status) return { state, rejected: { plugin: NodeAffinity.Name, status: na.status } }
    state.nodeAffinity = na.state
    nodeNames = na.nodeNames
  }
  state.nodePorts = NodePorts.PreFilter(podInfo)
  state.spread = PodTopologySpread.PreFilter(pod, snapshot.list, listers)
  state.interPodAffinity = InterPodAffinity.PreFilter(podInfo, snapshot)
  return nodeNames ? { state, nodeNames, nodeNamesPlugins: [NodeAffinity.Name] } : { state }
}

/** The first Filter plugin that rejected a node, and its status. */
export interface FilterFailure {
  plugin: string
  status: Status
}

/** `RunFilterPlugins`: stops at the first plugin that does not return Success. */
export function runFilterPlugins(state: CycleState, ni: NodeInfo): FilterFailure | null {
  const pod = state.pod
  let s = unschedulableFilter(pod, ni)
  if (s) return { plugin: N_UNSCHEDULABLE, status: s }
  s = nodeNameFilter(pod, ni)
  if (s) return { plugin: N_NODE_NAME, status: s }
  s = taintFilter(pod, ni)
  if (s) return { plugin: N_TAINT, status: s }
  if (state.nodeAffinity) {
    s = nodeAffinityFilter(state.nodeAffinity, ni)
    if (s) return { plugin: N_NODE_AFFINITY, status: s }
  }
  if (state.nodePorts) {
    s = nodePortsFilter(state.nodePorts, ni)
    if (s) return { plugin: N_NODE_PORTS, status: s }
  }
  s = fitFilter(state.fit, ni)
  if (s) return { plugin: N_FIT, status: s }
  if (state.spread) {
    s = spreadFilter(state.spread, pod, ni)
    if (s) return { plugin: N_SPREAD, status: s }
  }
  if (state.interPodAffinity) {
    s = interPodFilter(state.interPodAffinity, ni)
    if (s) return { plugin: N_INTER_POD, status: s }
  }
  return null
}

/** `CycleState.Clone`: copies the states that PreFilter extensions modify. */
export function cloneCycleState(state: CycleState): CycleState {
  return {
    ...state,
    spread: state.spread ? PodTopologySpread.clonePreFilterState(state.spread) : null,
    interPodAffinity: state.interPodAffinity ? InterPodAffinity.clonePreFilterState(state.interPodAffinity) : null,
  }
}

/** `RunPreFilterExtensionAddPod` / `RemovePod` for the plugins that have extensions. */
export function updateCycleStateWithPod(state: CycleState, pi: PodInfo, ni: NodeInfo, delta: 1 | -1): void {
  if (state.spread) PodTopologySpread.updateWithPod(state.spread, pi.pod, state.pod, ni.node, delta)
  if (state.interPodAffinity) InterPodAffinity.updateWithPod(state.interPodAffinity, pi, ni.node, delta)
}

/**
 * `RunFilterPluginsWithNominatedPods`: when pods of equal or higher priority are nominated to the
 * node (after preemption), the pod must fit both with them counted and without them.
 */
export function runFilterPluginsWithNominatedPods(
  state: CycleState,
  ni: NodeInfo,
  nominated: readonly PodInfo[] | undefined,
): FilterFailure | null {
  if (nominated && nominated.length > 0) {
    let niOut: NodeInfo | undefined
    let stateOut: CycleState | undefined
    for (const pi of nominated) {
      if (pi.priority < state.podInfo.priority || pi.key === state.podInfo.key) continue
      if (!niOut || !stateOut) {
        niOut = nodeInfoClone(ni)
        stateOut = cloneCycleState(state)
      }
      nodeInfoAddPod(niOut, pi)
      updateCycleStateWithPod(stateOut, pi, niOut, 1)
    }
    if (niOut && stateOut) {
      const first = runFilterPlugins(stateOut, niOut)
      if (first) return first
    }
  }
  return runFilterPlugins(state, ni)
}
