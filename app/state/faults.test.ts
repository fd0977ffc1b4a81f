import { describe, expect, it } from 'vitest'
import { hopFailed, isFaultComponent, stoppedComponents } from './faults'

describe('stoppedComponents', () => {
  it('follows stop and start steps in order, ignoring the rest', () => {
    expect(stoppedComponents([{ stopComponent: 'scheduler' }, { kubectl: 'get pods' }, { stopComponent: 'etcd' }, { startComponent: 'scheduler' }])).toEqual(new Set(['etcd']))
    expect(stoppedComponents([])).toEqual(new Set())
  })
})

describe('hopFailed', () => {
  const none = new Set<string>()
  const request = (id: number, to: string) => ({ id, kind: 'request' as const, to })

  it('fails a request whose next hop is not its answer, at any cursor', () => {
    expect(hopFailed(request(7, 'apiserver'), none, { id: 8, cause: 3 })).toBe(true)
    expect(hopFailed(request(7, 'apiserver'), new Set(['apiserver']), { id: 8, cause: 7 })).toBe(false)
    expect(hopFailed(request(7, 'etcd'), none, { id: 8, cause: 2 })).toBe(true)
    expect(hopFailed(request(7, 'etcd'), none, { id: 8, cause: 7 })).toBe(false)
  })

  it('at the end of the log, fails a request to a stopped component', () => {
    expect(hopFailed(request(7, 'apiserver'), new Set(['apiserver']))).toBe(true)
    expect(hopFailed(request(7, 'apiserver'), none)).toBe(false)
    // The next hop known but not adjacent (summarized away): the stopped state decides.
    expect(hopFailed(request(7, 'etcd'), new Set(['etcd']), { id: 20, cause: 1 })).toBe(true)
  })

  it('fails a 5xx answer, not a 4xx one', () => {
    expect(hopFailed({ id: 9, kind: 'response', to: 'kubectl', detail: { http: { method: 'POST', path: '/api/v1/namespaces/default/pods', status: 504 } } }, none)).toBe(true)
    expect(hopFailed({ id: 9, kind: 'response', to: 'kubectl', detail: { http: { method: 'GET', path: '/api/v1/pods', status: 404 } } }, none)).toBe(false)
  })
})

describe('isFaultComponent', () => {
  it('knows what the engine can stop', () => {
    expect(isFaultComponent('etcd')).toBe(true)
    expect(isFaultComponent('kubelet/node-1')).toBe(false)
  })
})
