/**
 * `kubectl create role|clusterrole NAME --verb=… --resource=…` and
 * `kubectl create rolebinding|clusterrolebinding NAME --role|--clusterrole=… --user|--group|--serviceaccount=…`,
 * building the objects kubectl 1.33 builds: one rule per API group (groups sorted), resources
 * resolved through discovery (`po` → `pods`, `deploy` → `deployments` in `apps`), verbs
 * de-duplicated, subjects users first, then groups, then service accounts.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_role.go, create_clusterrole.go,
 * create_rolebinding.go, create_clusterrolebinding.go.
 */
import { resourceByPath } from '../../apiserver/resources'
import type { KObject } from '../../api/meta'
import { CommandError, type Ctx } from '../context'
import { resolveType } from '../resolve'
import { post } from './create'

const RBAC = 'rbac.authorization.k8s.io'

/** Upstream: validResourceVerbs, validNonResourceVerbs, specialVerbs. */
const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate']
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options']
const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [{ group: 'policy', resource: 'podsecuritypolicies' }, { group: 'extensions', resource: 'podsecuritypolicies' }],
  bind: [{ group: RBAC, resource: 'roles' }, { group: RBAC, resource: 'clusterroles' }],
  escalate: [{ group: RBAC, resource: 'roles' }, { group: RBAC, resource: 'clusterroles' }],
  impersonate: [{ group: '', resource: 'users' }, { group: '', resource: 'serviceaccounts' }, { group: '', resource: 'groups' }, { group: 'authentication.k8s.io', resource: 'userextras' }],
}

function needName(name: string | undefined, what: string): string {
  if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create ${what} -h' for help and examples`)
  return name
}

function list(c: Ctx, flag: string): string[] {
  return (c.flags[flag] as string[] | undefined) ?? []
}

/** `--resource` entries: `pods`, `deployments.apps`, `pods/log`; a bare `*` replaces all. */
function parseResources(c: Ctx): { resource: string; group: string; sub?: string }[] {
  const out: { resource: string; group: string; sub?: string }[] = []
  for (const r of list(c, 'resource')) {
    const slash = r.indexOf('/')
    const sub = slash >= 0 ? r.slice(slash + 1) : undefined
    const main = slash >= 0 ? r.slice(0, slash) : r
    const dot = main.indexOf('.')
    const res = { resource: dot >= 0 ? main.slice(0, dot) : main, group: dot >= 0 ? main.slice(dot + 1) : '', sub }
    if (res.resource === '*' && dot < 0 && slash < 0) return [res]
    out.push(res)
  }
  return out
}

/** What discovery maps a typed resource to; the input as typed when the server has no such type. */
function mapResource(r: { resource: string; group: string }): { resource: string; group: string; found: boolean } {
  const t = resolveType(r.group ? `${r.resource}.${r.group}` : r.resource)
  return t ? { resource: t.resource, group: t.group, found: true } : { ...r, found: false }
}

function buildRules(c: Ctx, verbs: string[], nonResourceURLs: string[]): object[] {
  const byGroup = new Map<string, string[]>()
  for (const r of parseResources(c)) {
    const m = mapResource(r)
    const res = r.sub ? `${m.resource}/${r.sub}` : m.resource
    const l = byGroup.get(m.group) ?? []
    if (!l.includes(res)) l.push(res)
    byGroup.set(m.group, l)
  }
  const names = [...new Set(list(c, 'resource-name'))]
  const rules: object[] = []
  for (const g of [...byGroup.keys()].sort()) {
    rules.push({ verbs, apiGroups: [g], resources: byGroup.get(g), ...(names.length ? { resourceNames: names } : {}) })
  }
  if (nonResourceURLs.length) rules.push({ verbs, nonResourceURLs })
  return rules
}

function verbsOf(c: Ctx): string[] {
  const verbs: string[] = []
  for (const v of list(c, 'verb')) {
    if (v === '*') return ['*']
    if (!verbs.includes(v)) verbs.push(v)
  }
  return verbs
}

