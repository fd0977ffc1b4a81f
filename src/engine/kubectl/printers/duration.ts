/**
 * Human-readable durations, exactly as kubectl prints them in AGE, LAST SEEN and DURATION columns.
 *
 * Upstream: k8s.io/apimachinery/pkg/util/duration/duration.go and the `translateTimestampSince`
 * helpers of pkg/printers/internalversion/printers.go and kubectl/pkg/describe/describe.go.
 *
 * Times are virtual: `now` and every timestamp are compared on the engine's clock
 * (`parseTime` of sim/time), never the wall clock.
 */
import { parseTime } from '../../sim/time'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Go's integer conversion of a float: truncation toward zero. */
const trunc = (n: number): number => Math.trunc(n)

/**
 * ShortHumanDuration: one unit only (`45s`, `3m`, `5h`, `12d`, `2y`).
 * @example shortHumanDuration(150_000) // '2m'
 */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = trunc(ms / MINUTE)
  if (minutes < 60) return `${minutes}m`
  const hours = trunc(ms / HOUR)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`
  return `${trunc(ms / HOUR / 24 / 365)}y`
}

/**
 * HumanDuration: about two significant units, with the upstream boundaries
 * (`119s`, `2m`, `2m1s`, `9m59s`, `10m`, `179m`, `3h`, `3h5m`, `7h59m`, `8h`, `47h`, `2d`, `2d3h`,
 * `7d23h`, `8d`, `729d`, `2y`, `2y4d`, `7y364d`, `8y`).
 * @example humanDuration(121_000) // '2m1s'
 */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = trunc(ms / MINUTE)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = trunc(ms / HOUR)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365
    const y = trunc(hours / 24 / 365)
    return dy === 0 ? `${y}y` : `${y}y${dy}d`
  }
  return `${trunc(hours / 24 / 365)}y`
}

/** True when a metav1.Time is unset (Go's `IsZero`): absent, empty or the zero instant. */
export function isZeroTime(timestamp: string | null | undefined): boolean {
  if (!timestamp) return true
  return timestamp.startsWith('0001-01-01T00:00:00')
}

/**
 * Elapsed time since `timestamp` as HumanDuration, `<unknown>` when unset.
 * `now` is virtual ms on the engine clock (the unit of `parseTime`).
 * @example translateTimestampSince(rfc3339(0), 125_000) // '2m5s'
 */
export function translateTimestampSince(timestamp: string | null | undefined, now: number): string {
  if (isZeroTime(timestamp)) return '<unknown>'
  return humanDuration(now - parseTime(timestamp as string))
}

/** Time left until `timestamp` as HumanDuration, `<unknown>` when unset. */
export function translateTimestampUntil(timestamp: string | null | undefined, now: number): string {
  if (isZeroTime(timestamp)) return '<unknown>'
  return humanDuration(parseTime(timestamp as string) - now)
}
