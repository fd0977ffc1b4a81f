/**
 * Cluster events that may make unschedulable pods schedulable, and which plugins care about them.
 *
 * Upstream: staging/src/k8s.io/kube-scheduler/framework/events.go (ClusterEvent, ActionType,
 * NodeSchedulingPropertiesChange), pkg/scheduler/framework/events.go (EventAssignedPodDelete,
 * UnschedulableTimeout…), and each plugin's EventsToRegister with SchedulerQueueingHints on (the
 * v1.33 default).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { deepEqual } from '../api/meta'
import * as InterPodAffinity from './plugins/interpodaffinity'
import * as NodeAffinity from './plugins/nodeaffinity'
import * as NodeName from './plugins/nodename'
import * as NodePorts from './plugins/nodeports'
import * as NodeResourcesFit from './plugins/noderesources'
import * as NodeUnschedulable from './plugins/nodeunschedulable'
import * as PodTopologySpread from './plugins/podtopologyspread'
import * as TaintToleration from './plugins/tainttoleration'

/** `EventResource`: AssignedPod and UnscheduledPod are both matched by a plugin's `Pod`. */
export type EventResource = 'Node' | 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'WildCard'

/** `ActionType` values (a node update may produce several). */
export type ActionType =
  | 'Add'
  | 'Delete'
  | 'UpdateNodeAllocatable'
  | 'UpdateNodeLabel'
  | 'UpdateNodeTaint'
  | 'UpdateNodeCondition'
  | 'UpdateNodeAnnotation'
  | 'UpdatePodLabel'
  | 'UpdatePodScaleDown'
  | 'UpdatePodToleration'
  | 'UpdatePodSchedulingGatesEliminated'
  | 'UpdatePodOther'
  | 'All'

/** A cluster event, with the objects before and after when known (used by queueing hints). */
export interface ClusterEvent {
  resource: EventResource
  action: ActionType
  /** The label upstream logs and counts in metrics, e.g. "NodeAdd", "AssignedPodDelete". */
  label: string
  oldObj?: Node | Pod
  newObj?: Node | Pod
}

/** `framework.EventUnschedulableTimeout`: the 5-minute flush. */
export const EventUnschedulableTimeout: ClusterEvent = Object.freeze({ resource: 'WildCard', action: 'All', label: 'UnschedulableTimeout' })
/** `framework.EventForceActivate`. */
export const EventForceActivate: ClusterEvent = Object.freeze({ resource: 'WildCard', action: 'All', label: 'ForceActivate' })

/** A node was added. */
export function eventNodeAdd(node: Node): ClusterEvent {
  return { resource: 'Node', action: 'Add', label: 'NodeAdd', newObj: node }
}

/** A node was deleted. */
export function eventNodeDelete(node: Node): ClusterEvent {
  return { resource: 'Node', action: 'Delete', label: 'NodeDelete', oldObj: node }
}

/** A bound pod was added (scheduled or created with spec.nodeName). */
export function eventAssignedPodAdd(pod: Pod): ClusterEvent {
  return { resource: 'AssignedPod', action: 'Add', label: 'AssignedPodAdd', newObj: pod }
}

/** A bound pod was deleted (or became terminal): resources, ports and spread domains free up. */
export function eventAssignedPodDelete(pod: Pod): ClusterEvent {
  return { resource: 'AssignedPod', action: 'Delete', label: 'AssignedPodDelete', oldObj: pod }
}

/** A bound pod's labels changed. */
export function eventAssignedPodUpdateLabel(oldPod: Pod, newPod: Pod): ClusterEvent {
  return { resource: 'AssignedPod', action: 'UpdatePodLabel', label: 'AssignedPodUpdatePodLabel', oldObj: oldPod, newObj: newPod }
}

/** Deep equality, an absent value equal to null (reflect.DeepEqual on the decoded fields). Unchanged parts of a stored object are the very same objects, so this mostly compares references. */
function same(a: unknown, b: unknown): boolean {
  return deepEqual(a ?? null, b ?? null)
}

function conditionsWithoutTimes(n: Node): unknown {
  return (n.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message }))
}

/**
 * `NodeSchedulingPropertiesChange`: the events a node update produces (none for a heartbeat).
 * `spec.unschedulable` changes count as UpdateNodeTaint, as upstream.
 */
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = []
  const ev = (action: ActionType, label: string) => out.push({ resource: 'Node', action, label, oldObj: oldNode, newObj: newNode })
  if (!!newNode.spec?.unschedulable !== !!oldNode.spec?.unschedulable) ev('UpdateNodeTaint', 'NodeSpecUnschedulableChange')
  if (!same(newNode.status?.allocatable, oldNode.status?.allocatable)) ev('UpdateNodeAllocatable', 'NodeAllocatableChange')
  if (!same(newNode.metadata?.labels, oldNode.metadata?.labels)) ev('UpdateNodeLabel', 'NodeLabelChange')
  if (!same(newNode.spec?.taints, oldNode.spec?.taints)) ev('UpdateNodeTaint', 'NodeTaintChange')
  if (!same(conditionsWithoutTimes(newNode), conditionsWithoutTimes(oldNode))) ev('UpdateNodeCondition', 'NodeConditionChange')
  if (!same(newNode.metadata?.annotations, oldNode.metadata?.annotations)) ev('UpdateNodeAnnotation', 'NodeAnnotationChange')
  return out
}

