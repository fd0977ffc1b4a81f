/**
 * The RBAC authorizer: a request is allowed when a ClusterRoleBinding, or a RoleBinding in the
 * request's namespace, binds one of the user's identities to a role with a matching rule.
 * ClusterRoleBindings are visited first, then the namespace's RoleBindings, each in key order;
 * the first allowing binding is the answer. There are no deny rules.
 * Upstream: plugin/pkg/auth/authorizer/rbac/rbac.go (Authorize, authorizingVisitor),
 * pkg/registry/rbac/validation/rule.go (VisitRulesFor).
 */
import type { Etcd } from '../../store/etcd'
import { ruleAllows, type Attributes, type PolicyRule, type Subject } from './rules'

interface Binding {
  metadata?: { name?: string; namespace?: string }
  roleRef?: { kind?: string; name?: string }
  subjects?: Subject[]
}

interface Role {
  rules?: PolicyRule[]
}

interface IndexedBinding {
  /** Position in key order among the scope's bindings (the order RBAC visits them). */
  order: number
  kind: 'ClusterRoleBinding' | 'RoleBinding'
  binding: Binding
  subject: Subject
  ns?: string
}

/** The answer: allowed, and by which binding (in two wordings). */
export interface RBACDecision {
  allowed: boolean
  /** `RBAC: ClusterRoleBinding kubeadm:cluster-admins → ClusterRole cluster-admin` (the pipeline note). */
  note?: string
  /** Upstream's reason: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`. */
  reason?: string
}

/** Whether an etcd key holds an RBAC object (so cached decisions must be forgotten). */
export function isRBACKey(key: string): boolean {
  return /^\/registry\/(cluster)?role(binding)?s\//.test(key)
}

/**
 * Evaluates RBAC over the objects in etcd, remembering decisions until an RBAC object changes
 * (`invalidate`). The cache is derived data: a restored cluster starts with an empty one and
 * reaches the same decisions.
 */
export class RBACAuthorizer {
  private cache = new Map<string, RBACDecision>()

  constructor(private readonly etcd: Etcd) {}

  private names?: boolean

  invalidate(): void {
    this.cache.clear()
    this.index.clear()
    this.names = undefined
  }

  /** Whether any Role or ClusterRole has a rule with resourceNames (then names matter to decisions). */
  usesNames(): boolean {
    if (this.names === undefined) {
      const has = (prefix: string) => this.etcd.range(prefix).some((kv) => ((kv.value as Role).rules ?? []).some((r) => (r.resourceNames ?? []).length > 0))
      this.names = has('/registry/clusterroles/') || has('/registry/roles/')
    }
    return this.names
  }

  authorize(a: Attributes): RBACDecision {
    const name = this.usesNames() ? (a.name ?? '') : ''
    const key = [a.user.name, a.user.groups.join(','), a.verb, a.group, a.resource, a.subresource ?? '', a.namespace ?? '', name, a.path ?? ''].join('|')
    let d = this.cache.get(key)
    if (!d) {
      if (this.cache.size > 20_000) this.cache.clear()
      d = this.evaluate(a)
      this.cache.set(key, d)
    }
    return d
  }

  private role(kind: string | undefined, name: string | undefined, namespace?: string): Role | undefined {
    if (!name) return undefined
    const key = kind === 'Role' ? `/registry/roles/${namespace}/${name}` : `/registry/clusterroles/${name}`
    return this.etcd.get(key)?.value as Role | undefined
  }

  /**
   * Bindings by subject (`User:x`, `Group:x`, `ServiceAccount:ns:name`), cluster-wide and per
   * namespace, each with its position in key order, so a decision looks only at the bindings
   * that name one of the user's identities.
   */
  private index = new Map<string, Map<string, IndexedBinding[]>>()

  private bindingsFor(scope: string, user: Attributes['user']): IndexedBinding[] {
    let idx = this.index.get(scope)
    if (!idx) {
      idx = new Map()
      const kind = scope === '' ? 'ClusterRoleBinding' : 'RoleBinding'
      const kvs = this.etcd.range(scope === '' ? '/registry/clusterrolebindings/' : `/registry/rolebindings/${scope}/`)
      kvs.forEach((kv, order) => {
        const b = kv.value as Binding
        const ns = kind === 'RoleBinding' ? b.metadata?.namespace : undefined
        for (const subject of b.subjects ?? []) {
          const key = subject.kind === 'ServiceAccount' ? `ServiceAccount:${subject.namespace || ns || ''}:${subject.name}` : `${subject.kind}:${subject.name}`
          const list = idx!.get(key) ?? []
          if (!list.some((x) => x.order === order)) list.push({ order, kind, binding: b, subject, ns })
          idx!.set(key, list)
        }
      })
      this.index.set(scope, idx)
    }
    const keys = [`User:${user.name}`, ...user.groups.map((g) => `Group:${g}`)]
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user.name)
    if (sa) keys.push(`ServiceAccount:${sa[1]}:${sa[2]}`)
    const out: IndexedBinding[] = []
    for (const k of keys) for (const b of idx.get(k) ?? []) if (!out.some((x) => x.order === b.order)) out.push(b)
    return out.sort((x, y) => x.order - y.order)
  }

  private evaluate(a: Attributes): RBACDecision {
    const visit = ({ binding: b, kind, subject, ns }: IndexedBinding): RBACDecision | undefined => {
      const roleKind = b.roleRef?.kind === 'Role' ? 'Role' : 'ClusterRole'
      const role = this.role(roleKind, b.roleRef?.name, ns)
      if (!role || !(role.rules ?? []).some((r) => ruleAllows(a, r))) return undefined
      const bname = kind === 'RoleBinding' ? `${ns}/${b.metadata?.name}` : b.metadata?.name
      const subj = subject.kind === 'ServiceAccount' ? `ServiceAccount "${subject.name}/${subject.namespace || ns}"` : `${subject.kind} "${subject.name}"`
      return {
        allowed: true,
        note: `RBAC: ${kind} ${bname} → ${roleKind} ${b.roleRef?.name}`,
        reason: `RBAC: allowed by ${kind} "${b.metadata?.name}${ns ? `/${ns}` : ''}" of ${roleKind} "${b.roleRef?.name}" to ${subj}`,
      }
    }
    for (const b of this.bindingsFor('', a.user)) {
      const d = visit(b)
      if (d) return d
    }
    if (a.namespace) {
      for (const b of this.bindingsFor(a.namespace, a.user)) {
        const d = visit(b)
        if (d) return d
      }
    }
    return { allowed: false }
  }
}
