/**
 * Discovery: what the apiserver tells clients it serves, built from the resource registry
 * (resources.ts). Both formats real kube-apiserver 1.33 answers: aggregated discovery
 * (`apidiscovery.k8s.io/v2` APIGroupDiscoveryList, one document for `/api` and one for `/apis`,
 * what kubectl 1.33 asks for first) and the legacy documents (`/api` APIVersions, `/apis`
 * APIGroupList, `/api/v1` and `/apis/<group>/<version>` APIResourceList).
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/discovery (aggregated/, legacy.go, group.go).
 */
import { RESOURCES, type ResourceType } from './resources'

/** The media type kubectl 1.33 asks for: `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`. */
export const AGGREGATED_DISCOVERY_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'

interface Subresource {
  name: string
  kind: { group: string; version: string; kind: string }
  verbs: string[]
}

/** The subresources each resource serves (status, scale, binding, log, eviction, exec). */
function subresourcesOf(t: ResourceType): Subresource[] {
  const out: Subresource[] = []
  const self = { group: t.group, version: t.version, kind: t.kind }
  if (t.resource === 'pods') {
    out.push({ name: 'binding', kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] })
    out.push({ name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] })
    out.push({ name: 'exec', kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] })
    out.push({ name: 'log', kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] })
  }
  if (['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(t.resource)) {
    out.push({ name: 'scale', kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] })
  }
  if (t.resource === 'namespaces') out.push({ name: 'finalize', kind: self, verbs: ['update'] })
  if (t.hasStatus) out.push({ name: 'status', kind: self, verbs: ['get', 'patch', 'update'] })
  return out.sort((a, b) => (a.name < b.name ? -1 : 1))
}

/** The API groups in the order the apiserver lists them (core first, then by registration). */
function groupVersions(): { group: string; version: string; resources: ResourceType[] }[] {
  const out: { group: string; version: string; resources: ResourceType[] }[] = []
  for (const t of RESOURCES) {
    let g = out.find((x) => x.group === t.group && x.version === t.version)
    if (!g) out.push((g = { group: t.group, version: t.version, resources: [] }))
    g.resources.push(t)
  }
  for (const g of out) g.resources.sort((a, b) => (a.resource < b.resource ? -1 : 1))
  return out
}

function aggregatedResource(t: ResourceType): object {
  const r: Record<string, unknown> = {
    resource: t.resource,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
  }
  if (t.shortNames.length) r.shortNames = t.shortNames
  if (t.categories.length) r.categories = t.categories
  const subs = subresourcesOf(t)
  if (subs.length) r.subresources = subs.map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs }))
  return r
}

/**
 * The aggregated discovery document of `/api` (`core`) or `/apis` (every named group).
 * @example aggregatedDiscovery('apis').items[0].metadata.name // 'apps'
 */
export function aggregatedDiscovery(root: 'api' | 'apis'): { kind: string; apiVersion: string; metadata: object; items: object[] } {
  const gvs = groupVersions().filter((g) => (root === 'api' ? g.group === '' : g.group !== ''))
  const items = gvs.map((g) => ({
    metadata: { name: g.group, creationTimestamp: null },
    versions: [{ version: g.version, resources: g.resources.map(aggregatedResource), freshness: 'Current' }],
  }))
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items }
}

/** Legacy `/api`: APIVersions. */
export function legacyCoreVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] }
}

/** Legacy `/apis`: APIGroupList (or one group's APIGroup for `/apis/<group>`). */
export function legacyGroupList(): object {
  const groups = groupVersions()
    .filter((g) => g.group !== '')
    .map((g) => groupDoc(g.group, g.version))
  return { kind: 'APIGroupList', apiVersion: 'v1', groups }
}

function groupDoc(group: string, version: string): object {
  const gv = { groupVersion: `${group}/${version}`, version }
  return { name: group, versions: [gv], preferredVersion: gv }
}

/** Legacy `/apis/<group>`: APIGroup, or undefined when the group is not served. */
export function legacyGroup(group: string): object | undefined {
  const g = groupVersions().find((x) => x.group === group)
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g.group, g.version) } : undefined
}

/** Legacy `/api/v1`, `/apis/apps/v1`: APIResourceList with subresources as `pods/status`. */
export function legacyResourceList(group: string, version: string): object | undefined {
  const g = groupVersions().find((x) => x.group === group && x.version === version)
  if (!g) return undefined
  const resources: object[] = []
  for (const t of g.resources) {
    const r: Record<string, unknown> = { name: t.resource, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs }
    if (t.shortNames.length) r.shortNames = t.shortNames
    if (t.categories.length) r.categories = t.categories
    resources.push(r)
    for (const s of subresourcesOf(t)) {
      const sr: Record<string, unknown> = { name: `${t.resource}/${s.name}`, singularName: '', namespaced: t.namespaced, kind: s.kind.kind, verbs: s.verbs }
      if (s.kind.group !== t.group || s.kind.version !== t.version) Object.assign(sr, { group: s.kind.group, version: s.kind.version })
      resources.push(sr)
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources }
}

/** Every served group-version as `api/v1`, `apis/apps/v1`: the keys of `/openapi/v3`. */
export function servedGroupVersions(): { group: string; version: string; path: string }[] {
  return groupVersions().map((g) => ({ group: g.group, version: g.version, path: g.group ? `apis/${g.group}/${g.version}` : `api/${g.version}` }))
}

/** The served resources as plain data (what the OpenAPI documents describe). */
export function servedResources(): { group: string; version: string; resource: string; kind: string; namespaced: boolean }[] {
  return RESOURCES.map((t) => ({ group: t.group, version: t.version, resource: t.resource, kind: t.kind, namespaced: t.namespaced }))
}
