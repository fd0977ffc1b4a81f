/**
 * Standard 5-field cron schedules (`minute hour day-of-month month day-of-week`), evaluated in
 * UTC on virtual time. Supports `*`, lists, ranges, steps (`*\/15`, `1-30/5`), month and weekday
 * names, `7` as Sunday, `?` as `*`, and the macros @yearly @annually @monthly @weekly @daily
 * @midnight @hourly. As robfig/cron (which the CronJob controller uses): when both day fields
 * are restricted a day matches either; when one is `*`, both must match.
 * Upstream: github.com/robfig/cron/v3 parser.go and spec.go (ParseStandard, Next).
 */

export interface CronSchedule {
  minutes: Set<number>
  hours: Set<number>
  dom: Set<number>
  months: Set<number>
  dow: Set<number>
  domStar: boolean
  dowStar: boolean
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

function parseField(text: string, min: number, max: number, names?: string[]): { set: Set<number>; star: boolean } {
  const set = new Set<number>()
  let star = false
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
      if (stepPart === undefined) star = true
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
    for (let v = lo; v <= hi; v += step) set.add(v)
  }
  return { set, star }
}

/** Parses a standard cron line. Throws CronParseError with robfig/cron's message. */
export function parseCron(spec: string): CronSchedule {
  const text = MACROS[spec.trim()] ?? spec.trim()
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) throw new CronParseError('CRON_TZ or TZ used in schedule "' + spec + '" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details')
  const fields = text.split(/\s+/).filter(Boolean)
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`)
  const dow = parseField(fields[4], 0, 7, DAYS)
  if (dow.set.has(7)) {
    dow.set.delete(7)
    dow.set.add(0)
  }
  const dom = parseField(fields[2], 1, 31)
  return {
    minutes: parseField(fields[0], 0, 59).set,
    hours: parseField(fields[1], 0, 23).set,
    dom: dom.set,
    months: parseField(fields[3], 1, 12, MONTHS).set,
    dow: dow.set,
    domStar: dom.star,
    dowStar: dow.star,
  }
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const domMatch = s.dom.has(d.getUTCDate())
  const dowMatch = s.dow.has(d.getUTCDay())
  if (s.domStar || s.dowStar) return domMatch && dowMatch
  return domMatch || dowMatch
}

/**
 * The first activation strictly after `afterMs` (Unix ms, UTC), or undefined if none within
 * five years. Walks months, days, hours and minutes like robfig/cron's Next.
 */
export function nextActivation(s: CronSchedule, afterMs: number): number | undefined {
  // Start at the next whole minute.
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000
  const limit = afterMs + 5 * 366 * 24 * 3600_000
  while (t <= limit) {
    const d = new Date(t)
    if (!s.months.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
      continue
    }
    if (!dayMatches(s, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
      continue
    }
    if (!s.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1)
      continue
    }
    if (!s.minutes.has(d.getUTCMinutes())) {
      t += 60_000
      continue
    }
    return t
  }
  return undefined
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
 * The next activation after `afterMs` with the schedule read in time zone `tz` (CronJob
 * `spec.timeZone`): the schedule runs on the zone's wall clock. Around a DST change the
 * offset is taken at the activation, so a skipped wall-clock time runs an hour later, as
 * robfig/cron does.
 */
export function nextActivationIn(s: CronSchedule, afterMs: number, tz: string | undefined): number | undefined {
  const off = zoneOffsetMs(tz, afterMs)
  const wall = nextActivation(s, afterMs + off)
  if (wall === undefined) return undefined
  const guess = wall - off
  const off2 = zoneOffsetMs(tz, guess)
  return off2 === off ? guess : wall - off2
}
