import { describe, expect, it } from 'vitest'
import type { KeyValueView } from '../../src/engine'
import { edgeForHop, podTone, reuseUnchanged, routeHop, serviceRows, stoppedNodes, toFlow } from './mapping'

const kv = (key: string, value: object): [string, KeyValueView] => [key, { key, createRevision: 1, modRevision: 1, version: 1, value }]
const readyNode = (name: string) => ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True' }], capacity: { cpu: '2', memory: '4Gi' } } })
const components = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller-manager', 'controller-manager/replicaset', 'controller-manager/deployment',
  'cloud-controller-manager', 'kubelet/node-1', 'runtime/node-1', 'kube-proxy/node-1', 'kubelet/node-2', 'runtime/node-2', 'kube-proxy/node-2']
const view = new Map([
  kv('/registry/minions/node-1', readyNode('node-1')),
  kv('/registry/minions/node-2', readyNode('node-2')),
  kv('/registry/pods/default/nginx', { metadata: { name: 'nginx', namespace: 'default' }, spec: { nodeName: 'node-2' }, status: { phase: 'Running' } }),
  kv('/registry/pods/default/web', { metadata: { name: 'web', namespace: 'default' }, spec: {}, status: { phase: 'Pending' } }),
])
const statusText = (kv: KeyValueView) => (kv.value as { status: { phase: string } }).status.phase

