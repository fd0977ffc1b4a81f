/**
 * kube-scheduler as a process: informers keep its cache (a Snapshot of nodes and the pods bound
 * to them) and its scheduling queue current; `scheduleOne` pops a pod, runs the framework, and
 * binds it through the apiserver, or reports why it cannot.
 * Upstream: pkg/scheduler/scheduler.go, schedule_one.go, eventhandlers.go.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { WatchDelivery } from '../apiserver/watch'
import { Client, R } from '../client/client'
import { scheduleTimer, type Component, type Ctx, type TimerPayload } from '../client/component'
import { Recorder, newRecorderState, type RecorderState } from '../client/events'
import { Informer, newInformerState, relistOnTimer, type InformerEvent, type InformerState } from '../client/informer'
import { rfc3339 } from '../sim/time'
import { eventAssignedPodAdd, eventAssignedPodDelete, eventNodeAdd, nodeSchedulingPropertiesChange } from './events'
import { schedulePod } from './framework'
import { DISRUPTION_TARGET_REASON, disruptionTargetMessage } from './preemption'
import { SchedulingQueue, newSchedulingQueueState, type SchedulingQueueState, UNSCHEDULABLE_FLUSH_INTERVAL_MS } from './queue'
import { newSnapshot, snapshotAddPod, snapshotRemoveNode, snapshotRemovePod, snapshotSetNode, snapshotUpdatePod, type Snapshot } from './snapshot'

export const SCHEDULER_NAME = 'default-scheduler'

export interface SchedulerState {
  up: boolean
  pods: InformerState
  nodes: InformerState
  queue: SchedulingQueueState
  cache: Snapshot
  nextStartNodeIndex: number
  recorder: RecorderState
  /** Whether a scheduleOne timer is pending, and the time of the pending backoff flush. */
  scheduled: boolean
  backoffFlushAt?: number
  /** Incremented on stop so old timers are ignored. */
  epoch: number
  /** The hop that last queued each pod, named as the cause of its scheduling cycle. */
  causes: Map<string, number>
}

export function newSchedulerState(): SchedulerState {
  return {
    up: true,
    pods: newInformerState(R.pods, 'status.phase!=Succeeded,status.phase!=Failed'),
    nodes: newInformerState(R.nodes),
    queue: newSchedulingQueueState(),
    cache: newSnapshot(),
    nextStartNodeIndex: 0,
    recorder: newRecorderState(),
    scheduled: false,
    epoch: 0,
    causes: new Map(),
  }
}

function keyOfPod(p: Pod): string {
  return `${p.metadata?.namespace}/${p.metadata?.name}`
}

export class Scheduler implements Component {
  readonly id = 'scheduler'
  private readonly queue: SchedulingQueue
  private readonly client: Client
  private readonly recorder: Recorder
  private readonly podInformer: Informer
  private readonly nodeInformer: Informer

  constructor(
    readonly s: SchedulerState,
    private readonly ctx: Ctx,
  ) {
    this.queue = new SchedulingQueue(s.queue)
    this.client = new Client(ctx.api, this.id)
    this.recorder = new Recorder(s.recorder, ctx, this.client, { component: SCHEDULER_NAME, newApi: true })
    this.podInformer = new Informer(s.pods, R.pods, ctx, this.id, (t, o, old, hop) => this.onPod(t, o as Pod, old as Pod | undefined, hop))
    this.nodeInformer = new Informer(s.nodes, R.nodes, ctx, this.id, (t, o, old, hop) => this.onNode(t, o as Node, old as Node | undefined, hop))
  }

  private get now(): number {
    return this.ctx.queue.now
  }

  start(cause?: number): void {
    this.s.up = true
    this.s.epoch++
    this.s.scheduled = false
    this.s.backoffFlushAt = undefined
    this.nodeInformer.start(cause)
    this.podInformer.start(cause)
    this.timer(UNSCHEDULABLE_FLUSH_INTERVAL_MS, 'flushUnschedulable', undefined, true)
    this.kick()
  }

  stop(): void {
    this.s.up = false
    this.s.epoch++
    this.podInformer.stop()
    this.nodeInformer.stop()
  }

