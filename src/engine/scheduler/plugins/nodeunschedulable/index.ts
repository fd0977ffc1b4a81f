/**
 * NodeUnschedulable: cordoned nodes (spec.unschedulable) reject pods, unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 *
 * Upstream: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { newStatus, type Status } from '../../status'
import { TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../../taints'
import type { NodeInfo } from '../../types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'NodeUnschedulable'
/** `ErrReasonUnschedulable`. */
export const ErrReasonUnschedulable = 'node(s) were unschedulable'

const rejected: Status = Object.freeze(newStatus('UnschedulableAndUnresolvable', ErrReasonUnschedulable))

/** Whether the pod may land on the node as far as cordoning goes. */
export function fits(pod: Pod, nodeInfo: NodeInfo): boolean {
  if (!nodeInfo.node.spec?.unschedulable) return true
  return tolerationsTolerateTaint(pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })
}

/** `NodeUnschedulable.Filter`. */
export function Filter(pod: Pod, nodeInfo: NodeInfo): Status | null {
  return fits(pod, nodeInfo) ? null : rejected
}
