import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../api/meta'
import { newControllerState } from '../controller'
import { create, del, makeDeployment, mark, newBench, refresh, requestHops, requests, stored, type Bench } from '../deployment/testing'
import { GarbageCollector } from './garbagecollector'

const FROM = 'controller-manager/garbagecollector'

function setup(): { b: Bench; gc: GarbageCollector } {
  const b = newBench('garbagecollector', 'garbage-collector-controller')
  const gc = new GarbageCollector({ ...newControllerState() }, b.env)
  b.onEvent = (r, t, o, old, hop) => gc.onEvent(r, t, o, old, hop)
  return { b, gc }
}

/** Relists and runs the collector until it has nothing left to do. */
function drain(b: Bench, gc: GarbageCollector): void {
  for (let i = 0; i < 50; i++) {
    refresh(b)
    if (gc.queue.length === 0) return
    while (gc.queue.length) gc.processNext()
  }
  throw new Error('the garbage collector did not settle')
}

function ref(o: KObject, block = true) {
  return { apiVersion: o.apiVersion!, kind: o.kind!, name: o.metadata!.name!, uid: o.metadata!.uid!, controller: true, blockOwnerDeletion: block }
}

/** A deployment web, its ReplicaSet web-1 and two (unscheduled) pods, as the controllers would have made them. */
function family(b: Bench): { d: Deployment; rs: ReplicaSet; pods: Pod[] } {
  const d = create(b, makeDeployment('web', 2))
  const rs = create<ReplicaSet>(b, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' }, ownerReferences: [ref(d as KObject)] },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  })
  const pods = ['web-1-aaaaa', 'web-1-bbbbb'].map((name) =>
    create<Pod>(b, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: [ref(rs as KObject)] }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }),
  )
  return { d, rs, pods }
}

