/**
 * An event recorder: writes core/v1 Events through the apiserver, and counts repeats of the
 * same event instead of writing a new one, as client-go's does (`(x3 over 5m)` in describe).
 * Upstream: staging/src/k8s.io/client-go/tools/record/event.go, events_cache.go.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1'
import { fnv1a, FNV_OFFSET, FNV_PRIME } from '../api/fnv'
import type { KObject } from '../api/meta'
import { EPOCH_MS, rfc3339, rfc3339Micro } from '../sim/time'
import type { Client } from './client'
import { R } from './client'
import type { Ctx } from './component'

/** Upstream: maxLruCacheEntries in tools/record/events_cache.go. */
export const MAX_LRU_CACHE_ENTRIES = 4096

export interface RecorderState {
  /** Aggregation key → the event's name and count so far. */
  seen: Map<string, { name: string; namespace: string; count: number; first: string }>
  seq: number
}

export function newRecorderState(): RecorderState {
  return { seen: new Map(), seq: 0 }
}

export interface EventSource {
  /** `kubelet`, `default-scheduler`, `replicaset-controller`, `deployment-controller` … */
  component: string
  host?: string
  /** Scheduler events use the events.k8s.io API: no source, a reporting controller and an eventTime. */
  newApi?: boolean
}

export function refOf(o: KObject, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = {
    kind: o.kind,
    namespace: o.metadata?.namespace,
    name: o.metadata?.name,
    uid: o.metadata?.uid,
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata?.resourceVersion,
  }
  if (fieldPath) (ref as { fieldPath?: string }).fieldPath = fieldPath
  return ref
}

/**
 * A 64-bit digest (two 32-bit FNV-1a variants, as hex) of an aggregation key, its parts joined
 * by NUL: the recorder remembers thousands of keys, and the digest is a fraction of the key's
 * size. The parts are hashed one after the other, without building the joined key.
 */
function keyDigest(parts: readonly string[]): string {
  let h1 = FNV_OFFSET
  let h2 = FNV_PRIME
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      h1 = fnv1a('\u0000', h1)
      h2 = fnv1a('\u0000', h2, FNV_OFFSET)
    }
    h1 = fnv1a(parts[p], h1)
    h2 = fnv1a(parts[p], h2, FNV_OFFSET)
  }
  return h1.toString(16) + h2.toString(16)
}

/**
 * `ms * 1e6 + n` in hex, exactly (the value passes 2^53): an event name's suffix, the time in
 * Unix nanoseconds. Computed in two parts of 24 bits below and the rest above, without BigInt.
 */
export function nanosHex(ms: number, n: number): string {
  const low = (ms % 0x1000000) * 1_000_000 + n
  const high = Math.floor(ms / 0x1000000) * 1_000_000 + Math.floor(low / 0x1000000)
  const rest = (low % 0x1000000).toString(16)
  return high ? high.toString(16) + '000000'.slice(rest.length) + rest : rest
}

export class Recorder {
  constructor(
    readonly s: RecorderState,
    private readonly ctx: Ctx,
    private readonly client: Client,
    private readonly source: EventSource,
  ) {}

  /** Records `reason: message` about `obj`. */
  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, cause?: number, fieldPath?: string): void {
    const ref = refOf(obj, fieldPath)
    const ns = ref.namespace || 'default'
    const aggKey = keyDigest([this.source.component, this.source.host ?? '', ref.kind ?? '', ns, ref.name ?? '', ref.uid ?? '', fieldPath ?? '', type, reason, message])
    const now = rfc3339(this.ctx.queue.now)
    const prev = this.s.seen.get(aggKey)
    const summary = `${this.source.component} records event ${reason} on ${ref.kind?.toLowerCase()}/${ref.name}: ${message}`
    if (prev) {
      // Most recently used last, as in an LRU.
      this.s.seen.delete(aggKey)
      this.s.seen.set(aggKey, prev)
      prev.count++
      this.client.patch(R.events, prev.namespace, prev.name, { count: prev.count, lastTimestamp: now }, 'strategic', { cause, summary })
      return
    }
    // Name: `<object>.<unix nanoseconds in hex>`, unique per recorder.
    const ns64 = nanosHex(EPOCH_MS + this.ctx.queue.now, this.s.seq++ * 1000 + this.ctx.rng.int(1000))
    const name = `${ref.name}.${ns64}`
    const ev: Event = this.source.newApi
      ? {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace: ns },
          involvedObject: ref,
          reason,
          message,
          source: {},
          firstTimestamp: null as unknown as string,
          lastTimestamp: null as unknown as string,
          type,
          eventTime: rfc3339Micro(this.ctx.queue.now),
          action: reason === 'Scheduled' ? 'Binding' : 'Scheduling',
          reportingComponent: this.source.component,
          reportingInstance: `${this.source.component}-control-plane`,
        }
      : {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace: ns },
          involvedObject: ref,
          reason,
          message,
          source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          type,
          eventTime: null as unknown as string,
          reportingComponent: this.source.component,
          reportingInstance: this.source.host ?? '',
        }
    const r = this.client.create(R.events, ns, ev as KObject, { cause, summary })
    if (r.status === 201) {
      this.s.seen.set(aggKey, { name, namespace: ns, count: 1, first: now })
      // client-go keeps the most recent 4096 events for aggregation (an LRU cache).
      if (this.s.seen.size > MAX_LRU_CACHE_ENTRIES) this.s.seen.delete(this.s.seen.keys().next().value!)
    }
  }
}
