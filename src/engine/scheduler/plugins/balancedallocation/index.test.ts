import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { newPodInfo } from '../../podinfo'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { balancedResourceScorer, PreScore, Score } from './index'

const cpuAndMemory = () => makePod().req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' })
const cpuOnly = () => makePod().req({ cpu: '1000m', memory: '0' }).req({ cpu: '2000m', memory: '0' })

function score(pod: Pod, cpu: string, mem: string, existing: Pod[] = []): number | null {
  const st = PreScore(newPodInfo(pod))
  return st ? Score(st, newNodeInfo(makeNode('n').capacity({ cpu, memory: mem }).obj(), existing)) : null
}

// Upstream: pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go
// TestNodeResourcesBalancedAllocation.
describe('NodeResourcesBalancedAllocation', () => {
  it('nothing scheduled, nothing requested: PreScore returns Skip for a best-effort pod', () => {
    expect(score(makePod().obj(), '4000m', '10000')).toBeNull()
    expect(score(makePod().container().obj(), '4000m', '10000')).toBeNull()
  })
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    // node1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5, std 0.125 → 87; node2: 0.5/0.5 → 100.
    expect(score(cpuAndMemory().obj(), '4000m', '10000')).toBe(87)
    expect(score(cpuAndMemory().obj(), '6000m', '10000')).toBe(100)
  })
  it('resources requested, pods scheduled with resources (uses real requests, not the 100m/200Mi defaults)', () => {
    // node: cpu (3000+3000+3000)/10000 = 0.9, memory (0+5000+0)/20000 = 0.25, std 0.325 → 67.
    const existing = [cpuOnly().name('a').node('n').obj(), cpuAndMemory().name('b').node('n').obj()]
    expect(score(cpuOnly().obj(), '10000m', '20000', existing)).toBe(67)
  })
  it('fractions are capped at 1', () => {
    expect(balancedResourceScorer([5000, 10], [4000, 100])).toBe(55)
  })
  it('three resources use the standard deviation', () => {
    // fractions 0.2, 0.4, 0.6 → mean 0.4, std sqrt((0.04+0+0.04)/3) = 0.1633 → 83.
    expect(balancedResourceScorer([2, 4, 6], [10, 10, 10])).toBe(83)
  })
})
