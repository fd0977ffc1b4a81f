/**
 * The etcd keyspace as of any hop, rebuilt in the app from the baseline (the keyspace right after
 * boot) and the etcd writes that hops carry (DESIGN §2). Stepping back and forth needs no engine call.
 *
 * ```ts
 * const view = keyspaceAt(baseline, hops, 12)   // Map key → { key, createRevision, modRevision, version, value }
 * ```
 */
import type { Hop, KeyValueView } from '../../src/engine'

export type Keyspace = ReadonlyMap<string, KeyValueView>

/** Applies the etcd writes of every hop with `id <= cursor` on top of `baseline`. Hops are in id order. */
export function keyspaceAt(baseline: readonly KeyValueView[], hops: readonly Hop[], cursor: number): Keyspace {
  const view = new Map<string, KeyValueView>()
  for (const kv of baseline) view.set(kv.key, kv)
  return advanceKeyspace(view, hops, 0, cursor)
}

/**
 * The view at `to` from the view at `from` (`from < to`): applies only the writes in between, so
 * stepping forward costs the hops stepped over, not the whole log. `view` itself is not changed.
 */
export function advanceKeyspace(view: Keyspace, hops: readonly Hop[], from: number, to: number): Keyspace {
  const next = new Map(view)
  for (let i = indexAfterId(hops, from); i < hops.length && hops[i].id <= to; i++) {
    const w = hops[i].detail?.etcd
    if (!w) continue
    if (w.op === 'delete') {
      next.delete(w.key)
    } else {
      const old = next.get(w.key)
      next.set(w.key, {
        key: w.key,
        createRevision: old?.createRevision ?? w.revision,
        modRevision: w.revision,
        version: (old?.version ?? 0) + 1,
        value: w.after ?? {},
      })
    }
  }
  return next
}

function indexAfterId(hops: readonly Hop[], id: number): number {
  let lo = 0
  let hi = hops.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (hops[mid].id <= id) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The etcd revision as of the cursor: the highest revision in the view or written by a hop so far. */
export function revisionAt(view: Keyspace, hops: readonly Hop[], cursor: number): number {
  let rev = 0
  for (const kv of view.values()) rev = Math.max(rev, kv.modRevision)
  for (const hop of hops) {
    if (hop.id > cursor) break
    if (hop.detail?.etcd) rev = Math.max(rev, hop.detail.etcd.revision)
  }
  return rev
}

/** Objects under a prefix (`/registry/pods/`), sorted by key. */
export function objectsUnder<T = unknown>(view: Keyspace, prefix: string): T[] {
  return [...view.values()]
    .filter((kv) => kv.key.startsWith(prefix))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((kv) => kv.value as T)
}

/** The hop and every hop it was caused by, newest first: the causal chain the timeline highlights. */
export function causalChain(hops: readonly Hop[], id: number): number[] {
  const chain: number[] = []
  const byId = new Map(hops.map((h) => [h.id, h]))
  let hop = byId.get(id)
  const seen = new Set<number>()
  while (hop && !seen.has(hop.id)) {
    seen.add(hop.id)
    chain.push(hop.id)
    hop = hop.cause === undefined ? undefined : byId.get(hop.cause)
  }
  return chain
}
