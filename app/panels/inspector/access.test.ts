import { describe, expect, it } from 'vitest'
import type { KeyValueView } from '../../../src/engine'
import { bindingRows, limitRows, quantityValue, quotaRows, roleRows, ruleRows } from './access'

const kv = (key: string, value: object): [string, KeyValueView] => [key, { key, createRevision: 1, modRevision: 1, version: 1, value }]

const view = new Map([
  kv('/registry/roles/dev/pod-reader', { metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }, { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] }] }),
  kv('/registry/clusterroles/system:kube-scheduler', { metadata: { name: 'system:kube-scheduler' }, rules: [{ verbs: ['create'], apiGroups: [''], resources: ['events'] }] }),
  kv('/registry/rolebindings/dev/read-pods', { metadata: { name: 'read-pods', namespace: 'dev' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'builder' }], roleRef: { kind: 'Role', name: 'pod-reader' } }),
  kv('/registry/rolebindings/dev/dangling', { metadata: { name: 'dangling', namespace: 'dev' }, subjects: [{ kind: 'Group', name: 'ops' }], roleRef: { kind: 'Role', name: 'gone' } }),
  kv('/registry/clusterrolebindings/system:kube-scheduler', { metadata: { name: 'system:kube-scheduler' }, subjects: [{ kind: 'User', name: 'system:kube-scheduler' }], roleRef: { kind: 'ClusterRole', name: 'system:kube-scheduler' } }),
  kv('/registry/resourcequotas/dev/compute', { metadata: { name: 'compute', namespace: 'dev' }, spec: { hard: { pods: '5', 'requests.cpu': '2' } }, status: { hard: { pods: '5', 'requests.cpu': '2' }, used: { pods: '5', 'requests.cpu': '500m' } } }),
  kv('/registry/limitranges/dev/defaults', { metadata: { name: 'defaults', namespace: 'dev' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '1' } }] } }),
])

describe('RBAC rows', () => {
  it('reads rules as kubectl describe role does', () => {
    expect(ruleRows([{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments', 'replicasets'] }, { verbs: ['get'], nonResourceURLs: ['/healthz'] }])).toEqual([
      { verbs: 'get', resources: 'deployments.apps, replicasets.apps' },
      { verbs: 'get', resources: '/healthz' },
    ])
  })

  it('joins each binding to its subjects and the rules of its role', () => {
    const rows = bindingRows(view)
    expect(rows.map((r) => r.key)).toEqual(['/registry/rolebindings/dev/dangling', '/registry/rolebindings/dev/read-pods', '/registry/clusterrolebindings/system:kube-scheduler'])
    expect(rows[1]).toMatchObject({ kind: 'RoleBinding', namespace: 'dev', subjects: ['User jane', 'ServiceAccount dev/builder'], role: 'Role pod-reader', system: false })
    expect(rows[1].rules).toEqual([{ verbs: 'get, list', resources: 'pods' }, { verbs: 'get', resources: 'deployments.apps', names: 'web' }])
    expect(rows[0].rules).toBeUndefined()
    expect(rows[2].system).toBe(true)
  })

  it('lists Roles before ClusterRoles and flags the system ones', () => {
    expect(roleRows(view).map((r) => [r.kind, r.name, r.system])).toEqual([['Role', 'pod-reader', false], ['ClusterRole', 'system:kube-scheduler', true]])
  })
})

describe('quota and limit rows', () => {
  it('compares used with hard', () => {
    expect(quotaRows(view)).toEqual([{ key: '/registry/resourcequotas/dev/compute', name: 'compute', namespace: 'dev', items: [{ resource: 'pods', used: '5', hard: '5', ratio: 1 }, { resource: 'requests.cpu', used: '500m', hard: '2', ratio: 0.25 }] }])
    expect(quantityValue('1Gi')).toBe(2 ** 30)
    expect(quantityValue('lots')).toBeNaN()
  })

  it('lists each limit type and resource with its bounds and defaults', () => {
    expect(limitRows(view)[0].items).toEqual([
      { type: 'Container', resource: 'cpu', min: '-', max: '1', defaultLimit: '500m', defaultRequest: '100m' },
      { type: 'Container', resource: 'memory', min: '-', max: '-', defaultLimit: '-', defaultRequest: '128Mi' },
    ])
  })
})
