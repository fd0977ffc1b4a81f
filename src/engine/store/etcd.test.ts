import { describe, expect, it } from 'vitest'
import { CompactedError, Etcd, newStoreState } from './etcd'

describe('etcd MVCC store', () => {
  it('keeps one global revision and per-key create/mod revision and version', () => {
    const e = new Etcd(newStoreState())
    const start = e.revision
    const a = e.txn('/registry/pods/default/a', { modRevision: 0 }, { v: 1 })
    const b = e.txn('/registry/minions/node-1', { modRevision: 0 }, { v: 1 })
    expect(a.succeeded && b.succeeded).toBe(true)
    expect(e.revision).toBe(start + 2)
    const a2 = e.txn('/registry/pods/default/a', undefined, { v: 2 })
    expect(a2.succeeded).toBe(true)
    const kv = e.get('/registry/pods/default/a')!
    expect(kv).toMatchObject({ createRevision: start + 1, modRevision: start + 3, version: 2, value: { v: 2 } })
  })

  it('fails a transaction whose compare does not hold and changes nothing', () => {
    const e = new Etcd(newStoreState())
    e.txn('/registry/pods/default/a', { modRevision: 0 }, { v: 1 })
    const rev = e.revision
    const r = e.txn('/registry/pods/default/a', { modRevision: 0 }, { v: 9 })
    expect(r.succeeded).toBe(false)
    expect(e.revision).toBe(rev)
    expect(e.get('/registry/pods/default/a')!.value).toEqual({ v: 1 })
    const stale = e.txn('/registry/pods/default/a', { modRevision: rev - 1 }, { v: 9 })
    expect(stale.succeeded).toBe(false)
  })

  it('ranges by prefix in key order, within one resource', () => {
    const e = new Etcd(newStoreState())
    for (const k of ['/registry/pods/ns2/x', '/registry/pods/default/b', '/registry/pods/default/a', '/registry/deployments/default/a']) e.txn(k, { modRevision: 0 }, {})
    expect(e.range('/registry/pods/default/').map((kv) => kv.key)).toEqual(['/registry/pods/default/a', '/registry/pods/default/b'])
    expect(e.range('/registry/pods/').length).toBe(3)
  })

  it('replays events after a revision to a watch, and refuses compacted revisions', () => {
    const e = new Etcd(newStoreState())
    e.txn('/registry/pods/default/a', { modRevision: 0 }, { v: 1 })
    const from = e.revision
    e.txn('/registry/pods/default/a', undefined, { v: 2 })
    e.txn('/registry/pods/default/a', undefined, undefined)
    const evs = e.eventsSince(from, '/registry/pods/')
    expect(evs.map((x) => x.type)).toEqual(['PUT', 'DELETE'])
    expect(evs[1].prevKv?.value).toEqual({ v: 2 })
    e.compact(e.revision)
    expect(() => e.eventsSince(from, '/registry/pods/')).toThrow(CompactedError)
  })

  it('survives structuredClone (snapshots) with the same contents', () => {
    const st = newStoreState()
    const e = new Etcd(st)
    e.txn('/registry/pods/default/a', { modRevision: 0 }, { v: 1 })
    const copy = new Etcd(structuredClone(st))
    expect(copy.get('/registry/pods/default/a')).toEqual(e.get('/registry/pods/default/a'))
    copy.txn('/registry/pods/default/b', { modRevision: 0 }, {})
    expect(e.get('/registry/pods/default/b')).toBeUndefined()
  })
})
