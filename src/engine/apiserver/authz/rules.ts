/**
 * RBAC's building blocks: request attributes, policy rules and how a rule or a subject matches.
 * Upstream: staging/src/k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go (Attributes),
 * pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches,
 * ResourceNameMatches, NonResourceURLMatches), plugin/pkg/auth/authorizer/rbac/rbac.go (appliesTo).
 */

/** Who is asking, as authentication found out. */
export interface UserInfo {
  name: string
  groups: string[]
  /** How the apiserver knew: `client certificate`, `service account token`, `impersonation …`. */
  method: string
}

/** What is asked: a resource request (`list pods in default`) or a non-resource path (`get /healthz`). */
export interface Attributes {
  user: UserInfo
  verb: string
  /** Empty for the core group. */
  group: string
  resource: string
  subresource?: string
  namespace?: string
  name?: string
  /** For non-resource requests (`/healthz`, `/version`). */
  path?: string
}

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  verbs: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
  nonResourceURLs?: string[]
}

/** A binding's subject. */
export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string
  name: string
  namespace?: string
  apiGroup?: string
}

function verbMatches(r: PolicyRule, verb: string): boolean {
  return r.verbs.includes('*') || r.verbs.includes(verb)
}

function resourceMatches(r: PolicyRule, resource: string, sub: string | undefined): boolean {
  const combined = sub ? `${resource}/${sub}` : resource
  for (const rr of r.resources ?? []) {
    if (rr === '*' || rr === combined) return true
    // `*/scale` matches the scale subresource of every resource.
    if (sub && rr === `*/${sub}`) return true
  }
  return false
}

/** Whether one rule allows the request. Upstream: RuleAllows. */
export function ruleAllows(a: Attributes, r: PolicyRule): boolean {
  if (a.path !== undefined) {
    if (!verbMatches(r, a.verb)) return false
    return (r.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))))
  }
  if (!verbMatches(r, a.verb)) return false
  const groups = r.apiGroups ?? []
  if (!groups.includes('*') && !groups.includes(a.group)) return false
  if (!resourceMatches(r, a.resource, a.subresource)) return false
  const names = r.resourceNames ?? []
  return names.length === 0 || (!!a.name && names.includes(a.name))
}

/** Whether a binding's subject is this user. Upstream: appliesToUser. */
export function subjectMatches(s: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.name
    case 'Group':
      return user.groups.includes(s.name)
    case 'ServiceAccount':
      return user.name === `system:serviceaccount:${s.namespace || bindingNamespace || ''}:${s.name}`
    default:
      return false
  }
}

/**
 * The Forbidden message the apiserver writes when no authorizer allows a request.
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage.
 */
export function forbiddenMessage(a: Attributes): string {
  if (a.path !== undefined) return `User "${a.user.name}" cannot ${a.verb} path "${a.path}"`
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource
  if (a.namespace) return `User "${a.user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" in the namespace "${a.namespace}"`
  return `User "${a.user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" at the cluster scope`
}
