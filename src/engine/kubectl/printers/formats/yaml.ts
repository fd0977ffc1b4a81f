/**
 * `kubectl -o yaml`: sigs.k8s.io/yaml's JSON → goyaml.v2 conversion, reproduced byte for byte.
 *
 * Keys are sorted with goyaml.v2's order (not the API's field order), sequences are not indented
 * under their key, strings that would read back as another type are double-quoted (`"80"`,
 * `"true"`, timestamps), and long scalars fold at the first space past column 80.
 *
 * Upstream: sigs.k8s.io/yaml (JSONToYAML), goyaml.v2 encode.go and emitterc.go (block mapping,
 * block sequence, write_indent, write_plain/single/double_quoted/literal_scalar).
 */
import { goJSON } from './json'
import { goNumber, isBreak, isPrintable, stringStyle, yamlKeyLess } from './yamlscalar'

const BEST_WIDTH = 80
const BEST_INDENT = 2

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

class Emitter {
  out: string[] = []
  column = 0
  whitespace = true
  indention = true
  indent = -1
  private indents: number[] = []

  private put(s: string): void {
    this.out.push(s)
    this.column++
  }
  private putBreak(): void {
    this.out.push('\n')
    this.column = 0
    this.indention = true
  }
  /** write_break: a line break character copied as is (a `\n` goes through put_break). */
  writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak()
    else {
      this.out.push(ch)
      this.column = 0
      this.indention = true
    }
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0)
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak()
    while (this.column < indent) this.put(' ')
    this.whitespace = true
  }
  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ')
    for (const ch of indicator) this.put(ch)
    this.whitespace = isWhitespace
    this.indention = this.indention && isIndention
  }
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent)
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0
    else if (!indentless) this.indent += BEST_INDENT
  }
  popIndent(): void {
    this.indent = this.indents.pop() as number
  }

  node(value: Json, mappingContext: boolean): void {
    if (Array.isArray(value)) this.sequence(value, mappingContext)
    else if (value !== null && typeof value === 'object') this.mapping(value)
    else this.scalar(value, false)
  }

  private mapping(obj: { [k: string]: Json }): void {
    const keys = Object.keys(obj).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0))
    if (keys.length === 0) {
      this.writeIndicator('{', true, true, false)
      this.writeIndicator('}', false, false, false)
      return
    }
    this.increaseIndent(false, false)
    for (const key of keys) {
      this.writeIndent()
      if (isSimpleKey(key)) {
        this.scalar(key, true)
        this.writeIndicator(':', false, false, false)
      } else {
        // a multi-line or long key: `? key` then `: value` (emit_block_mapping_key/value)
        this.writeIndicator('?', true, false, true)
        this.scalar(key, false)
        this.writeIndent()
        this.writeIndicator(':', true, false, true)
      }
      this.node(obj[key], true)
    }
    this.popIndent()
  }

  private sequence(items: Json[], mappingContext: boolean): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false)
      this.writeIndicator(']', false, false, false)
      return
    }
    this.increaseIndent(false, mappingContext && !this.indention)
    for (const item of items) {
      this.writeIndent()
      this.writeIndicator('-', true, false, true)
      this.node(item, false)
    }
    this.popIndent()
  }

  private scalar(value: Exclude<Json, Json[] | object> | string, simpleKey: boolean): void {
    this.increaseIndent(true, false)
    if (typeof value === 'string') {
      const style = stringStyle(value, simpleKey)
      if (style === 'plain') this.plain(value, !simpleKey)
      else if (style === 'single') this.singleQuoted(value, !simpleKey)
      else if (style === 'double') this.doubleQuoted(value, !simpleKey)
      else this.literal(value)
    } else if (value === null) this.plain('null', !simpleKey)
    else if (typeof value === 'boolean') this.plain(value ? 'true' : 'false', !simpleKey)
    else this.plain(goNumber(value), !simpleKey)
    this.popIndent()
  }

  private plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ')
    const chars = [...value]
    let spaces = false
    chars.forEach((ch, i) => {
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent()
        else this.put(ch)
        spaces = true
      } else {
        this.put(ch)
        this.indention = false
        spaces = false
      }
    })
    this.whitespace = false
    this.indention = false
  }

  private singleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false)
    const chars = [...value]
    let spaces = false
    let breaks = false
    chars.forEach((ch, i) => {
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') {
          this.writeIndent()
        } else this.put(ch)
        spaces = true
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak()
        this.writeBreak(ch)
        breaks = true
      } else {
        if (breaks) this.writeIndent()
        if (ch === "'") this.put("'")
        this.put(ch)
        this.indention = false
        spaces = false
        breaks = false
      }
    })
    this.writeIndicator("'", false, false, false)
    this.whitespace = false
    this.indention = false
  }

  private doubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false)
    const chars = [...value]
    let spaces = false
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0) as number
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') {
        this.put('\\')
        for (const c of escapeFor(cp)) this.put(c)
        spaces = false
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent()
          if (chars[i + 1] === ' ') this.put('\\')
        } else this.put(ch)
        spaces = true
      } else {
        this.put(ch)
        spaces = false
      }
    })
    this.writeIndicator('"', false, false, false)
    this.whitespace = false
    this.indention = false
  }

  private literal(value: string): void {
    this.writeIndicator('|', true, false, false)
    const chars = [...value]
    if (chars[0] === ' ' || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false)
    const last = chars.length - 1
    let chomp = ''
    if (!isBreak(chars[last])) chomp = '-'
    else if (last === 0 || isBreak(chars[last - 1])) chomp = '+'
    if (chomp) this.writeIndicator(chomp, false, false, false)
    this.putBreak()
    this.whitespace = true
    let breaks = true
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.writeBreak(ch)
        breaks = true
      } else {
        if (breaks) this.writeIndent()
        this.put(ch)
        this.indention = false
        breaks = false
      }
    }
  }
}

