/**
 * The FailedScheduling message: `FitError.Error()`.
 *
 * Upstream: pkg/scheduler/framework/types.go (Diagnosis, FitError.Error, NoNodeAvailableMsg) and
 * pkg/scheduler/framework/types.go NodeToStatus (explicit statuses plus one "absent" status for
 * nodes a PreFilter excluded). Each node contributes the reasons of the first filter that
 * rejected it; the "<count> <reason>" parts are sorted as text (Go's sort.Strings, byte order).
 *
 * Example: `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint
 * {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 1 No preemption
 * victims found for incoming pod, 2 Preemption is not helpful for scheduling.`
 */
import type { Status } from './status'

/** `ErrNoNodesAvailable`: the message when the cluster has no nodes at all. */
export const ErrNoNodesAvailable = 'no nodes available to schedule pods'

/** `framework.NodeToStatus`: statuses of evaluated nodes, and the status of all the others. */
export interface NodeToStatus {
  /** Node name → status, in evaluation order. */
  explicit: Map<string, Status>
  /** Status of nodes not in `explicit` (UnschedulableAndUnresolvable without reasons by default). */
  absent: Status
}

/** `framework.Diagnosis` as far as the message needs it. */
export interface Diagnosis {
  nodeToStatus: NodeToStatus
  /** Message of a PreFilter plugin that rejected the pod. */
  preFilterMsg?: string
  /** Message of the PostFilter (preemption), already prefixed with "preemption: ". */
  postFilterMsg?: string
}

/** `NewDefaultNodeToStatus`. */
export function newNodeToStatus(absent?: Status): NodeToStatus {
  return { explicit: new Map(), absent: absent ?? { code: 'UnschedulableAndUnresolvable', reasons: [] } }
}

/** `NodeToStatus.Get`. */
export function nodeStatus(m: NodeToStatus, name: string): Status {
  return m.explicit.get(name) ?? m.absent
}

/** Go's sort.Strings: byte-wise order (the same as UTF-16 order for the ASCII reasons here). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `FitError.Error()`: "0/X nodes are available: <PreFilterMsg>. <FilterMsg>. <PostFilterMsg>". */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`
  } else {
    const reasons = new Map<string, number>()
    for (const st of d.nodeToStatus.explicit.values()) {
      for (const r of st.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1)
    }
    const absentCount = numAllNodes - d.nodeToStatus.explicit.size
    if (absentCount > 0) {
      for (const r of d.nodeToStatus.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absentCount)
    }
    const parts: string[] = []
    for (const [r, n] of reasons) parts.push(`${n} ${r}`)
    parts.sort(byteOrder)
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`
  return msg
}

/** `validation.NoteLengthLimit`: events and conditions carry at most 1 KiB of message. */
export const NOTE_LENGTH_LIMIT = 1024

/** `truncateMessage`: the FailedScheduling event text, cut to 1024 bytes with " ...". */
export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message
  const suffix = ' ...'
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix
}
