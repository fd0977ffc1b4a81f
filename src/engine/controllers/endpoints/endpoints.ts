/**
 * The Endpoints controller: for each Service with a selector it keeps an Endpoints object of
 * the same name listing the selected pods: ready pods under `addresses`, the others under
 * `notReadyAddresses`, and a pod being deleted not at all (seed 004: "the endpoints controller
 * removes it from Services" as soon as the pod is Terminating).
 * Upstream: pkg/controller/endpoint/endpoints_controller.go (syncService, addEndpointSubset),
 * pkg/api/v1/endpoints/util.go RepackSubsets.
 */
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1'
import { deepEqual, keyOf, splitKey, type KObject } from '../../api/meta'
import { isPodReady } from '../../api/pod'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { endpointsChanged, findPort, LABEL_HEADLESS, podServiceMemberships, selects, shouldPodBeInEndpoints, TRIGGER_TIME_ANNOTATION } from './util'

function byIP(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1
  const ua = a.targetRef?.uid ?? ''
  const ub = b.targetRef?.uid ?? ''
  return ua < ub ? -1 : ua > ub ? 1 : 0
}

/** Groups addresses by identical port sets, sorted as RepackSubsets and SortSubsets do. */
export function repackSubsets(entries: { addr: EndpointAddress; ready: boolean; ports: EndpointPort[] }[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>()
  for (const e of entries) {
    const ports = [...e.ports].sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port))
    const k = JSON.stringify(ports)
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { ports, ready: [], notReady: [] }))
    ;(e.ready ? g.ready : g.notReady).push(e.addr)
  }
  const subsets: EndpointSubset[] = []
  for (const g of groups.values()) {
    const s: EndpointSubset = {}
    if (g.ready.length) s.addresses = g.ready.sort(byIP)
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIP)
    if (g.ports.length) s.ports = g.ports
    subsets.push(s)
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? ''
  return subsets.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0))
}

/** The Endpoints subsets a Service's pods give. */
export function desiredSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true
  const entries: { addr: EndpointAddress; ready: boolean; ports: EndpointPort[] }[] = []
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue
    const addr: EndpointAddress = {
      ip: pod.status!.podIP!,
      ...(pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name ? { hostname: pod.spec.hostname } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid },
    }
    const ready = publishNotReady || isPodReady(pod)
    const svcPorts = svc.spec?.ports ?? []
    if (svcPorts.length === 0) {
      // A headless Service without ports still lists its pods.
      if (svc.spec?.clusterIP === 'None') entries.push({ addr, ready, ports: [] })
      continue
    }
    for (const sp of svcPorts) {
      const port = findPort(pod, sp)
      // A pod without the named port is left out of that port's subset.
      if (port === undefined) continue
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' }
      if (sp.name) ep.name = sp.name
      entries.push({ addr, ready, ports: [ep] })
    }
  }
  // Merge a pod's ports back together before grouping (one address, all its ports).
  const merged = new Map<string, { addr: EndpointAddress; ready: boolean; ports: EndpointPort[] }>()
  for (const e of entries) {
    const k = e.addr.targetRef!.uid ?? e.addr.ip
    const m = merged.get(k)
    if (m) m.ports.push(...e.ports)
    else merged.set(k, { ...e, ports: [...e.ports] })
  }
  return repackSubsets([...merged.values()])
}

export class EndpointsController extends Controller {
  readonly watches = ['services', 'pods', 'endpoints']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('endpoints', s, env)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'services') {
      this.enqueue(keyOf(obj), hop)
      return
    }
    if (resource === 'endpoints') {
      // Someone else changed or deleted an Endpoints of a Service we manage: put it right.
      if (this.env.informers.services.get(keyOf(obj))) this.enqueue(keyOf(obj), hop)
      return
    }
    const pod = obj as Pod
    if (type === 'MODIFIED' && old && !endpointsChanged(old as Pod, pod)) return
    const keys = new Set(podServiceMemberships(this.env.informers.services, pod))
    if (old) for (const k of podServiceMemberships(this.env.informers.services, old as Pod)) keys.add(k)
    for (const k of keys) this.enqueue(k, hop)
  }

  /** Upstream: Controller.syncService. */
  sync(key: string, cause?: number): void {
    const { namespace, name } = splitKey(key)
    const svc = this.env.informers.services.get(key) as Service | undefined
    const current = this.env.informers.endpoints.get(key) as Endpoints | undefined
    if (!svc) {
      if (current) this.env.client.delete(R.endpoints, namespace, name, {}, { cause, summary: `The endpoints controller deletes Endpoints ${name}: its Service is gone` })
      return
    }
    // Services without a selector get no endpoints from this controller (users manage them).
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return
    const pods = (this.env.informers.pods.list() as Pod[]).filter((p) => p.metadata?.namespace === namespace && selects(svc.spec!.selector, p.metadata?.labels))
    const subsets = desiredSubsets(svc, pods)
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) }
    if (svc.spec.clusterIP === 'None') labels[LABEL_HEADLESS] = ''
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata?.labels ?? {}, labels)) return
    const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)
    const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)
    const summary = `The endpoints controller ${current ? 'updates' : 'creates'} Endpoints ${name}: ${ready} ready, ${notReady} not ready`
    const annotations = { ...(current?.metadata?.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: rfc3339(this.ctx.queue.now) }
    const ep: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? { name, namespace }), labels, annotations },
      ...(subsets.length ? { subsets } : {}),
    }
    if (Object.keys(labels).length === 0) delete ep.metadata!.labels
    if (current) this.env.client.update(R.endpoints, ep as KObject, { cause, summary })
    else this.env.client.create(R.endpoints, namespace, ep as KObject, { cause, summary })
  }
}
