/** Node IPAM gives each node a pod range; the route controller programs a cloud route for it. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

interface NodeJson {
  spec: { podCIDR?: string; podCIDRs?: string[] }
  status: { conditions: { type: string; status: string; reason: string; message: string }[] }
}

const node = (c: ReturnType<typeof createCluster>, name: string) => JSON.parse(c.kubectl(`get node ${name} -o json`).stdout) as NodeJson

describe('pod ranges and cloud routes', () => {
  it('gives every node a /24 of 10.244.0.0/16 and a route to it; pods take their IPs from it', () => {
    const c = createCluster({ seed: 2, nodes: 3 })
    for (const [i, n] of ['node-1', 'node-2', 'node-3'].entries()) {
      expect(node(c, n).spec).toMatchObject({ podCIDR: `10.244.${i + 1}.0/24`, podCIDRs: [`10.244.${i + 1}.0/24`] })
      expect(node(c, n).status.conditions.find((x) => x.type === 'NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'RouteCreated', message: 'RouteController created a route' })
    }
    expect(c.cloudRoutes().map((r) => `${r.destinationCIDR} via ${r.targetNode} (${r.targetAddress})`)).toEqual([
      '10.244.1.0/24 via node-1 (172.18.0.2)',
      '10.244.2.0/24 via node-2 (172.18.0.3)',
      '10.244.3.0/24 via node-3 (172.18.0.4)',
    ])
    expect(c.cloudRoutes()[0].name).toMatch(/^kubernetes-[0-9a-f-]{36}$/)
    c.kubectl('run web --image=nginx:1.27')
    c.settle()
    const pod = JSON.parse(c.kubectl('get pod web -o json').stdout) as { spec: { nodeName: string }; status: { podIP: string } }
    const cidr = node(c, pod.spec.nodeName).spec.podCIDR!
    expect(pod.status.podIP.startsWith(cidr.replace('0/24', ''))).toBe(true)
    expect(c.kubectl('describe node node-2').stdout).toContain('PodCIDR:                      10.244.2.0/24\n')
  })

  it('records the cloud calls, deletes the route of a removed node and reuses its range', () => {
    const c = createCluster({ seed: 2, nodes: 2 })
    c.removeNode('node-1')
    c.settle()
    const calls = c.hops().filter((h) => h.to === 'cloud' || h.from === 'cloud')
    expect(calls.map((h) => `${h.from}→${h.to} ${h.kind}`)).toEqual(['cloud-controller-manager→cloud request', 'cloud→cloud-controller-manager response'])
    expect(calls[0].summary).toBe('The route controller deletes the cloud route 10.244.1.0/24 via node-1: node-1 is gone or has a new range')
    expect(c.cloudRoutes().map((r) => r.targetNode)).toEqual(['node-2'])
    c.addNode({ name: 'node-9' })
    c.settle()
    expect(node(c, 'node-9').spec.podCIDR).toBe('10.244.1.0/24')
    expect(c.cloudRoutes().map((r) => `${r.destinationCIDR} via ${r.targetNode}`)).toEqual(['10.244.2.0/24 via node-2', '10.244.1.0/24 via node-9'])
    const ipam = c.hops().find((h) => h.from === 'controller-manager/nodeipam' && h.kind === 'request')
    expect(ipam?.summary).toBe('The node IPAM controller gives node-9 the pod range 10.244.1.0/24')
  })
})
