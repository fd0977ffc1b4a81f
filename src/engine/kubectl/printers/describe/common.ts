/**
 * Helpers shared by the describers: labels and annotations over several lines, taints,
 * tolerations, RFC 1123 times and the Events table.
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (printLabelsMultiline,
 * printAnnotationsMultiline, printTaintsMultilineWithIndent, printTolerationsMultilineWithIndent,
 * DescribeEvents) and kubectl/pkg/util/event (SortableEvents).
 */
import type { Event, Taint, Toleration } from 'kubernetes-types/core/v1'
import { isZeroTime, translateTimestampSince } from '../duration'
import { byteCompare } from '../labels'
import { goSort } from './gosort'
import { LEVEL_0, LEVEL_1, type Writer } from './writer'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * time.Time.Format(time.RFC1123Z) in UTC: `Mon, 06 Jan 2025 09:00:00 +0000`; the zero time for unset.
 * @example rfc1123z('2025-01-06T09:00:00Z') // 'Mon, 06 Jan 2025 09:00:00 +0000'
 */
export function rfc1123z(timestamp: string | null | undefined): string {
  if (isZeroTime(timestamp)) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const d = new Date(Date.parse(timestamp as string))
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
}

/** printLabelsMultilineWithIndent: `Labels:  a=b` then continuation lines aligned by a tab. */
export function printLabelsMultiline(
  w: Writer,
  title: string,
  labels: Record<string, string> | null | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`)
  const keys = Object.keys(labels ?? {}).sort(byteCompare)
  if (keys.length === 0) {
    w.writeLine('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent)
      w.write(LEVEL_0, innerIndent)
    }
    w.write(LEVEL_0, `${key}=${(labels as Record<string, string>)[key]}\n`)
  })
}

const MAX_ANNOTATION_LEN = 140
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration'])

function shorten(s: string, maxLength: number): string {
  return s.length > maxLength ? s.slice(0, maxLength) + '...' : s
}

/** printAnnotationsMultiline: long or multi-line values are printed below their key. */
export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | null | undefined): void {
  w.write(LEVEL_0, `${title}:\t`)
  const all = annotations ?? {}
  const keys = Object.keys(all).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort(byteCompare)
  if (keys.length === 0) {
    w.writeLine('<none>')
    return
  }
  const indent = '\t'
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent)
    const value = all[key].replace(/\n$/, '')
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`)
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`)
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`)
    }
  })
}

/** Taint.ToString: `key=value:Effect`. */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`
}

/** printTaintsMultilineWithIndent: sorted by `effect,key`. */
export function printTaintsMultiline(w: Writer, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`)
  const list = [...(taints ?? [])]
  if (list.length === 0) {
    w.writeLine('<none>')
    return
  }
  const key = (t: Taint): string => `${t.effect},${t.key}`
  goSort(list, (a, b) => key(a) < key(b))
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    w.write(LEVEL_0, `${taintString(t)}\n`)
  })
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(w: Writer, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`)
  const list = [...(tolerations ?? [])]
  if (list.length === 0) {
    w.writeLine('<none>')
    return
  }
  goSort(list, (a, b) => (a.key ?? '') < (b.key ?? ''))
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent)
      w.write(LEVEL_0, '\t')
    }
    let line = t.key ?? ''
    if (t.value) line += `=${t.value}`
    if (t.effect) line += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) line += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) line += ` for ${t.tolerationSeconds}s`
    w.write(LEVEL_0, line + '\n')
  })
}

/**
 * The time kubectl 1.33 sorts events by: lastTimestamp only (SortableEvents.Less), so events
 * with just an eventTime (the scheduler's) count as the zero time and come first.
 */
function eventTime(e: Event): number {
  return isZeroTime(e.lastTimestamp) ? Number.NEGATIVE_INFINITY : Date.parse(e.lastTimestamp as string)
}

/**
 * DescribeEvents: `Events:  <none>` or the Type/Reason/Age/From/Message table, oldest first,
 * ages like `2m (x3 over 5m)`.
 */
export function describeEvents(events: readonly Event[] | null | undefined, w: Writer, now: number): void {
  if (!events || events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n')
    return
  }
  const list = goSort([...events], (a, b) => eventTime(a) < eventTime(b))
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n')
  for (const e of list) {
    let first = translateTimestampSince(e.eventTime, now)
    if (isZeroTime(e.eventTime)) first = translateTimestampSince(e.firstTimestamp, now)
    let interval: string
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`
    else interval = first
    const source = e.source?.component || e.reportingComponent || ''
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`)
  }
}

/** printController: `ReplicaSet/web-7d4b9c8f5d` from the controller owner reference. */
export function printController(meta: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } | undefined): string {
  const ref = (meta?.ownerReferences ?? []).find((r) => r.controller === true)
  return ref ? `${ref.kind}/${ref.name}` : ''
}

/** printBool: `True` / `False`. */
export const printBool = (v: boolean | undefined): string => (v ? 'True' : 'False')
