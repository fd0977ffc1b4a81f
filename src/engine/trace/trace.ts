import type { Hop } from './hop'

export interface TraceState {
  nextId: number
  hops: Hop[]
  /**
   * The most hops kept. Past it the oldest quarter is dropped, as etcd compacts its history: a
   * classroom cluster never gets there (its heartbeats alone would take a day), a 10,000-pod
   * benchmark does.
   */
  maxHops: number
}

/** Default hop log bound. */
export const MAX_HOPS = 50_000

export function newTraceState(maxHops = MAX_HOPS): TraceState {
  return { nextId: 1, hops: [], maxHops }
}

/** Appends hops to the log. The log only grows; the app reads it by index. */
export class Trace {
  constructor(readonly s: TraceState) {}

  record(h: Omit<Hop, 'id'>): number {
    const id = this.s.nextId++
    const hop = h as Hop
    hop.id = id
    this.s.hops.push(hop)
    if (this.s.hops.length > this.s.maxHops) this.s.hops.splice(0, Math.ceil(this.s.maxHops / 4))
    return id
  }

  get last(): Hop | undefined {
    return this.s.hops[this.s.hops.length - 1]
  }
}
