/**
 * The default RBAC policy the apiserver creates at start (its `rbac/bootstrap-roles` hook) and
 * kubeadm's bindings: cluster-admin and the user-facing admin/edit/view roles, the roles of the
 * scheduler, the controller-manager and each controller's service account, kube-proxy's,
 * CoreDNS's and the cloud-controller-manager's. Rules are upstream's, abridged to the resources
 * Podium serves. Kubelets are authorized by the Node authorizer (node.ts), not by a binding.
 * Upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, controller_policy.go;
 * kubeadm's `kubeadm:cluster-admins` ClusterRoleBinding.
 */
import type { PolicyRule, Subject } from './rules'

const RBAC = 'rbac.authorization.k8s.io'
const READ = ['get', 'list', 'watch']
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update']

function rule(verbs: string[], groups: string[], resources: string[]): PolicyRule {
  return { apiGroups: groups, resources, verbs }
}

/** Events, as every component records them (core and events.k8s.io). Upstream: eventsRule. */
const EVENTS: PolicyRule[] = [rule(['create', 'patch', 'update'], [''], ['events']), rule(['create', 'patch', 'update'], ['events.k8s.io'], ['events'])]

/** Each controller's service account (by the controller's name here) and its rules. Upstream: controller_policy.go. */
export const CONTROLLER_ROLES: Record<string, { account: string; rules: PolicyRule[] }> = {
  attachdetach: { account: 'attachdetach-controller', rules: [rule(READ, [''], ['persistentvolumes', 'persistentvolumeclaims', 'nodes', 'pods']), rule(['patch', 'update'], [''], ['nodes/status']), rule(['create', 'delete', ...READ, 'patch', 'update'], ['storage.k8s.io'], ['volumeattachments']), ...EVENTS] },
  cronjob: { account: 'cronjob-controller', rules: [rule([...READ, 'update'], ['batch'], ['cronjobs']), rule([...READ, 'create', 'update', 'patch', 'delete'], ['batch'], ['jobs']), rule(['update'], ['batch'], ['cronjobs/status', 'cronjobs/finalizers']), rule(['list', 'delete'], [''], ['pods']), ...EVENTS] },
  daemonset: { account: 'daemon-set-controller', rules: [rule(READ, ['apps'], ['daemonsets']), rule(['update'], ['apps'], ['daemonsets/status', 'daemonsets/finalizers']), rule(READ, [''], ['nodes']), rule([...READ, 'create', 'delete', 'patch'], [''], ['pods']), rule(['create'], [''], ['pods/binding']), rule([...READ, 'create', 'delete', 'update', 'patch'], ['apps'], ['controllerrevisions']), ...EVENTS] },
  deployment: { account: 'deployment-controller', rules: [rule([...READ, 'update'], ['apps'], ['deployments']), rule(['update'], ['apps'], ['deployments/status', 'deployments/finalizers']), rule([...READ, 'create', 'update', 'patch', 'delete'], ['apps'], ['replicasets']), rule([...READ, 'update'], [''], ['pods']), ...EVENTS] },
  endpoints: { account: 'endpoint-controller', rules: [rule(READ, [''], ['services', 'pods']), rule(['get', 'list', 'create', 'update', 'delete'], [''], ['endpoints']), rule(['create'], [''], ['endpoints/restricted']), ...EVENTS] },
  endpointslice: { account: 'endpointslice-controller', rules: [rule(READ, [''], ['services', 'pods', 'nodes']), rule(['create', 'update', 'delete', 'get', 'list'], ['discovery.k8s.io'], ['endpointslices']), ...EVENTS] },
  garbagecollector: { account: 'generic-garbage-collector', rules: [rule([...READ, 'patch', 'update', 'delete'], ['*'], ['*'])] },
  job: { account: 'job-controller', rules: [rule([...READ, 'update', 'patch'], ['batch'], ['jobs']), rule(['update'], ['batch'], ['jobs/status', 'jobs/finalizers']), rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']), ...EVENTS] },
  namespace: { account: 'namespace-controller', rules: [rule(['get', 'list', 'watch', 'delete'], [''], ['namespaces']), rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']), rule(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*'])] },
  nodelifecycle: { account: 'node-controller', rules: [rule(['get', 'list', 'update', 'delete', 'patch'], [''], ['nodes']), rule(['patch', 'update'], [''], ['nodes/status', 'pods/status']), rule(['list', 'delete'], [''], ['pods']), rule(['create'], [''], ['pods/eviction']), ...EVENTS] },
  persistentvolume: { account: 'persistent-volume-binder', rules: [rule([...READ, 'update', 'create', 'delete'], [''], ['persistentvolumes']), rule(['update'], [''], ['persistentvolumes/status', 'persistentvolumeclaims/status']), rule([...READ, 'update'], [''], ['persistentvolumeclaims']), rule([...READ, 'delete'], [''], ['pods']), rule(READ, [''], ['nodes']), rule(READ, ['storage.k8s.io'], ['storageclasses']), ...EVENTS] },
  podgc: { account: 'pod-garbage-collector', rules: [rule(['list', 'watch', 'delete'], [''], ['pods']), rule(['get', 'list'], [''], ['nodes']), rule(['patch'], [''], ['pods/status'])] },
  pvcprotection: { account: 'pvc-protection-controller', rules: [rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']), rule(['get', 'list', 'watch'], [''], ['pods'])] },
  pvprotection: { account: 'pv-protection-controller', rules: [rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumes'])] },
  replicaset: { account: 'replicaset-controller', rules: [rule([...READ, 'update'], ['apps'], ['replicasets']), rule(['update'], ['apps'], ['replicasets/status', 'replicasets/finalizers']), rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']), ...EVENTS] },
  replicationcontroller: { account: 'replication-controller', rules: [rule([...READ, 'update'], [''], ['replicationcontrollers']), rule(['update'], [''], ['replicationcontrollers/status', 'replicationcontrollers/finalizers']), rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']), ...EVENTS] },
  resourcequota: { account: 'resourcequota-controller', rules: [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [''], ['resourcequotas/status']), ...EVENTS] },
  rootcacertpublisher: { account: 'root-ca-cert-publisher', rules: [rule(['create', 'update'], [''], ['configmaps']), ...EVENTS] },
  serviceaccount: { account: 'service-account-controller', rules: [rule(['create'], [''], ['serviceaccounts']), ...EVENTS] },
  statefulset: { account: 'statefulset-controller', rules: [rule([...READ, 'create', 'delete', 'update', 'patch'], [''], ['pods']), rule(READ, ['apps'], ['statefulsets']), rule(['update'], ['apps'], ['statefulsets/status', 'statefulsets/finalizers']), rule([...READ, 'create', 'delete', 'update', 'patch'], ['apps'], ['controllerrevisions']), rule(['get', 'create', 'update', 'patch'], [''], ['persistentvolumeclaims']), ...EVENTS] },
  ttlafterfinished: { account: 'ttl-after-finished-controller', rules: [rule([...READ, 'delete'], ['batch'], ['jobs']), ...EVENTS] },
}

/** The service account a controller of the controller-manager runs as. */
export function controllerAccount(controller: string): string {
  // The node IPAM controller shares the node lifecycle controller's account. Upstream: startNodeIpamController.
  if (controller === 'nodeipam') return CONTROLLER_ROLES.nodelifecycle.account
  return CONTROLLER_ROLES[controller]?.account ?? `${controller}-controller`
}

const NAMESPACED_READ: [string, string[]][] = [
  ['', ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'events', 'resourcequotas', 'limitranges', 'namespaces']],
  ['apps', ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'controllerrevisions']],
  ['batch', ['jobs', 'cronjobs']],
  ['discovery.k8s.io', ['endpointslices']],
]

const VIEW: PolicyRule[] = NAMESPACED_READ.map(([g, rs]) => rule(READ, [g], rs))
const EDIT: PolicyRule[] = [
  ...VIEW,
  rule(READ, [''], ['secrets']),
  rule(WRITE, [''], ['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts']),
  rule(['create'], [''], ['pods/exec', 'pods/eviction', 'pods/attach', 'pods/portforward']),
  rule(WRITE, ['apps'], ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets']),
  rule(WRITE, ['batch'], ['jobs', 'cronjobs']),
]
const ADMIN: PolicyRule[] = [...EDIT, rule([...READ, ...WRITE], [RBAC], ['roles', 'rolebindings']), rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews'])]

/** Every ClusterRole the cluster starts with, by name. */
export function bootstrapClusterRoles(): Record<string, PolicyRule[]> {
  const roles: Record<string, PolicyRule[]> = {
    'cluster-admin': [rule(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }],
    admin: ADMIN,
    edit: EDIT,
    view: VIEW,
    'system:basic-user': [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])],
    'system:discovery': [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] }],
    'system:public-info-viewer': [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }],
    'system:kube-scheduler': [
      ...EVENTS,
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases']),
      rule(READ, [''], ['nodes', 'namespaces']),
      rule([...READ, 'delete'], [''], ['pods']),
      rule(['create'], [''], ['bindings', 'pods/binding']),
      rule(['patch', 'update'], [''], ['pods/status']),
      rule(READ, [''], ['replicationcontrollers', 'services']),
      rule(READ, ['apps'], ['replicasets', 'statefulsets']),
      rule(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(READ, ['storage.k8s.io'], ['csinodes', 'csidrivers', 'csistoragecapacities']),
    ],
    'system:volume-scheduler': [rule([...READ, 'patch', 'update'], [''], ['persistentvolumes', 'persistentvolumeclaims']), rule(READ, ['storage.k8s.io'], ['storageclasses'])],
    'system:kube-controller-manager': [
      ...EVENTS,
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases']),
      rule(['create'], [''], ['secrets', 'serviceaccounts']),
      rule(['get', 'update', 'delete'], [''], ['secrets']),
      rule(['get'], [''], ['configmaps', 'namespaces', 'serviceaccounts']),
      // The shared informers list and watch everything.
      rule(['list', 'watch'], ['*'], ['*']),
    ],
    'system:node-proxier': [rule(['list', 'watch'], [''], ['services', 'endpoints']), rule(READ, [''], ['nodes']), rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']), ...EVENTS],
    'system:coredns': [rule(['list', 'watch'], [''], ['endpoints', 'services', 'pods', 'namespaces']), rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices'])],
    'system:cloud-controller-manager': [
      ...EVENTS,
      rule(['*'], [''], ['nodes']),
      rule(['patch'], [''], ['nodes/status']),
      rule(['list', 'patch', 'update', 'watch', 'get'], [''], ['services']),
      rule(['patch', 'update'], [''], ['services/status']),
      rule(['create', 'get'], [''], ['serviceaccounts']),
      rule(['get', 'list', 'update', 'watch', 'create', 'delete', 'patch'], [''], ['persistentvolumes', 'persistentvolumes/status']),
      rule(['create', 'get', 'list', 'watch', 'update'], [''], ['endpoints']),
      rule(['list', 'watch', 'get'], [''], ['pods', 'persistentvolumeclaims']),
      rule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases']),
      rule([...READ, 'create', 'delete', 'patch', 'update'], ['storage.k8s.io'], ['volumeattachments', 'storageclasses']),
    ],
  }
  for (const c of Object.values(CONTROLLER_ROLES)) roles[`system:controller:${c.account}`] = c.rules
  return roles
}

const user = (name: string): Subject => ({ apiGroup: RBAC, kind: 'User', name })
const group = (name: string): Subject => ({ apiGroup: RBAC, kind: 'Group', name })
const sa = (name: string): Subject => ({ kind: 'ServiceAccount', name, namespace: 'kube-system' })

/** Every ClusterRoleBinding the cluster starts with: name → role and subjects. */
export function bootstrapClusterRoleBindings(): Record<string, { role: string; subjects: Subject[] }> {
  const b: Record<string, { role: string; subjects: Subject[] }> = {
    'cluster-admin': { role: 'cluster-admin', subjects: [group('system:masters')] },
    'kubeadm:cluster-admins': { role: 'cluster-admin', subjects: [group('kubeadm:cluster-admins')] },
    'system:basic-user': { role: 'system:basic-user', subjects: [group('system:authenticated')] },
    'system:discovery': { role: 'system:discovery', subjects: [group('system:authenticated')] },
    'system:public-info-viewer': { role: 'system:public-info-viewer', subjects: [group('system:authenticated'), group('system:unauthenticated')] },
    'system:kube-scheduler': { role: 'system:kube-scheduler', subjects: [user('system:kube-scheduler')] },
    'system:volume-scheduler': { role: 'system:volume-scheduler', subjects: [user('system:kube-scheduler')] },
    'system:kube-controller-manager': { role: 'system:kube-controller-manager', subjects: [user('system:kube-controller-manager')] },
    'system:node-proxier': { role: 'system:node-proxier', subjects: [sa('kube-proxy')] },
    'system:coredns': { role: 'system:coredns', subjects: [sa('coredns')] },
    'system:cloud-controller-manager': { role: 'system:cloud-controller-manager', subjects: [sa('cloud-controller-manager')] },
  }
  for (const c of Object.values(CONTROLLER_ROLES)) b[`system:controller:${c.account}`] = { role: `system:controller:${c.account}`, subjects: [sa(c.account)] }
  return b
}

/** The bootstrap objects as API objects, ClusterRoles first. */
export function bootstrapPolicyObjects(): { path: string; body: object }[] {
  const metadata = (name: string) => ({ name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } })
  const out: { path: string; body: object }[] = []
  for (const [name, rules] of Object.entries(bootstrapClusterRoles())) {
    out.push({ path: `/apis/${RBAC}/v1/clusterroles`, body: { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: metadata(name), rules } })
  }
  for (const [name, { role, subjects }] of Object.entries(bootstrapClusterRoleBindings())) {
    out.push({ path: `/apis/${RBAC}/v1/clusterrolebindings`, body: { apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: metadata(name), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subjects } })
  }
  return out
}
