/**
 * NodeResourcesFit: Filter checks the pod's real requests against what is left of the node's
 * allocatable (every insufficient resource is a reason); Score uses the LeastAllocated strategy
 * on cpu and memory (weight 1 each), counting containers without requests as 100m / 200Mi.
 *
 * Upstream: pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest, Filter, Score),
 * least_allocated.go (leastResourceScorer), resource_allocation.go.
 * In v1.33 the Filter status is always Unschedulable (the "request exceeds the whole node"
 * UnschedulableAndUnresolvable refinement came in v1.34), so preemption is tried.
 */
import { MAX_NODE_SCORE, newStatus, type Status } from '../../status'
import type { NodeInfo, PodInfo, Resource } from '../../types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'NodeResourcesFit'

/** `InsufficientResource`: one reason the pod does not fit. */
export interface InsufficientResource {
  resourceName: string
  reason: string
  requested: number
  used: number
  capacity: number
}

/** `computePodResourceRequest` (PreFilter): the pod's real requests. */
export function PreFilter(podInfo: PodInfo): Resource {
  return podInfo.requests
}

/** `fitsRequest`: all insufficient resources, in upstream's order (pods, cpu, memory, storage, scalars). */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = []
  const alloc = nodeInfo.allocatable
  const used = nodeInfo.requested
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber })
  }
  let anyScalar = false
  for (const _ in podRequest.scalar) {
    anyScalar = true
    break
  }
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && !anyScalar) return out
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: podRequest.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU })
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: podRequest.memory, used: used.memory, capacity: alloc.memory })
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: podRequest.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    })
  }
  // Go iterates the map in random order; sorted names keep the reason order deterministic.
  for (const name of Object.keys(podRequest.scalar).sort()) {
    const q = podRequest.scalar[name]
    if (q === 0) continue
    const a = alloc.scalar[name] ?? 0
    const u = used.scalar[name] ?? 0
    if (q > a - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: a })
  }
  return out
}

/** `Fits`: true when nothing is insufficient. */
export function fits(podInfo: PodInfo, nodeInfo: NodeInfo): boolean {
  return fitsRequest(podInfo.requests, nodeInfo).length === 0
}

/** Allocation-free check of the common case: pod count, cpu, memory, storage, no scalars. */
function fitsQuick(r: Resource, ni: NodeInfo): boolean {
  const a = ni.allocatable
  const u = ni.requested
  if (ni.pods.length + 1 > a.allowedPodNumber) return false
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - u.milliCPU) return false
  if (r.memory > 0 && r.memory > a.memory - u.memory) return false
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - u.ephemeralStorage) return false
  for (const _ in r.scalar) return false
  return true
}

/** `Fit.Filter`: every insufficient resource becomes a reason of one Unschedulable status. */
export function Filter(podRequest: Resource, nodeInfo: NodeInfo): Status | null {
  if (fitsQuick(podRequest, nodeInfo)) return null
  const insufficient = fitsRequest(podRequest, nodeInfo)
  if (insufficient.length === 0) return null
  return newStatus('Unschedulable', ...insufficient.map((r) => r.reason))
}

/** PreScore state: the pod's cpu and memory requests with the non-zero defaults. */
export interface PreScoreState {
  milliCPU: number
  memory: number
}

/** `Fit.PreScore`. */
export function PreScore(podInfo: PodInfo): PreScoreState {
  return { milliCPU: podInfo.nonZeroMilliCPU, memory: podInfo.nonZeroMemory }
}

const MAX = MAX_NODE_SCORE

/** `leastRequestedScore`: free share of the capacity after placing the pod, 0–100 (truncated). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX) / capacity)
}

/** The default `NodeResourcesFitArgs.ScoringStrategy.Resources`: cpu and memory, weight 1 each. */
export const DefaultResources = Object.freeze([
  Object.freeze({ name: 'cpu', weight: 1 }),
  Object.freeze({ name: 'memory', weight: 1 }),
])

/** `Fit.Score` with LeastAllocated: weighted mean of leastRequestedScore over cpu and memory. */
export function Score(state: PreScoreState, nodeInfo: NodeInfo): number {
  let nodeScore = 0
  let weightSum = 0
  const cpuAlloc = nodeInfo.allocatable.milliCPU
  if (cpuAlloc !== 0) {
    nodeScore += leastRequestedScore(nodeInfo.nonZeroRequested.milliCPU + state.milliCPU, cpuAlloc)
    weightSum += 1
  }
  const memAlloc = nodeInfo.allocatable.memory
  if (memAlloc !== 0) {
    nodeScore += leastRequestedScore(nodeInfo.nonZeroRequested.memory + state.memory, memAlloc)
    weightSum += 1
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum)
}
