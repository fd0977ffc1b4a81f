/**
 * Text formats that programs and the kubelet print: timestamps in the styles of nginx, busybox
 * `date`, redis, mysql, httpd and postgres, and Go's `time.Duration` string.
 *
 * Everything takes virtual milliseconds (the cluster clock, see sim/time.ts) and is a pure function
 * of them; `Date` is only used as a calendar on a fixed number, never to read the wall clock.
 */
import { EPOCH_MS } from '../../sim/time'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
function p3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n)
}

interface Parts {
  y: number
  mo: number
  d: number
  h: number
  mi: number
  s: number
  ms: number
  wd: number
  epochSeconds: number
}

function parts(virtualMs: number): Parts {
  const abs = EPOCH_MS + Math.floor(virtualMs)
  const dt = new Date(abs)
  return {
    y: dt.getUTCFullYear(),
    mo: dt.getUTCMonth(),
    d: dt.getUTCDate(),
    h: dt.getUTCHours(),
    mi: dt.getUTCMinutes(),
    s: dt.getUTCSeconds(),
    ms: dt.getUTCMilliseconds(),
    wd: dt.getUTCDay(),
    epochSeconds: Math.floor(abs / 1000),
  }
}

/** nginx's error-log time: `2025/01/06 09:00:01`. */
export function nginxTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${t.y}/${p2(t.mo + 1)}/${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`
}

/** What `date` prints in the C locale, busybox and coreutils alike: `Mon Jan  6 09:00:05 UTC 2025`. */
export function dateCommandTime(virtualMs: number): string {
  const t = parts(virtualMs)
  const day = t.d < 10 ? ` ${t.d}` : String(t.d)
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${day} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} UTC ${t.y}`
}

/** redis's log time: `06 Jan 2025 09:00:01.123`. */
export function redisTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${p2(t.d)} ${MONTHS[t.mo]} ${t.y} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)}`
}

/** The mysql and postgres docker entrypoints' time: `2025-01-06 09:00:01+00:00`. */
export function entrypointTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}+00:00`
}

/** RFC 3339 with microseconds, as mysqld and Go's slog print: `2025-01-06T09:00:01.123000Z`. */
export function isoMicroTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)}T${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)}000Z`
}

/** RFC 3339 with milliseconds: `2025-01-06T09:00:01.123Z`. */
export function isoMilliTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)}T${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)}Z`
}

/** postgres's log_line_prefix `%m`: `2025-01-06 09:00:01.123 UTC`. */
export function postgresTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)} UTC`
}

/** Apache httpd's error-log time: `Mon Jan 06 09:00:01.123000 2025`. */
export function httpdTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)}000 ${t.y}`
}

/** php-fpm's log time: `06-Jan-2025 09:00:01`. */
export function phpFpmTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${p2(t.d)}-${MONTHS[t.mo]}-${t.y} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`
}

/** fluentd's log time: `2025-01-06 09:00:01 +0000`. */
export function fluentdTime(virtualMs: number): string {
  const t = parts(virtualMs)
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} +0000`
}

/**
 * `date +FORMAT` for the conversions students use (`%Y %m %d %H %M %S %s %T %F %D %R %a %A %b %B
 * %e %j %y %Z %z %n %t %%`). Returns undefined for a conversion it does not know, so the caller
 * can fail clearly instead of printing something a real `date` would not.
 */
export function strftime(format: string, virtualMs: number): string | undefined {
  const t = parts(virtualMs)
  const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
  const longMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  const dayOfYear = Math.floor((Date.UTC(t.y, t.mo, t.d) - Date.UTC(t.y, 0, 1)) / 86_400_000) + 1
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    if (c !== '%' || i === format.length - 1) {
      out += c
      continue
    }
    const f = format[++i]
    switch (f) {
      case 'Y': out += t.y; break
      case 'y': out += p2(t.y % 100); break
      case 'm': out += p2(t.mo + 1); break
      case 'd': out += p2(t.d); break
      case 'e': out += t.d < 10 ? ` ${t.d}` : String(t.d); break
      case 'H': out += p2(t.h); break
      case 'M': out += p2(t.mi); break
      case 'S': out += p2(t.s); break
      case 's': out += t.epochSeconds; break
      case 'N': out += `${p3(t.ms)}000000`; break
      case 'T': out += `${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`; break
      case 'R': out += `${p2(t.h)}:${p2(t.mi)}`; break
      case 'F': out += `${t.y}-${p2(t.mo + 1)}-${p2(t.d)}`; break
      case 'D': out += `${p2(t.mo + 1)}/${p2(t.d)}/${p2(t.y % 100)}`; break
      case 'a': out += DAYS[t.wd]; break
      case 'A': out += longDays[t.wd]; break
      case 'b': case 'h': out += MONTHS[t.mo]; break
      case 'B': out += longMonths[t.mo]; break
      case 'j': out += p3(dayOfYear); break
      case 'Z': out += 'UTC'; break
      case 'z': out += '+0000'; break
      case 'n': out += '\n'; break
      case 't': out += '\t'; break
      case '%': out += '%'; break
      default: return undefined
    }
  }
  return out
}

/**
 * Go's `time.Duration.String()` for a whole number of milliseconds, as the kubelet prints pull
 * times (`1.234s`, `313ms`, `1m2.5s`, `0s`) and back-off delays (`10s`, `5m0s`).
 * Upstream: go/src/time/time.go (Duration.String).
 */
export function goDuration(ms: number): string {
  ms = Math.trunc(ms)
  if (ms === 0) return '0s'
  const neg = ms < 0
  if (neg) ms = -ms
  let out: string
  if (ms < 1000) {
    out = `${ms}ms`
  } else {
    const h = Math.floor(ms / 3_600_000)
    const m = Math.floor((ms % 3_600_000) / 60_000)
    const sMs = ms % 60_000
    const whole = Math.floor(sMs / 1000)
    const frac = sMs % 1000
    const secs = frac === 0 ? String(whole) : `${whole}.${p3(frac).replace(/0+$/, '')}`
    out = h > 0 ? `${h}h${m}m${secs}s` : m > 0 ? `${m}m${secs}s` : `${secs}s`
  }
  return neg ? `-${out}` : out
}