describe('toFlow', () => {
  const { nodes, edges } = toFlow({ components, view, statusText, expandControllers: false })
  const ids = new Set(nodes.map((n) => n.id))

  it('wires every component to the apiserver and only the apiserver to etcd (hub and spoke)', () => {
    const touchingEtcd = edges.filter((e) => e.source === 'etcd' || e.target === 'etcd')
    expect(touchingEtcd.map((e) => e.id)).toEqual(['apiserver--etcd'])
    for (const e of edges) {
      const isCri = e.source.startsWith('kubelet/') && e.target.startsWith('runtime/')
      expect(isCri || e.target === 'apiserver' || e.source === 'apiserver').toBe(true)
    }
    expect(edges.map((e) => e.id)).toContain('kubelet/node-1--runtime/node-1')
  })

  it('puts each node’s agents and pods inside its box, unscheduled pods in the tray', () => {
    expect(nodes.find((n) => n.id === 'kubelet/node-2')?.parentId).toBe('node/node-2')
    expect(nodes.find((n) => n.id === 'pod:/registry/pods/default/nginx')).toMatchObject({ parentId: 'node/node-2', data: { status: 'Running', tone: 'running' } })
    expect(nodes.find((n) => n.id === 'pod:/registry/pods/default/web')).toMatchObject({ parentId: 'tray', data: { status: 'Pending' } })
    expect(nodes.find((n) => n.id === 'tray')?.data).toEqual({ count: 1, hidden: 0 })
    expect(nodes.find((n) => n.id === 'node/node-1')?.data).toMatchObject({ status: 'Ready', capacity: '2 CPU · 4Gi' })
    // React Flow needs parents before their children.
    const index = new Map(nodes.map((n, i) => [n.id, i]))
    for (const n of nodes) if (n.parentId) expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!)
  })

  it('is a pure function of its input', () => {
    expect(toFlow({ components, view, statusText, expandControllers: false })).toEqual({ nodes, edges })
  })

  it('folds controllers into the controller manager unless expanded', () => {
    expect(ids.has('controller-manager/replicaset')).toBe(false)
    expect(edgeForHop('controller-manager/replicaset', 'apiserver', edges, ids)).toEqual({ id: 'controller-manager--apiserver', reverse: false })
    const expanded = toFlow({ components, view, statusText, expandControllers: true })
    const expandedIds = new Set(expanded.nodes.map((n) => n.id))
    expect(edgeForHop('apiserver', 'controller-manager/replicaset', expanded.edges, expandedIds)).toEqual({ id: 'controller-manager/replicaset--apiserver', reverse: true })
  })

  it('maps hops onto edges in either direction', () => {
    expect(edgeForHop('apiserver', 'etcd', edges, ids)).toEqual({ id: 'apiserver--etcd', reverse: false })
    expect(edgeForHop('etcd', 'apiserver', edges, ids)).toEqual({ id: 'apiserver--etcd', reverse: true })
    expect(edgeForHop('runtime/node-1', 'kubelet/node-1', edges, ids)).toEqual({ id: 'kubelet/node-1--runtime/node-1', reverse: true })
    expect(edgeForHop('kubectl', 'etcd', edges, ids)).toBeUndefined()
  })

  it('knows which machines the user stopped', () => {
    expect([...stoppedNodes([{ stopNode: 'node-1' }, { stopNode: 'node-2' }, { startNode: 'node-1' }])]).toEqual(['node-2'])
    const flow = toFlow({ components, view, statusText, expandControllers: false, stoppedNodes: new Set(['node-2']) })
    expect(flow.nodes.find((n) => n.id === 'node/node-2')?.data).toMatchObject({ stopped: true })
    expect(flow.nodes.find((n) => n.id === 'kubelet/node-2')?.data).toMatchObject({ stopped: true })
  })

  it('reuses unchanged nodes so only what a hop changed re-renders', () => {
    const again = reuseUnchanged({ nodes, edges }, toFlow({ components, view, statusText, expandControllers: false }))
    expect(again.nodes).toBe(nodes)
    expect(again.edges).toBe(edges)
    const crashed = new Map(view)
    crashed.set('/registry/pods/default/nginx', { ...view.get('/registry/pods/default/nginx')!, value: { metadata: { name: 'nginx', namespace: 'default' }, spec: { nodeName: 'node-2' }, status: { phase: 'Failed' } } })
    const next = reuseUnchanged({ nodes, edges }, toFlow({ components, view: crashed, statusText, expandControllers: false }))
    const changed = next.nodes.filter((n, i) => n !== nodes[i]).map((n) => n.id)
    expect(changed).toEqual(['pod:/registry/pods/default/nginx'])
  })

  it('colours statuses', () => {
    expect(podTone('CrashLoopBackOff')).toBe('failed')
    expect(podTone('ContainerCreating')).toBe('waiting')
    expect(podTone('Completed')).toBe('finished')
    expect(podTone('Terminating')).toBe('terminating')
  })

  describe('Services and their traffic', () => {
    const svc = (name: string, spec: object, status: object = {}) => kv(`/registry/services/specs/default/${name}`, { metadata: { name, namespace: 'default' }, spec, status })
    const net = new Map([
      ...view,
      kv('/registry/pods/default/web-1', { metadata: { name: 'web-1', namespace: 'default' }, spec: { nodeName: 'node-1' }, status: { phase: 'Running' } }),
      svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ port: 443 }] }),
      svc('web', { type: 'LoadBalancer', clusterIP: '10.100.86.2', ports: [{ port: 80, nodePort: 31756 }] }),
      kv('/registry/services/endpoints/default/web', { subsets: [{ addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.2.2' }], notReadyAddresses: [{ ip: '10.244.3.2' }] }] }),
    ])
    const netComponents = [...components, 'coredns']
    const flow = toFlow({ components: netComponents, view: net, statusText, expandControllers: false })
    const netIds = new Set(flow.nodes.map((n) => n.id))

    it('lists Services as kubectl get svc does, with ready endpoints; a LoadBalancer is <pending> until the cloud answers', () => {
      expect(serviceRows(net)).toEqual([
        { name: 'kubernetes', namespace: 'default', type: 'ClusterIP', clusterIP: '10.96.0.1', externalIP: '<none>', ports: '443/TCP', ready: 0, notReady: 0, port: 443, nodePort: undefined },
        { name: 'web', namespace: 'default', type: 'LoadBalancer', clusterIP: '10.100.86.2', externalIP: '<pending>', ports: '80:31756/TCP', ready: 2, notReady: 1, port: 80, nodePort: 31756 },
      ])
      const withIp = new Map(net)
      withIp.set(...svc('web', { type: 'LoadBalancer', clusterIP: '10.100.86.2', ports: [{ port: 80, nodePort: 31756 }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } }))
      expect(serviceRows(withIp)[1].externalIP).toBe('203.0.113.10')
      expect(flow.nodes.find((n) => n.id === 'services')?.data).toMatchObject({ hidden: 0, services: [{ name: 'kubernetes' }, { name: 'web' }] })
    })

    it('draws CoreDNS wired to the apiserver, and an outside client once a Service is reachable from outside', () => {
      expect(flow.edges.filter((e) => e.source === 'coredns' || e.target === 'coredns').map((e) => e.id)).toEqual(['coredns--apiserver'])
      expect(netIds.has('client')).toBe(true)
      expect(new Set(toFlow({ components: netComponents, view, statusText, expandControllers: false }).nodes.map((n) => n.id)).has('client')).toBe(false)
      // The Services box sits under the worker nodes, out of the apiserver's spokes.
      const services = flow.nodes.find((n) => n.id === 'services')!
      const node1 = flow.nodes.find((n) => n.id === 'node/node-1')!
      expect(services.position.y).toBeGreaterThanOrEqual(node1.position.y + node1.height!)
    })

    it('routes packets on temporary edges: pod → CoreDNS, pod → its kube-proxy, kube-proxy → a pod on another node, pod → client', () => {
      const nginx = 'pod:/registry/pods/default/nginx'
      const web1 = 'pod:/registry/pods/default/web-1'
      expect(routeHop({ from: 'pod/default/nginx', to: 'coredns', kind: 'packet' }, flow.edges, netIds)).toMatchObject({ id: `packet:${nginx}>coredns`, reverse: false, extra: { source: nginx, target: 'coredns', type: 'hop' } })
      expect(routeHop({ from: 'pod/default/nginx', to: 'kube-proxy/node-2', kind: 'packet' }, flow.edges, netIds)?.extra).toMatchObject({ source: nginx, target: 'kube-proxy/node-2' })
      // nginx runs on node-2, web-1 on node-1: the request visibly crosses nodes.
      expect(routeHop({ from: 'kube-proxy/node-2', to: 'pod/default/web-1', kind: 'packet' }, flow.edges, netIds)?.extra).toMatchObject({ source: 'kube-proxy/node-2', target: web1 })
      expect(routeHop({ from: 'pod/default/web-1', to: 'client', kind: 'packet' }, flow.edges, netIds)?.extra).toMatchObject({ source: web1, target: 'client' })
      // kube-proxy rewriting a packet on its own node, and control-plane hops, add nothing.
      expect(routeHop({ from: 'kube-proxy/node-1', to: 'kube-proxy/node-1', kind: 'rules' }, flow.edges, netIds)).toBeUndefined()
      expect(routeHop({ from: 'coredns', to: 'apiserver', kind: 'request' }, flow.edges, netIds)).toEqual({ id: 'coredns--apiserver', reverse: false })
      expect(routeHop({ from: 'kubectl', to: 'etcd', kind: 'request' }, flow.edges, netIds)).toBeUndefined()
    })
  })
})

