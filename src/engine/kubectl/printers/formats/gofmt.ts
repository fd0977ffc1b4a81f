/**
 * Go's fmt verbs `%v` and `%#v` applied to decoded JSON (map[string]interface{}, []interface{},
 * string, int64, float64, bool, nil), as kubectl prints custom-columns cells and jsonpath errors.
 */
import { goNumber } from './yamlscalar'

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const byteSort = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function goFloatV(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (n === Infinity) return '+Inf'
  if (n === -Infinity) return '-Inf'
  return goNumber(n)
}

/**
 * fmt.Sprint(v): `map[k:v k2:v2]` (keys sorted), `[a b]`, `<nil>`.
 * @example goSprint({ b: 1, a: ['x'] }) // 'map[a:[x] b:1]'
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`
  if (isMap(v)) return `map[${Object.keys(v).sort(byteSort).map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloatV(v)
  return String(v)
}

/** strconv.Quote: Go escapes, printable Unicode kept. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number
    switch (ch) {
      case '"':
        out += '\\"'
        continue
      case '\\':
        out += '\\\\'
        continue
      case '\n':
        out += '\\n'
        continue
      case '\t':
        out += '\\t'
        continue
      case '\r':
        out += '\\r'
        continue
      case '\x07':
        out += '\\a'
        continue
      case '\b':
        out += '\\b'
        continue
      case '\f':
        out += '\\f'
        continue
      case '\v':
        out += '\\v'
        continue
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return out + '"'
}

/**
 * fmt.Sprintf("%#v", v) for decoded JSON.
 * @example goSharpV({ a: 1 }) // 'map[string]interface {}{"a":1}'
 */
export function goSharpV(v: unknown, top = true): string {
  if (v === null || v === undefined) return 'interface {}(nil)'
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, false)).join(', ')}}`
  if (isMap(v)) {
    const body = Object.keys(v).sort(byteSort).map((k) => `${goQuote(k)}:${goSharpV(v[k], false)}`).join(', ')
    return `map[string]interface {}{${body}}`
  }
  if (typeof v === 'string') return goQuote(v)
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloatV(v)
  void top
  return String(v)
}
