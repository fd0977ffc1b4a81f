/**
 * Small building blocks for validating plain data read from YAML: each reader takes a value and
 * its path, returns the typed value (or a safe fallback), and records an error with the path
 * instead of throwing. load.ts composes them into the lesson validator.
 */

import type { Text } from './format'

export type Path = (string | number)[]

export interface Issue {
  path: Path
  message: string
}

export class Reader {
  readonly issues: Issue[] = []

  fail(path: Path, message: string): void {
    this.issues.push({ path, message })
  }

  isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v)
  }

  /** An object with only the `allowed` keys (unknown keys are reported, with a suggestion). */
  object(v: unknown, path: Path, allowed: readonly string[], what = 'a mapping'): Record<string, unknown> | undefined {
    if (!this.isObject(v)) {
      this.fail(path, `expected ${what}, got ${describe(v)}`)
      return undefined
    }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) {
        const near = closest(k, allowed)
        this.fail([...path, k], `unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowed.join(', ')}`)
      }
    }
    return v
  }

  string(v: unknown, path: Path, opts: { optional?: boolean; nonEmpty?: boolean } = {}): string | undefined {
    if (v === undefined || v === null) {
      if (!opts.optional) this.fail(path, 'required')
      return undefined
    }
    if (typeof v !== 'string') {
      this.fail(path, `expected text, got ${describe(v)}`)
      return undefined
    }
    if (opts.nonEmpty !== false && v.trim() === '') {
      this.fail(path, 'must not be empty')
      return undefined
    }
    return v
  }

  number(v: unknown, path: Path, opts: { optional?: boolean; integer?: boolean; min?: number } = {}): number | undefined {
    if (v === undefined || v === null) {
      if (!opts.optional) this.fail(path, 'required')
      return undefined
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(path, `expected a number, got ${describe(v)}`)
      return undefined
    }
    if (opts.integer && !Number.isInteger(v)) this.fail(path, `expected a whole number, got ${v}`)
    if (opts.min !== undefined && v < opts.min) this.fail(path, `must be at least ${opts.min}, got ${v}`)
    return v
  }

  boolean(v: unknown, path: Path, optional = true): boolean | undefined {
    if (v === undefined || v === null) {
      if (!optional) this.fail(path, 'required')
      return undefined
    }
    if (typeof v !== 'boolean') {
      this.fail(path, `expected true or false, got ${describe(v)}`)
      return undefined
    }
    return v
  }

  oneOf<T extends string>(v: unknown, path: Path, values: readonly T[], optional = false): T | undefined {
    if (v === undefined || v === null) {
      if (!optional) this.fail(path, `required: one of ${values.join(', ')}`)
      return undefined
    }
    if (typeof v !== 'string' || !values.includes(v as T)) {
      const near = typeof v === 'string' ? closest(v, values) : undefined
      this.fail(path, `expected one of ${values.join(', ')}, got ${describe(v)}${near ? ` (did you mean "${near}"?)` : ''}`)
      return undefined
    }
    return v as T
  }

  list(v: unknown, path: Path, optional = true): unknown[] {
    if (v === undefined || v === null) {
      if (!optional) this.fail(path, 'required')
      return []
    }
    if (!Array.isArray(v)) {
      this.fail(path, `expected a list, got ${describe(v)}`)
      return []
    }
    return v
  }

  /** A regular expression given as text. */
  regex(v: unknown, path: Path): string | undefined {
    const s = this.string(v, path, { optional: true })
    if (s === undefined) return undefined
    try {
      new RegExp(s)
    } catch (e) {
      this.fail(path, `not a valid regular expression: ${(e as Error).message}`)
    }
    return s
  }

  /** A duration: a number of milliseconds, or text like `500ms`, `30s`, `2m`, `1h`. */
  duration(v: unknown, path: Path): number | undefined {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v
    if (typeof v === 'string') {
      const ms = parseDuration(v)
      if (ms !== undefined) return ms
    }
    this.fail(path, `expected a duration like 1500, 500ms, 30s or 2m, got ${describe(v)}`)
    return undefined
  }
}

/** Text in both languages: `{ en: …, vi: … }`, both required unless `optional` and absent. */
export function readText(r: Reader, v: unknown, path: Path, optional = false): Text {
  if (optional && (v === undefined || v === null)) return { en: '', vi: '' }
  const o = r.object(v, path, ['en', 'vi'], 'text in both languages (a mapping with en: and vi:)')
  return { en: r.string(o?.en, [...path, 'en']) ?? '', vi: r.string(o?.vi, [...path, 'vi']) ?? '' }
}

const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `500ms` → 500, `30s` → 30000, `1m30s` → 90000; undefined when not a duration. */
export function parseDuration(s: string): number | undefined {
  const t = s.trim()
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t)
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy
  let total = 0
  let end = 0
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * UNIT[m[2]]
    end = re.lastIndex
  }
  return end === t.length && end > 0 ? total : undefined
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a mapping'
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`
  return `${typeof v} ${String(v)}`
}

/** The allowed word closest to a typo, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestD = Infinity
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase())
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]
}
