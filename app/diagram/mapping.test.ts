import { describe, expect, it } from 'vitest'
import type { KeyValueView } from '../../src/engine'
import { edgeForHop, podTone, reuseUnchanged, stoppedNodes, toFlow } from './mapping'

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
})
