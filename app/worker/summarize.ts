/**
 * Long time jumps make tens of thousands of background hops (a 16 h jump on 3 nodes: ~40,000
 * heartbeats and lease renewals). Sending them all would cost the UI thread and memory for
 * nothing a student looks at, so the worker leaves them out, except the last write to each etcd
 * key: the keyspace at the end of the log stays exact. Pure, so it is tested without a worker.
 *
 * ```ts
 * const s = summarizeBackground(cluster.hops(after), after)   // { range: { after, upTo, keep }, left: 39_950 }
 * hops.filter((h) => keepHop(h, s.range))
 * ```
 */
import type { Hop } from '../../src/engine'

/** A jump that made more background hops than this is summarized. */
export const SUMMARIZE_OVER = 2_000

/** The hops (after, upTo] of a summarized jump: foreground hops and the background hops in `keep` are sent. */
export interface SummarizedRange {
  after: number
  upTo: number
  keep: ReadonlySet<number>
}

/** The range to summarize among `fresh` (the hops after hop `after`), and how many hops it leaves out. */
export function summarizeBackground(fresh: readonly Hop[], after: number, over = SUMMARIZE_OVER): { range?: SummarizedRange; left: number } {
  let background = 0
  const lastWrite = new Map<string, number>()
  for (const h of fresh) {
    if (!h.background) continue
    background++
    if (h.detail?.etcd) lastWrite.set(h.detail.etcd.key, h.id)
  }
  if (background <= over) return { left: 0 }
  return { range: { after, upTo: fresh[fresh.length - 1].id, keep: new Set(lastWrite.values()) }, left: background - lastWrite.size }
}

/** Whether a hop is sent to the UI. */
export function keepHop(h: Hop, r: SummarizedRange | undefined): boolean {
  return !r || h.id <= r.after || h.id > r.upTo || !h.background || r.keep.has(h.id)
}
