/**
 * The scheduling queue: activeQ (ordered by PrioritySort), backoffQ (per-pod exponential
 * back-off, 1 s doubling to 10 s), the unschedulable pod pool (flushed after 5 minutes), and the
 * in-flight record of events seen while a pod was being scheduled.
 *
 * Upstream: pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue: Add, Pop,
 * AddUnschedulableIfNotPresent, Update, Delete, MoveAllToActiveOrBackoffQueue,
 * flushBackoffQCompleted, flushUnschedulablePodsLeftover, isPodWorthRequeuing),
 * backoff_queue.go (1-second ordering windows, SchedulerPopFromBackoffQ: beta and on in v1.33)
 * and active_queue.go (pop).
 *
 * The state is plain data (arrays, Maps) so it survives structuredClone; time is virtual ms
 * passed in by the caller, which also runs the periodic flushes (every 1 s and every 30 s).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import {
  type ClusterEvent,
  EventForceActivate,
  EventUnschedulableTimeout,
  isEventOfInterest,
  podSchedulingPropertiesChange,
  REGISTRATIONS,
  registrationMatches,
  SCHEDULING_GATES,
} from './events'
import { heapFix, heapPop, heapPush, heapRemoveAt } from './heap'
import { Less, podPriority } from './plugins/prioritysort'
import { queueingHint } from './queueinghints'

/** `DefaultPodInitialBackoffDuration`. */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000
/** `DefaultPodMaxBackoffDuration`. */
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000
/** `DefaultPodMaxInUnschedulablePodsDuration`. */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000
/** How often the scheduler runs flushBackoffQCompleted (aligned to whole seconds). */
export const BACKOFF_FLUSH_INTERVAL_MS = 1_000
/** How often the scheduler runs flushUnschedulablePodsLeftover. */
export const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000
/** `backoffQOrderingWindowDuration`. */
export const BACKOFF_ORDERING_WINDOW_MS = 1_000

/** `framework.QueuedPodInfo`. */
export interface QueuedPodInfo {
  /** `namespace/name`. */
  key: string
  pod: Pod
  priority: number
  /** When the pod was added or last re-added to the queue (virtual ms). */
  timestamp: number
  /** When the pod was first popped. */
  initialAttemptTimestamp?: number
  /** Scheduling attempts so far (incremented at each pop). */
  attempts: number
  /** Plugins that rejected the pod in its last attempt. */
  unschedulablePlugins: string[]
  /** Held back by a PreEnqueue plugin (scheduling gates). */
  gated: boolean
  /** Cached back-off expiry, cleared at pop. */
  backoffExpiration?: number
}

/** Which internal queue a pod is in. */
export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods' | 'inFlight'

/** The queue's state: plain data for snapshots. */
export interface SchedulingQueueState {
  activeQ: QueuedPodInfo[]
  /** Pods rejected by plugins, backing off. */
  backoffQ: QueuedPodInfo[]
  /** Pods that failed with an error (no rejecting plugin); never popped early. */
  errorBackoffQ: QueuedPodInfo[]
  unschedulablePods: Map<string, QueuedPodInfo>
  /** Pods popped and not yet done → events received since. */
  inFlight: Map<string, ClusterEvent[]>
  schedulingCycle: number
  podInitialBackoffMs: number
  podMaxBackoffMs: number
  podMaxInUnschedulablePodsMs: number
}

/** A fresh queue with upstream's default durations. */
export function newSchedulingQueueState(): SchedulingQueueState {
  return {
    activeQ: [],
    backoffQ: [],
    errorBackoffQ: [],
    unschedulablePods: new Map(),
    inFlight: new Map(),
    schedulingCycle: 0,
    podInitialBackoffMs: DEFAULT_POD_INITIAL_BACKOFF_MS,
    podMaxBackoffMs: DEFAULT_POD_MAX_BACKOFF_MS,
    podMaxInUnschedulablePodsMs: DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS,
  }
}

