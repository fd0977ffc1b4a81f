/**
 * What an object counts against a ResourceQuota: a pod its count and the sum of its containers'
 * requests and limits (init containers by their maximum), other objects their count.
 * Terminated pods (Succeeded, Failed) and objects being deleted count nothing.
 * Upstream: pkg/quota/v1/evaluator/core/pods.go (PodUsageFunc, podComputeUsageHelper),
 * services.go, persistent_volume_claims.go, pkg/quota/v1/generic/evaluator.go (count/*).
 * Quantities use the kubectl printers' exact arithmetic (kubectl/printers/quantity.ts, pure code
 * that belongs in api/; imported from there until it moves).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { addQuantity, formatQuantity, parseQuantity, ZERO_QUANTITY, type Quantity } from '../kubectl/printers/quantity'
import type { KObject } from './meta'

export { formatQuantity, parseQuantity, type Quantity }

/** Resource name → quantity. */
export type Usage = Record<string, Quantity>

function add(u: Usage, k: string, q: Quantity): void {
  u[k] = addQuantity(u[k] ?? ZERO_QUANTITY, q)
}

function containerSum(cs: Container[] | undefined, field: 'requests' | 'limits', r: string): Quantity {
  let sum = ZERO_QUANTITY
  for (const c of cs ?? []) {
    const v = c.resources?.[field]?.[r]
    if (v !== undefined) sum = addQuantity(sum, parseQuantity(v))
  }
  return sum
}

function initMax(cs: Container[] | undefined, field: 'requests' | 'limits', r: string): Quantity {
  let max = ZERO_QUANTITY
  for (const c of cs ?? []) {
    const v = c.resources?.[field]?.[r]
    if (v !== undefined && parseQuantity(v).nanos > max.nanos) max = parseQuantity(v)
  }
  return max
}

/** The usage of one object of `resource` (plural) in `group`. */
export function usageOf(o: KObject, resource: string, group: string): Usage {
  const u: Usage = {}
  if (o.metadata?.deletionTimestamp && resource !== 'pods') return u
  const one = parseQuantity(1)
  add(u, group ? `count/${resource}.${group}` : `count/${resource}`, one)
  if (['services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas'].includes(resource)) add(u, resource, one)
  if (resource === 'services') {
    const type = (o.spec as { type?: string } | undefined)?.type
    if (type === 'NodePort' || type === 'LoadBalancer') add(u, 'services.nodeports', one)
    if (type === 'LoadBalancer') add(u, 'services.loadbalancers', one)
  }
  if (resource === 'persistentvolumeclaims') {
    const s = (o.spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources?.requests?.storage
    if (s) add(u, 'requests.storage', parseQuantity(s))
  }
  if (resource === 'pods') {
    const pod = o as Pod
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return { [`count/pods`]: u['count/pods'] }
    add(u, 'pods', one)
    for (const field of ['requests', 'limits'] as const) {
      for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
        const sum = containerSum(pod.spec?.containers, field, r)
        const init = initMax(pod.spec?.initContainers, field, r)
        const q = init.nanos > sum.nanos ? init : sum
        if (q.nanos === 0n && !pod.spec?.containers?.some((c) => c.resources?.[field]?.[r] !== undefined)) continue
        add(u, `${field}.${r}`, q)
        if (field === 'requests' && r !== 'ephemeral-storage') add(u, r, q)
      }
    }
  }
  return u
}

/** Whether `a` exceeds `b`. */
export function exceeds(a: Quantity, b: Quantity): boolean {
  return a.nanos > b.nanos
}

/** `a + b`. */
export function plus(a: Quantity | undefined, b: Quantity | undefined): Quantity {
  return addQuantity(a ?? ZERO_QUANTITY, b ?? ZERO_QUANTITY)
}
