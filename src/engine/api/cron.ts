/**
 * CronJob schedules: standard 5-field cron lines (`minute hour day-of-month month day-of-week`)
 * as robfig/cron's ParseStandard reads them: `*`, lists, ranges, steps (`*\/15`, `1-30/5`),
 * month and weekday names, weekdays 0-6 (Sunday is 0; robfig/cron has no 7), `?` as `*`, and the macros @yearly @annually
 * @monthly @weekly @daily @midnight @hourly.
 *
 * Two halves. Parsing here checks a schedule and fails with robfig/cron's own messages, which
 * the apiserver returns in `spec.schedule: Invalid value: …` (validation/workloads.ts) and the
 * controller in its UnparseableSchedule event. The next activation times are computed by croner,
 * a maintained cron library without dependencies, on virtual time: every call passes the instant
 * to start from. croner's nextRun also reads `new Date()`, but only to clamp to startAt/stopAt,
 * which are never set here, so its answers depend on the virtual time alone (a test pins this with
 * the wall clock moved years away). Like robfig/cron, when both day fields are
 * restricted a day matches either (croner's default `domAndDow: false`); when one is `*`, the
 * other decides. In a time zone (CronJob `spec.timeZone`) the schedule runs on that zone's wall
 * clock, which croner reads through Intl.
 * Upstream: github.com/robfig/cron/v3 parser.go and spec.go (ParseStandard, Next).
 */
import { Cron } from 'croner'

/** A parsed schedule: its standard 5-field text, evaluated by croner per time zone. */
export interface CronSchedule {
  /** The schedule with a macro expanded (`@daily` → `0 0 * * *`). */
  readonly text: string
  /** croner jobs by time zone (`''` for UTC); paused and without a function, so they never set a timer. */
  readonly jobs: Map<string, Cron>
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

/** A schedule that cannot be parsed: the message is robfig/cron's. */
export class CronParseError extends Error {}

/** Checks one field, as robfig/cron's getField does, throwing its message for a bad one. */
function checkField(text: string, min: number, max: number, names?: string[]): void {
  for (const part of text.split(',')) {
    const [rangePart, stepPart, extra] = part.split('/')
    if (extra !== undefined) throw new CronParseError(`too many slashes: ${part}`)
    let lo: number
    let hi: number
    const value = (s: string): number => {
      const i = names ? names.indexOf(s.toLowerCase()) : -1
      if (i >= 0) return i + (min === 1 ? 1 : 0)
      if (!/^\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`)
      return Number(s)
    }
    if (rangePart === '*' || rangePart === '?') {
      lo = min
      hi = max
    } else if (rangePart.includes('-')) {
      const [a, b] = rangePart.split('-')
      lo = value(a)
      hi = value(b)
    } else {
      lo = value(rangePart)
      hi = stepPart === undefined ? lo : max
    }
    const step = stepPart === undefined ? 1 : value(stepPart)
    if (lo < min) throw new CronParseError(`beginning of range (${lo}) below minimum (${min}): ${part}`)
    if (hi > max) throw new CronParseError(`end of range (${hi}) above maximum (${max}): ${part}`)
    if (lo > hi) throw new CronParseError(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`)
    if (step === 0) throw new CronParseError(`step of range should be a positive number: ${part}`)
  }
}

/** Parses a standard cron line. Throws CronParseError with robfig/cron's message. */
export function parseCron(spec: string): CronSchedule {
  const text = MACROS[spec.trim()] ?? spec.trim()
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) throw new CronParseError('CRON_TZ or TZ used in schedule "' + spec + '" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details')
  const fields = text.split(/\s+/).filter(Boolean)
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`)
  // In field order, so the first bad field is the one reported.
  checkField(fields[0], 0, 59)
  checkField(fields[1], 0, 23)
  checkField(fields[2], 1, 31)
  checkField(fields[3], 1, 12, MONTHS)
  checkField(fields[4], 0, 6, DAYS)
  return { text: fields.join(' '), jobs: new Map() }
}

function cronFor(s: CronSchedule, tz: string | undefined): Cron {
  const zone = !tz || tz === 'UTC' || tz === 'Etc/UTC' ? 'Etc/UTC' : tz
  let job = s.jobs.get(zone)
  if (!job) s.jobs.set(zone, (job = new Cron(s.text, { timezone: zone, mode: '5-part', domAndDow: false, sloppyRanges: true, paused: true })))
  return job
}

/** The first activation strictly after `afterMs` (Unix ms), in UTC; undefined if there is none. */
export function nextActivation(s: CronSchedule, afterMs: number): number | undefined {
  return nextActivationIn(s, afterMs, undefined)
}

/** Whether the runtime knows an IANA time zone name (`Europe/Berlin`); `UTC` always. */
export function isKnownTimeZone(tz: string): boolean {
  if (tz === 'UTC' || tz === 'Etc/UTC') return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The zone's offset from UTC at instant `ms` (wall clock minus UTC, in ms). */
export function zoneOffsetMs(tz: string | undefined, ms: number): number {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return 0
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    formatters.set(tz, f)
  }
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(ms / 1000) * 1000
}

/**
 * The next activation after `afterMs` (Unix ms) with the schedule read on the wall clock of
 * time zone `tz` (CronJob `spec.timeZone`; UTC when absent).
 */
export function nextActivationIn(s: CronSchedule, afterMs: number, tz: string | undefined): number | undefined {
  return cronFor(s, tz).nextRun(new Date(afterMs))?.getTime()
}
