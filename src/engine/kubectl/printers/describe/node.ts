/**
 * `kubectl describe node`: conditions, addresses, capacity, system info, the non-terminated pods
 * with their requests and limits as a share of allocatable, and the allocated totals.
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describeNode, describeNodeLease,
 * describeNodeResource, getPodsTotalRequestsAndLimits).
 */
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Event, Node, Pod } from 'kubernetes-types/core/v1'
import { translateTimestampSince } from '../duration'
import { byteCompare } from '../labels'
import { addQuantity, formatQuantity, parseQuantity, quantityMilliValue, quantityValue, ZERO_QUANTITY, type Quantity } from '../quantity'
import { findNodeRoles } from '../rows/core'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z } from './common'
import { podRequestsAndLimits, type QuantityList } from './podresources'
import { LEVEL_0, LEVEL_1, tabbedString, type Writer } from './writer'

/** What describe node reads besides the node. */
export interface NodeDescribeInput {
  /** The pods bound to the node (Succeeded and Failed ones are left out here, as the field selector does). */
  pods: readonly Pod[]
  /** The node's events (by uid and by name, merged), or null for `--show-events=false`. */
  events: readonly Event[] | null
  /** The node's Lease in kube-node-lease; undefined prints the NotFound error line. */
  lease?: Lease
}

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage'])
const isHugePages = (name: string): boolean => name.startsWith('hugepages-')

function describeNodeLease(lease: Lease | undefined, name: string, w: Writer): void {
  if (!lease) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`)
    return
  }
  w.write(LEVEL_0, 'Lease:\n')
  w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`)
  w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`)
  w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`)
}

const get = (list: QuantityList, name: string): Quantity => list.get(name) ?? ZERO_QUANTITY
/** float64 division then int64() truncation, as describe computes percentages. */
const percent = (part: bigint, whole: bigint): number => Math.trunc((Number(part) / Number(whole)) * 100)

function describeNodeResource(pods: readonly Pod[], node: Node, w: Writer, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  const capacity = node.status?.capacity ?? {}
  const allocatableRaw = Object.keys(node.status?.allocatable ?? {}).length > 0 ? (node.status?.allocatable ?? {}) : capacity
  const allocatable = (name: string): Quantity => parseQuantity(allocatableRaw[name] ?? '0')
  const allocCpu = quantityMilliValue(allocatable('cpu'))
  const allocMem = quantityValue(allocatable('memory'))
  const allocEph = quantityValue(allocatable('ephemeral-storage'))
  const reqs: QuantityList = new Map()
  const limits: QuantityList = new Map()
  for (const pod of pods) {
    const { requests: r, limits: l } = podRequestsAndLimits(pod)
    const cpuReq = get(r, 'cpu')
    const cpuLim = get(l, 'cpu')
    const memReq = get(r, 'memory')
    const memLim = get(l, 'memory')
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${formatQuantity(cpuReq)} (${percent(quantityMilliValue(cpuReq), allocCpu)}%)\t${formatQuantity(cpuLim)} (${percent(quantityMilliValue(cpuLim), allocCpu)}%)\t${formatQuantity(memReq)} (${percent(quantityValue(memReq), allocMem)}%)\t${formatQuantity(memLim)} (${percent(quantityValue(memLim), allocMem)}%)\t${translateTimestampSince(pod.metadata?.creationTimestamp, now)}\n`,
    )
    for (const [name, q] of r) reqs.set(name, reqs.has(name) ? addQuantity(reqs.get(name) as Quantity, q) : q)
    for (const [name, q] of l) limits.set(name, limits.has(name) ? addQuantity(limits.get(name) as Quantity, q) : q)
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n')
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n')
  w.write(LEVEL_1, '--------\t--------\t------\n')
  const row = (name: string, req: Quantity, lim: Quantity, whole: bigint, milli: boolean): void => {
    const value = (q: Quantity): bigint => (milli ? quantityMilliValue(q) : quantityValue(q))
    const fr = whole !== 0n ? percent(value(req), whole) : 0
    const fl = whole !== 0n ? percent(value(lim), whole) : 0
    w.write(LEVEL_1, `${name}\t${formatQuantity(req)} (${fr}%)\t${formatQuantity(lim)} (${fl}%)\n`)
  }
  row('cpu', get(reqs, 'cpu'), get(limits, 'cpu'), allocCpu, true)
  row('memory', get(reqs, 'memory'), get(limits, 'memory'), allocMem, false)
  row('ephemeral-storage', get(reqs, 'ephemeral-storage'), get(limits, 'ephemeral-storage'), allocEph, false)
  const names = Object.keys(allocatableRaw)
  for (const name of names.filter(isHugePages).sort(byteCompare)) {
    row(name, get(reqs, name), get(limits, name), quantityValue(allocatable(name)), false)
  }
  for (const name of names.filter((n) => !isHugePages(n) && !STANDARD.has(n) && n !== 'pods').sort(byteCompare)) {
    w.write(LEVEL_1, `${name}\t${formatQuantity(get(reqs, name))}\t${formatQuantity(get(limits, name))}\n`)
  }
}

/**
 * The text of `kubectl describe node <name>`.
 * @example describeNode(node, { pods, events, lease }, now)
 */
export function describeNode(node: Node, input: NodeDescribeInput, now: number): string {
  const name = node.metadata?.name ?? ''
  const pods = input.pods.filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
  return tabbedString((w) => {
    const meta = node.metadata ?? {}
    const spec = node.spec ?? {}
    const status = node.status ?? {}
    w.write(LEVEL_0, `Name:\t${name}\n`)
    const roles = findNodeRoles(node)
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`)
    printTaintsMultiline(w, 'Taints', spec.taints)
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`)
    describeNodeLease(input.lease, name, w)
    const conditions = status.conditions ?? []
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n')
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n')
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        )
      }
    }
    w.write(LEVEL_0, 'Addresses:\n')
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`)
    const printResourceList = (list: Record<string, string>): void => {
      for (const r of Object.keys(list).sort(byteCompare)) w.write(LEVEL_0, `  ${r}:\t${formatQuantity(parseQuantity(list[r]))}\n`)
    }
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n')
      printResourceList(status.capacity ?? {})
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n')
      printResourceList(status.allocatable ?? {})
    }
    const info = status.nodeInfo
    w.write(LEVEL_0, 'System Info:\n')
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`)
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`)
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`)
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`)
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`)
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`)
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`)
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`)
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`)
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`)
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`)
    if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${(spec.podCIDRs ?? []).join(',')}\n`)
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`)
    describeNodeResource(pods, node, w, now)
    if (input.events) describeEvents(input.events, w, now)
  })
}