/** Upstream: CreateRoleOptions.validateResource. */
function validateResources(c: Ctx, verbs: string[]): void {
  for (const r of parseResources(c)) {
    if (!r.resource) throw new CommandError('error: resource must be specified if apiGroup/subresource specified')
    if (r.resource === '*') return
    const m = mapResource(r)
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v]
      if (special && !special.some((x) => x.resource === m.resource && x.group === m.group)) {
        throw new CommandError(`error: can not perform '${v}' on '${m.resource}' in group '${m.group}'`)
      }
    }
    if (!m.found) throw new CommandError(`error: the server doesn't have a resource type "${r.resource}"`)
  }
}

function warnVerbs(c: Ctx, verbs: string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) c.warn(`Warning: '${v}' is not a standard resource verb`)
}

/** `kubectl create role` and `kubectl create clusterrole`. */
export function createRole(c: Ctx, what: 'role' | 'clusterrole', nameArg: string | undefined): void {
  const name = needName(nameArg, what)
  const verbs = verbsOf(c)
  const urls = list(c, 'non-resource-url')
  if (verbs.length === 0) throw new CommandError('error: at least one verb must be specified')
  if (what === 'role') {
    warnVerbs(c, verbs)
    if (parseResources(c).length === 0) throw new CommandError('error: at least one resource must be specified')
    validateResources(c, verbs)
  } else {
    if (parseResources(c).length === 0 && urls.length === 0) throw new CommandError('error: one of resource or nonResourceURL must be specified')
    if (parseResources(c).length) {
      warnVerbs(c, verbs)
      validateResources(c, verbs)
    }
    if (urls.length) {
      if (list(c, 'resource-name').length && parseResources(c).length === 0) throw new CommandError('error: resource name should not be specified when using nonResourceURLs')
      for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new CommandError(`error: invalid verb: '${v}' for nonResourceURL`)
      for (const u of urls) {
        if (u === '*') continue
        if (!u.startsWith('/')) throw new CommandError('error: nonResourceURL should start with /')
        if (u.slice(0, -1).includes('*')) throw new CommandError("error: nonResourceURL only supports wildcard matches when '*' is at the end")
      }
    }
  }
  const kind = what === 'role' ? 'Role' : 'ClusterRole'
  const obj: KObject = { kind, apiVersion: `${RBAC}/v1`, metadata: { name, creationTimestamp: null }, rules: buildRules(c, verbs, what === 'clusterrole' ? urls : []) } as unknown as KObject
  post(c, resourceByPath(RBAC, 'v1', what === 'role' ? 'roles' : 'clusterroles')!, obj)
}

/** `kubectl create rolebinding` and `kubectl create clusterrolebinding`. */
export function createBinding(c: Ctx, what: 'rolebinding' | 'clusterrolebinding', nameArg: string | undefined): void {
  const name = needName(nameArg, what)
  const role = c.flags.role as string | undefined
  const clusterRole = c.flags.clusterrole as string | undefined
  if (what === 'clusterrolebinding') {
    if (!clusterRole) throw new CommandError('error: required flag(s) "clusterrole" not set')
  } else if (!role === !clusterRole) throw new CommandError('error: exactly one of clusterrole or role must be specified')
  const subjects: object[] = []
  for (const u of list(c, 'user')) subjects.push({ kind: 'User', apiGroup: RBAC, name: u })
  for (const g of list(c, 'group')) subjects.push({ kind: 'Group', apiGroup: RBAC, name: g })
  for (const sa of list(c, 'serviceaccount')) {
    const parts = sa.split(':')
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CommandError('error: serviceaccount must be <namespace>:<name>')
    subjects.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] })
  }
  const roleRef = { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role ?? clusterRole }
  const kind = what === 'rolebinding' ? 'RoleBinding' : 'ClusterRoleBinding'
  const obj = { kind, apiVersion: `${RBAC}/v1`, metadata: { name, creationTimestamp: null }, ...(subjects.length ? { subjects } : {}), roleRef } as unknown as KObject
  post(c, resourceByPath(RBAC, 'v1', what === 'rolebinding' ? 'rolebindings' : 'clusterrolebindings')!, obj)
}
