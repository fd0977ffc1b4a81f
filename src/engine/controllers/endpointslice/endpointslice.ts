/**
 * The EndpointSlice controller: for each Service with a selector it keeps EndpointSlices
 * (`web-x7k2p`, generateName `<service>-`) labelled `kubernetes.io/service-name`, owned by the
 * Service, one per set of target ports, holding every selected pod with an IP: conditions
 * `ready` (ready and not terminating), `serving` (ready) and `terminating` (being deleted).
 * kube-proxy reads these, not Endpoints. A Service without pods keeps one empty placeholder.
 * Upstream: pkg/controller/endpointslice/endpointslice_controller.go,
 * staging/src/k8s.io/endpointslice/reconciler.go, utils.go (podToEndpoint, getEndpointPorts).
 */
import type { Pod, Service } from 'kubernetes-types/core/v1'
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1'
import { deepEqual, keyOf, splitKey, type KObject } from '../../api/meta'
import { isPodReady } from '../../api/pod'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import {
  endpointsChanged,
  findPort,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MANAGED_BY_CONTROLLER,
  podServiceMemberships,
  selects,
  shouldPodBeInEndpoints,
  TRIGGER_TIME_ANNOTATION,
} from '../endpoints/util'

/** Upstream: --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100

/** One slice's worth of desired state: its ports and endpoints. */
interface Desired {
  ports: EndpointPort[] | undefined
  endpoints: Endpoint[]
}

/** The endpoint of a pod. Upstream: podToEndpoint. */
export function podToEndpoint(pod: Pod, svc: Service): Endpoint {
  const terminating = !!pod.metadata?.deletionTimestamp
  const podReady = isPodReady(pod)
  const ready = svc.spec?.publishNotReadyAddresses === true || (podReady && !terminating)
  return {
    addresses: [pod.status!.podIP!],
    conditions: { ready, serving: podReady, terminating },
    ...(pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name ? { hostname: pod.spec.hostname } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid },
  }
}

/** The slice ports a pod gives a Service. Upstream: getEndpointPorts. */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = []
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp)
    if (port === undefined) continue
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) })
  }
  return out
}

/** Desired slices (by port set) for a Service and the pods it selects. */
export function desiredSlices(svc: Service, pods: readonly Pod[]): Map<string, Desired> {
  const out = new Map<string, Desired>()
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue
    const ports = endpointPorts(svc, pod)
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue
    const k = JSON.stringify(ports)
    let d = out.get(k)
    if (!d) out.set(k, (d = { ports, endpoints: [] }))
    d.endpoints.push(podToEndpoint(pod, svc))
  }
  for (const d of out.values()) d.endpoints.sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : a.addresses[0] > b.addresses[0] ? 1 : 0))
  return out
}

export class EndpointSliceController extends Controller {
  readonly watches = ['services', 'pods', 'endpointslices']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('endpointslice', s, env)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'services') {
      this.enqueue(keyOf(obj), hop)
      return
    }
    if (resource === 'endpointslices') {
      const svc = obj.metadata?.labels?.[LABEL_SERVICE_NAME]
      if (svc && obj.metadata?.labels?.[LABEL_MANAGED_BY] === MANAGED_BY_CONTROLLER && type === 'DELETED') this.enqueue(`${obj.metadata?.namespace}/${svc}`, hop)
      return
    }
    const pod = obj as Pod
    if (type === 'MODIFIED' && old && !endpointsChanged(old as Pod, pod)) return
    const keys = new Set(podServiceMemberships(this.env.informers.services, pod))
    if (old) for (const k of podServiceMemberships(this.env.informers.services, old as Pod)) keys.add(k)
    for (const k of keys) this.enqueue(k, hop)
  }

  private owned(namespace: string, name: string): EndpointSlice[] {
    return (this.env.informers.endpointslices.list() as EndpointSlice[])
      .filter((s) => s.metadata?.namespace === namespace && s.metadata?.labels?.[LABEL_SERVICE_NAME] === name && s.metadata?.labels?.[LABEL_MANAGED_BY] === MANAGED_BY_CONTROLLER)
      .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))
  }

  /** Upstream: Controller.syncService and reconciler.reconcile (one slice per port set here). */
  sync(key: string, cause?: number): void {
    const { namespace, name } = splitKey(key)
    const svc = this.env.informers.services.get(key) as Service | undefined
    // A deleted Service's slices go with it: the garbage collector follows their ownerReferences.
    if (!svc || svc.metadata?.deletionTimestamp) return
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return
    const pods = (this.env.informers.pods.list() as Pod[]).filter((p) => p.metadata?.namespace === namespace && selects(svc.spec!.selector, p.metadata?.labels))
    const desired = [...desiredSlices(svc, pods).values()]
    // With no endpoints at all a placeholder slice (no ports, no endpoints) remains.
    if (desired.length === 0) desired.push({ ports: undefined, endpoints: [] })
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}), [LABEL_MANAGED_BY]: MANAGED_BY_CONTROLLER, [LABEL_SERVICE_NAME]: name }
    if (svc.spec.clusterIP === 'None') labels[LABEL_HEADLESS] = ''
    const existing = this.owned(namespace, name)
    const unused = [...existing]
    const now = rfc3339(this.ctx.queue.now)
    for (const d of desired) {
      const endpoints = d.endpoints.slice(0, MAX_ENDPOINTS_PER_SLICE)
      const ready = endpoints.filter((e) => e.conditions?.ready).length
      const i = unused.findIndex((s) => deepEqual(s.ports ?? null, d.ports ?? null))
      const cur = i >= 0 ? unused.splice(i, 1)[0] : unused.length > 0 && existing.length > 0 ? unused.shift() : undefined
      if (cur) {
        if (deepEqual(cur.endpoints ?? [], endpoints) && deepEqual(cur.ports ?? null, d.ports ?? null) && deepEqual(cur.metadata?.labels, labels)) continue
        const next = {
          ...cur,
          metadata: { ...cur.metadata, labels, annotations: { ...(cur.metadata?.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: now } },
          // The field has no omitempty: an empty slice says `endpoints: null`.
          endpoints: endpoints.length ? endpoints : null,
          ...(d.ports ? { ports: d.ports } : {}),
        } as unknown as EndpointSlice
        if (!d.ports) delete (next as { ports?: unknown }).ports
        this.env.client.update(R.endpointslices, next as KObject, { cause, summary: `The endpointslice controller updates EndpointSlice ${cur.metadata!.name} of ${name}: ${endpoints.length} endpoints, ${ready} ready` })
        continue
      }
      const slice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name.slice(0, 58)}-`,
          namespace,
          labels,
          annotations: { [TRIGGER_TIME_ANNOTATION]: now },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        endpoints: endpoints.length ? endpoints : null,
        ...(d.ports ? { ports: d.ports } : {}),
      }
      this.env.client.create(R.endpointslices, namespace, slice as KObject, { cause, summary: `The endpointslice controller creates an EndpointSlice for ${name}: ${endpoints.length} endpoints, ${ready} ready` })
    }
    for (const s of unused) {
      this.env.client.delete(R.endpointslices, namespace, s.metadata!.name!, {}, { cause, summary: `The endpointslice controller deletes EndpointSlice ${s.metadata!.name}: ${name} no longer needs it` })
    }
  }
}
