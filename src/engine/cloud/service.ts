/**
 * The cloud-controller-manager's service controller: a Service of type LoadBalancer gets a
 * load balancer from the (simulated) cloud. It first adds the cleanup finalizer and records
 * `EnsuringLoadBalancer`; the cloud takes a while (`LB_PROVISION_MS`, plus a seeded jitter)
 * during which `kubectl get svc` shows EXTERNAL-IP `<pending>`; then it writes the address to
 * `status.loadBalancer.ingress` through the apiserver and records `EnsuredLoadBalancer`.
 * Deleting the Service (or changing its type) releases the load balancer and the finalizer.
 * Addresses come from 203.0.113.0/24 (TEST-NET-3), the lowest free one from .10.
 * Upstream: staging/src/k8s.io/cloud-provider/controllers/service/controller.go
 * (syncLoadBalancerIfNeeded, addFinalizer, patchStatus).
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { WatchDelivery } from '../apiserver/watch'
import { keyOf, type KObject } from '../api/meta'
import { Client, R } from '../client/client'
import { scheduleTimer, type Component, type Ctx, type TimerPayload } from '../client/component'
import { Recorder, newRecorderState, type RecorderState } from '../client/events'
import { Informer, newInformerState, relistOnTimer, type InformerState } from '../client/informer'
import { RouteController, newRouteControllerState, type CloudRoute, type RouteControllerState } from './route'

/** The finalizer that keeps a Service until its load balancer is gone. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup'
/** How long the simulated cloud takes to provision a load balancer, before jitter. */
export const LB_PROVISION_MS = 15_000
/** Up to this much more, from the seeded random stream. */
export const LB_JITTER_MS = 10_000

export interface CloudControllerManagerState {
  up: boolean
  services: InformerState
  recorder: RecorderState
  /** Services whose load balancer the cloud is building: key → uid. */
  provisioning: Record<string, string>
  /** The route controller (route.ts) and the cloud's route table. */
  routes: RouteControllerState
}

export function newCloudControllerManagerState(): CloudControllerManagerState {
  return { up: false, services: newInformerState(R.services), recorder: newRecorderState(), provisioning: {}, routes: newRouteControllerState() }
}

function wantsLB(s: Service): boolean {
  return s.spec?.type === 'LoadBalancer' && !s.metadata?.deletionTimestamp
}

/**
 * The cloud-controller-manager process (component `cloud-controller-manager`): its service
 * controller is here, its route controller in route.ts; its node controller would sit beside them.
 */
export class CloudControllerManager implements Component {
  readonly id = 'cloud-controller-manager'
  private readonly client: Client
  private readonly recorder: Recorder
  private readonly services: Informer
  private readonly routes: RouteController

  constructor(
    readonly s: CloudControllerManagerState,
    private readonly ctx: Ctx,
  ) {
    this.client = new Client(ctx.api, this.id)
    this.recorder = new Recorder(s.recorder, ctx, this.client, { component: 'service-controller' })
    this.services = new Informer(s.services, R.services, ctx, this.id, (_t, obj, _old, hop) => this.syncService(keyOf(obj), hop))
    // Snapshots taken before the route controller existed have no route table yet.
    this.routes = new RouteController((s.routes ??= newRouteControllerState()), ctx, this.client)
  }

  /** The cloud's route table: one route per node's pod range. */
  cloudRoutes(): CloudRoute[] {
    return this.routes.table()
  }

  start(cause?: number): void {
    this.s.up = true
    this.services.start(cause)
    this.routes.start(cause)
  }

  stop(): void {
    this.s.up = false
    this.services.stop()
    this.routes.stop()
  }

  onWatch(d: WatchDelivery, hop: number): void {
    if (!this.s.up) return
    if (this.services.owns(d.watchId)) this.services.onDelivery(d, hop)
    else if (this.routes.owns(d.watchId)) this.routes.onDelivery(d, hop)
  }

  /** Upstream: Controller.syncService / processServiceCreateOrUpdate / processLoadBalancerDelete. */
  private syncService(key: string, cause: number): void {
    const svc = this.services.get(key) as Service | undefined
    if (!svc) return
    const ns = svc.metadata!.namespace!
    const name = svc.metadata!.name!
    const finalizers = svc.metadata?.finalizers ?? []
    const has = finalizers.includes(LB_CLEANUP_FINALIZER)
    if (wantsLB(svc)) {
      if ((svc.status?.loadBalancer?.ingress ?? []).length > 0 || this.s.provisioning[key] === svc.metadata!.uid) return
      if (!has) {
        this.client.patch(R.services, ns, name, { metadata: { finalizers: [...finalizers, LB_CLEANUP_FINALIZER] } }, 'merge', { cause, summary: `The service controller adds the ${LB_CLEANUP_FINALIZER} finalizer to ${name}` })
      }
      this.recorder.event(svc as KObject, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', cause)
      this.s.provisioning[key] = svc.metadata!.uid!
      const delay = LB_PROVISION_MS + this.ctx.rng.int(LB_JITTER_MS)
      scheduleTimer(this.ctx, delay, { component: this.id, action: 'ensured', data: { key, uid: svc.metadata!.uid }, cause })
      return
    }
    if (!has) return
    // The Service is going, or is no longer a LoadBalancer: release the cloud's load balancer.
    delete this.s.provisioning[key]
    this.recorder.event(svc as KObject, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer', cause)
    if (!svc.metadata?.deletionTimestamp && (svc.status?.loadBalancer?.ingress ?? []).length > 0) {
      this.client.patch(R.services, ns, name, { status: { loadBalancer: {} } }, 'merge', { cause, summary: `The service controller clears ${name}'s load balancer status` }, 'status')
    }
    this.recorder.event(svc as KObject, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', cause)
    this.client.patch(R.services, ns, name, { metadata: { finalizers: finalizers.filter((f) => f !== LB_CLEANUP_FINALIZER) } }, 'merge', { cause, summary: `The service controller removes the ${LB_CLEANUP_FINALIZER} finalizer from ${name}` })
  }

  /** The lowest free address of the simulated cloud's pool. */
  private nextAddress(): string {
    const used = new Set<string>()
    for (const s of this.services.list() as Service[]) for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip)
    for (let n = 10; n < 255; n++) if (!used.has(`203.0.113.${n}`)) return `203.0.113.${n}`
    return '203.0.113.255'
  }

  onTimer(p: TimerPayload): void {
    if (!this.s.up || relistOnTimer(p, () => [this.services, ...this.routes.informers()]) || p.action !== 'ensured') return
    const { key, uid } = p.data as { key: string; uid: string }
    if (this.s.provisioning[key] !== uid) return
    delete this.s.provisioning[key]
    const svc = this.services.get(key) as Service | undefined
    if (!svc || svc.metadata?.uid !== uid || !wantsLB(svc)) return
    const ip = this.nextAddress()
    const r = this.client.patch(R.services, svc.metadata!.namespace!, svc.metadata!.name!, { status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } }, 'merge', {
      cause: p.cause,
      summary: `The service controller writes ${svc.metadata!.name}'s load balancer address ${ip} back to the apiserver`,
    }, 'status')
    if (r.status === 200) this.recorder.event(r.body as KObject, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', r.hop)
  }
}
