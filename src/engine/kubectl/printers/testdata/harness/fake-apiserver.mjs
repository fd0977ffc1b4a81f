// A fake kube-apiserver for checking real kubectl's client-side output against Podium's printers.
// It serves discovery, the objects of /tmp/podium-printers/fixtures.json (GET, list, field and
// label selectors) and, for `as=Table` requests, Tables built by Podium's registry at the virtual
// time in /tmp/podium-printers/now.txt. Run from the repository root:
//   node --import tsx src/engine/kubectl/printers/testdata/harness/fake-apiserver.mjs
import fs from 'node:fs'
import http from 'node:http'
import { buildTable } from '../../registry.ts'

export const DIR = '/tmp/podium-printers'
const core = [
  ['pods', 'Pod', true, ['po']], ['services', 'Service', true, ['svc']], ['nodes', 'Node', false, ['no']],
  ['namespaces', 'Namespace', false, ['ns']], ['events', 'Event', true, ['ev']], ['endpoints', 'Endpoints', true, ['ep']],
  ['configmaps', 'ConfigMap', true, ['cm']], ['secrets', 'Secret', true, []], ['serviceaccounts', 'ServiceAccount', true, ['sa']],
  ['persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']], ['persistentvolumes', 'PersistentVolume', false, ['pv']],
  ['replicationcontrollers', 'ReplicationController', true, ['rc']], ['resourcequotas', 'ResourceQuota', true, ['quota']],
  ['limitranges', 'LimitRange', true, ['limits']],
]
const groups = {
  'apps/v1': [['deployments', 'Deployment', true, ['deploy']], ['replicasets', 'ReplicaSet', true, ['rs']], ['statefulsets', 'StatefulSet', true, ['sts']], ['daemonsets', 'DaemonSet', true, ['ds']]],
  'batch/v1': [['jobs', 'Job', true, []], ['cronjobs', 'CronJob', true, ['cj']]],
  'storage.k8s.io/v1': [['storageclasses', 'StorageClass', false, ['sc']]],
  'coordination.k8s.io/v1': [['leases', 'Lease', true, []]],
  'discovery.k8s.io/v1': [['endpointslices', 'EndpointSlice', true, []]],
}
const allCategory = new Set(['pods', 'services', 'replicationcontrollers', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'])
const resourceList = (gv, rs) => ({
  kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv,
  resources: rs.map(([name, kind, namespaced, shortNames]) => ({
    name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    ...(shortNames.length ? { shortNames } : {}), ...(allCategory.has(name) ? { categories: ['all'] } : {}),
  })),
})
const kindOf = Object.fromEntries([...core, ...Object.values(groups).flat()].map(([n, k]) => [n, k]))

const field = (o, path) => path.split('.').reduce((cur, p) => cur?.[p], o) ?? ''
const matchFields = (o, sel) => !sel || sel.split(',').every((t) => (t.includes('!=') ? field(o, t.split('!=')[0]) !== t.split('!=')[1] : field(o, t.split('=')[0]) === t.split('=')[1]))
const matchLabels = (o, sel) => !sel || sel.split(',').every((t) => !t.includes('=') || o.metadata?.labels?.[t.split('=')[0]] === t.split('=')[1])

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://x')
    const p = url.pathname
    const send = (code, body) => {
      res.writeHead(code, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] })
    if (p === '/apis') return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: Object.keys(groups).map((gv) => ({ name: gv.split('/')[0], versions: [{ groupVersion: gv, version: 'v1' }], preferredVersion: { groupVersion: gv, version: 'v1' } })) })
    if (p === '/api/v1') return send(200, resourceList('v1', core))
    for (const gv of Object.keys(groups)) if (p === `/apis/${gv}`) return send(200, resourceList(gv, groups[gv]))
    const m = /^\/(?:api\/v1|apis\/([^/]+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(p)
    if (!m) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 })
    let [, group, ns, resource, name] = m
    if (resource === 'namespaces' && ns && !name) [name, ns] = [ns, undefined]
    const objects = JSON.parse(fs.readFileSync(`${DIR}/fixtures.json`, 'utf8'))
    const items = objects.filter(
      (o) => o.kind === kindOf[resource] && (!ns || o.metadata.namespace === ns) && (!name || o.metadata.name === name) &&
        matchFields(o, url.searchParams.get('fieldSelector')) && matchLabels(o, url.searchParams.get('labelSelector')),
    )
    if (name && items.length === 0) {
      const qualified = group ? `${resource}.${group}` : resource
      return send(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${qualified} "${name}" not found`, reason: 'NotFound', details: { name, kind: resource }, code: 404 })
    }
    if ((req.headers.accept ?? '').includes('as=Table')) {
      const table = buildTable(resource, items, Number(fs.readFileSync(`${DIR}/now.txt`, 'utf8')))
      return send(200, {
        kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '1000' },
        columnDefinitions: table.columnDefinitions.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: '', priority: c.priority })),
        rows: table.rows.map((r, i) => ({ cells: r.cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: items[i].metadata } })),
      })
    }
    if (name) return send(200, items[0])
    return send(200, { kind: `${kindOf[resource]}List`, apiVersion: group ? `${group}/v1` : 'v1', metadata: { resourceVersion: '1000' }, items })
  })
  .listen(Number(process.env.PORT ?? 18080), '127.0.0.1', () => console.log('fake apiserver listening'))
