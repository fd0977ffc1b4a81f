/**
 * An informer: LIST once, then WATCH from the list's resourceVersion, keeping a local cache that
 * the owner reads instead of asking the apiserver. Upstream:
 * staging/src/k8s.io/client-go/tools/cache/shared_informer.go, reflector.go.
 * Cached objects are shared and read-only: copy before changing (`deepCopy`).
 */
import type { WatchDelivery } from '../apiserver/watch'
import type { ResourceType } from '../apiserver/resources'
import { restPath } from '../apiserver/resources'
import { keyOf, type KObject } from '../api/meta'
import type { ComponentId } from '../trace/hop'
import { scheduleTimer, type Ctx, type TimerPayload } from './component'

/** The timer action of a reflector's retried LIST. */
export const RELIST = 'relist'
/** The reflector's back-off after a failed LIST: 800 ms doubling, capped at 30 s. */
const LIST_BACKOFF_MS = 800
const MAX_LIST_BACKOFF_MS = 30_000

interface RelistData {
  resource: string
  fieldSelector?: string
}

/**
 * A component's `onTimer` hands its timers here first: a RELIST timer restarts the informer whose
 * LIST failed (if it is still without a watch). Returns whether the timer was a RELIST.
 */
export function relistOnTimer(p: TimerPayload, informers: () => Iterable<Informer>): boolean {
  if (p.action !== RELIST) return false
  const d = p.data as RelistData
  for (const i of informers()) if (i.s.resource === d.resource && i.s.fieldSelector === d.fieldSelector && i.s.watchId === undefined && i.s.listFailures) i.start(p.cause)
  return true
}

export interface InformerState {
  /** `group/version/resource`. */
  resource: string
  fieldSelector?: string
  cache: Map<string, KObject>
  watchId?: number
  /** Consecutive failed LISTs, for the reflector's back-off. */
  listFailures?: number
}

export type InformerEvent = 'ADDED' | 'MODIFIED' | 'DELETED'

export type InformerHandler = (type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number) => void

export function newInformerState(t: ResourceType, fieldSelector?: string): InformerState {
  return { resource: `${t.group}/${t.version}/${t.resource}`, fieldSelector, cache: new Map() }
}

export class Informer {
  constructor(
    readonly s: InformerState,
    readonly type: ResourceType,
    private readonly ctx: Ctx,
    private readonly owner: ComponentId,
    private readonly handler: InformerHandler,
  ) {}

  /** LIST then WATCH. Each listed object is handed to the handler as ADDED. */
  start(cause?: number): void {
    if (this.s.watchId !== undefined) this.ctx.api.stopWatch(this.s.watchId)
    const query: Record<string, string> = {}
    if (this.s.fieldSelector) query.fieldSelector = this.s.fieldSelector
    const r = this.ctx.api.handle({
      verb: 'GET',
      path: restPath(this.type),
      query,
      from: this.owner,
      cause,
      summary: `${this.owner} lists ${this.type.resource}${this.s.fieldSelector ? ` (${this.s.fieldSelector})` : ''} to fill its cache`,
    })
    if (r.status !== 200) {
      // The reflector tries again with back-off (0.8 s doubling to 30 s) until a LIST succeeds,
      // e.g. once etcd or the apiserver is back. Upstream: reflector.go ListAndWatch, NewReflector.
      this.s.watchId = undefined
      const n = this.s.listFailures ?? 0
      this.s.listFailures = n + 1
      const data: RelistData = { resource: this.s.resource, fieldSelector: this.s.fieldSelector }
      scheduleTimer(this.ctx, Math.min(LIST_BACKOFF_MS * 2 ** n, MAX_LIST_BACKOFF_MS), { component: this.owner, action: RELIST, data, cause: r.hop, background: true })
      return
    }
    this.s.listFailures = undefined
    const old = this.s.cache
    this.s.cache = new Map()
    for (const o of r.body.items as KObject[]) {
      const k = keyOf(o)
      this.s.cache.set(k, o)
      const prev = old.get(k)
      if (!prev || prev.metadata?.resourceVersion !== o.metadata?.resourceVersion) this.handler(prev ? 'MODIFIED' : 'ADDED', o, prev, r.hop)
    }
    for (const [k, o] of old) if (!this.s.cache.has(k)) this.handler('DELETED', o, o, r.hop)
    const w = this.ctx.api.watch(this.owner, this.type, { fieldSelector: this.s.fieldSelector, resourceVersion: r.body.metadata.resourceVersion }, r.hop)
    if ('id' in w) this.s.watchId = w.id
  }

  stop(): void {
    if (this.s.watchId !== undefined) this.ctx.api.stopWatch(this.s.watchId)
    this.s.watchId = undefined
  }

  owns(watchId: number): boolean {
    return this.s.watchId === watchId
  }

  onDelivery(d: WatchDelivery, hop: number): void {
    const o = d.object as KObject
    const k = keyOf(o)
    const old = this.s.cache.get(k)
    if (d.type === 'DELETED') this.s.cache.delete(k)
    else this.s.cache.set(k, o)
    this.handler(d.type, o, old, hop)
  }

  get(key: string): KObject | undefined {
    return this.s.cache.get(key)
  }

  list(): KObject[] {
    return [...this.s.cache.values()]
  }

  /** The cached objects, without copying them into a list. */
  values(): IterableIterator<KObject> {
    return this.s.cache.values()
  }
}
