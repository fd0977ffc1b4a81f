/**
 * NodePorts: a pod asking for a hostPort fits only nodes where that (protocol, port) is free on
 * the same IP or on 0.0.0.0.
 *
 * Upstream: pkg/scheduler/framework/plugins/nodeports/node_ports.go and
 * pkg/scheduler/framework/types.go (HostPortInfo.CheckConflict).
 */
import { newStatus, type Status } from '../../status'
import type { HostPort, NodeInfo, PodInfo } from '../../types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'NodePorts'
/** `ErrReason`. */
export const ErrReason = "node(s) didn't have free ports for the requested pod ports"

const rejected: Status = Object.freeze(newStatus('Unschedulable', ErrReason))
const BIND_ALL = '0.0.0.0'

/** `NodePorts.PreFilter`: the wanted host ports, or null (Skip) when there are none. */
export function PreFilter(podInfo: PodInfo): readonly HostPort[] | null {
  return podInfo.hostPorts.length > 0 ? podInfo.hostPorts : null
}

/** `HostPortInfo.CheckConflict`. */
export function checkConflict(used: readonly HostPort[], want: HostPort): boolean {
  if (want.port <= 0) return false
  for (const u of used) {
    if (u.protocol !== want.protocol || u.port !== want.port) continue
    if (want.ip === BIND_ALL || u.ip === BIND_ALL || u.ip === want.ip) return true
  }
  return false
}

/** `fitsPorts`. */
export function fits(want: readonly HostPort[], nodeInfo: NodeInfo): boolean {
  for (const p of want) if (checkConflict(nodeInfo.usedPorts, p)) return false
  return true
}

/** `NodePorts.Filter`. */
export function Filter(want: readonly HostPort[], nodeInfo: NodeInfo): Status | null {
  return fits(want, nodeInfo) ? null : rejected
}
