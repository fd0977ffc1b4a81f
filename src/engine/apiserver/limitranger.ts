/**
 * The LimitRanger admission plugin, for containers: it fills in the default requests and limits
 * of the namespace's LimitRanges (`default`, `defaultRequest`) and records what it set in the
 * `kubernetes.io/limit-ranger` annotation (mutating), then refuses a pod whose containers go
 * below `min` or above `max` (validating), with upstream's texts. Pod-level and claim limits are
 * not modelled. Upstream: plugin/pkg/admission/limitranger/admission.go (mergeContainerResources,
 * minConstraint, maxConstraint, PodValidateLimitFunc); pkg/apis/core/v1/defaults.go
 * SetDefaults_LimitRangeItem (in defaults.ts).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { exceeds, formatQuantity, parseQuantity } from '../api/quota'
import type { Etcd } from '../store/etcd'

interface LimitItem {
  type?: string
  min?: Record<string, string>
  max?: Record<string, string>
  default?: Record<string, string>
  defaultRequest?: Record<string, string>
}

function containerItems(etcd: Etcd, ns: string): { name: string; item: LimitItem }[] {
  const out: { name: string; item: LimitItem }[] = []
  for (const kv of etcd.range(`/registry/limitranges/${ns}/`)) {
    const lr = kv.value as { metadata?: { name?: string }; spec?: { limits?: LimitItem[] } }
    for (const item of lr.spec?.limits ?? []) if (item.type === 'Container') out.push({ name: lr.metadata?.name ?? '', item })
  }
  return out
}

function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
}

/** Mutating: fills in defaults; returns the pipeline notes (none when the namespace has no LimitRange). */
export function limitRangerDefaults(pod: Pod, etcd: Etcd): string[] {
  const items = containerItems(etcd, pod.metadata?.namespace ?? '')
  if (!items.length) return []
  const annotations: string[] = []
  for (const { item } of items) {
    for (const c of pod.spec?.containers ?? []) {
      const res = (c.resources ??= {})
      const limits = (res.limits = { ...(res.limits ?? {}) })
      const requests = (res.requests = { ...(res.requests ?? {}) })
      const setLimits = Object.keys(item.default ?? {}).filter((k) => limits[k] === undefined).sort()
      const setRequests = Object.keys(item.defaultRequest ?? {}).filter((k) => requests[k] === undefined).sort()
      for (const k of setLimits) limits[k] = item.default![k]
      for (const k of setRequests) requests[k] = item.defaultRequest![k]
      if (setRequests.length) annotations.push(`${setRequests.join(', ')} request for container ${c.name}`)
      if (setLimits.length) annotations.push(`${setLimits.join(', ')} limit for container ${c.name}`)
      if (!Object.keys(limits).length) delete res.limits
      if (!Object.keys(requests).length) delete res.requests
    }
  }
  if (!annotations.length) return [`LimitRanger: ${items.map((i) => i.name).join(', ')} sets no defaults here`]
  const text = `LimitRanger plugin set: ${annotations.join('; ')}`
  pod.metadata = { ...pod.metadata, annotations: { ...(pod.metadata?.annotations ?? {}), 'kubernetes.io/limit-ranger': text } }
  return [`LimitRanger: ${text.slice('LimitRanger plugin '.length)}`]
}

/** Validating: the min and max errors of every container, or none. */
export function limitRangerValidate(pod: Pod, etcd: Etcd): { errors: string[]; notes: string[] } {
  const items = containerItems(etcd, pod.metadata?.namespace ?? '')
  if (!items.length) return { errors: [], notes: [] }
  const errors: string[] = []
  const q = (v: string | number) => formatQuantity(parseQuantity(v))
  for (const { item } of items) {
    for (const c of allContainers(pod)) {
      const req = c.resources?.requests ?? {}
      const lim = c.resources?.limits ?? {}
      for (const r of Object.keys(item.min ?? {}).sort()) {
        const enforced = parseQuantity(item.min![r])
        if (req[r] === undefined) errors.push(`minimum ${r} usage per Container is ${q(item.min![r])}.  No request is specified`)
        else if (exceeds(enforced, parseQuantity(req[r]))) errors.push(`minimum ${r} usage per Container is ${q(item.min![r])}, but request is ${q(req[r])}`)
        else if (lim[r] !== undefined && exceeds(enforced, parseQuantity(lim[r]))) errors.push(`minimum ${r} usage per Container is ${q(item.min![r])}, but limit is ${q(lim[r])}`)
      }
      for (const r of Object.keys(item.max ?? {}).sort()) {
        const enforced = parseQuantity(item.max![r])
        if (lim[r] === undefined) errors.push(`maximum ${r} usage per Container is ${q(item.max![r])}.  No limit is specified`)
        else if (exceeds(parseQuantity(lim[r]), enforced)) errors.push(`maximum ${r} usage per Container is ${q(item.max![r])}, but limit is ${q(lim[r])}`)
        else if (req[r] !== undefined && exceeds(parseQuantity(req[r]), enforced)) errors.push(`maximum ${r} usage per Container is ${q(item.max![r])}, but request is ${q(req[r])}`)
      }
    }
  }
  return { errors, notes: errors.length ? [] : [`LimitRanger: within the min and max of ${items.map((i) => i.name).join(', ')}`] }
}
