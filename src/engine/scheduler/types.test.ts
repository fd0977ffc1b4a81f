import { describe, expect, it } from 'vitest'
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests } from './podinfo'
import { makeNode, makePod } from './testing'
import { newNodeInfo, nodeInfoRemovePod } from './types'
import { newPodInfo } from './podinfo'

const node = makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: '10' }).obj()

describe('podRequests (resourcehelper.PodRequests)', () => {
  // Upstream: noderesources/fit.go computePodResourceRequest doc example:
  // init 2 CPU/1G and 2 CPU/3G, containers 2 CPU/1G and 1 CPU/1G → 3 CPU, 3G.
  it('sums containers and takes the max with each init container', () => {
    const pod = makePod().initReq({ cpu: '2', memory: '1G' }).initReq({ cpu: '2', memory: '3G' }).req({ cpu: '2', memory: '1G' }).req({ cpu: '1', memory: '1G' }).obj()
    const r = podRequests(pod)
    expect(r.milliCPU).toBe(3000)
    expect(r.memory).toBe(3e9)
  })

  it('adds the pod overhead', () => {
    const pod = makePod().req({ cpu: '100m', memory: '64Mi' }).overhead({ cpu: '250m', memory: '120Mi' }).obj()
    const r = podRequests(pod)
    expect(r.milliCPU).toBe(350)
    expect(r.memory).toBe(184 * 1024 * 1024)
  })

  // Upstream: component-helpers resource/helpers_test.go TestPodResourceRequests, "restartable init container" cases.
  it('counts restartable (sidecar) init containers alongside the regular containers', () => {
    const pod = makePod().initReq({ cpu: '1' }, true).initReq({ cpu: '2' }).req({ cpu: '1' }).obj()
    // sidecar 1 + container 1 = 2; init phase: sidecar 1 + init 2 = 3 → 3.
    expect(podRequests(pod).milliCPU).toBe(3000)
  })

  it('uses 100m / 200Mi for missing requests only when asked (scoring), not for explicit zeros', () => {
    const pod = makePod().container().req({ cpu: '0' }).obj()
    expect(podRequests(pod).milliCPU).toBe(0)
    const nz = podRequests(pod, true)
    expect(nz.milliCPU).toBe(DEFAULT_MILLI_CPU_REQUEST)
    expect(nz.memory).toBe(2 * DEFAULT_MEMORY_REQUEST)
  })
})

// Upstream: framework/types_test.go TestNewNodeInfo / TestNodeInfoRemovePod.
describe('newNodeInfo', () => {
  it('aggregates requested and non-zero requested resources', () => {
    const p1 = makePod('p1').node('n1').req({ cpu: '100m', memory: '500' }).obj()
    const p2 = makePod('p2').node('n1').req({ cpu: '200m', memory: '1Ki' }).obj()
    const p3 = makePod('p3').node('n1').container().obj()
    const ni = newNodeInfo(node, [p1, p2, p3])
    expect(ni.requested.milliCPU).toBe(300)
    expect(ni.requested.memory).toBe(1524)
    expect(ni.nonZeroRequested.milliCPU).toBe(300 + DEFAULT_MILLI_CPU_REQUEST)
    expect(ni.nonZeroRequested.memory).toBe(1524 + DEFAULT_MEMORY_REQUEST)
    expect(ni.allocatable.milliCPU).toBe(4000)
    expect(ni.allocatable.allowedPodNumber).toBe(10)
    expect(ni.pods.map((p) => p.metadata?.name)).toEqual(['p1', 'p2', 'p3'])
  })

  it('removes a pod and its requests', () => {
    const p1 = makePod('p1').node('n1').req({ cpu: '100m', memory: '500' }).hostPort(80).obj()
    const ni = newNodeInfo(node, [p1])
    expect(ni.usedPorts).toHaveLength(1)
    expect(nodeInfoRemovePod(ni, 'default/p1')).toBe(true)
    expect(ni.requested.milliCPU).toBe(0)
    expect(ni.nonZeroRequested.memory).toBe(0)
    expect(ni.usedPorts).toHaveLength(0)
  })

  it('never mutates the pods or the node', () => {
    const p1 = Object.freeze(makePod('p1').node('n1').req({ cpu: '1' }).obj())
    const frozenNode = Object.freeze(node)
    expect(() => newNodeInfo(frozenNode, [p1])).not.toThrow()
    expect(newPodInfo(p1).requests.milliCPU).toBe(1000)
  })
})
