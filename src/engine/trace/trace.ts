import type { Hop } from './hop'

export interface TraceState {
  nextId: number
  hops: Hop[]
}

export function newTraceState(): TraceState {
  return { nextId: 1, hops: [] }
}

/** Appends hops to the log. The log only grows; the app reads it by index. */
export class Trace {
  constructor(readonly s: TraceState) {}

  record(h: Omit<Hop, 'id'>): number {
    const id = this.s.nextId++
    const hop = h as Hop
    hop.id = id
    this.s.hops.push(hop)
    return id
  }

  get last(): Hop | undefined {
    return this.s.hops[this.s.hops.length - 1]
  }
}
