import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { eventsBy, mark, newWorkBench, put, refreshAll, sentBy, storedOf, type WorkBench } from '../bench'
import { newControllerState } from '../controller'
import { DaemonSetController } from './daemonset'
import { nodeShouldRunDaemonPod, rollingCounts } from './util'

const FROM = 'controller-manager/daemonset'

function makeDs(extra: Record<string, unknown> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'nginx:1.27' }], ...extra } } },
  } as DaemonSet
}

function node(name: string, o: Partial<Node['spec']> & { labels?: Record<string, string> } = {}): Node {
  const { labels, ...spec } = o
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(labels ?? {}) } }, spec }
}

function setup(ds: DaemonSet, nodes: Node[]): { b: WorkBench; dc: DaemonSetController } {
  const b = newWorkBench('daemonset', 'daemonset-controller', ['daemonsets', 'pods', 'nodes', 'controllerrevisions'])
  for (const n of nodes) put(b, n)
  put(b, ds)
  refreshAll(b)
  return { b, dc: new DaemonSetController(newControllerState(), b.env) }
}

describe('DaemonSetController', () => {
  it('creates one pod per eligible node, pinned with metadata.name In [node], skipping untolerated taints', () => {
    const { b, dc } = setup(makeDs(), [node('node-1'), node('node-2', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }), node('node-3', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] })])
    const m = mark(b)
    dc.sync('default/agent')
    refreshAll(b)
    const pods = [...storedOf<Pod>(b, 'pods').values()]
    const nodes = pods.map((p) => p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0].matchFields![0].values![0]).sort()
    // A cordoned node still gets its daemon pod: the unschedulable taint is tolerated.
    expect(nodes).toEqual(['node-1', 'node-3'])
    expect(pods[0].metadata!.generateName).toBe('agent-')
    expect(eventsBy(b, FROM, m).map((e) => e.replace(/agent-\w{5}$/, 'agent-…'))).toEqual(['SuccessfulCreate: Created pod: agent-…', 'SuccessfulCreate: Created pod: agent-…'])
    dc.sync('default/agent')
    const ds = storedOf<DaemonSet>(b, 'daemonsets').get('agent')!
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 2, numberUnavailable: 2, observedGeneration: 1 })
  })

  it('deletes the pod of a node that stopped matching the nodeSelector', () => {
    const { b, dc } = setup(makeDs({ nodeSelector: { role: 'edge' } }), [node('node-1', { labels: { role: 'edge' } })])
    dc.sync('default/agent')
    b.api.handle({ verb: 'PATCH', path: '/api/v1/nodes/node-1', body: { metadata: { labels: { role: 'core' } } }, patchType: 'merge', from: 'test' })
    refreshAll(b)
    const m = mark(b)
    dc.sync('default/agent')
    expect(sentBy(b, FROM, m).filter((r) => r.startsWith('DELETE'))).toHaveLength(1)
  })

  it('decides per node: NoSchedule keeps a running pod, NoExecute does not', () => {
    const ds = makeDs()
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'x', effect: 'NoSchedule' }] }), ds)).toEqual({ shouldRun: false, shouldContinueRunning: true })
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'x', effect: 'NoExecute' }] }), ds)).toEqual({ shouldRun: false, shouldContinueRunning: false })
    expect(nodeShouldRunDaemonPod(node('a', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), ds)).toEqual({ shouldRun: true, shouldContinueRunning: true })
  })

  it('resolves maxUnavailable: default 1, percentages round up', () => {
    expect(rollingCounts(makeDs(), 10)).toEqual({ maxUnavailable: 1, maxSurge: 0 })
    const ds = { ...makeDs(), spec: { ...makeDs().spec!, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } } } } as DaemonSet
    expect(rollingCounts(ds, 10).maxUnavailable).toBe(3)
  })
})
