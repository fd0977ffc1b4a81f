/**
 * The shape every controller in kube-controller-manager shares: informer handlers only map a
 * changed object to the key of the object to reconcile and add it to a workqueue; one
 * `sync(key)` at a time reads from the caches, compares desired with actual state and acts
 * through the apiserver. Upstream: pkg/controller/* and staging/src/k8s.io/sample-controller.
 */
import type { KObject } from '../api/meta'
import type { Client } from '../client/client'
import type { Ctx } from '../client/component'
import { scheduleTimer } from '../client/component'
import type { Recorder } from '../client/events'
import type { Informer, InformerEvent } from '../client/informer'
import { Workqueue, type WorkqueueState } from '../client/workqueue'

export interface ControllerState {
  queue: WorkqueueState
  /** Whether a `process` timer is pending. */
  scheduled: boolean
}

/** What the controller-manager gives each controller. */
export interface ControllerEnv {
  ctx: Ctx
  /** The shared informers, by resource plural. */
  informers: Record<string, Informer>
  /** The controller's own client (its hops come from `controller-manager/<name>`). */
  client: Client
  recorder: Recorder
  /** The component id of the controller-manager process. */
  processId: string
}

export abstract class Controller<S extends ControllerState = ControllerState> {
  readonly queue: Workqueue

  constructor(
    readonly name: string,
    readonly s: S,
    readonly env: ControllerEnv,
  ) {
    this.queue = new Workqueue(s.queue)
  }

  /** The resources whose events this controller wants. */
  abstract readonly watches: string[]

  /** An informer event for one of `watches`. Handlers only enqueue keys. */
  abstract onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void

  /** Reconciles one key. Returns a delay in ms to requeue it after, if any. */
  abstract sync(key: string, cause?: number): number | void

  enqueue(key: string, cause?: number): void {
    this.queue.add(key, cause)
    this.schedule()
  }

  /**
   * Adds the key again after `ms` (client-go AddAfter). `background` marks periodic work (a
   * monitor loop) that `settle` need not wait for.
   */
  enqueueAfter(key: string, ms: number, cause?: number, background?: boolean): void {
    scheduleTimer(this.env.ctx, ms, { component: this.env.processId, action: 'enqueue', data: { controller: this.name, key }, cause, background })
  }

  private schedule(): void {
    if (this.s.scheduled || this.queue.length === 0) return
    this.s.scheduled = true
    scheduleTimer(this.env.ctx, 0, { component: this.env.processId, action: 'process', data: { controller: this.name } })
  }

  /** Runs one sync (called from the controller-manager's timer). */
  processNext(): void {
    this.s.scheduled = false
    const item = this.queue.get()
    if (!item) return
    const errorsBefore = this.env.client.serverErrors
    const requeue = this.sync(item.key, item.cause)
    this.queue.done(item.key)
    if (typeof requeue === 'number') this.enqueueAfter(item.key, requeue, item.cause)
    else if (this.env.client.serverErrors > errorsBefore) {
      // The apiserver failed (e.g. etcd unreachable): retry with the per-item back-off.
      this.enqueueAfter(item.key, this.queue.nextBackoffMs(item.key), item.cause)
    } else this.queue.forget(item.key)
    this.schedule()
  }

  get ctx(): Ctx {
    return this.env.ctx
  }
}

export function newControllerState(): ControllerState {
  return { queue: { queue: [], dirty: new Set(), processing: new Set(), causes: new Map(), failures: new Map() }, scheduled: false }
}
