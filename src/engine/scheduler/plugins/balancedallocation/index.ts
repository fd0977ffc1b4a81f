/**
 * NodeResourcesBalancedAllocation: favours nodes whose cpu and memory would be used in similar
 * proportions after placing the pod: score = (1 − std of the fractions) × 100, truncated. Uses the
 * real requests (no 100m / 200Mi defaults), and is skipped for pods that request nothing.
 *
 * Upstream: pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
 * (PreScore, balancedResourceScorer) and resource_allocation.go (useRequested = true).
 */
import { MAX_NODE_SCORE } from '../../status'
import type { NodeInfo, PodInfo } from '../../types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'NodeResourcesBalancedAllocation'

const MAX = MAX_NODE_SCORE

/** PreScore state: the pod's real cpu and memory requests. */
export interface PreScoreState {
  milliCPU: number
  memory: number
}

/**
 * `BalancedAllocation.PreScore`: null means Skip, for best-effort pods (all requests zero), so
 * that they are not all packed on one node (kubernetes#129138, in v1.33).
 */
export function PreScore(podInfo: PodInfo): PreScoreState | null {
  const { milliCPU, memory } = podInfo.requests
  if (milliCPU === 0 && memory === 0) return null
  return { milliCPU, memory }
}

/** `balancedResourceScorer` over parallel requested / allocatable lists. */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = []
  let total = 0
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue
    let f = requested[i] / allocatable[i]
    if (f > 1) f = 1
    total += f
    fractions.push(f)
  }
  let std = 0
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2)
  } else if (fractions.length > 2) {
    const mean = total / fractions.length
    let sum = 0
    for (const f of fractions) sum += (f - mean) * (f - mean)
    std = Math.sqrt(sum / fractions.length)
  }
  return Math.trunc((1 - std) * MAX)
}

/** `BalancedAllocation.Score` for cpu and memory (the default resources). */
export function Score(state: PreScoreState, nodeInfo: NodeInfo): number {
  const a = nodeInfo.allocatable
  const r = nodeInfo.requested
  // Inline of the two-resource case of balancedResourceScorer, to keep the hot path allocation-free.
  const cpuA = a.milliCPU
  const memA = a.memory
  if (cpuA !== 0 && memA !== 0) {
    let fc = (r.milliCPU + state.milliCPU) / cpuA
    if (fc > 1) fc = 1
    let fm = (r.memory + state.memory) / memA
    if (fm > 1) fm = 1
    const std = Math.abs((fc - fm) / 2)
    return Math.trunc((1 - std) * MAX)
  }
  return balancedResourceScorer([r.milliCPU + state.milliCPU, r.memory + state.memory], [cpuA, memA])
}
