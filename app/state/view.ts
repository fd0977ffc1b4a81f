/**
 * The cluster as of the playback cursor, memoised: the keyspace rebuilt from the baseline and the
 * hops' etcd writes, and the virtual time of the cursor hop.
 */
import { useStore, type State } from './store'
import { advanceKeyspace, keyspaceAt, type Keyspace } from './keyspace'
import { hopById } from './playback'

let last: { baseline: State['baseline']; hops: State['hops']; cursor: number; view: Keyspace } | undefined

/** The keyspace at the cursor (cached; stepping forward applies only the hops stepped over). */
export function viewOf(s: Pick<State, 'baseline' | 'hops' | 'cursor'>): Keyspace {
  if (last && last.baseline === s.baseline && samePrefix(last.hops, s.hops)) {
    if (last.cursor === s.cursor) {
      last = { ...last, hops: s.hops }
      return last.view
    }
    if (s.cursor > last.cursor) {
      const view = advanceKeyspace(last.view, s.hops, last.cursor, s.cursor)
      last = { baseline: s.baseline, hops: s.hops, cursor: s.cursor, view }
      return view
    }
  }
  const view = keyspaceAt(s.baseline, s.hops, s.cursor)
  last = { baseline: s.baseline, hops: s.hops, cursor: s.cursor, view }
  return view
}

/** `next` is `prev` with hops appended (the log only grows until a reset or reboot). */
function samePrefix(prev: State['hops'], next: State['hops']): boolean {
  if (prev === next) return true
  if (next.length < prev.length) return false
  return prev.length === 0 ? true : next[prev.length - 1] === prev[prev.length - 1]
}

/** Virtual time at the cursor: the cursor hop's time, or the start before the first hop. */
export function timeOf(s: Pick<State, 'hops' | 'cursor' | 'startTime'>): number {
  return hopById(s.hops, s.cursor)?.t ?? s.startTime
}

export function useView(): Keyspace {
  return useStore((s) => viewOf(s))
}

export function useCursorTime(): number {
  return useStore((s) => timeOf(s))
}
