/**
 * Playback over the hop log: which hop comes next or before when background hops (heartbeats,
 * lease renewals) are hidden. Pure; hops are in id order and ids start at 1 (0 = before any hop).
 */
import type { Hop } from '../../src/engine'

export function isVisible(hop: Hop, showBackground: boolean): boolean {
  return showBackground || !hop.background
}

/** The first visible hop after `cursor`, or undefined at the end of the log. */
export function nextVisible(hops: readonly Hop[], cursor: number, showBackground: boolean): Hop | undefined {
  for (let i = indexAfter(hops, cursor); i < hops.length; i++) if (isVisible(hops[i], showBackground)) return hops[i]
  return undefined
}

/** The id of the last visible hop before `cursor`, or 0 (the start) when there is none. */
export function previousVisible(hops: readonly Hop[], cursor: number, showBackground: boolean): number {
  for (let i = indexAfter(hops, cursor) - 1; i >= 0; i--) {
    if (hops[i].id < cursor && isVisible(hops[i], showBackground)) return hops[i].id
  }
  return 0
}

/** How many visible hops come after the cursor. */
export function visibleAhead(hops: readonly Hop[], cursor: number, showBackground: boolean): number {
  let n = 0
  for (let i = indexAfter(hops, cursor); i < hops.length; i++) if (isVisible(hops[i], showBackground)) n++
  return n
}

/** Index of the first hop with id > cursor (binary search). */
export function indexAfter(hops: readonly Hop[], cursor: number): number {
  let lo = 0
  let hi = hops.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (hops[mid].id <= cursor) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The hop with this id, if known. */
export function hopById(hops: readonly Hop[], id: number): Hop | undefined {
  const i = indexAfter(hops, id) - 1
  return i >= 0 && hops[i].id === id ? hops[i] : undefined
}

let clockOrigin = 0

/**
 * Where the shown clock starts (engine `clockStart`): a scenario recorded on a served cluster runs
 * on a clock that began at that day's date, and is shown from its start like any other.
 */
export function setClockOrigin(ms: number) {
  clockOrigin = ms
}

/** Virtual time as a student reads it: `12.345 s`, `5:02.184`, `1:05:00.000`. */
export function formatVirtualTime(ms: number): string {
  const s = (ms - clockOrigin) / 1000
  if (s < 60) return `${s.toFixed(3)} s`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = (s % 60).toFixed(3).padStart(6, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}
