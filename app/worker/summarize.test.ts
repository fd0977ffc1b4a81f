import { describe, expect, it } from 'vitest'
import type { Hop } from '../../src/engine'
import { keepHop, summarizeBackground } from './summarize'

/** A lease renewal: a background request with its etcd write. */
const renewal = (id: number, node: string): Hop =>
  ({ id, t: id, from: `kubelet/${node}`, to: 'apiserver', kind: 'request', summary: 'renew', background: true, detail: { etcd: { op: 'put', key: `/registry/leases/kube-node-lease/${node}`, revision: id } } }) as Hop
const heartbeat = (id: number): Hop => ({ id, t: id, from: 'apiserver', to: 'kubelet/node-1', kind: 'response', summary: '200 OK', background: true }) as Hop
const foreground = (id: number): Hop => ({ id, t: id, from: 'controller-manager/cronjob', to: 'apiserver', kind: 'request', summary: 'POST jobs' }) as Hop

describe('summarizeBackground', () => {
  const hops = [foreground(11), renewal(12, 'node-1'), heartbeat(13), renewal(14, 'node-2'), renewal(15, 'node-1'), heartbeat(16), foreground(17)]

  it('leaves a short jump alone', () => {
    expect(summarizeBackground(hops, 10)).toEqual({ left: 0 })
  })

  it('keeps the foreground hops and the last write to each key of a long jump', () => {
    const { range, left } = summarizeBackground(hops, 10, 2)
    expect(range).toEqual({ after: 10, upTo: 17, keep: new Set([14, 15]) })
    expect(left).toBe(3)
    expect(hops.filter((h) => keepHop(h, range)).map((h) => h.id)).toEqual([11, 14, 15, 17])
    // Hops before and after the range are not its business.
    expect(keepHop(heartbeat(9), range)).toBe(true)
    expect(keepHop(heartbeat(18), range)).toBe(true)
    expect(keepHop(heartbeat(13), undefined)).toBe(true)
  })
})
