/**
 * The resource types the simulated apiserver serves, as discovery describes them.
 * Upstream: pkg/registry/<group>/<resource>/storage and the etcd key layout of
 * pkg/kubeapiserver/default_storage_factory_builder.go (nodes live under `minions`,
 * services under `services/specs`, endpoints under `services/endpoints`).
 */
export interface ResourceType {
  group: string
  version: string
  /** Plural, lower case: `pods`. */
  resource: string
  singular: string
  kind: string
  namespaced: boolean
  shortNames: string[]
  /** Path under `/registry/` in etcd. */
  etcd: string
  /** Whether `status` is a subresource (PUT on the object ignores status and vice versa). */
  hasStatus: boolean
  /** Whether spec changes bump metadata.generation. */
  generation: boolean
  categories: string[]
  verbs: string[]
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

function r(
  group: string,
  version: string,
  resource: string,
  kind: string,
  o: Partial<Pick<ResourceType, 'namespaced' | 'shortNames' | 'etcd' | 'hasStatus' | 'generation' | 'categories' | 'singular' | 'verbs'>> = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    kind,
    singular: o.singular ?? kind.toLowerCase(),
    namespaced: o.namespaced ?? true,
    shortNames: o.shortNames ?? [],
    etcd: o.etcd ?? resource,
    hasStatus: o.hasStatus ?? false,
    generation: o.generation ?? false,
    categories: o.categories ?? [],
    verbs: o.verbs ?? ALL_VERBS,
  }
}

export const RESOURCES: ResourceType[] = [
  r('', 'v1', 'pods', 'Pod', { shortNames: ['po'], hasStatus: true, categories: ['all'] }),
  r('', 'v1', 'nodes', 'Node', { namespaced: false, shortNames: ['no'], etcd: 'minions', hasStatus: true }),
  r('', 'v1', 'namespaces', 'Namespace', { namespaced: false, shortNames: ['ns'], hasStatus: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  r('', 'v1', 'events', 'Event', { shortNames: ['ev'] }),
  r('', 'v1', 'services', 'Service', { shortNames: ['svc'], etcd: 'services/specs', hasStatus: true, categories: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  r('', 'v1', 'endpoints', 'Endpoints', { shortNames: ['ep'], etcd: 'services/endpoints', singular: 'endpoints' }),
  r('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
  r('', 'v1', 'secrets', 'Secret'),
  r('', 'v1', 'serviceaccounts', 'ServiceAccount', { shortNames: ['sa'] }),
  r('', 'v1', 'replicationcontrollers', 'ReplicationController', { shortNames: ['rc'], etcd: 'controllers', hasStatus: true, generation: true, categories: ['all'] }),
  r('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', { shortNames: ['pvc'], hasStatus: true }),
  r('', 'v1', 'persistentvolumes', 'PersistentVolume', { namespaced: false, shortNames: ['pv'], hasStatus: true }),
  r('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'], hasStatus: true, generation: true, categories: ['all'] }),
  r('apps', 'v1', 'replicasets', 'ReplicaSet', { shortNames: ['rs'], hasStatus: true, generation: true, categories: ['all'] }),
  r('apps', 'v1', 'statefulsets', 'StatefulSet', { shortNames: ['sts'], hasStatus: true, generation: true, categories: ['all'] }),
  r('apps', 'v1', 'daemonsets', 'DaemonSet', { shortNames: ['ds'], hasStatus: true, generation: true, categories: ['all'] }),
  r('apps', 'v1', 'controllerrevisions', 'ControllerRevision'),
  r('batch', 'v1', 'jobs', 'Job', { hasStatus: true, generation: true, categories: ['all'] }),
  r('batch', 'v1', 'cronjobs', 'CronJob', { shortNames: ['cj'], hasStatus: true, generation: true, categories: ['all'] }),
  r('coordination.k8s.io', 'v1', 'leases', 'Lease'),
  r('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', { namespaced: false, shortNames: ['sc'] }),
  r('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice'),
  r('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  r('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  r('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', { namespaced: false }),
  r('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', { namespaced: false }),
  r('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', { namespaced: false, verbs: ['create'] }),
  r('', 'v1', 'resourcequotas', 'ResourceQuota', { shortNames: ['quota'], hasStatus: true }),
  r('', 'v1', 'limitranges', 'LimitRange', { shortNames: ['limits'] }),
]

const byPath = new Map<string, ResourceType>()
const byKind = new Map<string, ResourceType>()
for (const t of RESOURCES) {
  byPath.set(`${t.group}/${t.version}/${t.resource}`, t)
  byKind.set(`${t.group}/${t.version}/${t.kind}`, t)
}

/** The served resource at `group/version/resource`, if any. */
export function resourceByPath(group: string, version: string, resource: string): ResourceType | undefined {
  return byPath.get(`${group}/${version}/${resource}`)
}

/** The served resource for an `apiVersion` and `kind` (`apps/v1`, `Deployment`). */
export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
  return byKind.get(`${group}/${version}/${kind}`)
}

/** `pods`, `deployments.apps`: how errors and kubectl name a resource. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version
}

/** The REST path of a collection or an object. */
export function restPath(t: ResourceType, namespace?: string, name?: string, sub?: string): string {
  let p = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`
  if (t.namespaced && namespace) p += `/namespaces/${namespace}`
  p += `/${t.resource}`
  if (name) p += `/${name}`
  if (sub) p += `/${sub}`
  return p
}

/** The etcd key of an object (`/registry/pods/default/web-0`) or a resource prefix. */
export function etcdKey(t: ResourceType, namespace?: string, name?: string): string {
  let k = `/registry/${t.etcd}/`
  if (t.namespaced && namespace) k += `${namespace}/`
  if (name) k += name
  return k
}
