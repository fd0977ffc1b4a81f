/**
 * The ResourceQuota admission plugin: a new object is admitted only if, for every quota of its
 * namespace, what it adds stays within `spec.hard`; then the quota's `status.used` is raised at
 * once (before the object is stored), so the next request sees it. A quota on cpu or memory also
 * requires every container to state that resource. The quota controller
 * (controllers/resourcequota) recounts usage from what exists.
 * Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go
 * (checkRequest: "exceeded quota: …", "failed quota: …: must specify …"),
 * pkg/quota/v1/evaluator/core/pods.go Constraints.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { KObject } from '../api/meta'
import { exceeds, formatQuantity, parseQuantity, plus, usageOf } from '../api/quota'
import type { Etcd } from '../store/etcd'
import type { ResourceType } from './resources'

interface Quota extends KObject {
  spec?: { hard?: Record<string, string> }
  status?: { hard?: Record<string, string>; used?: Record<string, string> }
}

/** The quota status writes to make before storing the object. */
export interface QuotaUpdate {
  key: string
  modRevision: number
  quota: KObject
}

const VALIDATION_SET = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory']

/** `must specify limits.cpu for: a,b; requests.cpu for: a`. Upstream: podEvaluator.Constraints. */
function missingResources(pod: Pod, required: string[]): string | undefined {
  const want = required.filter((r) => VALIDATION_SET.includes(r))
  const missing = new Map<string, string[]>()
  const check = (c: Container) => {
    for (const r of want) {
      const [field, res] = r.includes('.') ? (r.split('.') as ['requests' | 'limits', string]) : (['requests', r] as const)
      if (c.resources?.[field]?.[res] === undefined) missing.set(r, [...(missing.get(r) ?? []), c.name])
    }
  }
  pod.spec?.containers?.forEach(check)
  pod.spec?.initContainers?.forEach(check)
  if (!missing.size) return undefined
  return `must specify ${[...missing.keys()].sort().map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(',')}`).join('; ')}`
}

function pretty(m: Record<string, string>): string {
  return Object.keys(m).sort().map((k) => `${k}=${m[k]}`).join(',')
}

/** Checks `o` against every quota of its namespace: the Forbidden message, or the status updates and notes. */
export function admitQuota(o: KObject, t: ResourceType, etcd: Etcd): { error: string } | { updates: QuotaUpdate[]; notes: string[] } {
  if (!t.namespaced) return { updates: [], notes: [] }
  const quotas = etcd.range(`/registry/resourcequotas/${o.metadata?.namespace}/`)
  if (!quotas.length) return { updates: [], notes: [] }
  const delta = usageOf(o, t.resource, t.group)
  const updates: QuotaUpdate[] = []
  const notes: string[] = []
  for (const kv of quotas) {
    const q = kv.value as Quota
    const hard = q.status?.hard ?? q.spec?.hard ?? {}
    const tracked = Object.keys(hard).filter((r) => delta[r] !== undefined)
    if (t.kind === 'Pod') {
      const missing = missingResources(o as Pod, Object.keys(hard))
      if (missing) return { error: `failed quota: ${q.metadata!.name}: ${missing}` }
    }
    if (!tracked.length) continue
    const requested: Record<string, string> = {}
    const used: Record<string, string> = {}
    const limited: Record<string, string> = {}
    const next: Record<string, string> = { ...(q.status?.used ?? {}) }
    for (const r of tracked) {
      const cur = parseQuantity(q.status?.used?.[r] ?? '0')
      const total = plus(cur, delta[r])
      if (exceeds(total, parseQuantity(hard[r]))) {
        requested[r] = formatQuantity(delta[r])
        used[r] = formatQuantity(cur)
        limited[r] = hard[r]
      }
      next[r] = formatQuantity(total)
    }
    if (Object.keys(requested).length) {
      return { error: `exceeded quota: ${q.metadata!.name}, requested: ${pretty(requested)}, used: ${pretty(used)}, limited: ${pretty(limited)}` }
    }
    updates.push({ key: kv.key, modRevision: kv.modRevision, quota: { ...q, status: { hard: { ...hard }, used: next } } as KObject })
    notes.push(`ResourceQuota: ${q.metadata!.name} now uses ${tracked.map((r) => `${r}=${next[r]}/${hard[r]}`).join(', ')}`)
  }
  return { updates, notes }
}
