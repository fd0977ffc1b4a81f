/**
 * Row printers for RBAC bindings and ResourceQuotas (Roles, ClusterRoles and LimitRanges use the
 * default NAME, CREATED AT table).
 * Upstream: pkg/printers/internalversion/printers.go printRoleBinding, printClusterRoleBinding,
 * printResourceQuota; pkg/apis/rbac/helpers.go SubjectsStrings.
 */
import { translateTimestampSince } from '../duration'
import type { Cell } from '../table'
import { column, NAME_COLUMN, rowPrinter } from './common'

interface Binding {
  metadata?: { name?: string; creationTimestamp?: string }
  roleRef?: { kind?: string; name?: string }
  subjects?: { kind?: string; name?: string; namespace?: string }[]
}

/** RoleBindings and ClusterRoleBindings: NAME, ROLE (`Kind/name`), AGE; wide USERS, GROUPS, SERVICEACCOUNTS. */
export const roleBindingPrinter = rowPrinter<Binding>(
  [NAME_COLUMN, column('Role'), column('Age'), column('Users', 'string', 1), column('Groups', 'string', 1), column('ServiceAccounts', 'string', 1)],
  (b, now): Cell[] => {
    const of = (kind: string) => (b.subjects ?? []).filter((s) => s.kind === kind)
    return [
      b.metadata?.name ?? '',
      `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
      translateTimestampSince(b.metadata?.creationTimestamp, now),
      of('User').map((s) => s.name).join(', '),
      of('Group').map((s) => s.name).join(', '),
      of('ServiceAccount').map((s) => `${s.namespace ?? ''}/${s.name}`).join(', '),
    ]
  },
)

interface Quota {
  metadata?: { name?: string; creationTimestamp?: string }
  spec?: { hard?: Record<string, string> }
  status?: { hard?: Record<string, string>; used?: Record<string, string> }
}

/** ResourceQuotas: NAME, AGE, REQUEST (`pods: 1/10, requests.cpu: 500m/1`), LIMIT (`limits.*`). */
export const resourceQuotaPrinter = rowPrinter<Quota>([NAME_COLUMN, column('Age'), column('Request'), column('Limit')], (q, now): Cell[] => {
  const request: string[] = []
  const limit: string[] = []
  for (const r of Object.keys(q.spec?.hard ?? {}).sort()) {
    const line = `${r}: ${q.status?.used?.[r] ?? '0'}/${q.status?.hard?.[r] ?? '0'}`
    ;(r.split('.')[0] === 'limits' && r.includes('.') ? limit : request).push(line)
  }
  return [q.metadata?.name ?? '', translateTimestampSince(q.metadata?.creationTimestamp, now), request.join(', '), limit.join(', ')]
})
