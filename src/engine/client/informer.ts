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
import type { Ctx } from './component'

export interface InformerState {
  /** `group/version/resource`. */
  resource: string
  fieldSelector?: string
  cache: Map<string, KObject>
  watchId?: number
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
    if (r.status !== 200) return
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
}
