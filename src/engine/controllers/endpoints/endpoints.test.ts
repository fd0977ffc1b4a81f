import type { Pod, Service } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { desiredSlices } from '../endpointslice/endpointslice'
import { desiredSubsets } from './endpoints'
import { findPort } from './util'

const svc: Service = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }] } }
function pod(name: string, ip: string, ready: boolean, extra: Partial<Pod['metadata']> = {}, port = 8080): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...extra },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', ports: [{ name: 'web', containerPort: port, protocol: 'TCP' }] }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  }
}

describe('endpoints', () => {
  it('resolves named target ports per pod', () => {
    expect(findPort(pod('a', '10.244.1.2', true), svc.spec!.ports![0])).toBe(8080)
    expect(findPort({ spec: { containers: [{ name: 'c' }] } }, svc.spec!.ports![0])).toBeUndefined()
  })

  it('puts ready pods in addresses, unready in notReadyAddresses, and leaves terminating pods out', () => {
    const subsets = desiredSubsets(svc, [pod('b', '10.244.1.3', true), pod('a', '10.244.1.10', false), pod('c', '10.244.2.2', true, { deletionTimestamp: '2025-01-06T09:10:00Z' })])
    expect(subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.3', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } }],
        notReadyAddresses: [{ ip: '10.244.1.10', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ])
  })

  it('gives EndpointSlices every pod with conditions, one slice per port set', () => {
    const slices = [...desiredSlices(svc, [pod('a', '10.244.1.2', true), pod('b', '10.244.1.3', true, { deletionTimestamp: 'x' }), pod('c', '10.244.2.2', true, {}, 9090)]).values()]
    expect(slices).toHaveLength(2)
    expect(slices[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }])
    expect(slices[0].endpoints.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.1.2', { ready: true, serving: true, terminating: false }],
      ['10.244.1.3', { ready: false, serving: true, terminating: true }],
    ])
    expect(slices[1].ports).toEqual([{ name: 'http', port: 9090, protocol: 'TCP' }])
  })
})
