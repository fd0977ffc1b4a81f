/**
 * The Node authorizer: a kubelet (user `system:node:<name>` in group `system:nodes`) may read only
 * the Secrets, ConfigMaps and PersistentVolumeClaims that pods bound to its node use, and
 * otherwise what the `system:node` rules allow (its Node and Lease, pods and their status,
 * events). Other users get no opinion, and RBAC decides.
 * Upstream: plugin/pkg/auth/authorizer/node/node_authorizer.go (the graph of pods to the objects
 * they reference), plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go NodeRules.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { Etcd } from '../../store/etcd'
import { ruleAllows, type Attributes, type PolicyRule } from './rules'

/** What a kubelet may do besides reading the objects its pods use. Upstream: NodeRules (abridged). */
export const NODE_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['create', 'get', 'list', 'watch', 'delete', 'patch', 'update'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
  { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: [''], resources: ['services', 'endpoints'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['get', 'patch', 'update'] },
  { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'patch', 'delete'] },
  { apiGroups: ['storage.k8s.io'], resources: ['csinodes', 'csidrivers', 'volumeattachments'], verbs: ['get', 'list', 'watch'] },
]

/** What a kubelet may read only when a pod of its node uses it (the Node authorizer's graph). */
export const GRAPH_RESOURCES = ['configmaps', 'secrets', 'persistentvolumeclaims']

/** The node's name when the user is a kubelet. */
export function nodeName(a: Attributes): string | undefined {
  if (!a.user.groups.includes('system:nodes') || !a.user.name.startsWith('system:node:')) return undefined
  return a.user.name.slice('system:node:'.length)
}

/** Whether a pod uses a ConfigMap, Secret or claim of this name (env, envFrom, volumes). */
function podUses(pod: Pod, resource: string, name: string): boolean {
  const spec = pod.spec
  if (!spec) return false
  for (const v of spec.volumes ?? []) {
    if (resource === 'configmaps' && (v.configMap?.name === name || v.projected?.sources?.some((s) => s.configMap?.name === name))) return true
    if (resource === 'secrets' && (v.secret?.secretName === name || v.projected?.sources?.some((s) => s.secret?.name === name))) return true
    if (resource === 'persistentvolumeclaims' && v.persistentVolumeClaim?.claimName === name) return true
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const f of c.envFrom ?? []) {
      if (resource === 'configmaps' && f.configMapRef?.name === name) return true
      if (resource === 'secrets' && f.secretRef?.name === name) return true
    }
    for (const e of c.env ?? []) {
      if (resource === 'configmaps' && e.valueFrom?.configMapKeyRef?.name === name) return true
      if (resource === 'secrets' && e.valueFrom?.secretKeyRef?.name === name) return true
    }
  }
  return resource === 'secrets' && (spec.imagePullSecrets ?? []).some((s) => s.name === name)
}

/**
 * The Node authorizer's decision: allowed (with the note), denied with a reason (a kubelet asking
 * for an object no pod of its node uses), or no opinion (not a kubelet).
 */
export function authorizeNode(a: Attributes, etcd: Etcd): { decision: 'allow' | 'deny' | 'none'; note?: string; reason?: string } {
  const node = nodeName(a)
  if (!node) return { decision: 'none' }
  if (a.path === undefined && GRAPH_RESOURCES.includes(a.resource) && !a.subresource) {
    if (a.verb !== 'get' || !a.name) return { decision: 'deny', reason: `can only get individual resources of this type` }
    const used = etcd.range(`/registry/pods/${a.namespace}/`).some((kv) => {
      const p = kv.value as Pod
      return p.spec?.nodeName === node && podUses(p, a.resource, a.name!)
    })
    if (!used) return { decision: 'deny', reason: `no relationship found between node '${node}' and this object` }
    return { decision: 'allow', note: `Node authorizer: a pod on ${node} uses ${a.resource}/${a.name}` }
  }
  if (NODE_RULES.some((r) => ruleAllows(a, r))) return { decision: 'allow', note: `Node authorizer: ${node} may act on itself and its pods` }
  return { decision: 'none' }
}