describe('toFlow: stopped control-plane components and the expanded controller manager', () => {
  const names = ['attachdetach', 'cronjob', 'daemonset', 'deployment', 'endpoints', 'endpointslice', 'garbagecollector', 'job', 'namespace', 'nodeipam',
    'nodelifecycle', 'persistentvolume', 'podgc', 'replicaset', 'replicationcontroller', 'resourcequota', 'serviceaccount', 'statefulset', 'ttlafterfinished']
  const all = [...components.filter((c) => !c.startsWith('controller-manager/')), ...names.map((n) => `controller-manager/${n}`)]

  it('marks stopped components, and every controller when the controller manager is stopped', () => {
    const stopped = new Set(['scheduler', 'etcd', 'controller-manager'])
    const { nodes } = toFlow({ components: all, view, statusText, expandControllers: true, stoppedComponents: stopped })
    const data = (id: string) => nodes.find((n) => n.id === id)?.data as { stopped?: boolean }
    expect(data('scheduler').stopped).toBe(true)
    expect(data('etcd').stopped).toBe(true)
    expect(data('apiserver').stopped).toBeUndefined()
    expect(data('controller-manager').stopped).toBe(true)
    expect(data('controller-manager/replicationcontroller').stopped).toBe(true)
    const collapsed = toFlow({ components: all, view, statusText, expandControllers: false, stoppedComponents: new Set(['apiserver']) })
    expect((collapsed.nodes.find((n) => n.id === 'apiserver')?.data as { stopped?: boolean }).stopped).toBe(true)
  })

  it('lays 19 controllers out in a band above the control plane, boxes wide enough for the longest name', () => {
    const { nodes } = toFlow({ components: all, view, statusText, expandControllers: true })
    const group = nodes.find((n) => n.id === 'controller-manager')!
    const children = nodes.filter((n) => n.parentId === 'controller-manager')
    expect(children).toHaveLength(19)
    // 'replicationcontroller' at 12px is about 140px: every box is wider, none overlaps another or leaves the group.
    for (const c of children) {
      expect(c.width).toBeGreaterThanOrEqual(145)
      expect(c.position.x + c.width!).toBeLessThanOrEqual(group.width!)
      expect(c.position.y + c.height!).toBeLessThanOrEqual(group.height!)
    }
    const boxes = children.map((c) => `${c.position.x},${c.position.y}`)
    expect(new Set(boxes).size).toBe(19)
    // Above the scheduler (y = 10), not beside it: the diagram keeps its proportions.
    expect(group.position.y + group.height!).toBeLessThanOrEqual(10)
    expect(group.height!).toBeLessThan(200)
  })
})
