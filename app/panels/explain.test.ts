import { describe, expect, it } from 'vitest'
import type { Hop } from '../../src/engine'
import { componentName, explainHop, packetLabel, parseApiPath } from './explain'

const hop = (h: Partial<Hop>): Hop => ({ id: 1, t: 0, from: 'kubectl', to: 'apiserver', kind: 'request', summary: 's', ...h })

describe('explainHop', () => {
  it('names components as a sentence would', () => {
    expect(componentName('kubelet/node-1')).toBe('the kubelet on node-1')
    expect(componentName('controller-manager/replicaset')).toBe('the replicaset controller')
    expect(componentName('runtime/node-2')).toBe('the container runtime on node-2')
  })

  it('parses REST paths', () => {
    expect(parseApiPath('/api/v1/namespaces/default/pods/nginx/binding')).toEqual({
      namespace: 'default', resource: 'pods', name: 'nginx', subresource: 'binding',
    })
    expect(parseApiPath('/apis/apps/v1/namespaces/default/deployments')).toMatchObject({ resource: 'deployments', name: undefined })
    expect(parseApiPath('/api/v1/nodes/node-1/status')).toMatchObject({ resource: 'nodes', name: 'node-1', subresource: 'status' })
  })

  it('explains a create request, its etcd write and the answer', () => {
    const post = hop({ summary: 'kubectl apply: create pod/nginx', detail: { http: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { metadata: { name: 'nginx' } } } } })
    expect(explainHop(post)).toBe('kubectl asks the apiserver to create pod nginx.')
    expect(packetLabel(post)).toBe('POST pods')
    const txn = hop({ from: 'apiserver', to: 'etcd', summary: 'Txn: create /registry/pods/default/nginx if absent' })
    expect(packetLabel(txn)).toBe('Txn create')
    expect(explainHop(txn)).toBe('The apiserver asks etcd to create /registry/pods/default/nginx (only if it does not exist yet).')
    const update = hop({ from: 'apiserver', to: 'etcd', summary: 'Txn: update /registry/pods/default/nginx if modRevision = 105' })
    expect(explainHop(update)).toBe('The apiserver asks etcd to update /registry/pods/default/nginx (only if nobody changed it since revision 105).')
    const put = hop({ from: 'etcd', to: 'apiserver', kind: 'response', summary: 'OK: revision 9', detail: { etcd: { op: 'put', key: '/registry/pods/default/nginx', revision: 9, after: {} } } })
    expect(explainHop(put)).toBe('etcd stores /registry/pods/default/nginx at revision 9 and answers the apiserver.')
    const answer = hop({ from: 'apiserver', to: 'kubectl', kind: 'response', summary: '201 Created: pod/nginx stored at revision 9', detail: { http: { method: 'POST', path: '/x', status: 201 } } })
    expect(explainHop(answer)).toBe('The apiserver answers kubectl: 201 Created.')
    expect(packetLabel(answer)).toBe('201 Created')
  })

  it('explains a binding, a watch event and a CRI call', () => {
    const bind = hop({
      from: 'scheduler',
      summary: 'POST /api/v1/namespaces/default/pods/web-0/binding',
      detail: { http: { method: 'POST', path: '/api/v1/namespaces/default/pods/web-0/binding', body: { target: { name: 'node-2' } } } },
    })
    expect(explainHop(bind)).toBe('The scheduler asks the apiserver to bind pod web-0 to node-2.')
    const watch = hop({ from: 'apiserver', to: 'kubelet/node-1', kind: 'watch', summary: 'Watch event to kubelet/node-1: MODIFIED Pod default/nginx', detail: { watch: { type: 'MODIFIED', object: { kind: 'Pod', metadata: { name: 'nginx' } } } } })
    expect(explainHop(watch)).toBe('The apiserver tells the kubelet on node-1 that pod nginx changed.')
    const cri = hop({ from: 'kubelet/node-1', to: 'runtime/node-1', kind: 'cri', summary: 'PullImage', detail: { cri: { call: 'PullImage', image: 'nginx:1.27' } } })
    expect(explainHop(cri)).toBe('The kubelet on node-1 calls PullImage on the container runtime on node-1 for image nginx:1.27.')
  })

  it('uses the engine summary when it is already a sentence', () => {
    expect(explainHop(hop({ from: 'scheduler', summary: 'The scheduler asks the apiserver to bind nginx to node-1' }))).toBe('The scheduler asks the apiserver to bind nginx to node-1.')
    expect(explainHop(hop({ from: 'kubelet/node-1', summary: 'kubelet records event Pulling on pod/nginx: Pulling image "nginx:1.27"' }))).toBe(
      'The kubelet on node-1 records event Pulling on pod/nginx: Pulling image "nginx:1.27".',
    )
    expect(explainHop(hop({ from: 'kubelet/node-4', summary: 'kubelet/node-4 opens a watch on pods' }))).toBe('The kubelet on node-4 opens a watch on pods.')
    expect(explainHop(hop({ from: 'runtime/node-1', to: 'kubelet/node-1', kind: 'response', summary: 'Sandbox ready: nginx has IP 10.244.1.2' }))).toBe(
      'The container runtime on node-1 answers the kubelet on node-1: Sandbox ready: nginx has IP 10.244.1.2.',
    )
  })

  it('names traffic endpoints and labels packets', () => {
    expect(componentName('coredns')).toBe('CoreDNS')
    expect(componentName('client')).toBe('a client outside the cluster')
    expect(componentName('pod/default/web-1')).toBe('pod web-1')
    const dns = hop({ from: 'pod/default/tmp', to: 'coredns', kind: 'packet', summary: 'DNS query from tmp: A web.default.svc.cluster.local?', detail: { packet: { dns: { query: 'web.default.svc.cluster.local' } } } })
    expect(packetLabel(dns)).toBe('DNS query')
    expect(explainHop(dns)).toBe('DNS query from tmp: A web.default.svc.cluster.local?')
    expect(packetLabel(hop({ kind: 'packet', detail: { packet: { dns: { query: 'web', answer: '10.100.86.2' } } } }))).toBe('DNS 10.100.86.2')
    expect(packetLabel(hop({ kind: 'packet', detail: { packet: { dst: '10.100.86.2:80', rules: ['-A KUBE-SERVICES …'] } } }))).toBe('DNAT 10.100.86.2:80')
    expect(packetLabel(hop({ kind: 'packet', detail: { packet: { status: 200 } } }))).toBe('HTTP 200')
    expect(packetLabel(hop({ kind: 'rules', detail: { rules: { mode: 'ipvs', added: [], removed: [] } } }))).toBe('ipvs sync')
  })
})

