/**
 * JSON exactly as Go's encoding/json writes kubectl's unstructured objects: map keys sorted by
 * bytes, `<`, `>`, `&`, U+2028 and U+2029 escaped, `-o json` indented by four spaces.
 *
 * Upstream: encoding/json (Marshal, MarshalIndent, HTML escaping) behind cli-runtime's JSONPrinter.
 * Numbers: JavaScript writes float64 as Go does (`1e+21`, `1e-7`); ints are ints.
 */

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function goString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

function encode(v: unknown, indent: string | undefined, prefix: string, sortKeys = true): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return goString(v)
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  const inner = indent === undefined ? '' : prefix + indent
  const nl = indent === undefined ? '' : '\n'
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return `[${nl}${v.map((x) => inner + encode(x, indent, inner, sortKeys)).join(',' + nl)}${nl}${indent === undefined ? '' : prefix}]`
  }
  const obj = v as Record<string, unknown>
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined)
  if (sortKeys) keys.sort(byteOrder)
  if (keys.length === 0) return '{}'
  const sep = indent === undefined ? ':' : ': '
  return `{${nl}${keys.map((k) => inner + goString(k) + sep + encode(obj[k], indent, inner, sortKeys)).join(',' + nl)}${nl}${indent === undefined ? '' : prefix}}`
}

/**
 * Marshals like Go (compact, or MarshalIndent with `indent`).
 * @example goJSON({ b: 1, a: '<x>' }) // '{"a":"\\u003cx\\u003e","b":1}'
 */
export function goJSON(value: unknown, indent?: string, sortKeys = true): string {
  return encode(JSON.parse(JSON.stringify(value ?? null)), indent, '', sortKeys)
}

/**
 * `kubectl -o json`: four-space indent and a final newline. Objects from the apiserver are
 * unstructured maps, so keys are sorted; pass `sortKeys: false` for an object kubectl builds
 * itself (`create … --dry-run=client`), whose keys follow the Go struct order as given.
 * @example toJSON({ kind: 'Pod' }) // '{\n    "kind": "Pod"\n}\n'
 */
export function toJSON(value: unknown, sortKeys = true): string {
  return goJSON(value, '    ', sortKeys) + '\n'
}
