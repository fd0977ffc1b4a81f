/**
 * A rate-limited work queue of object keys, as client-go's: a key waiting in the queue is not
 * added twice (dirty set), and a key being processed is not handed out again until `done`
 * (processing set), so one object is never synced twice at once.
 * Upstream: staging/src/k8s.io/client-go/util/workqueue/queue.go, default_rate_limiters.go.
 * State is plain data; the owner schedules processing on the simulation queue.
 */
export interface WorkqueueState {
  queue: string[]
  dirty: Set<string>
  processing: Set<string>
  /** The hop that most recently asked for each key, so its sync can name its cause. */
  causes: Map<string, number>
  failures: Map<string, number>
}

export function newWorkqueueState(): WorkqueueState {
  return { queue: [], dirty: new Set(), processing: new Set(), causes: new Map(), failures: new Map() }
}

export class Workqueue {
  constructor(readonly s: WorkqueueState) {}

  add(key: string, cause?: number): void {
    if (cause !== undefined) this.s.causes.set(key, cause)
    if (this.s.dirty.has(key)) return
    this.s.dirty.add(key)
    if (!this.s.processing.has(key)) this.s.queue.push(key)
  }

  get length(): number {
    return this.s.queue.length
  }

  /** The next key and the hop that caused it, moving the key to `processing`. */
  get(): { key: string; cause?: number } | undefined {
    const key = this.s.queue.shift()
    if (key === undefined) return undefined
    this.s.processing.add(key)
    this.s.dirty.delete(key)
    const cause = this.s.causes.get(key)
    this.s.causes.delete(key)
    return { key, cause }
  }

  done(key: string): void {
    this.s.processing.delete(key)
    if (this.s.dirty.has(key)) this.s.queue.push(key)
  }

  /** Per-item exponential back-off: 5 ms doubling, capped at 1000 s. */
  nextBackoffMs(key: string): number {
    const n = this.s.failures.get(key) ?? 0
    this.s.failures.set(key, n + 1)
    return Math.min(5 * 2 ** n, 1_000_000)
  }

  forget(key: string): void {
    this.s.failures.delete(key)
  }
}
