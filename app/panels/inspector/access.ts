/**
 * Who may do what, and how much a namespace may use: RBAC bindings and roles, ResourceQuota usage
 * and LimitRange defaults, read from the keyspace at the cursor. Pure (tested beside it).
 *
 * ```ts
 * bindingRows(view)   // [{ name: 'read-pods', subjects: ['User jane'], role: 'Role pod-reader', rules: [{ verbs: 'get, list', resources: 'pods' }] }]
 * quotaRows(view)     // [{ name: 'compute', namespace: 'dev', items: [{ resource: 'pods', used: '2', hard: '5', ratio: 0.4 }] }]
 * ```
 */
import type { Keyspace } from '../../state/keyspace'
import { byNaturalName } from '../../diagram/mapping'

interface Meta {
  name?: string
  namespace?: string
}

interface PolicyRule {
  apiGroups?: string[]
  resources?: string[]
  verbs?: string[]
  resourceNames?: string[]
  nonResourceURLs?: string[]
}

interface RoleObject {
  metadata?: Meta
  rules?: PolicyRule[] | null
}

interface BindingObject {
  metadata?: Meta
  subjects?: { kind: string; name: string; namespace?: string }[]
  roleRef?: { kind: string; name: string }
}

/** One rule as `kubectl describe role` reads it: `deployments.apps`, `[get list watch]`. */
export interface RuleRow {
  verbs: string
  /** Resources with their API group (`deployments.apps`), or non-resource URLs (`/healthz`). */
  resources: string
  /** Only these objects (`resourceNames`), when the rule names them. */
  names?: string
}

export interface RoleRow {
  key: string
  kind: 'Role' | 'ClusterRole'
  name: string
  namespace?: string
  rules: RuleRow[]
  /** One of the cluster's own (`system:…`), hidden unless asked for. */
  system: boolean
}

export interface BindingRow {
  key: string
  kind: 'RoleBinding' | 'ClusterRoleBinding'
  name: string
  namespace?: string
  /** `User jane`, `Group system:masters`, `ServiceAccount default/builder`. */
  subjects: string[]
  /** `ClusterRole view`. */
  role: string
  /** The role's rules; undefined when the role does not exist (the binding grants nothing). */
  rules?: RuleRow[]
  system: boolean
}

export interface QuotaItem {
  resource: string
  used: string
  hard: string
  /** used / hard, 0–1 (more when over), for the meter; undefined when not comparable. */
  ratio?: number
}

export interface QuotaRow {
  key: string
  name: string
  namespace: string
  items: QuotaItem[]
}

export interface LimitRow {
  key: string
  name: string
  namespace: string
  /** One line per limit type and resource: `Container cpu` with its min, max, default limit and default request. */
  items: { type: string; resource: string; min: string; max: string; defaultLimit: string; defaultRequest: string }[]
}

/** Names of the cluster's own objects: the bootstrap policy and the controllers' roles. */
export function isSystemName(name: string): boolean {
  return name.startsWith('system:')
}

/** `kubectl describe role`'s view of the rules, one row per rule. */
export function ruleRows(rules: readonly PolicyRule[] | null | undefined): RuleRow[] {
  return (rules ?? []).map((r) => {
    const verbs = (r.verbs ?? []).join(', ')
    if (r.nonResourceURLs?.length) return { verbs, resources: r.nonResourceURLs.join(', ') }
    const groups = r.apiGroups?.length ? r.apiGroups : ['']
    const resources = (r.resources ?? []).flatMap((res) => groups.map((g) => (g ? `${res}.${g}` : res))).join(', ')
    return { verbs, resources, ...(r.resourceNames?.length ? { names: r.resourceNames.join(', ') } : {}) }
  })
}

function under<T>(view: Keyspace, prefix: string): { key: string; value: T }[] {
  const out: { key: string; value: T }[] = []
  for (const kv of view.values()) if (kv.key.startsWith(prefix)) out.push({ key: kv.key, value: kv.value as T })
  return out.sort((a, b) => byNaturalName(a.key, b.key))
}

function roleKey(kind: string, name: string, namespace?: string): string {
  return kind === 'ClusterRole' ? `/registry/clusterroles/${name}` : `/registry/roles/${namespace}/${name}`
}

