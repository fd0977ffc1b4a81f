/**
 * The discrete-event queue that drives the whole simulation.
 *
 * Entries are plain data (a type and a payload, never a closure) so the queue, like every other
 * part of the engine state, survives `structuredClone` for snapshots. Entries run in order of
 * time, then priority, then insertion sequence: equal times run first-in first-out, which is what
 * makes two runs with the same inputs identical.
 */
export interface SimEvent<P = unknown> {
  t: number
  prio: number
  seq: number
  type: string
  payload: P
  /** Periodic housekeeping (heartbeats): `settle` does not wait for these. */
  bg?: true
}

export interface QueueState {
  /** Virtual milliseconds since the cluster's epoch. */
  now: number
  seq: number
  heap: SimEvent[]
  /** How many pending entries are not background ones. */
  fg: number
}

export function newQueueState(): QueueState {
  return { now: 0, seq: 0, heap: [], fg: 0 }
}

function before(a: SimEvent, b: SimEvent): boolean {
  if (a.t !== b.t) return a.t < b.t
  if (a.prio !== b.prio) return a.prio < b.prio
  return a.seq < b.seq
}

export class EventQueue {
  constructor(readonly s: QueueState) {}

  get now(): number {
    return this.s.now
  }

  get size(): number {
    return this.s.heap.length
  }

  /** Schedules an entry `delay` virtual ms from now. Lower `prio` runs first at equal times. */
  schedule<P>(delay: number, type: string, payload: P, opts: { prio?: number; bg?: boolean } = {}): SimEvent<P> {
    const e: SimEvent<P> = { t: this.s.now + Math.max(0, delay), prio: opts.prio ?? 0, seq: this.s.seq++, type, payload }
    if (opts.bg) e.bg = true
    else this.s.fg++
    const h = this.s.heap
    h.push(e)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
    return e
  }

  /** Whether anything but background housekeeping is pending. */
  get busy(): boolean {
    return this.s.fg > 0
  }

  peek(): SimEvent | undefined {
    return this.s.heap[0]
  }

  /** Removes the earliest entry and moves the clock to its time. */
  pop(): SimEvent | undefined {
    const h = this.s.heap
    if (h.length === 0) return undefined
    const top = h[0]
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(h[l], h[m])) m = l
        if (r < h.length && before(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    if (top.t > this.s.now) this.s.now = top.t
    if (!top.bg) this.s.fg--
    return top
  }

  /** Moves the clock forward without running anything (used when the queue is empty). */
  advanceTo(t: number): void {
    if (t > this.s.now) this.s.now = t
  }
}