type Strategy = 'queueSkip' | 'queueAfterBackoff' | 'queueImmediately'

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`
}

function windowOf(t: number): number {
  return Math.floor(t / BACKOFF_ORDERING_WINDOW_MS) * BACKOFF_ORDERING_WINDOW_MS
}

/** PrioritySort.Less on queued pods. */
function activeLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  return Less(a, b)
}

/** `lessBackoffCompletedWithPriority`: window, then priority, then expiry. */
function backoffLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const ea = a.backoffExpiration ?? 0
  const eb = b.backoffExpiration ?? 0
  const wa = windowOf(ea)
  const wb = windowOf(eb)
  if (wa !== wb) return wa < wb
  if (a.priority !== b.priority) return a.priority > b.priority
  return ea < eb
}

/** `lessBackoffCompleted`: expiry only. */
function errorBackoffLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  return (a.backoffExpiration ?? 0) < (b.backoffExpiration ?? 0)
}

/** The scheduling queue as methods over a `SchedulingQueueState`. */
export class SchedulingQueue {
  constructor(readonly s: SchedulingQueueState) {}

  /** `calculateBackoffDuration`: 0 before any attempt, then initial × 2^(attempts−1), capped. */
  backoffDuration(attempts: number): number {
    if (attempts === 0) return 0
    let d = this.s.podInitialBackoffMs
    for (let i = 1; i < attempts; i++) {
      if (d > this.s.podMaxBackoffMs - d) return this.s.podMaxBackoffMs
      d += d
    }
    return d
  }

  /** `getBackoffTime`: timestamp + back-off, cached until the next pop. */
  backoffTime(p: QueuedPodInfo): number {
    if (p.backoffExpiration === undefined) p.backoffExpiration = p.timestamp + this.backoffDuration(p.attempts)
    return p.backoffExpiration
  }

  /** `isPodBackingoff`. */
  isPodBackingoff(p: QueuedPodInfo, now: number): boolean {
    return this.backoffTime(p) > now
  }

  /** Where a pod is, if anywhere. */
  where(key: string): QueueName | undefined {
    if (this.s.inFlight.has(key)) return 'inFlight'
    if (this.s.activeQ.some((p) => p.key === key)) return 'activeQ'
    if (this.s.backoffQ.some((p) => p.key === key) || this.s.errorBackoffQ.some((p) => p.key === key)) return 'backoffQ'
    if (this.s.unschedulablePods.has(key)) return 'unschedulablePods'
    return undefined
  }

  /** Every pending pod with its queue (`PendingPods`), for the UI. */
  pendingPods(): { pod: Pod; queue: QueueName; attempts: number }[] {
    const out: { pod: Pod; queue: QueueName; attempts: number }[] = []
    for (const p of this.s.activeQ) out.push({ pod: p.pod, queue: 'activeQ', attempts: p.attempts })
    for (const p of [...this.s.backoffQ, ...this.s.errorBackoffQ]) out.push({ pod: p.pod, queue: 'backoffQ', attempts: p.attempts })
    for (const p of this.s.unschedulablePods.values()) out.push({ pod: p.pod, queue: 'unschedulablePods', attempts: p.attempts })
    return out
  }

  /** Number of pods in activeQ and backoffQ (what Pop can return). */
  get poppable(): number {
    return this.s.activeQ.length + this.s.backoffQ.length
  }

  /** `runPreEnqueuePlugins` + push: gated pods go to the unschedulable pool instead. */
  private moveToActiveQ(p: QueuedPodInfo): boolean {
    this.s.unschedulablePods.delete(p.key)
    if ((p.pod.spec?.schedulingGates?.length ?? 0) > 0) {
      p.gated = true
      p.unschedulablePlugins = [SCHEDULING_GATES]
      this.s.unschedulablePods.set(p.key, p)
      return false
    }
    p.gated = false
    heapPush(this.s.activeQ, p, activeLess)
    return true
  }

  private addToBackoff(p: QueuedPodInfo): void {
    this.backoffTime(p)
    if (p.unschedulablePlugins.length === 0) heapPush(this.s.errorBackoffQ, p, errorBackoffLess)
    else heapPush(this.s.backoffQ, p, backoffLess)
  }

  /** `Add`: a new pending pod enters activeQ (or the unschedulable pool if gated). */
  add(pod: Pod, now: number): void {
    const key = podKey(pod)
    if (this.where(key)) return this.update(undefined, pod, now)
    this.moveToActiveQ({ key, pod, priority: podPriority(pod), timestamp: now, attempts: 0, unschedulablePlugins: [], gated: false })
  }

  /**
   * `Pop`: the head of activeQ or, when activeQ is empty, of backoffQ (SchedulerPopFromBackoffQ).
   * The pod is in flight until `addUnschedulableIfNotPresent` or `done`.
   */
  pop(now: number): QueuedPodInfo | undefined {
    let p = heapPop(this.s.activeQ, activeLess)
    if (!p) p = heapPop(this.s.backoffQ, backoffLess)
    if (!p) return undefined
    p.attempts++
    if (p.initialAttemptTimestamp === undefined) p.initialAttemptTimestamp = now
    p.backoffExpiration = undefined
    p.unschedulablePlugins = []
    this.s.inFlight.set(p.key, [])
    this.s.schedulingCycle++
    return p
  }

  /** `Done`: the pod's cycle ended (bound, or gone); forget its in-flight events. */
  done(key: string): void {
    this.s.inFlight.delete(key)
  }

  /** `isPodWorthRequeuing`: what an event means for one unschedulable pod. */
  isPodWorthRequeuing(p: QueuedPodInfo, e: ClusterEvent): Strategy {
    if (p.unschedulablePlugins.length === 0) return 'queueAfterBackoff'
    if (e.resource === 'WildCard') return 'queueAfterBackoff'
    for (const r of REGISTRATIONS) {
      if (!p.unschedulablePlugins.includes(r.plugin) || !registrationMatches(r, e)) continue
      if (queueingHint(r.plugin, p.pod, e) === 'Queue') return 'queueAfterBackoff'
    }
    return 'queueSkip'
  }

  /** `requeuePodViaQueueingHint`: returns the queue the pod went to. */
  private requeue(p: QueuedPodInfo, strategy: Strategy, now: number): QueueName {
    if (strategy === 'queueSkip') {
      this.s.unschedulablePods.set(p.key, p)
      return 'unschedulablePods'
    }
    if (strategy === 'queueAfterBackoff' && this.isPodBackingoff(p, now)) {
      this.s.unschedulablePods.delete(p.key)
      this.addToBackoff(p)
      return 'backoffQ'
    }
    return this.moveToActiveQ(p) ? 'activeQ' : 'unschedulablePods'
  }

  /**
   * `AddUnschedulableIfNotPresent`: a popped pod failed. With the events seen while it was in
   * flight it goes back to activeQ/backoffQ, otherwise to the unschedulable pool. An empty
   * `unschedulablePlugins` means an error (not a rejection): the pod retries after back-off.
   */
  addUnschedulableIfNotPresent(p: QueuedPodInfo, unschedulablePlugins: readonly string[], now: number, latestPod?: Pod): QueueName | undefined {
    const events = this.s.inFlight.get(p.key) ?? []
    this.done(p.key)
    if (this.where(p.key)) return undefined
    if (latestPod) {
      p.pod = latestPod
      p.priority = podPriority(latestPod)
    }
    p.unschedulablePlugins = [...unschedulablePlugins]
    p.timestamp = now
    p.backoffExpiration = undefined
    let strategy: Strategy = 'queueSkip'
    if (p.unschedulablePlugins.length === 0) strategy = 'queueAfterBackoff'
    else {
      for (const e of events) {
        if (this.isPodWorthRequeuing(p, e) !== 'queueSkip') {
          strategy = 'queueAfterBackoff'
          break
        }
      }
    }
    return this.requeue(p, strategy, now)
  }

  private findIn(h: QueuedPodInfo[], key: string): number {
    return h.findIndex((x) => x.key === key)
  }

  /**
   * `Update`: a pending pod changed. In activeQ/backoffQ it is updated in place; in the
   * unschedulable pool the change is checked with queueing hints; unknown pods are added.
   */
  update(oldPod: Pod | undefined, newPod: Pod, now: number): void {
    const key = podKey(newPod)
    const events = oldPod ? podSchedulingPropertiesChange(newPod, oldPod) : []
    const inFlight = this.s.inFlight.get(key)
    if (inFlight) {
      for (const e of events) if (isEventOfInterest(e)) inFlight.push(e)
      return
    }
    for (const h of [this.s.activeQ, this.s.backoffQ, this.s.errorBackoffQ]) {
      const i = this.findIn(h, key)
      if (i < 0) continue
      h[i].pod = newPod
      h[i].priority = podPriority(newPod)
      heapFix(h, i, h === this.s.activeQ ? activeLess : h === this.s.backoffQ ? backoffLess : errorBackoffLess)
      return
    }
    const p = this.s.unschedulablePods.get(key)
    if (p) {
      p.pod = newPod
      p.priority = podPriority(newPod)
      for (const e of events) {
        const q = this.requeue(p, this.isPodWorthRequeuing(p, e), now)
        if (q === 'activeQ' || q === 'backoffQ') break
      }
      return
    }
    this.moveToActiveQ({ key, pod: newPod, priority: podPriority(newPod), timestamp: now, attempts: 0, unschedulablePlugins: [], gated: false })
  }

  /** `Delete`: the pod is gone (deleted, or bound by someone else). */
  delete(key: string): void {
    for (const [h, less] of [
      [this.s.activeQ, activeLess],
      [this.s.backoffQ, backoffLess],
      [this.s.errorBackoffQ, errorBackoffLess],
    ] as const) {
      const i = this.findIn(h, key)
      if (i >= 0) heapRemoveAt(h, i, less)
    }
    this.s.unschedulablePods.delete(key)
  }

  /** `movePodsToActiveOrBackoffQueue` (and records the event for in-flight pods). */
  private movePods(pods: readonly QueuedPodInfo[], e: ClusterEvent, now: number): void {
    if (!isEventOfInterest(e)) return
    for (const p of pods) {
      if (p.gated) continue
      const strategy = this.isPodWorthRequeuing(p, e)
      if (strategy === 'queueSkip') continue
      this.s.unschedulablePods.delete(p.key)
      this.requeue(p, strategy, now)
    }
    for (const events of this.s.inFlight.values()) events.push(e)
  }

  /**
   * `MoveAllToActiveOrBackoffQueue`: after a cluster event (node added or changed, pod deleted…),
   * unschedulable pods whose rejecting plugins may now accept them go back to activeQ (or to
   * backoffQ while their back-off lasts). `preCheck` narrows the pods considered.
   */
  moveAllToActiveOrBackoffQueue(e: ClusterEvent, now: number, preCheck?: (pod: Pod) => boolean): void {
    if (!isEventOfInterest(e)) return
    const pods = [...this.s.unschedulablePods.values()].filter((p) => !preCheck || preCheck(p.pod))
    this.movePods(pods, e, now)
  }

  /** `Activate`: force pods from the unschedulable pool or backoffQ into activeQ. */
  activate(keys: readonly string[]): void {
    for (const key of keys) {
      let p = this.s.unschedulablePods.get(key)
      if (!p) {
        for (const [h, less] of [
          [this.s.backoffQ, backoffLess],
          [this.s.errorBackoffQ, errorBackoffLess],
        ] as const) {
          const i = this.findIn(h, key)
          if (i >= 0) p = heapRemoveAt(h, i, less)
        }
      }
      if (!p) {
        const events = this.s.inFlight.get(key)
        if (events) events.push(EventForceActivate)
        continue
      }
      this.s.unschedulablePods.delete(key)
      this.moveToActiveQ(p)
    }
  }

  /**
   * `flushBackoffQCompleted` (every second): pods whose back-off window has passed move to
   * activeQ. A window is complete once the clock is in a later whole second.
   */
  flushBackoffQCompleted(now: number): number {
    let moved = 0
    const nowWindow = windowOf(now)
    for (const [h, less] of [
      [this.s.backoffQ, backoffLess],
      [this.s.errorBackoffQ, errorBackoffLess],
    ] as const) {
      while (h.length > 0 && windowOf(this.backoffTime(h[0])) < nowWindow) {
        const p = heapPop(h, less)!
        if (this.moveToActiveQ(p)) moved++
      }
    }
    return moved
  }

  /**
   * `flushUnschedulablePodsLeftover` (every 30 s): pods unschedulable for longer than 5 minutes
   * are retried whatever happened (the UnschedulableTimeout event).
   */
  flushUnschedulablePodsLeftover(now: number): void {
    const old: QueuedPodInfo[] = []
    for (const p of this.s.unschedulablePods.values()) {
      if (now - p.timestamp > this.s.podMaxInUnschedulablePodsMs) old.push(p)
    }
    if (old.length > 0) this.movePods(old, EventUnschedulableTimeout, now)
  }

  /** The earliest virtual time at which the flush moves a pod out of backoffQ, for scheduling a wake-up. */
  nextBackoffExpiry(): number | undefined {
    let t: number | undefined
    for (const h of [this.s.backoffQ, this.s.errorBackoffQ]) {
      if (h.length > 0) {
        // The flush moves a pod once the clock is in a later window than its expiry: a timer at
        // the expiry itself would find nothing to move and be set again at the same instant.
        const e = windowOf(this.backoffTime(h[0])) + BACKOFF_ORDERING_WINDOW_MS
        if (t === undefined || e < t) t = e
      }
    }
    return t
  }
}
