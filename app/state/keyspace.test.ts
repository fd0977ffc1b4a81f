import { describe, expect, it } from 'vitest'
import type { Hop, KeyValueView } from '../../src/engine'
import { advanceKeyspace, causalChain, keyspaceAt, objectsUnder, revisionAt } from './keyspace'

const baseline: KeyValueView[] = [
  { key: '/registry/minions/node-1', createRevision: 2, modRevision: 5, version: 3, value: { kind: 'Node' } },
]
const pod = (phase: string) => ({ kind: 'Pod', metadata: { name: 'nginx' }, status: { phase } })
const hops: Hop[] = [
  { id: 1, t: 0, from: 'kubectl', to: 'apiserver', kind: 'request', summary: 'POST pods' },
  {
    id: 2, t: 1, from: 'apiserver', to: 'etcd', kind: 'request', summary: 'put', cause: 1,
    detail: { etcd: { op: 'put', key: '/registry/pods/default/nginx', revision: 6, after: pod('Pending') } },
  },
  {
    id: 3, t: 5, from: 'apiserver', to: 'etcd', kind: 'request', summary: 'put', cause: 2,
    detail: { etcd: { op: 'put', key: '/registry/pods/default/nginx', revision: 7, before: pod('Pending'), after: pod('Running') } },
  },
  {
    id: 4, t: 9, from: 'apiserver', to: 'etcd', kind: 'request', summary: 'delete', cause: 3,
    detail: { etcd: { op: 'delete', key: '/registry/pods/default/nginx', revision: 8, before: pod('Running') } },
  },
]

describe('keyspaceAt', () => {
  it('is the baseline before the first hop', () => {
    expect([...keyspaceAt(baseline, hops, 0).keys()]).toEqual(['/registry/minions/node-1'])
  })

  it('applies creates, updates and deletes with MVCC metadata', () => {
    const at2 = keyspaceAt(baseline, hops, 2).get('/registry/pods/default/nginx')
    expect(at2).toMatchObject({ createRevision: 6, modRevision: 6, version: 1, value: pod('Pending') })
    const at3 = keyspaceAt(baseline, hops, 3).get('/registry/pods/default/nginx')
    expect(at3).toMatchObject({ createRevision: 6, modRevision: 7, version: 2, value: pod('Running') })
    expect(keyspaceAt(baseline, hops, 4).has('/registry/pods/default/nginx')).toBe(false)
  })

  it('stepping back gives exactly the earlier view', () => {
    const forward = keyspaceAt(baseline, hops, 2)
    keyspaceAt(baseline, hops, 4)
    expect(keyspaceAt(baseline, hops, 2)).toEqual(forward)
  })

  it('advancing from an earlier view equals rebuilding from the baseline', () => {
    for (let from = 0; from <= 4; from++) {
      for (let to = from; to <= 4; to++) {
        expect(advanceKeyspace(keyspaceAt(baseline, hops, from), hops, from, to)).toEqual(keyspaceAt(baseline, hops, to))
      }
    }
  })

  it('lists objects under a prefix and the revision so far', () => {
    const view = keyspaceAt(baseline, hops, 3)
    expect(objectsUnder(view, '/registry/pods/')).toEqual([pod('Running')])
    expect(revisionAt(view, hops, 3)).toBe(7)
    expect(revisionAt(keyspaceAt(baseline, hops, 4), hops, 4)).toBe(8)
  })

  it('follows causes back to the first hop', () => {
    expect(causalChain(hops, 4)).toEqual([4, 3, 2, 1])
    expect(causalChain(hops, 99)).toEqual([])
  })
})