/** The PreEnqueue plugin that holds pods with spec.schedulingGates out of the activeQ. */
export const SCHEDULING_GATES = 'SchedulingGates'

/** One plugin's registration: the event it listens to. */
export interface Registration {
  plugin: string
  resource: 'Node' | 'Pod'
  actions: readonly ActionType[]
}

/** `EventsToRegister` of the simulated plugins (queueing hints on, as in v1.33). */
export const REGISTRATIONS: readonly Registration[] = Object.freeze([
  { plugin: SCHEDULING_GATES, resource: 'Pod', actions: ['UpdatePodSchedulingGatesEliminated'] },
  { plugin: NodeUnschedulable.Name, resource: 'Node', actions: ['Add', 'UpdateNodeTaint'] },
  { plugin: NodeUnschedulable.Name, resource: 'Pod', actions: ['UpdatePodToleration'] },
  { plugin: NodeName.Name, resource: 'Node', actions: ['Add'] },
  { plugin: TaintToleration.Name, resource: 'Node', actions: ['Add', 'UpdateNodeTaint'] },
  { plugin: TaintToleration.Name, resource: 'Pod', actions: ['UpdatePodToleration'] },
  { plugin: NodeAffinity.Name, resource: 'Node', actions: ['Add', 'UpdateNodeLabel'] },
  { plugin: NodePorts.Name, resource: 'Pod', actions: ['Delete'] },
  { plugin: NodePorts.Name, resource: 'Node', actions: ['Add'] },
  { plugin: NodeResourcesFit.Name, resource: 'Pod', actions: ['Delete', 'UpdatePodScaleDown'] },
  { plugin: NodeResourcesFit.Name, resource: 'Node', actions: ['Add', 'UpdateNodeAllocatable'] },
  { plugin: PodTopologySpread.Name, resource: 'Pod', actions: ['Add', 'UpdatePodLabel', 'Delete'] },
  { plugin: PodTopologySpread.Name, resource: 'Node', actions: ['Add', 'Delete', 'UpdateNodeLabel', 'UpdateNodeTaint'] },
  { plugin: InterPodAffinity.Name, resource: 'Pod', actions: ['Add', 'UpdatePodLabel', 'Delete'] },
  { plugin: InterPodAffinity.Name, resource: 'Node', actions: ['Add', 'UpdateNodeLabel'] },
])

/** `ClusterEvent.Match`: does a registration cover this event? */
export function registrationMatches(r: Registration, e: ClusterEvent): boolean {
  if (e.resource === 'WildCard') return true
  const resOk = r.resource === e.resource || (r.resource === 'Pod' && (e.resource === 'AssignedPod' || e.resource === 'UnscheduledPod'))
  return resOk && (r.actions.includes('All') || r.actions.includes(e.action))
}

/** `isEventOfInterest`: some plugin registered for the event. */
export function isEventOfInterest(e: ClusterEvent): boolean {
  if (e.resource === 'WildCard') return true
  return REGISTRATIONS.some((r) => registrationMatches(r, e))
}

/** Whether the containers' resource requests differ (a pod's spec is otherwise the same object after an update that left it alone). */
function requestsChanged(a: Pod, b: Pod): boolean {
  if (a.spec === b.spec) return false
  const list = (p: Pod) => [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].map((c) => c.resources?.requests ?? {})
  return !deepEqual(list(a), list(b))
}

/**
 * `PodSchedulingPropertiesChange`: the events an update of a pod produces (UpdatePodOther when
 * nothing scheduling-relevant changed).
 */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource: EventResource = newPod.spec?.nodeName ? 'AssignedPod' : 'UnscheduledPod'
  const out: ClusterEvent[] = []
  const ev = (action: ActionType) => out.push({ resource, action, label: `${resource}${action}`, oldObj: oldPod, newObj: newPod })
  if (!same(newPod.metadata?.labels, oldPod.metadata?.labels)) ev('UpdatePodLabel')
  if (requestsChanged(newPod, oldPod)) ev('UpdatePodScaleDown')
  if ((oldPod.spec?.schedulingGates?.length ?? 0) > 0 && (newPod.spec?.schedulingGates?.length ?? 0) === 0) ev('UpdatePodSchedulingGatesEliminated')
  if (!same(newPod.spec?.tolerations, oldPod.spec?.tolerations)) ev('UpdatePodToleration')
  if (out.length === 0) ev('UpdatePodOther')
  return out
}
