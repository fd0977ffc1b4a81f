import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../api/meta'
import { eventsBy, mark, newWorkBench, podPhase, put, refreshAll, sentBy, storedOf, type WorkBench } from '../bench'
import { newControllerState } from '../controller'
import { StatefulSetController } from './statefulset'
import { parentAndOrdinal } from './utils'

const FROM = 'controller-manager/statefulset'

function makeSet(replicas: number, extra: Record<string, unknown> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  } as StatefulSet
}

function setup(set: StatefulSet): { b: WorkBench; sc: StatefulSetController } {
  const b = newWorkBench('statefulset', 'statefulset-controller', ['statefulsets', 'pods', 'controllerrevisions', 'persistentvolumeclaims'])
  put(b, set)
  return { b, sc: new StatefulSetController(newControllerState(), b.env) }
}

function sync(b: WorkBench, sc: StatefulSetController): void {
  refreshAll(b)
  sc.sync('default/web')
  refreshAll(b)
}

/** Plays the scheduler and the kubelets: every pod bound to node-1, Running and Ready (so deletes are graceful). */
function allReady(b: WorkBench): void {
  for (const p of storedOf<Pod>(b, 'pods').values()) {
    if (p.status?.phase === 'Running' || p.metadata?.deletionTimestamp) continue
    b.api.handle({ verb: 'POST', path: `/api/v1/namespaces/default/pods/${p.metadata!.name}/binding`, body: { target: { name: 'node-1' } }, from: 'test' })
    podPhase(b, p as KObject, 'Running')
  }
}

describe('StatefulSetController', () => {
  it('OrderedReady: creates the revision, the claim, then web-0 alone; web-1 only once web-0 is Running and Ready', () => {
    const { b, sc } = setup(makeSet(3))
    const m = mark(b)
    sync(b, sc)
    expect(sentBy(b, FROM, m)).toEqual([
      'POST /apis/apps/v1/namespaces/default/controllerrevisions',
      'POST /api/v1/namespaces/default/persistentvolumeclaims',
      'POST /api/v1/namespaces/default/pods',
      'PUT /apis/apps/v1/namespaces/default/statefulsets/web/status',
    ])
    expect(eventsBy(b, FROM, m)).toEqual(['SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate: create Pod web-0 in StatefulSet web successful'])
    sync(b, sc)
    expect([...storedOf(b, 'pods').keys()]).toEqual(['web-0'])
    allReady(b)
    sync(b, sc)
    expect([...storedOf(b, 'pods').keys()]).toEqual(['web-0', 'web-1'])
    const claim = storedOf(b, 'persistentvolumeclaims').get('www-web-1')!
    expect(claim.metadata!.labels).toEqual({ app: 'web' })
    expect(claim.metadata!.ownerReferences).toBeUndefined()
  })

  it('Parallel: creates every member in one pass', () => {
    const { b, sc } = setup(makeSet(3, { podManagementPolicy: 'Parallel' }))
    sync(b, sc)
    expect([...storedOf(b, 'pods').keys()]).toEqual(['web-0', 'web-1', 'web-2'])
  })

  it('scales down from the highest ordinal, one pod at a time', () => {
    const { b, sc } = setup(makeSet(3, { podManagementPolicy: 'Parallel' }))
    sync(b, sc)
    allReady(b)
    b.api.handle({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/statefulsets/web', body: { spec: { replicas: 1, podManagementPolicy: 'Parallel' } }, patchType: 'merge', from: 'test' })
    const m = mark(b)
    sync(b, sc)
    expect(sentBy(b, FROM, m).filter((r) => r.startsWith('DELETE'))).toEqual(['DELETE /api/v1/namespaces/default/pods/web-2', 'DELETE /api/v1/namespaces/default/pods/web-1'])
  })

  it('OrderedReady scale-down deletes only the highest and waits for it', () => {
    const { b, sc } = setup(makeSet(3, { podManagementPolicy: 'Parallel' }))
    sync(b, sc)
    allReady(b)
    // Same pods, now managed in order.
    const set = storedOf<StatefulSet>(b, 'statefulsets').get('web')!
    b.etcd.txn('/registry/statefulsets/default/web', undefined, { ...set, spec: { ...set.spec!, replicas: 0, podManagementPolicy: 'OrderedReady' } })
    const m = mark(b)
    sync(b, sc)
    expect(sentBy(b, FROM, m).filter((r) => r.startsWith('DELETE'))).toEqual(['DELETE /api/v1/namespaces/default/pods/web-2'])
    sync(b, sc)
    expect(sentBy(b, FROM, m).filter((r) => r.startsWith('DELETE'))).toHaveLength(1)
  })

  it('rolling update with partition 2 replaces only web-2 and keeps web-0 and web-1 on the old revision', () => {
    const { b, sc } = setup(makeSet(3, { podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }))
    sync(b, sc)
    allReady(b)
    sync(b, sc)
    b.api.handle({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/statefulsets/web', body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, patchType: 'strategic', from: 'test' })
    const m = mark(b)
    sync(b, sc)
    expect(sentBy(b, FROM, m).filter((r) => !r.includes('status'))).toEqual(['POST /apis/apps/v1/namespaces/default/controllerrevisions', 'DELETE /api/v1/namespaces/default/pods/web-2'])
    const st = storedOf<StatefulSet>(b, 'statefulsets').get('web')!.status!
    expect(st.currentRevision).not.toBe(st.updateRevision)
    expect(st.updateRevision).toMatch(/^web-[4-9bcdf]+$/)
  })

  it('parses ordinals from names', () => {
    expect(parentAndOrdinal({ metadata: { name: 'my-db-12' } })).toEqual({ parent: 'my-db', ordinal: 12 })
    expect(parentAndOrdinal({ metadata: { name: 'web' } }).ordinal).toBe(-1)
  })
})
