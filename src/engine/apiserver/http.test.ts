import { describe, expect, it } from 'vitest'
import { createCluster, runScenario } from '../index'
import { aggregatedDiscovery, legacyResourceList } from './discovery'
import { base64Decode, base64Encode, paginate } from './paginate'
import { decodeProtobuf } from './protobuf'
import { wantsTable } from './table'

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'

const POD = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } })

describe('the HTTP front', () => {
  it('answers aggregated discovery with verbs, short names, categories and subresources', () => {
    const c = createCluster({ nodes: 1 })
    const r = c.http({ method: 'GET', path: '/apis', headers: { accept: AGG } })
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList')
    const apps = JSON.parse(r.body).items.find((g: { metadata: { name: string } }) => g.metadata.name === 'apps')
    const deploy = apps.versions[0].resources.find((x: { resource: string }) => x.resource === 'deployments')
    expect(deploy).toMatchObject({ scope: 'Namespaced', shortNames: ['deploy'], categories: ['all'], responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' } })
    expect(deploy.subresources.map((s: { subresource: string }) => s.subresource)).toEqual(['scale', 'status'])
    expect((aggregatedDiscovery('api').items[0] as { metadata: object }).metadata).toEqual({ name: '', creationTimestamp: null })
    const legacy = legacyResourceList('', 'v1') as { resources: { name: string; group?: string; kind: string }[] }
    expect(legacy.resources.find((x) => x.name === 'pods/eviction')).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction' })
  })

  it('creates, gets as a Table with PartialObjectMetadata, and reports errors as Status', () => {
    const c = createCluster({ nodes: 1 })
    const created = c.http({ method: 'POST', path: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' }, body: POD })
    expect(created.status).toBe(201)
    c.settle()
    const t = JSON.parse(c.http({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: 'limit=500', headers: { accept: TABLE } }).body)
    expect(t.kind).toBe('Table')
    expect(t.columnDefinitions.map((d: { name: string }) => d.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates'])
    expect(t.rows[0].cells.slice(0, 3)).toEqual(['nginx', '1/1', 'Running'])
    expect(t.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'nginx', namespace: 'default' } })
    const missing = c.http({ method: 'GET', path: '/api/v1/namespaces/default/pods/nope' })
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body).message).toBe('pods "nope" not found')
    expect(c.http({ method: 'POST', path: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' }, body: '{' }).status).toBe(400)
    expect(c.http({ method: 'POST', path: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'text/plain' }, body: POD }).status).toBe(415)
    expect(c.http({ method: 'GET', path: '/apis/example.com/v1/widgets' }).status).toBe(404)
    expect(c.http({ method: 'GET', path: '/api/v1/pods', headers: { accept: 'application/vnd.kubernetes.protobuf' } }).status).toBe(406)
  })

  it('patches in the four content types', () => {
    const c = createCluster({ nodes: 1 })
    c.http({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'cfg' }, data: { a: '1' } }) })
    const path = '/api/v1/namespaces/default/configmaps/cfg'
    const patch = (type: string, body: unknown, query?: string) => c.http({ method: 'PATCH', path, query, headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) })
    expect(patch('application/merge-patch+json', { data: { b: '2' } }).status).toBe(200)
    expect(patch('application/strategic-merge-patch+json', { data: { c: '3' } }).status).toBe(200)
    expect(patch('application/json-patch+json', [{ op: 'remove', path: '/data/a' }]).status).toBe(200)
    expect(patch('application/apply-patch+yaml', 'data:\n  d: "4"\n', 'fieldManager=kubectl').status).toBe(200)
    expect(patch('application/apply-patch+yaml', 'data: {}\n').status).toBe(400)
    expect(JSON.parse(c.http({ method: 'GET', path }).body).data).toEqual({ b: '2', c: '3', d: '4' })
  })

  it('streams a watch as buffered lines and records it for replay', () => {
    const c = createCluster({ nodes: 1 })
    const w = c.http({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: 'watch=true', headers: { accept: TABLE } })
    expect(w.watch).toBeGreaterThan(0)
    c.http({ method: 'POST', path: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' }, body: POD })
    c.advance(5_000)
    const lines = c.drainWatch(w.watch!)!.map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Table', rows: [{ cells: ['nginx', '0/1', 'Pending', '0', '0s', '<none>', '<none>', '<none>', '<none>'] }] } })
    expect(lines.at(-1).object.rows[0].cells[2]).toBe('Running')
    c.closeWatch(w.watch!)
    expect(c.drainWatch(w.watch!)).toBeUndefined()
    // Bookmarks about once a minute when the client allows them.
    const b = c.http({ method: 'GET', path: '/api/v1/nodes', query: 'watch=true&allowWatchBookmarks=true&resourceVersion=1' })
    c.drainWatch(b.watch!)
    c.advance(61_000)
    const last = JSON.parse(c.drainWatch(b.watch!)!.at(-1)!)
    expect(last).toMatchObject({ type: 'BOOKMARK', object: { kind: 'Node', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) } } })
    const replay = runScenario(c.scenario())
    expect(replay.keyspace()).toEqual(c.keyspace())
    expect(replay.hops().length).toBe(c.hops().length)
  })
})

describe('pagination', () => {
  it('pages by key with a real-shaped continue token', () => {
    const items = ['a', 'b', 'c', 'd', 'e']
    const p1 = paginate(items, (x) => x, 2, undefined, 7)
    expect(p1).toMatchObject({ items: ['a', 'b'], remainingItemCount: 3 })
    const token = (p1 as { continue: string }).continue
    expect(JSON.parse(base64Decode(token)!)).toEqual({ v: 'meta.k8s.io/v1', rv: 7, start: 'c' })
    expect(paginate(items, (x) => x, 2, token, 7)).toMatchObject({ items: ['c', 'd'] })
    expect(paginate(items, (x) => x, 2, 'garbage!', 7)).toHaveProperty('error')
    expect(base64Encode('héllo')).toBe('aMOpbGxv')
  })
})

describe('protobuf bodies', () => {
  it('decodes kubectl auth can-i (SelfSubjectAccessReview)', () => {
    const str = (n: number, s: string) => [n * 8 + 2, s.length, ...[...s].map((ch) => ch.charCodeAt(0))]
    const attrs = [...str(1, 'default'), ...str(2, 'create'), ...str(5, 'pods')]
    const spec = [...str(1, String.fromCharCode(...attrs))]
    const obj = [...str(2, String.fromCharCode(...spec))]
    const typeMeta = [...str(1, 'authorization.k8s.io/v1'), ...str(2, 'SelfSubjectAccessReview')]
    const bytes = [0x6b, 0x38, 0x73, 0, ...str(1, String.fromCharCode(...typeMeta)), ...str(2, String.fromCharCode(...obj))]
    const r = decodeProtobuf(String.fromCharCode(...bytes))
    expect(r).toEqual({ value: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } } } })
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io')).toBe(true)
  })
})

describe('etcd down, a client over HTTP', () => {
  it('gets the 504 at once and leaves the virtual clock where it was (its wait is real time)', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    c.stopComponent('etcd')
    const before = c.now()
    const r = c.http({ method: 'GET', path: '/api/v1/namespaces/default/pods', headers: { accept: 'application/json' } })
    expect(r.status).toBe(504)
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', reason: 'Timeout', code: 504 })
    expect(c.now()).toBe(before)
    // The in-process kubectl waits its request timeout on the virtual clock, as a terminal would.
    c.kubectl('get pods')
    expect(c.now() - before).toBe(60_000)
  })
})
