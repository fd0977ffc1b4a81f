import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { newPodInfo } from '../../podinfo'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { Filter, fitsRequest, leastRequestedScore, PreFilter, PreScore, Score } from './index'

/** `newResourcePod(framework.Resource{MilliCPU, Memory})`: one container with these requests. */
const resourcePod = (milliCPU: number, memory: number, node?: string): Pod => {
  const w = makePod(`p${milliCPU}-${memory}`).req({ cpu: `${milliCPU}m`, memory: `${memory}` })
  return node ? w.node(node).obj() : w.obj()
}
/** `makeAllocatableResources(10, 20, 32, …)`: 10m CPU, 20 bytes, 32 pods. */
const node = makeNode('n').capacity({ cpu: '10m', memory: '20', pods: '32' }).obj()
const run = (pod: Pod, existing: Pod[]) => Filter(PreFilter(newPodInfo(pod)), newNodeInfo(node, existing))
const unschedulable = (...reasons: string[]) => ({ code: 'Unschedulable', reasons })

// Upstream: pkg/scheduler/framework/plugins/noderesources/fit_test.go TestEnoughRequests.
describe('NodeResourcesFit Filter', () => {
  it('no resources requested always fits', () => expect(run(makePod().obj(), [resourcePod(10, 20, 'n')])).toBeNull())
  it('too many resources fails', () => {
    expect(run(resourcePod(1, 1), [resourcePod(10, 20, 'n')])).toEqual(unschedulable('Insufficient cpu', 'Insufficient memory'))
    const insufficient = fitsRequest(newPodInfo(resourcePod(1, 1)).requests, newNodeInfo(node, [resourcePod(10, 20, 'n')]))
    expect(insufficient).toEqual([
      { resourceName: 'cpu', reason: 'Insufficient cpu', requested: 1, used: 10, capacity: 10 },
      { resourceName: 'memory', reason: 'Insufficient memory', requested: 1, used: 20, capacity: 20 },
    ])
  })
  it('too many resources fails due to init container cpu', () => {
    const pod = makePod().initReq({ cpu: '3m', memory: '1' }).req({ cpu: '1m', memory: '1' }).obj()
    expect(run(pod, [resourcePod(8, 19, 'n')])).toEqual(unschedulable('Insufficient cpu'))
  })
  it('both resources fit', () => expect(run(resourcePod(1, 1), [resourcePod(5, 5, 'n')])).toBeNull())
  it('one resource memory fits', () => expect(run(resourcePod(2, 1), [resourcePod(9, 5, 'n')])).toEqual(unschedulable('Insufficient cpu')))
  it('one resource cpu fits', () => expect(run(resourcePod(1, 2), [resourcePod(5, 19, 'n')])).toEqual(unschedulable('Insufficient memory')))
  it('equal edge case', () => expect(run(resourcePod(5, 1), [resourcePod(5, 19, 'n')])).toBeNull())
  it('extended resource capacity enforced', () => {
    const gpuNode = makeNode('g').capacity({ cpu: '1', memory: '1Gi', 'example.com/aaa': '5' }).obj()
    const pod = makePod().req({ 'example.com/aaa': '10' }).obj()
    expect(Filter(PreFilter(newPodInfo(pod)), newNodeInfo(gpuNode))).toEqual(unschedulable('Insufficient example.com/aaa'))
  })
})

// Upstream: fit_test.go TestNotEnoughRequests.
describe('NodeResourcesFit Filter, pods limit', () => {
  const full = makeNode('n').capacity({ cpu: '10m', memory: '20', pods: '1' }).obj()
  it("even without specified resources, predicate fails when there's no space for additional pod", () => {
    expect(Filter(PreFilter(newPodInfo(makePod().obj())), newNodeInfo(full, [resourcePod(10, 20, 'n')]))).toEqual(unschedulable('Too many pods'))
  })
  it('even if both resources fit, predicate fails when there\'s no space for additional pod', () => {
    expect(Filter(PreFilter(newPodInfo(resourcePod(1, 1))), newNodeInfo(full, [resourcePod(5, 5, 'n')]))).toEqual(unschedulable('Too many pods'))
  })
  it('even for equal edge case, predicate fails when there\'s no space for additional pod', () => {
    expect(Filter(PreFilter(newPodInfo(resourcePod(5, 1))), newNodeInfo(full, [resourcePod(5, 19, 'n')]))).toEqual(unschedulable('Too many pods'))
  })
})

// Upstream: pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go TestLeastAllocatedScoringStrategy.
describe('NodeResourcesFit Score (LeastAllocated)', () => {
  const node1 = makeNode('node1').capacity({ cpu: '4000m', memory: '10000' }).obj()
  const node2 = makeNode('node2').capacity({ cpu: '6000m', memory: '10000' }).obj()
  const score = (pod: Pod, n = node1, pods: Pod[] = []) => Score(PreScore(newPodInfo(pod)), newNodeInfo(n, pods))
  it('nothing scheduled, nothing requested', () => {
    expect(score(makePod().obj())).toBe(100)
  })
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    // cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → 37; node2: 50, 50 → 50.
    const pod = makePod().req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' }).obj()
    expect(score(pod, node1)).toBe(37)
    expect(score(pod, node2)).toBe(50)
  })
  it('no resources requested, pods scheduled with resources', () => {
    const big = makeNode('node1').capacity({ cpu: '10000m', memory: '20000' }).obj()
    const existing = [makePod('a').node('node1').req({ cpu: '3000m', memory: '0' }).obj(), makePod('b').node('node1').req({ cpu: '3000m', memory: '5000' }).obj()]
    // cpu (10000-6000)*100/10000 = 40, memory (20000-5000)*100/20000 = 75 → 57.
    expect(score(makePod().obj(), big, existing)).toBe(57)
  })
  it('counts a container without requests as 100m / 200Mi', () => {
    const n = makeNode('n').capacity({ cpu: '1', memory: '1Gi' }).obj()
    // cpu (1000-100)*100/1000 = 90, memory (1024-200)*100/1024 = 80 → 85.
    expect(score(makePod().container().obj(), n)).toBe(85)
  })
  it('leastRequestedScore is 0 when requested exceeds capacity', () => {
    expect(leastRequestedScore(11, 10)).toBe(0)
    expect(leastRequestedScore(1, 0)).toBe(0)
  })
})