describe('explainHop in Vietnamese', () => {
  it('puts the sentences it composes in Vietnamese, keeping Kubernetes names', () => {
    const post = hop({ summary: 'kubectl apply: create pod/nginx', detail: { http: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { metadata: { name: 'nginx' } } } } })
    expect(explainHop(post, 'vi')).toBe('kubectl yêu cầu apiserver tạo pod nginx.')
    const put = hop({ from: 'etcd', to: 'apiserver', kind: 'response', summary: 'OK: revision 9', detail: { etcd: { op: 'put', key: '/registry/pods/default/nginx', revision: 9, after: {} } } })
    expect(explainHop(put, 'vi')).toBe('etcd lưu /registry/pods/default/nginx ở revision 9 và trả lời apiserver.')
    const watch = hop({ from: 'apiserver', to: 'kubelet/node-1', kind: 'watch', summary: 'Watch event to kubelet/node-1: MODIFIED Pod default/nginx', detail: { watch: { type: 'MODIFIED', object: { kind: 'Pod', metadata: { name: 'nginx' } } } } })
    expect(explainHop(watch, 'vi')).toBe('apiserver báo cho kubelet trên node-1 rằng pod nginx đã thay đổi.')
    const txn = hop({ from: 'apiserver', to: 'etcd', summary: 'Txn: create /registry/pods/default/nginx if absent' })
    expect(explainHop(txn, 'vi')).toBe('apiserver yêu cầu etcd tạo /registry/pods/default/nginx (chỉ khi nó chưa tồn tại).')
    expect(componentName('kubelet/node-1', 'vi')).toBe('kubelet trên node-1')
    expect(packetLabel(hop({ kind: 'packet', detail: { packet: { dns: { query: 'web' } } } }), 'vi')).toBe('truy vấn DNS')
  })

  it('leaves the engine’s own sentences in English', () => {
    expect(explainHop(hop({ from: 'scheduler', summary: 'The scheduler asks the apiserver to bind nginx to node-1' }), 'vi')).toBe('The scheduler asks the apiserver to bind nginx to node-1.')
  })
})
