/**
 * NodeInfo: the scheduler's per-node aggregate (the node, its pods, summed requests, free host
 * ports, images), built once and updated as pods are assumed or removed.
 *
 * Upstream: pkg/scheduler/framework/types.go (NodeInfo, NewNodeInfo, AddPodInfo, RemovePod,
 * SetNode). NodeInfo is the scheduler's own bookkeeping; the Node and Pod objects inside are
 * never modified.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { addResourceList, type HostPort, newPodInfo, newResource, type PodInfo, type Resource } from './podinfo'
import type { QuantityInput } from './quantity'

export type { Resource, PodInfo, HostPort, AffinityTerm, WeightedAffinityTerm } from './podinfo'
export { affinityTermMatches, newPodInfo } from './podinfo'

/** `framework.ImageStateSummary`: an image's size and on how many nodes of the cluster it is. */
export interface ImageStateSummary {
  size: number
  numNodes: number
}

/** The scheduler's view of one node. */
export interface NodeInfo {
  node: Node
  name: string
  /** All pods assigned (or assumed) to the node, in the order they were added. */
  pods: Pod[]
  /** The same pods, precomputed; index-aligned with `pods`. */
  podInfos: PodInfo[]
  /** Pods with any pod (anti-)affinity: InterPodAffinity only visits these for existing-pod terms. */
  podsWithAffinity: PodInfo[]
  /** Pods with required anti-affinity terms. */
  podsWithRequiredAntiAffinity: PodInfo[]
  usedPorts: HostPort[]
  /** Sum of the pods' real requests (the Fit filter and BalancedAllocation). */
  requested: Resource
  /** Sum with 100m / 200Mi for containers without requests (LeastAllocated); cpu and memory only. */
  nonZeroRequested: Resource
  /** `node.status.allocatable` (the apiserver defaults it to capacity when unset). */
  allocatable: Resource
  /**
   * Image name → size and spread. `numNodes` is cluster-wide, filled in by the snapshot; a lone
   * `newNodeInfo` counts only this node.
   */
  imageStates: Map<string, ImageStateSummary>
  /**
   * Memo of "pods matching selector S in namespace N" counts (PodTopologySpread asks the same
   * question of every node for every pod of a workload). Cleared whenever the node's pods change.
   */
  matchCountCache: Map<string, number>
}

/** Allocatable of a node, falling back to capacity as the apiserver's defaulting does. */
export function nodeAllocatable(node: Node): Resource {
  const r = newResource()
  const list = (node.status?.allocatable ?? node.status?.capacity) as Readonly<Record<string, QuantityInput>> | undefined
  addResourceList(r, list)
  return r
}

/** `NodeInfo.ImageStates` for this node alone (numNodes = 1; the snapshot sets cluster counts). */
export function nodeImageStates(node: Node): Map<string, ImageStateSummary> {
  const m = new Map<string, ImageStateSummary>()
  for (const img of node.status?.images ?? []) {
    for (const name of img.names ?? []) m.set(name, { size: img.sizeBytes ?? 0, numNodes: 1 })
  }
  return m
}

/**
 * `framework.NewNodeInfo(pods...)` + `SetNode(node)`: requests are summed exactly as upstream
 * (containers summed, max with init containers, plus overhead); `nonZeroRequested` counts a
 * container without requests as 100m CPU / 200Mi memory.
 *
 * Example: `newNodeInfo(node, [pod]).requested.milliCPU`.
 */
export function newNodeInfo(node: Node, pods: readonly Pod[] = [], podInfos?: readonly PodInfo[]): NodeInfo {
  const ni: NodeInfo = {
    node,
    name: node.metadata?.name ?? '',
    pods: [],
    podInfos: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    usedPorts: [],
    requested: newResource(),
    nonZeroRequested: newResource(),
    allocatable: nodeAllocatable(node),
    imageStates: nodeImageStates(node),
    matchCountCache: new Map(),
  }
  for (let i = 0; i < pods.length; i++) nodeInfoAddPod(ni, podInfos?.[i] ?? newPodInfo(pods[i]))
  return ni
}

/** `NodeInfo.AddPodInfo`: adds a pod's requests, ports and affinity bookkeeping. */
export function nodeInfoAddPod(ni: NodeInfo, pi: PodInfo): void {
  ni.pods.push(pi.pod)
  ni.podInfos.push(pi)
  if (pi.hasAffinity) ni.podsWithAffinity.push(pi)
  if (pi.requiredAntiAffinityTerms.length > 0) ni.podsWithRequiredAntiAffinity.push(pi)
  update(ni, pi, 1)
}

/** `NodeInfo.RemovePod`: removes the pod with this `namespace/name` key; false if absent. */
export function nodeInfoRemovePod(ni: NodeInfo, key: string): boolean {
  const i = ni.podInfos.findIndex((p) => p.key === key)
  if (i < 0) return false
  const pi = ni.podInfos[i]
  ni.podInfos.splice(i, 1)
  ni.pods.splice(i, 1)
  const a = ni.podsWithAffinity.indexOf(pi)
  if (a >= 0) ni.podsWithAffinity.splice(a, 1)
  const r = ni.podsWithRequiredAntiAffinity.indexOf(pi)
  if (r >= 0) ni.podsWithRequiredAntiAffinity.splice(r, 1)
  update(ni, pi, -1)
  return true
}

function update(ni: NodeInfo, pi: PodInfo, sign: 1 | -1): void {
  if (ni.matchCountCache.size > 0) ni.matchCountCache.clear()
  const req = ni.requested
  req.milliCPU += sign * pi.requests.milliCPU
  req.memory += sign * pi.requests.memory
  req.ephemeralStorage += sign * pi.requests.ephemeralStorage
  for (const k in pi.requests.scalar) req.scalar[k] = (req.scalar[k] ?? 0) + sign * pi.requests.scalar[k]
  ni.nonZeroRequested.milliCPU += sign * pi.nonZeroMilliCPU
  ni.nonZeroRequested.memory += sign * pi.nonZeroMemory
  if (sign > 0) {
    for (const p of pi.hostPorts) ni.usedPorts.push(p)
  } else {
    for (const p of pi.hostPorts) {
      const j = ni.usedPorts.findIndex((u) => u.ip === p.ip && u.protocol === p.protocol && u.port === p.port)
      if (j >= 0) ni.usedPorts.splice(j, 1)
    }
  }
}

/** `NodeInfo.Snapshot()`: a copy whose pod lists and sums can change without touching the original. */
export function nodeInfoClone(ni: NodeInfo): NodeInfo {
  return {
    node: ni.node,
    name: ni.name,
    pods: ni.pods.slice(),
    podInfos: ni.podInfos.slice(),
    podsWithAffinity: ni.podsWithAffinity.slice(),
    podsWithRequiredAntiAffinity: ni.podsWithRequiredAntiAffinity.slice(),
    usedPorts: ni.usedPorts.slice(),
    requested: { ...ni.requested, scalar: { ...ni.requested.scalar } },
    nonZeroRequested: { ...ni.nonZeroRequested, scalar: {} },
    allocatable: ni.allocatable,
    imageStates: ni.imageStates,
    matchCountCache: new Map(),
  }
}
