/**
 * Watch registrations, kept as plain data so they survive snapshots. The apiserver fans each
 * etcd write out to the watches it matches, as its watch cache does (Upstream:
 * staging/src/k8s.io/apiserver/pkg/storage/cacher).
 */
import type { ComponentId } from '../trace/hop'
import type { FieldRequirement, Selector } from '../api/labels'

export interface WatchRegistration {
  id: number
  subscriber: ComponentId
  /** `group/version/resource`. */
  resource: string
  /** The etcd prefix the watch covers. */
  prefix: string
  fields: FieldRequirement[]
  labels: Selector
  /** Stopped watches (their component is down) are dropped at delivery. */
  active: boolean
}

export interface WatchState {
  nextId: number
  watches: Map<number, WatchRegistration>
  /**
   * Watches whose field selector is one equality (`spec.nodeName=node-1`, as every kubelet's),
   * indexed by `field=value`, so a write reaches them without testing every watch.
   */
  byField: Map<string, Set<number>>
  /** Field paths used in `byField`. */
  indexedFields: Set<string>
  /** Every other watch, by the store bucket (resource) it covers. */
  scan: Map<string, Set<number>>
}

export function newWatchState(): WatchState {
  return { nextId: 1, watches: new Map(), byField: new Map(), indexedFields: new Set(), scan: new Map() }
}

/** The index key of a watch, or undefined when it must be scanned. */
export function fieldIndexKey(w: WatchRegistration): string | undefined {
  if (w.fields.length !== 1 || w.fields[0].op !== '=') return undefined
  return `${w.fields[0].field}=${w.fields[0].value}`
}

/** What one delivery carries: the payload of a `watch` simulation event. */
export interface WatchDelivery {
  watchId: number
  type: 'ADDED' | 'MODIFIED' | 'DELETED'
  object: object
  /** The hop (an etcd write) that caused this event. */
  cause: number
  background?: boolean
}