/** check_simple_key: single-line and at most 128 bytes of UTF-8. */
function isSimpleKey(key: string): boolean {
  if ([...key].some(isBreak)) return false
  let bytes = 0
  for (const ch of key) {
    const cp = ch.codePointAt(0) as number
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return bytes <= 128
}

/** The escape after `\` for a character double-quoted YAML cannot hold as is. */
function escapeFor(cp: number): string {
  const named: Record<number, string> = {
    0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
    0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
  }
  if (named[cp] !== undefined) return named[cp]
  const hex = cp.toString(16).toUpperCase()
  if (cp <= 0xff) return 'x' + hex.padStart(2, '0')
  if (cp <= 0xffff) return 'u' + hex.padStart(4, '0')
  return 'U' + hex.padStart(8, '0')
}

/**
 * sigs.k8s.io/yaml parses Go's JSON text as YAML before writing it: a raw NEL (U+0085, which
 * encoding/json does not escape) is a YAML line break inside a double-quoted scalar and is folded
 * (one break → a space, n breaks → n-1 newlines, surrounding spaces dropped).
 */
function foldNel(s: string): string {
  if (!s.includes('\u0085')) return s
  return s.replace(/ *\u0085(?: *\u0085)* */g, (m) => {
    const k = [...m].filter((c) => c === '\u0085').length
    return k === 1 ? ' ' : '\n'.repeat(k - 1)
  })
}

function normalize(v: Json): Json {
  if (typeof v === 'string') return foldNel(v)
  if (Array.isArray(v)) return v.map(normalize)
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: Json } = {}
    for (const [k, x] of Object.entries(v)) out[foldNel(k)] = normalize(x)
    return out
  }
  return v
}

/** JSONToYAML failed to read Go's JSON back as YAML; the message is yaml.v2's. */
export class YamlConversionError extends Error {}

/**
 * yaml.v2 reads Go's compact JSON as a flow mapping: a key holding a raw NEL (a YAML line break)
 * or longer than 1022 characters cannot be an implicit key, and the parse fails.
 */
function checkFlowKeys(json: string): void {
  let line = 0
  let i = 0
  while (i < json.length) {
    const ch = json[i]
    if (ch === '\u0085') line++
    if (ch !== '"') {
      i++
      continue
    }
    let j = i + 1
    let breaks = 0
    while (j < json.length && json[j] !== '"') {
      if (json[j] === '\\') j++
      else if (json[j] === '\u0085') breaks++
      j++
    }
    const isKey = json[j + 1] === ':'
    if (isKey && (breaks > 0 || [...json.slice(i + 1, j)].length > 1022)) {
      const at = line + breaks
      throw new YamlConversionError(`yaml: ${at > 0 ? `line ${at}: ` : ''}did not find expected ',' or '}'`)
    }
    line += breaks
    i = j + 1
  }
}

/**
 * Serialises an API object as `kubectl -o yaml` prints it (one document, no `---`).
 * @example toYaml({ kind: 'Pod', apiVersion: 'v1' }) // 'apiVersion: v1\nkind: Pod\n'
 */
export function toYaml(value: unknown): string {
  checkFlowKeys(goJSON(value))
  const json = normalize(JSON.parse(JSON.stringify(value ?? null)) as Json)
  const e = new Emitter()
  e.node(json, false)
  e.writeIndent()
  return e.out.join('')
}