describe('GarbageCollector: background deletion', () => {
  it('deletes dependents whose owner is gone, confirming with one GET per missing owner', () => {
    const { b, gc } = setup()
    const { d } = family(b)
    drain(b, gc)
    expect(requests(b, FROM)).toEqual([])
    del(b, d as KObject, { propagationPolicy: 'Background' })
    const m = mark(b)
    drain(b, gc)
    expect(requests(b, FROM, m)).toEqual([
      'GET /apis/apps/v1/namespaces/default/deployments/web',
      'DELETE /apis/apps/v1/namespaces/default/replicasets/web-1',
      'GET /apis/apps/v1/namespaces/default/replicasets/web-1',
      'DELETE /api/v1/namespaces/default/pods/web-1-aaaaa',
      'DELETE /api/v1/namespaces/default/pods/web-1-bbbbb',
    ])
    const del1 = requestHops(b, FROM, m).find((h) => h.detail?.http?.method === 'DELETE')!
    expect(del1.summary).toBe('The garbage collector deletes ReplicaSet web-1: its owner Deployment web is gone')
    expect(stored(b, 'replicasets').size).toBe(0)
    expect(stored(b, 'pods').size).toBe(0)
  })

  it('sends propagationPolicy Background with a uid precondition', () => {
    const { b, gc } = setup()
    const { d, rs } = family(b)
    drain(b, gc)
    del(b, d as KObject)
    const m = mark(b)
    drain(b, gc)
    void m
    const req = b.sent.find((x) => x.from === FROM && x.verb === 'DELETE')!
    expect(req.path).toBe('/apis/apps/v1/namespaces/default/replicasets/web-1')
    expect(req.body).toEqual({ propagationPolicy: 'Background', preconditions: { uid: rs.metadata!.uid } })
  })

  it('treats an owner replaced by a new object of the same name as gone', () => {
    const { b, gc } = setup()
    const { d } = family(b)
    drain(b, gc)
    del(b, d as KObject)
    create(b, makeDeployment('web', 2))
    // The collector missed the deletion; a relist shows the new deployment only.
    refresh(b)
    gc.onEvent('deployments', 'DELETED', d as KObject, d as KObject, 0)
    drain(b, gc)
    expect(stored(b, 'replicasets').size).toBe(0)
  })

  it('keeps an object with at least one live owner, dropping only the reference to the missing one', () => {
    const { b, gc } = setup()
    const { rs } = family(b)
    const ghost = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' }
    create<Pod>(b, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shared', namespace: 'default', ownerReferences: [{ ...ref(rs as KObject), controller: false }, ghost] }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })
    const m = mark(b)
    drain(b, gc)
    expect(requests(b, FROM, m)).toEqual(['GET /apis/apps/v1/namespaces/default/replicasets/ghost', 'PATCH /api/v1/namespaces/default/pods/shared'])
    expect(stored<Pod>(b, 'pods').get('shared')!.metadata!.ownerReferences!.map((r) => r.name)).toEqual(['web-1'])
  })
})

describe('GarbageCollector: foreground deletion', () => {
  it('deletes the dependents first, then removes the foregroundDeletion finalizers bottom-up', () => {
    const { b, gc } = setup()
    const { d } = family(b)
    drain(b, gc)
    del(b, d as KObject, { propagationPolicy: 'Foreground' })
    expect(stored<Deployment>(b, 'deployments').get('web')!.metadata!.finalizers).toEqual(['foregroundDeletion'])
    const m = mark(b)
    drain(b, gc)
    expect(requests(b, FROM, m)).toEqual([
      'DELETE /apis/apps/v1/namespaces/default/replicasets/web-1',
      'DELETE /api/v1/namespaces/default/pods/web-1-aaaaa',
      'DELETE /api/v1/namespaces/default/pods/web-1-bbbbb',
      'GET /apis/apps/v1/namespaces/default/replicasets/web-1',
      'PATCH /apis/apps/v1/namespaces/default/replicasets/web-1',
      'GET /apis/apps/v1/namespaces/default/deployments/web',
      'PATCH /apis/apps/v1/namespaces/default/deployments/web',
    ])
    const hops = requestHops(b, FROM, m)
    const deletes = b.sent.filter((x) => x.from === FROM && x.verb === 'DELETE')
    expect(deletes.map((x) => (x.body as { propagationPolicy: string }).propagationPolicy)).toEqual(['Foreground', 'Background', 'Background'])
    expect(hops[6].summary).toBe('The garbage collector removes the foregroundDeletion finalizer from Deployment web: none of its dependents is left')
    expect(stored(b, 'deployments').size).toBe(0)
    expect(stored(b, 'replicasets').size).toBe(0)
    expect(stored(b, 'pods').size).toBe(0)
  })

  it('waits for terminating dependents', () => {
    const { b, gc } = setup()
    const { rs, pods } = family(b)
    // A scheduled pod terminates gracefully: the DELETE only sets its deletionTimestamp.
    const p = pods[0]
    const bound = b.api.handle({ verb: 'POST', path: `/api/v1/namespaces/default/pods/${p.metadata!.name}/binding`, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: p.metadata!.name }, target: { kind: 'Node', name: 'node-1' } }, from: 'test' })
    expect(bound.status).toBe(201)
    drain(b, gc)
    del(b, rs as KObject, { propagationPolicy: 'Foreground' })
    drain(b, gc)
    expect(stored(b, 'replicasets').size).toBe(1)
    expect(stored<Pod>(b, 'pods').get(p.metadata!.name!)!.metadata!.deletionTimestamp).toBeDefined()
    // The kubelet finishes the pod.
    b.api.handle({ verb: 'DELETE', path: `/api/v1/namespaces/default/pods/${p.metadata!.name}`, body: { gracePeriodSeconds: 0 }, from: 'test' })
    drain(b, gc)
    expect(stored(b, 'replicasets').size).toBe(0)
  })
})

describe('GarbageCollector: orphan deletion', () => {
  it('removes the owner reference from every dependent, then the orphan finalizer', () => {
    const { b, gc } = setup()
    const { d } = family(b)
    drain(b, gc)
    del(b, d as KObject, { propagationPolicy: 'Orphan' })
    const m = mark(b)
    drain(b, gc)
    expect(requests(b, FROM, m)).toEqual([
      'PATCH /apis/apps/v1/namespaces/default/replicasets/web-1',
      'GET /apis/apps/v1/namespaces/default/deployments/web',
      'PATCH /apis/apps/v1/namespaces/default/deployments/web',
    ])
    expect(stored(b, 'deployments').size).toBe(0)
    const rs = stored<ReplicaSet>(b, 'replicasets').get('web-1')!
    expect(rs.metadata!.ownerReferences ?? []).toEqual([])
    expect(stored(b, 'pods').size).toBe(2)
  })
})
