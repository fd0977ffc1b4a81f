/**
 * The parser of kubectl's JSONPath templates (`{.items[*].metadata.name}`, `{range …}{end}`,
 * filters `[?(@.type=="Ready")]`, `..`, unions, slices, quoted text).
 *
 * Upstream: k8s.io/client-go/util/jsonpath/parser.go, error texts included.
 */

export interface SliceParam {
  value: number
  known: boolean
  derived: boolean
}

export type JPNode =
  | { type: 'list'; nodes: JPNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: JPList; right: JPList; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: JPList[] }
  | { type: 'identifier'; name: string }

export type JPList = { type: 'list'; nodes: JPNode[] }

/** A template that does not parse; the message is upstream's. */
export class JSONPathParseError extends Error {}

const isDigit = (r: string): boolean => /^\p{Nd}$/u.test(r)
const isAlphaNumeric = (r: string): boolean => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r)
const isEndOfLine = (r: string): boolean => r === '\r' || r === '\n'
const isTerminator = (r: string): boolean =>
  r === ' ' || r === '\t' || isEndOfLine(r) || r === '' || '.,[]$@{}'.includes(r)

/** Go's %#U of a rune: `U+0021 '!'`. */
function goRuneU(r: string): string {
  const cp = r.codePointAt(0) as number
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`
}

/** strconv.UnquoteChar semantics for a quoted string (single quotes allowed, as UnquoteExtend). */
export function unquoteExtend(s: string): string {
  const quote = s[0]
  if (s.length < 2 || quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw new Error('invalid syntax')
  const body = s.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === quote) throw new Error('invalid syntax')
    if (c !== '\\') {
      out += c
      continue
    }
    const e = body[++i]
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }
    if (e in simple) out += simple[e]
    else if (e === "'" || e === '"') {
      if (e !== quote) throw new Error('invalid syntax')
      out += e
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const hex = body.slice(i + 1, i + 1 + n)
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Error('invalid syntax')
      out += String.fromCodePoint(parseInt(hex, 16))
      i += n
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3)
      if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax')
      out += String.fromCharCode(parseInt(oct, 8))
      i += 2
    } else throw new Error('invalid syntax')
  }
  return out
}

class Parser {
  root: JPList = { type: 'list', nodes: [] }
  private pos = 0
  private start = 0
  private width = 0
  constructor(private readonly input: string) {}

  parse(): JPList {
    this.parseText(this.root)
    return this.root
  }
  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos)
    this.start = this.pos
    return v
  }
  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0
      return ''
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos) as number)
    this.width = r.length
    this.pos += this.width
    return r
  }
  private peek(): string {
    const r = this.next()
    this.backup()
    return r
  }
  private backup(): void {
    this.pos -= this.width
  }
  private rest(): string {
    return this.input.slice(this.pos)
  }

  private parseText(cur: JPList): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() })
        return this.parseLeftDelim(cur)
      }
      if (this.next() === '') break
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() })
  }
  private parseLeftDelim(cur: JPList): void {
    this.pos += 1
    this.consumeText()
    const node: JPList = { type: 'list', nodes: [] }
    cur.nodes.push(node)
    this.parseInsideAction(node)
  }
  private parseInsideAction(cur: JPList): void {
    for (;;) {
      const rest = this.rest()
      if (rest.startsWith('}')) return this.parseRightDelim()
      if (rest.startsWith('[?(')) return this.parseFilter(cur)
      if (rest.startsWith('..')) return this.parseRecursive(cur)
      const r = this.next()
      if (r === '' || isEndOfLine(r)) throw new JSONPathParseError('unclosed action')
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText()
        continue
      }
      if (r === '[') return this.parseArray(cur)
      if (r === '"' || r === "'") return this.parseQuote(cur, r)
      if (r === '.') return this.parseField(cur)
      if (r === '+' || r === '-' || isDigit(r)) {
        this.backup()
        return this.parseNumber(cur)
      }
      if (isAlphaNumeric(r)) {
        this.backup()
        return this.parseIdentifier(cur)
      }
      throw new JSONPathParseError(`unrecognized character in action: ${goRuneU(r)}`)
    }
  }
  private parseRightDelim(): void {
    this.pos += 1
    this.consumeText()
    this.parseText(this.root)
  }
  private parseIdentifier(cur: JPList): void {
    for (;;) {
      const r = this.next()
      if (isTerminator(r)) {
        this.backup()
        break
      }
    }
    const value = this.consumeText()
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' })
    else cur.nodes.push({ type: 'identifier', name: value })
    this.parseInsideAction(cur)
  }
  private parseRecursive(cur: JPList): void {
    const last = cur.nodes[cur.nodes.length - 1]
    if (last && last.type === 'recursive') throw new JSONPathParseError('invalid multiple recursive descent')
    this.pos += 2
    this.consumeText()
    cur.nodes.push({ type: 'recursive' })
    if (isAlphaNumeric(this.peek())) return this.parseField(cur)
    this.parseInsideAction(cur)
  }
  private parseNumber(cur: JPList): void {
    const r = this.peek()
    if (r === '+' || r === '-') this.next()
    for (;;) {
      const c = this.next()
      if (c !== '.' && !isDigit(c)) {
        this.backup()
        break
      }
    }
    const value = this.consumeText()
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) })
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) })
    else throw new JSONPathParseError(`cannot parse number ${value}`)
    this.parseInsideAction(cur)
  }
  private parseArray(cur: JPList): void {
    for (;;) {
      const r = this.next()
      if (r === '' || r === '\n') throw new JSONPathParseError('unterminated array')
      if (r === ']') break
    }
    let text = this.consumeText()
    text = text.slice(1, -1)
    if (text === '*') text = ':'
    const strs = text.split(',')
    if (strs.length > 1) {
      const union = strs.map((s) => parseAction(`[${s.trim()}]`))
      cur.nodes.push({ type: 'union', nodes: union })
      return this.parseInsideAction(cur)
    }
    const dict = /^'([^']*)'$/.exec(text)
    if (dict) {
      for (const node of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(node)
      return this.parseInsideAction(cur)
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text)
    if (!m) throw new JSONPathParseError(`invalid array index ${text}`)
    const values = [m[1] ?? '', m[2] ?? '', m[3] ?? '']
    const params: SliceParam[] = []
    for (let i = 0; i < 3; i++) {
      let v = values[i]
      if (v !== '') {
        if (i > 0) v = v.slice(1)
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false })
        else {
          if (!/^-?\d+$/.test(v)) throw new JSONPathParseError(`array index ${v} is not a number`)
          params.push({ value: Number(v), known: true, derived: false })
        }
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true })
      } else {
        params.push({ value: 0, known: false, derived: false })
      }
    }
    cur.nodes.push({ type: 'array', params: params as [SliceParam, SliceParam, SliceParam] })
    this.parseInsideAction(cur)
  }
  private parseFilter(cur: JPList): void {
    this.pos += 3
    this.consumeText()
    let begin = false
    let end = false
    let pair = ''
    for (;;) {
      const r = this.next()
      if (r === '' || r === '\n') throw new JSONPathParseError('unterminated filter')
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true
          pair = r
          continue
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true
      } else if (r === ')') {
        if (begin === end) break
      }
    }
    if (this.next() !== ']') throw new JSONPathParseError('unclosed array expect ]')
    let text = this.consumeText()
    text = text.slice(0, -2)
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text)
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' })
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] })
    this.parseInsideAction(cur)
  }
  private parseQuote(cur: JPList, end: string): void {
    for (;;) {
      const r = this.next()
      if (r === '' || r === '\n') throw new JSONPathParseError('unterminated quoted string')
      if (r === end && this.input[this.pos - 2] !== '\\') break
    }
    const value = this.consumeText()
    let s: string
    try {
      s = unquoteExtend(value)
    } catch (e) {
      throw new JSONPathParseError(`unquote string ${value} error ${(e as Error).message}`)
    }
    cur.nodes.push({ type: 'text', text: s })
    this.parseInsideAction(cur)
  }
  private parseField(cur: JPList): void {
    this.consumeText()
    for (;;) {
      const r = this.next()
      if (r === '\\') this.next()
      else if (isTerminator(r)) {
        this.backup()
        break
      }
    }
    const value = this.consumeText()
    if (value === '*') cur.nodes.push({ type: 'wildcard' })
    else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') })
    this.parseInsideAction(cur)
  }
}

/** parseAction: parses `{text}` and returns its action list. */
function parseAction(text: string): JPList {
  const root = new Parser(`{${text}}`).parse()
  return root.nodes[0] as JPList
}

/**
 * Parses a whole template into its root list of text and action nodes.
 * @example parseJSONPath('{.metadata.name}') // { type: 'list', nodes: [{ type: 'list', nodes: [{ type: 'field', name: 'metadata' }, …] }] }
 */
export function parseJSONPath(template: string): JPList {
  return new Parser(template).parse()
}