  private timer(delay: number, action: string, cause?: number, background?: boolean): void {
    scheduleTimer(this.ctx, delay, { component: this.id, action, data: { epoch: this.s.epoch }, cause, background })
  }

  onWatch(d: WatchDelivery, hop: number): void {
    if (!this.s.up) return
    if (this.podInformer.owns(d.watchId)) this.podInformer.onDelivery(d, hop)
    else if (this.nodeInformer.owns(d.watchId)) this.nodeInformer.onDelivery(d, hop)
  }

  // ---- event handlers (upstream eventhandlers.go) -------------------------------------------------

  private onPod(type: InformerEvent, pod: Pod, old: Pod | undefined, hop: number): void {
    const key = keyOfPod(pod)
    const assigned = !!pod.spec?.nodeName
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
    if (type === 'DELETED' || terminal) {
      if (assigned || this.s.cache.podNode.has(key)) {
        snapshotRemovePod(this.s.cache, key)
        this.queue.moveAllToActiveOrBackoffQueue(eventAssignedPodDelete(pod), this.now)
      } else this.queue.delete(key)
      this.kick(hop)
      return
    }
    if (assigned) {
      // A pod bound to a node: into the cache; out of the queue if it was there.
      if (this.queue.where(key)) this.queue.delete(key)
      if (this.s.cache.podNode.has(key)) snapshotUpdatePod(this.s.cache, pod)
      else {
        snapshotAddPod(this.s.cache, pod)
        this.queue.moveAllToActiveOrBackoffQueue(eventAssignedPodAdd(pod), this.now)
      }
      this.kick(hop)
      return
    }
    if ((pod.spec?.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME || pod.metadata?.deletionTimestamp) return
    this.s.causes.set(key, hop)
    if (type === 'ADDED' || !old) this.queue.add(pod, this.now)
    else this.queue.update(old, pod, this.now)
    this.kick(hop)
  }

  private onNode(type: InformerEvent, node: Node, old: Node | undefined, hop: number): void {
    if (type === 'DELETED') snapshotRemoveNode(this.s.cache, node.metadata!.name!)
    else {
      snapshotSetNode(this.s.cache, node)
      if (type === 'ADDED' || !old) this.queue.moveAllToActiveOrBackoffQueue(eventNodeAdd(node), this.now)
      else for (const e of nodeSchedulingPropertiesChange(node, old)) this.queue.moveAllToActiveOrBackoffQueue(e, this.now)
    }
    this.kick(hop)
  }

  /** Makes sure a scheduling cycle runs if a pod can be popped, and the back-off queue is flushed on time. */
  private kick(cause?: number): void {
    if (!this.s.up) return
    if (!this.s.scheduled && this.queue.poppable > 0) {
      this.s.scheduled = true
      this.timer(0, 'scheduleOne', cause)
    }
    const next = this.queue.nextBackoffExpiry()
    if (next !== undefined && (this.s.backoffFlushAt === undefined || next < this.s.backoffFlushAt)) {
      this.s.backoffFlushAt = next
      this.timer(Math.max(0, next - this.now), 'flushBackoff', cause)
    }
  }

  onTimer(p: TimerPayload): void {
    const d = p.data as { epoch: number }
    if (this.s.up && relistOnTimer(p, () => [this.podInformer, this.nodeInformer])) return this.kick(p.cause)
    if (!this.s.up || d.epoch !== this.s.epoch) return
    switch (p.action) {
      case 'scheduleOne':
        this.s.scheduled = false
        this.scheduleOne()
        break
      case 'flushBackoff':
        this.s.backoffFlushAt = undefined
        this.queue.flushBackoffQCompleted(this.now)
        break
      case 'flushUnschedulable':
        this.queue.flushUnschedulablePodsLeftover(this.now)
        this.timer(UNSCHEDULABLE_FLUSH_INTERVAL_MS, 'flushUnschedulable', undefined, true)
        break
    }
    this.kick(p.cause)
  }

  // ---- the scheduling cycle -------------------------------------------------------------------------

  private scheduleOne(): void {
    const qp = this.queue.pop(this.now)
    if (!qp) return
    const key = qp.key
    const pod = this.podInformer.get(key) as Pod | undefined
    const cause = this.s.causes.get(key)
    this.s.causes.delete(key)
    if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) {
      this.queue.done(key)
      return
    }
    const r = schedulePod(pod, this.s.cache, {
      rand: () => this.ctx.rng.next(),
      nextStartNodeIndex: this.s.nextStartNodeIndex,
      nominatedPods: this.nominatedPods(key),
    })
    this.s.nextStartNodeIndex = r.nextStartNodeIndex
    const name = pod.metadata!.name!
    const ns = pod.metadata!.namespace!
    if (r.node) {
      // Assume: count the pod on its node at once, before the binding is confirmed by the watch.
      const assumed = { ...pod, spec: { ...pod.spec!, nodeName: r.node } }
      snapshotAddPod(this.s.cache, assumed)
      const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns, uid: pod.metadata!.uid }, target: { apiVersion: 'v1', kind: 'Node', name: r.node } }
      const res = this.client.bind(ns, name, binding, {
        cause,
        summary: `The scheduler asks the apiserver to bind ${name} to ${r.node}`,
        scheduling: r.decision,
      })
      if (res.status === 201) {
        this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${r.node}`, res.hop)
        this.queue.done(key)
      } else {
        snapshotRemovePod(this.s.cache, key)
        this.queue.addUnschedulableIfNotPresent(qp, [], this.now, pod)
        this.queue.done(key)
      }
      return
    }
    const message = r.message ?? r.decision.message ?? ''
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message, cause)
    const cond = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(this.now), reason: 'Unschedulable', message }
    const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')
    if (!prev || prev.message !== message || prev.status !== 'False') {
      this.client.patch(R.pods, ns, name, { status: { conditions: [cond] } }, 'strategic', {
        cause,
        summary: `The scheduler reports that ${name} cannot be scheduled: ${message}`,
        scheduling: r.decision,
      }, 'status')
    }
    if (r.nominatedNodeName) this.preempt(pod, r.nominatedNodeName, r.victims ?? [], cause)
    this.queue.addUnschedulableIfNotPresent(qp, r.unschedulablePlugins, this.now, pod)
    this.queue.done(key)
  }

  /** Pending pods already nominated to a node by an earlier preemption, by node. */
  private nominatedPods(except: string): Map<string, Pod[]> {
    const m = new Map<string, Pod[]>()
    for (const o of this.podInformer.list() as Pod[]) {
      const n = o.status?.nominatedNodeName
      if (!n || o.spec?.nodeName || keyOfPod(o) === except) continue
      const list = m.get(n) ?? []
      list.push(o)
      m.set(n, list)
    }
    return m
  }

  /**
   * DefaultPreemption chose a node: nominate it for the pod, and delete the lower-priority victims
   * (marked with the DisruptionTarget condition first). Upstream: pkg/scheduler/framework/preemption.
   */
  private preempt(pod: Pod, node: string, victims: Pod[], cause?: number): void {
    const name = pod.metadata!.name!
    for (const v of victims) {
      const vName = v.metadata!.name!
      const vNs = v.metadata!.namespace!
      const cond = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.now), reason: DISRUPTION_TARGET_REASON, message: disruptionTargetMessage(SCHEDULER_NAME) }
      this.client.patch(R.pods, vNs, vName, { status: { conditions: [cond] } }, 'strategic', { cause, summary: `The scheduler marks ${vName} as a preemption victim for ${name}` }, 'status')
      const del = this.client.delete(R.pods, vNs, vName, {}, { cause, summary: `The scheduler preempts ${vName} on ${node} to make room for ${name}` })
      if (del.status === 200) this.recorder.event(v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata!.uid} on node ${node}`, del.hop)
    }
    this.client.patch(R.pods, pod.metadata!.namespace!, name, { status: { nominatedNodeName: node } }, 'strategic', { cause, summary: `The scheduler nominates ${node} for ${name} while its victims terminate` }, 'status')
  }
}

