/**
 * etcd: an MVCC key-value store with one global revision.
 *
 * Every write bumps the store's revision; each key remembers the revision that created it
 * (`createRevision`), the revision of its last change (`modRevision`) and how many times it was
 * written since creation (`version`). The apiserver uses `modRevision` as an object's
 * `resourceVersion`, and compares it in a transaction to implement optimistic concurrency.
 * Upstream: go.etcd.io/etcd/server/v3/mvcc (kvstore.go, watchable_store.go).
 *
 * Values are treated as immutable: a write stores a new object, never changes an old one, so the
 * history and the hop log can hold references to every version without copying.
 */

export interface KeyValue {
  key: string
  value: object
  createRevision: number
  modRevision: number
  version: number
}

export interface StoreEvent {
  type: 'PUT' | 'DELETE'
  /** The key after the event (for DELETE: the key as deleted, modRevision = the delete's revision). */
  kv: KeyValue
  prevKv?: KeyValue
}

export interface StoreState {
  revision: number
  compactRevision: number
  /** Keys grouped by their resource prefix (`/registry/pods`), so a LIST scans one resource. */
  buckets: Map<string, Map<string, KeyValue>>
  /** Recent events, oldest first, for watches that start from a past revision. */
  history: StoreEvent[]
  historyLimit: number
}

/**
 * How many recent events the store keeps for watches that resume from a past revision. Older
 * revisions are compacted: a watch from before gets 410 Expired and its informer lists again,
 * as with a real apiserver's watch cache.
 */
export const HISTORY_LIMIT = 5_000

export function newStoreState(historyLimit = HISTORY_LIMIT): StoreState {
  return { revision: 1, compactRevision: 0, buckets: new Map(), history: [], historyLimit }
}

/** Thrown when a watch asks for a revision older than the last compaction. */
export class CompactedError extends Error {
  constructor(readonly requested: number, readonly compactRevision: number) {
    super('mvcc: required revision has been compacted')
  }
}

/** `/registry/pods/default/web` → `/registry/pods`; `/registry/services/specs/default/x` → `/registry/services/specs`. */
export function bucketOf(key: string): string {
  // '/registry/' is 10 characters; the resource ends at the next slash.
  let end = key.indexOf('/', 10)
  if (end < 0) end = key.length
  if (key.startsWith('services', 10)) {
    const e2 = key.indexOf('/', end + 1)
    return key.slice(0, e2 < 0 ? key.length : e2)
  }
  return key.slice(0, end)
}

export interface TxnCompare {
  /** Expected modRevision of the key; 0 means the key must not exist. */
  modRevision: number
}

export type TxnResult =
  | { succeeded: true; revision: number; kv?: KeyValue; prevKv?: KeyValue }
  | { succeeded: false; revision: number; current?: KeyValue }

export class Etcd {
  constructor(readonly s: StoreState) {}

  get revision(): number {
    return this.s.revision
  }

  get(key: string): KeyValue | undefined {
    return this.s.buckets.get(bucketOf(key))?.get(key)
  }

  /** Every key starting with `prefix`, sorted by key as etcd returns a range. */
  range(prefix: string): KeyValue[] {
    const bucket = this.s.buckets.get(bucketOf(prefix.endsWith('/') ? prefix + 'x' : prefix))
    if (!bucket) return []
    const out: KeyValue[] = []
    for (const kv of bucket.values()) if (kv.key.startsWith(prefix)) out.push(kv)
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    return out
  }

  /** Number of keys, all prefixes together. */
  count(): number {
    let n = 0
    for (const b of this.s.buckets.values()) n += b.size
    return n
  }

  /** All keys, sorted. */
  all(): KeyValue[] {
    const out: KeyValue[] = []
    for (const b of this.s.buckets.values()) for (const kv of b.values()) out.push(kv)
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    return out
  }

  /**
   * A transaction: if the key's modRevision equals `compare.modRevision` (0: the key is absent),
   * put `value` (or delete when `value` is undefined). Otherwise nothing changes.
   */
  txn(key: string, compare: TxnCompare | undefined, value: object | undefined): TxnResult {
    const bucketKey = bucketOf(key)
    let bucket = this.s.buckets.get(bucketKey)
    const cur = bucket?.get(key)
    if (compare && (cur?.modRevision ?? 0) !== compare.modRevision) {
      return { succeeded: false, revision: this.s.revision, current: cur }
    }
    if (value === undefined) {
      if (!cur) return { succeeded: false, revision: this.s.revision }
      const rev = ++this.s.revision
      bucket!.delete(key)
      const tomb: KeyValue = { key, value: cur.value, createRevision: cur.createRevision, modRevision: rev, version: 0 }
      this.remember({ type: 'DELETE', kv: tomb, prevKv: cur })
      return { succeeded: true, revision: rev, prevKv: cur }
    }
    const rev = ++this.s.revision
    const kv: KeyValue = cur
      ? { key, value, createRevision: cur.createRevision, modRevision: rev, version: cur.version + 1 }
      : { key, value, createRevision: rev, modRevision: rev, version: 1 }
    if (!bucket) this.s.buckets.set(bucketKey, (bucket = new Map()))
    bucket.set(key, kv)
    this.remember({ type: 'PUT', kv, prevKv: cur })
    return { succeeded: true, revision: rev, kv, prevKv: cur }
  }

  /** Events with a revision greater than `afterRevision` under `prefix`, oldest first. */
  eventsSince(afterRevision: number, prefix: string): StoreEvent[] {
    if (afterRevision < this.s.compactRevision) throw new CompactedError(afterRevision, this.s.compactRevision)
    const h = this.s.history
    // Binary search the first event after the revision.
    let lo = 0
    let hi = h.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (h[mid].kv.modRevision <= afterRevision) lo = mid + 1
      else hi = mid
    }
    const out: StoreEvent[] = []
    for (let i = lo; i < h.length; i++) if (h[i].kv.key.startsWith(prefix)) out.push(h[i])
    return out
  }

  /** Forgets history up to `revision`: watches from older revisions now fail. */
  compact(revision: number): void {
    if (revision <= this.s.compactRevision) return
    this.s.compactRevision = Math.min(revision, this.s.revision)
    const h = this.s.history
    let i = 0
    while (i < h.length && h[i].kv.modRevision <= this.s.compactRevision) i++
    if (i > 0) h.splice(0, i)
  }

  private remember(e: StoreEvent): void {
    this.s.history.push(e)
    if (this.s.history.length > this.s.historyLimit) {
      // Like the apiserver's periodic compaction: keep a bounded window of history.
      const drop = Math.floor(this.s.historyLimit / 4)
      this.compact(this.s.history[drop - 1].kv.modRevision)
    }
  }
}
