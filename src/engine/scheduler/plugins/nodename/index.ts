/**
 * NodeName: a pod that names a node in spec.nodeName fits only that node.
 *
 * Upstream: pkg/scheduler/framework/plugins/nodename/node_name.go.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { newStatus, type Status } from '../../status'
import type { NodeInfo } from '../../types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'NodeName'
/** `ErrReason`. */
export const ErrReason = "node(s) didn't match the requested node name"

const rejected: Status = Object.freeze(newStatus('UnschedulableAndUnresolvable', ErrReason))

/** `Fits`: no spec.nodeName, or it equals the node's name. */
export function fits(pod: Pod, nodeInfo: NodeInfo): boolean {
  const want = pod.spec?.nodeName
  return !want || want === nodeInfo.name
}

/** `NodeName.Filter`. */
export function Filter(pod: Pod, nodeInfo: NodeInfo): Status | null {
  return fits(pod, nodeInfo) ? null : rejected
}
