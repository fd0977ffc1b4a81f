/**
 * Helpers the Endpoints and EndpointSlice controllers share: which Services select a pod, which
 * port of the pod a Service port targets, and whether a pod belongs in endpoints at all.
 * Upstream: pkg/api/v1/pod/util.go FindPort, pkg/controller/util/endpoint/controller_utils.go
 * (ShouldPodBeInEndpoints, GetPodServiceMemberships, podEndpointsChanged).
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1'
import { deepEqual, keyOf } from '../../api/meta'
import { isPodReady } from '../../api/pod'
import type { Informer } from '../../client/informer'

/** The label every EndpointSlice carries with its Service's name. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name'
/** The label saying which controller manages a slice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
export const MANAGED_BY_CONTROLLER = 'endpointslice-controller.k8s.io'
/** When the change that led to this version of the endpoints happened. */
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time'
/** Set on the endpoints of a headless Service. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless'

/** Whether `selector` (a Service's map) selects `labels`; an empty selector selects nothing here. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}

/** Keys of the Services in the pod's namespace whose selector matches the pod. */
export function podServiceMemberships(services: Informer, pod: Pod): string[] {
  const out: string[] = []
  for (const s of services.list() as Service[]) {
    if (s.metadata?.namespace !== pod.metadata?.namespace) continue
    if (selects(s.spec?.selector, pod.metadata?.labels)) out.push(keyOf(s))
  }
  return out
}

/**
 * The container port a Service port targets on `pod`: a number as is, a name looked up among
 * the containers' ports (same protocol). Undefined when the pod has no such named port.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port
  if (typeof tp === 'number') return tp
  if (/^\d+$/.test(tp)) return Number(tp)
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort
  }
  return undefined
}

/**
 * Whether a pod may appear in endpoints: it has an IP, it has not finished, and (unless
 * terminating pods are included, as EndpointSlices do) it is not being deleted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') return false
  if (!pod.status?.podIP) return false
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false
  return true
}

/**
 * Whether a pod changed in what its Services' endpoints depend on (a change elsewhere does not
 * resync them): its IP, readiness, deletion, node, phase, labels, hostname and subdomain.
 */
export function endpointsChanged(old: Pod, pod: Pod): boolean {
  return (
    old.status?.podIP !== pod.status?.podIP ||
    isPodReady(old) !== isPodReady(pod) ||
    old.metadata?.deletionTimestamp !== pod.metadata?.deletionTimestamp ||
    old.spec?.nodeName !== pod.spec?.nodeName ||
    old.status?.phase !== pod.status?.phase ||
    old.spec?.hostname !== pod.spec?.hostname ||
    old.spec?.subdomain !== pod.spec?.subdomain ||
    !deepEqual(old.metadata?.labels ?? {}, pod.metadata?.labels ?? {})
  )
}
