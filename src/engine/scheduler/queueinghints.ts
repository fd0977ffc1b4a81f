/**
 * Queueing hints: given an event, would this plugin now perhaps accept the pod it rejected?
 * QueueSkip keeps the pod in the unschedulable pool; Queue moves it back (after its back-off).
 *
 * Upstream: each plugin's isSchedulableAfter… function (SchedulerQueueingHints, on in v1.33):
 * noderesources/fit.go, tainttoleration, nodeaffinity, nodeunschedulable, nodename. Plugins
 * without a hint here (NodePorts, PodTopologySpread, InterPodAffinity) answer Queue to every
 * registered event: a superset of upstream's requeues, never fewer.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { ClusterEvent } from './events'
import { getRequiredNodeAffinity, requiredNodeAffinityMatches } from './nodeaffinity'
import * as NodeAffinity from './plugins/nodeaffinity'
import * as NodeName from './plugins/nodename'
import * as NodeResourcesFit from './plugins/noderesources'
import * as NodeUnschedulable from './plugins/nodeunschedulable'
import * as TaintToleration from './plugins/tainttoleration'
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from './taints'
import { newNodeInfo, newPodInfo, nodeAllocatable } from './types'

/** `framework.QueueingHint`. */
export type QueueingHint = 'Queue' | 'QueueSkip'

function fitResourcesHint(pod: Pod, e: ClusterEvent): QueueingHint {
  if (e.resource === 'Node') {
    const modified = e.newObj as Node | undefined
    if (!modified) return 'Queue'
    const pi = newPodInfo(pod)
    if (!NodeResourcesFit.fits(pi, newNodeInfo(modified))) return 'QueueSkip'
    const original = e.oldObj as Node | undefined
    if (!original) return 'Queue'
    // haveAnyRequestedResourcesIncreased
    const a = nodeAllocatable(original)
    const b = nodeAllocatable(modified)
    const r = pi.requests
    if (b.allowedPodNumber > a.allowedPodNumber) return 'Queue'
    if ((r.milliCPU > 0 && b.milliCPU > a.milliCPU) || (r.memory > 0 && b.memory > a.memory) || (r.ephemeralStorage > 0 && b.ephemeralStorage > a.ephemeralStorage)) {
      return 'Queue'
    }
    for (const k in r.scalar) if (r.scalar[k] > 0 && (b.scalar[k] ?? 0) > (a.scalar[k] ?? 0)) return 'Queue'
    return 'QueueSkip'
  }
  if (e.action === 'Delete') {
    const deleted = e.oldObj as Pod | undefined
    if (deleted && !deleted.spec?.nodeName && !deleted.status?.nominatedNodeName) return 'QueueSkip'
  }
  return 'Queue'
}

function taintHint(pod: Pod, e: ClusterEvent): QueueingHint {
  if (e.resource !== 'Node') return 'Queue'
  const modified = e.newObj as Node | undefined
  if (!modified) return 'Queue'
  const original = e.oldObj as Node | undefined
  const tol = pod.spec?.tolerations
  const was = original ? !!findMatchingUntoleratedTaint(original.spec?.taints, tol, isDoNotScheduleTaint) : true
  const is = !!findMatchingUntoleratedTaint(modified.spec?.taints, tol, isDoNotScheduleTaint)
  return was && !is ? 'Queue' : 'QueueSkip'
}

function nodeAffinityHint(pod: Pod, e: ClusterEvent): QueueingHint {
  const modified = e.newObj as Node | undefined
  if (!modified) return 'Queue'
  const req = getRequiredNodeAffinity(pod)
  if (!requiredNodeAffinityMatches(req, modified)) return 'QueueSkip'
  const original = e.oldObj as Node | undefined
  if (!original) return 'Queue'
  return requiredNodeAffinityMatches(req, original) ? 'QueueSkip' : 'Queue'
}

function unschedulableHint(_pod: Pod, e: ClusterEvent): QueueingHint {
  if (e.resource !== 'Node') return 'Queue'
  const modified = e.newObj as Node | undefined
  if (!modified) return 'Queue'
  const original = e.oldObj as Node | undefined
  if ((original && original.spec?.unschedulable && !modified.spec?.unschedulable) || (!original && !modified.spec?.unschedulable)) return 'Queue'
  return 'QueueSkip'
}

function nodeNameHint(pod: Pod, e: ClusterEvent): QueueingHint {
  const modified = e.newObj as Node | undefined
  const want = pod.spec?.nodeName
  if (!modified || !want || want === modified.metadata?.name) return 'Queue'
  return 'QueueSkip'
}

const HINTS: Readonly<Record<string, (pod: Pod, e: ClusterEvent) => QueueingHint>> = {
  [NodeResourcesFit.Name]: fitResourcesHint,
  [TaintToleration.Name]: taintHint,
  [NodeAffinity.Name]: nodeAffinityHint,
  [NodeUnschedulable.Name]: unschedulableHint,
  [NodeName.Name]: nodeNameHint,
}

/** The hint of `plugin` for `pod` after event `e` (Queue when the plugin has no hint function). */
export function queueingHint(plugin: string, pod: Pod, e: ClusterEvent): QueueingHint {
  const f = HINTS[plugin]
  return f ? f(pod, e) : 'Queue'
}
