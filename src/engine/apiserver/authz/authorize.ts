/**
 * Authorization as kubeadm configures it (`--authorization-mode=Node,RBAC`): members of
 * `system:masters` are always allowed; then the Node authorizer; then RBAC. Also the request
 * attributes RBAC reasons about (verb from the HTTP method, `list` vs `get`, `watch`,
 * `deletecollection`, subresources), impersonation's own check, and access reviews
 * (`kubectl auth can-i`).
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go,
 * pkg/kubeapiserver/authorizer/modes, plugin/pkg/auth/authorizer/{node,rbac},
 * pkg/registry/authorization/selfsubjectaccessreview/rest.go.
 */
import type { Etcd } from '../../store/etcd'
import type { ParsedPath } from '../paths'
import type { Verb } from '../request'
import { authorizeNode } from './node'
import type { RBACAuthorizer } from './rbac'
import { forbiddenMessage, type Attributes, type UserInfo } from './rules'

/** The decision: allowed with the note the pipeline shows, or denied with the Forbidden text. */
export type Decision = { allowed: true; note: string; reason: string } | { allowed: false; message: string; reason: string }

/** The attributes of a REST request. Upstream: RequestInfoFactory.NewRequestInfo. */
export function requestAttributes(user: UserInfo, verb: Verb, p: ParsedPath, query: Record<string, string>): Attributes {
  let v: string
  if (verb === 'GET') v = p.name ? 'get' : query.watch === 'true' ? 'watch' : 'list'
  else if (verb === 'POST') v = 'create'
  else if (verb === 'PUT') v = 'update'
  else if (verb === 'PATCH') v = 'patch'
  else v = p.name ? 'delete' : 'deletecollection'
  // A namespace's namespace is itself.
  const namespace = p.type.resource === 'namespaces' ? p.name : p.namespace
  return { user, verb: v, group: p.type.group, resource: p.type.resource, subresource: p.subresource, namespace, name: p.name }
}

/** Runs the authorizers in order. */
export function authorize(a: Attributes, etcd: Etcd, rbac: RBACAuthorizer): Decision {
  if (a.user.groups.includes('system:masters')) return { allowed: true, note: 'group system:masters', reason: '' }
  const node = authorizeNode(a, etcd)
  if (node.decision === 'allow') return { allowed: true, note: node.note!, reason: '' }
  const reasons: string[] = node.reason ? [node.reason] : []
  if (node.decision !== 'deny') {
    const d = rbac.authorize(a)
    if (d.allowed) return { allowed: true, note: d.note!, reason: d.reason! }
  }
  const reason = reasons.join('\n')
  return { allowed: false, reason, message: reason ? `${forbiddenMessage(a)}: ${reason}` : forbiddenMessage(a) }
}

/** A SubjectAccessReview's spec, as `kubectl auth can-i` sends it. */
interface ReviewSpec {
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string }
  nonResourceAttributes?: { path?: string; verb?: string }
}

/** Answers a SelfSubjectAccessReview for `user`: the review with its status filled in. */
export function reviewAccess(review: { spec?: ReviewSpec }, user: UserInfo, etcd: Etcd, rbac: RBACAuthorizer): object {
  const spec = review.spec ?? {}
  const ra = spec.resourceAttributes
  const a: Attributes = ra
    ? { user, verb: ra.verb ?? '', group: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: ra.namespace || undefined, name: ra.name || undefined }
    : { user, verb: spec.nonResourceAttributes?.verb ?? '', group: '', resource: '', path: spec.nonResourceAttributes?.path ?? '' }
  const d = authorize(a, etcd, rbac)
  const status: Record<string, unknown> = { allowed: d.allowed }
  if (d.reason) status.reason = d.reason
  return { ...review, metadata: { creationTimestamp: null }, status }
}