/** Roles and ClusterRoles: namespaced Roles first, then ClusterRoles, each by name. */
export function roleRows(view: Keyspace): RoleRow[] {
  const rows: RoleRow[] = []
  for (const [prefix, kind] of [['/registry/roles/', 'Role'], ['/registry/clusterroles/', 'ClusterRole']] as const) {
    for (const { key, value } of under<RoleObject>(view, prefix)) {
      const name = value.metadata?.name ?? key.split('/').pop()!
      rows.push({ key, kind, name, ...(kind === 'Role' ? { namespace: value.metadata?.namespace } : {}), rules: ruleRows(value.rules), system: isSystemName(name) })
    }
  }
  return rows
}

/** RoleBindings and ClusterRoleBindings with their subjects and the rules they grant. */
export function bindingRows(view: Keyspace): BindingRow[] {
  const rows: BindingRow[] = []
  for (const [prefix, kind] of [['/registry/rolebindings/', 'RoleBinding'], ['/registry/clusterrolebindings/', 'ClusterRoleBinding']] as const) {
    for (const { key, value } of under<BindingObject>(view, prefix)) {
      const name = value.metadata?.name ?? key.split('/').pop()!
      const namespace = kind === 'RoleBinding' ? value.metadata?.namespace : undefined
      const ref = value.roleRef ?? { kind: 'ClusterRole', name: '?' }
      const role = view.get(roleKey(ref.kind, ref.name, namespace))?.value as RoleObject | undefined
      rows.push({
        key,
        kind,
        name,
        ...(namespace ? { namespace } : {}),
        subjects: (value.subjects ?? []).map((s) => `${s.kind} ${s.kind === 'ServiceAccount' ? `${s.namespace ?? namespace ?? 'default'}/${s.name}` : s.name}`),
        role: `${ref.kind} ${ref.name}`,
        ...(role ? { rules: ruleRows(role.rules) } : {}),
        system: isSystemName(name),
      })
    }
  }
  return rows
}

/** A quantity as a number, for the meter: `500m` → 0.5, `1Gi` → 1073741824; NaN when unknown. */
export function quantityValue(q: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim())
  if (!m) return NaN
  const units: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }
  const u = units[m[2]]
  return u === undefined ? NaN : Number(m[1]) * u
}

/** ResourceQuotas with what is used of each limit (status.used against status.hard, or spec.hard before the first sync). */
export function quotaRows(view: Keyspace): QuotaRow[] {
  type Quota = { metadata?: Meta; spec?: { hard?: Record<string, string> }; status?: { hard?: Record<string, string>; used?: Record<string, string> } }
  return under<Quota>(view, '/registry/resourcequotas/').map(({ key, value }) => {
    const hard = value.status?.hard ?? value.spec?.hard ?? {}
    const used = value.status?.used ?? {}
    const items = Object.keys(hard)
      .sort()
      .map((resource) => {
        const u = used[resource] ?? '0'
        const ratio = quantityValue(u) / quantityValue(hard[resource])
        return { resource, used: used[resource] ?? '—', hard: hard[resource], ...(Number.isFinite(ratio) ? { ratio } : {}) }
      })
    return { key, name: value.metadata?.name ?? '?', namespace: value.metadata?.namespace ?? 'default', items }
  })
}

/** LimitRanges: per limit type and resource, the bounds and the defaults the LimitRanger fills in. */
export function limitRows(view: Keyspace): LimitRow[] {
  type Limit = { type?: string; min?: Record<string, string>; max?: Record<string, string>; default?: Record<string, string>; defaultRequest?: Record<string, string> }
  type LimitRange = { metadata?: Meta; spec?: { limits?: Limit[] } }
  return under<LimitRange>(view, '/registry/limitranges/').map(({ key, value }) => {
    const items = (value.spec?.limits ?? []).flatMap((l) => {
      const resources = [...new Set([l.min, l.max, l.default, l.defaultRequest].flatMap((m) => Object.keys(m ?? {})))].sort()
      return resources.map((r) => ({
        type: l.type ?? 'Container',
        resource: r,
        min: l.min?.[r] ?? '-',
        max: l.max?.[r] ?? '-',
        defaultLimit: l.default?.[r] ?? '-',
        defaultRequest: l.defaultRequest?.[r] ?? '-',
      }))
    })
    return { key, name: value.metadata?.name ?? '?', namespace: value.metadata?.namespace ?? 'default', items }
  })
}
