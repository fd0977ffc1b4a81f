/**
 * A parser for the part of the POSIX shell language that container commands use:
 * simple commands with assignments and redirections (`>`, `>>`, `<`, `2>&1`, `>&2`, `&>`),
 * quoting (`'…'`, `"…"`, `\`), parameter expansion (`$x`, `${x}`, `${x:-default}`, `${#x}`, `$?`,
 * `$#`, `$@`, `$1`), command substitution (`$(…)`, backquotes), arithmetic (`$((…))`), pipelines,
 * `!`, `&&`, `||`, `;`, newlines, comments, `if/elif/else/fi`, `while`/`until … do … done`,
 * `for … in … do … done`, `{ …; }` and `( … )`.
 *
 * What it does not understand throws `Unsupported` (background `&`, here-documents, `case`,
 * functions, globs, `${x%pattern}` …) so that a script is never half-understood; a real syntax
 * error throws `ShellSyntaxError` with the message the shell would print.
 */

export type WordPart =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'param'; name: string; q: boolean; op?: string; arg?: Word; length?: boolean }
  | { k: 'cmdsub'; list: List; q: boolean }
  | { k: 'arith'; expr: string; q: boolean }
export type Word = WordPart[]

export interface Redir {
  fd: number
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>'
  target: Word
}

export type Command =
  | { k: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[]; line: number }
  | { k: 'if'; clauses: { cond: List; body: List }[]; elseBody?: List; redirs: Redir[] }
  | { k: 'loop'; until: boolean; cond: List; body: List; redirs: Redir[] }
  | { k: 'for'; name: string; items?: Word[]; body: List; redirs: Redir[] }
  | { k: 'group'; body: List; subshell: boolean; redirs: Redir[] }

export interface Pipeline {
  negate: boolean
  cmds: Command[]
}
export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; p: Pipeline }[]
}
export type List = AndOr[]

/** A shell feature the simulator does not model. The message names it. */
export class Unsupported extends Error {
  constructor(readonly feature: string) {
    super(feature)
  }
}

/** A syntax error, with the text the shell prints (dialect-specific, see `syntaxErrorText`). */
export class ShellSyntaxError extends Error {
  constructor(
    /** What was unexpected: a token like `done`, or `end of file`. */
    readonly unexpected: string,
    /** What the parser expected, when known: `done`, `fi`, `then`. */
    readonly expecting?: string,
  ) {
    super(`syntax error: unexpected ${unexpected}${expecting ? ` (expecting "${expecting}")` : ''}`)
  }
}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', 'case', 'esac', '{', '}', '!', 'function', 'select'])
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/

type Tok =
  | { t: 'word'; word: Word; raw: string | null }
  | { t: 'op'; v: string }
  | { t: 'redir'; fd: number; op: Redir['op'] }
  | { t: 'nl' }
  | { t: 'eof' }

class Parser {
  pos = 0
  constructor(readonly s: string) {}

  // ---- characters -------------------------------------------------------------------------

  skipBlanks(): void {
    for (;;) {
      const c = this.s[this.pos]
      if (c === ' ' || c === '\t') this.pos++
      else if (c === '\\' && this.s[this.pos + 1] === '\n') this.pos += 2
      else if (c === '#') {
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++
      } else return
    }
  }

  // ---- tokens -----------------------------------------------------------------------------

  next(): Tok {
    this.skipBlanks()
    const s = this.s
    const c = s[this.pos]
    if (c === undefined) return { t: 'eof' }
    if (c === '\n') {
      this.pos++
      return { t: 'nl' }
    }
    const two = s.slice(this.pos, this.pos + 2)
    if (two === '&&' || two === '||' || two === ';;') {
      this.pos += 2
      return { t: 'op', v: two }
    }
    if (two === '<<') throw new Unsupported('here-documents (<<)')
    if (two === '&>') {
      this.pos += 2
      if (s[this.pos] === '>') this.pos++
      return { t: 'redir', fd: 1, op: '&>' }
    }
    if (c === '&') throw new Unsupported('background jobs (&)')
    if (c === ';' || c === '|' || c === '(' || c === ')') {
      this.pos++
      return { t: 'op', v: c }
    }
    // an fd number right before a redirection: 2>file, 2>&1
    const fdMatch = /^(\d+)([<>])/.exec(s.slice(this.pos))
    if (c === '<' || c === '>' || fdMatch) {
      let fd = c === '<' ? 0 : 1
      if (fdMatch) {
        fd = Number(fdMatch[1])
        this.pos += fdMatch[1].length
      }
      const r = s.slice(this.pos, this.pos + 2)
      if (r === '>>') {
        this.pos += 2
        return { t: 'redir', fd, op: '>>' }
      }
      if (r === '>&') {
        this.pos += 2
        return { t: 'redir', fd, op: '>&' }
      }
      if (r === '<&') {
        this.pos += 2
        return { t: 'redir', fd: fdMatch ? fd : 0, op: '<&' }
      }
      if (r === '>|') {
        this.pos += 2
        return { t: 'redir', fd, op: '>' }
      }
      if (r === '<<') throw new Unsupported('here-documents (<<)')
      this.pos++
      return { t: 'redir', fd: s[this.pos - 1] === '<' && !fdMatch ? 0 : fd, op: s[this.pos - 1] === '<' ? '<' : '>' }
    }
    const start = this.pos
    const word = this.readWord()
    const raw = word.every((p) => p.k === 'lit' && !p.q) ? this.s.slice(start, this.pos) : null
    return { t: 'word', word, raw }
  }

  peek(): Tok {
    const save = this.pos
    const tok = this.next()
    this.pos = save
    return tok
  }

  readWord(): Word {
    const s = this.s
    const parts: Word = []
    let buf = ''
    const flush = () => {
      if (buf) parts.push({ k: 'lit', v: buf, q: false })
      buf = ''
    }
    for (;;) {
      const c = s[this.pos]
      if (c === undefined || ' \t\n;&|()<>'.includes(c)) break
      if (c === '\\') {
        const n = s[this.pos + 1]
        this.pos += 2
        if (n === '\n') continue
        flush()
        if (n !== undefined) parts.push({ k: 'lit', v: n, q: true })
        continue
      }
      if (c === "'") {
        flush()
        const end = s.indexOf("'", this.pos + 1)
        if (end < 0) throw new ShellSyntaxError('end of file', "'")
        parts.push({ k: 'lit', v: s.slice(this.pos + 1, end), q: true })
        this.pos = end + 1
        continue
      }
      if (c === '"') {
        flush()
        this.pos++
        this.readDoubleQuoted(parts)
        continue
      }
      if (c === '$') {
        const part = this.readDollar(false)
        if (part) {
          flush()
          parts.push(part)
          continue
        }
        buf += '$'
        this.pos++
        continue
      }
      if (c === '`') {
        flush()
        parts.push(this.readBackquote(false))
        continue
      }
      buf += c
      this.pos++
    }
    flush()
    return parts
  }

  /** A word that may contain blanks: the argument of `${x:-a b}`. */
  readWordFull(): Word {
    const parts: Word = []
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]
      if (' \t\n;&|()<>'.includes(c)) {
        parts.push({ k: 'lit', v: c, q: false })
        this.pos++
        continue
      }
      parts.push(...this.readWord())
    }
    return parts
  }

  readDoubleQuoted(parts: Word): void {
    const s = this.s
    let buf = ''
    const flush = () => {
      if (buf) parts.push({ k: 'lit', v: buf, q: true })
      buf = ''
    }
    for (;;) {
      const c = s[this.pos]
      if (c === undefined) throw new ShellSyntaxError('end of file', '"')
      if (c === '"') {
        this.pos++
        break
      }
      if (c === '\\') {
        const n = s[this.pos + 1]
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          buf += n
          this.pos += 2
        } else if (n === '\n') {
          this.pos += 2
        } else {
          buf += '\\'
          this.pos++
        }
        continue
      }
      if (c === '$') {
        const part = this.readDollar(true)
        if (part) {
          flush()
          parts.push(part)
          continue
        }
        buf += '$'
        this.pos++
        continue
      }
      if (c === '`') {
        flush()
        parts.push(this.readBackquote(true))
        continue
      }
      buf += c
      this.pos++
    }
    flush()
    // "" is an empty word, not nothing
    if (parts.length === 0 || !parts.some((p) => p.q)) parts.push({ k: 'lit', v: '', q: true })
  }

  readBackquote(q: boolean): WordPart {
    const end = this.s.indexOf('`', this.pos + 1)
    if (end < 0) throw new ShellSyntaxError('end of file', '`')
    const inner = this.s.slice(this.pos + 1, end).replace(/\\([$`\\])/g, '$1')
    this.pos = end + 1
    return { k: 'cmdsub', list: parseScript(inner), q }
  }

  readDollar(q: boolean): WordPart | undefined {
    const s = this.s
    const n = s[this.pos + 1]
    if (n === '(' && s[this.pos + 2] === '(') {
      // $(( arithmetic ))
      let depth = 0
      let i = this.pos + 3
      for (; i < s.length; i++) {
        if (s[i] === '(') depth++
        else if (s[i] === ')') {
          if (depth === 0 && s[i + 1] === ')') break
          depth--
        }
      }
      if (i >= s.length) throw new ShellSyntaxError('end of file', '))')
      const expr = s.slice(this.pos + 3, i)
      this.pos = i + 2
      return { k: 'arith', expr, q }
    }
    if (n === '(') {
      this.pos += 2
      const list = this.parseList(new Set([')']))
      const close = this.next()
      if (close.t !== 'op' || close.v !== ')') throw new ShellSyntaxError(tokText(close), ')')
      return { k: 'cmdsub', list, q }
    }
    if (n === '{') {
      const end = s.indexOf('}', this.pos + 2)
      if (end < 0) throw new ShellSyntaxError('end of file', '}')
      const body = s.slice(this.pos + 2, end)
      this.pos = end + 1
      return parseBraced(body, q)
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1))!
      this.pos += 1 + m[0].length
      return { k: 'param', name: m[0], q }
    }
    if (n !== undefined && /[0-9?#@*$!-]/.test(n)) {
      this.pos += 2
      if (n === '$' || n === '!') throw new Unsupported(`the special parameter $${n}`)
      return { k: 'param', name: n, q }
    }
    return undefined
  }

  // ---- grammar ----------------------------------------------------------------------------

  /** Whether the next token ends the current list. */
  atEnd(terms: Set<string>): boolean {
    const tok = this.peek()
    if (tok.t === 'eof') return true
    if (tok.t === 'op' && (tok.v === ')' || tok.v === ';;')) return true
    if (tok.t === 'word' && tok.raw !== null && terms.has(tok.raw)) return true
    return false
  }

  skipNewlines(): void {
    while (this.peek().t === 'nl') this.next()
  }

  parseList(terms: Set<string>): List {
    const list: List = []
    this.skipNewlines()
    while (!this.atEnd(terms)) {
      list.push(this.parseAndOr(terms))
      const tok = this.peek()
      if (tok.t === 'op' && tok.v === ';') this.next()
      else if (tok.t === 'nl') this.next()
      else if (!this.atEnd(terms)) throw new ShellSyntaxError(tokText(tok))
      this.skipNewlines()
    }
    return list
  }

  parseAndOr(terms: Set<string>): AndOr {
    const first = this.parsePipeline(terms)
    const rest: AndOr['rest'] = []
    for (;;) {
      const tok = this.peek()
      if (tok.t === 'op' && (tok.v === '&&' || tok.v === '||')) {
        this.next()
        this.skipNewlines()
        rest.push({ op: tok.v, p: this.parsePipeline(terms) })
      } else break
    }
    return { first, rest }
  }

  parsePipeline(terms: Set<string>): Pipeline {
    let negate = false
    const tok = this.peek()
    if (tok.t === 'word' && tok.raw === '!') {
      this.next()
      negate = true
    }
    const cmds = [this.parseCommand(terms)]
    for (;;) {
      const t = this.peek()
      if (t.t === 'op' && t.v === '|') {
        this.next()
        this.skipNewlines()
        cmds.push(this.parseCommand(terms))
      } else break
    }
    return { negate, cmds }
  }

  expectWord(w: string): void {
    this.skipNewlines()
    const tok = this.next()
    if (tok.t !== 'word' || tok.raw !== w) throw new ShellSyntaxError(tokText(tok), w)
  }

  parseCommand(terms: Set<string>): Command {
    const tok = this.peek()
    if (tok.t === 'op' && tok.v === '(') {
      this.next()
      const body = this.parseList(new Set([')']))
      const close = this.next()
      if (close.t !== 'op' || close.v !== ')') throw new ShellSyntaxError(tokText(close), ')')
      return { k: 'group', body, subshell: true, redirs: this.parseRedirs() }
    }
    if (tok.t === 'word' && tok.raw !== null) {
      switch (tok.raw) {
        case 'if': {
          this.next()
          const clauses: { cond: List; body: List }[] = []
          let elseBody: List | undefined
          let cond = this.parseList(new Set(['then']))
          this.expectWord('then')
          let body = this.parseList(new Set(['elif', 'else', 'fi']))
          clauses.push({ cond, body })
          for (;;) {
            const t = this.next()
            if (t.t === 'word' && t.raw === 'elif') {
              cond = this.parseList(new Set(['then']))
              this.expectWord('then')
              body = this.parseList(new Set(['elif', 'else', 'fi']))
              clauses.push({ cond, body })
            } else if (t.t === 'word' && t.raw === 'else') {
              elseBody = this.parseList(new Set(['fi']))
              this.expectWord('fi')
              break
            } else if (t.t === 'word' && t.raw === 'fi') break
            else throw new ShellSyntaxError(tokText(t), 'fi')
          }
          if (clauses.some((c) => c.cond.length === 0)) throw new ShellSyntaxError('then')
          return { k: 'if', clauses, elseBody, redirs: this.parseRedirs() }
        }
        case 'while':
        case 'until': {
          this.next()
          const cond = this.parseList(new Set(['do']))
          this.expectWord('do')
          const body = this.parseList(new Set(['done']))
          this.expectWord('done')
          if (cond.length === 0) throw new ShellSyntaxError('do')
          return { k: 'loop', until: tok.raw === 'until', cond, body, redirs: this.parseRedirs() }
        }
        case 'for': {
          this.next()
          const nameTok = this.next()
          if (nameTok.t !== 'word' || nameTok.raw === null || !NAME_RE.test(nameTok.raw)) throw new ShellSyntaxError(tokText(nameTok))
          let items: Word[] | undefined
          const after = this.peek()
          if (after.t === 'word' && after.raw === 'in') {
            this.next()
            items = []
            for (;;) {
              const t = this.peek()
              if (t.t === 'word') {
                this.next()
                items.push(t.word)
              } else break
            }
            const sep = this.next()
            if (!(sep.t === 'nl' || (sep.t === 'op' && sep.v === ';'))) throw new ShellSyntaxError(tokText(sep), 'do')
          } else if (after.t === 'op' && after.v === ';') this.next()
          this.expectWord('do')
          const body = this.parseList(new Set(['done']))
          this.expectWord('done')
          return { k: 'for', name: nameTok.raw, items, body, redirs: this.parseRedirs() }
        }
        case '{': {
          this.next()
          const body = this.parseList(new Set(['}']))
          this.expectWord('}')
          return { k: 'group', body, subshell: false, redirs: this.parseRedirs() }
        }
        case 'case':
          throw new Unsupported('case … esac')
        case 'function':
          throw new Unsupported('shell functions')
        case 'then': case 'elif': case 'else': case 'fi': case 'do': case 'done': case '}':
          throw new ShellSyntaxError(`"${tok.raw}"`)
      }
    }
    return this.parseSimple(terms)
  }

  parseRedirs(): Redir[] {
    const redirs: Redir[] = []
    for (;;) {
      const tok = this.peek()
      if (tok.t !== 'redir') return redirs
      this.next()
      const target = this.next()
      if (target.t !== 'word') throw new ShellSyntaxError(tokText(target))
      redirs.push({ fd: tok.fd, op: tok.op, target: target.word })
    }
  }

  parseSimple(_terms: Set<string>): Command {
    this.skipBlanks()
    const line = this.s.slice(0, this.pos).split('\n').length
    const assigns: { name: string; value: Word }[] = []
    const words: Word[] = []
    const redirs: Redir[] = []
    for (;;) {
      const tok = this.peek()
      if (tok.t === 'redir') {
        redirs.push(...this.parseRedirs())
        continue
      }
      if (tok.t !== 'word') break
      this.next()
      if (words.length === 0) {
        const assign = splitAssignment(tok.word)
        if (assign) {
          assigns.push(assign)
          continue
        }
      }
      if (words.length === 0 && this.peek().t === 'op' && (this.peek() as { v: string }).v === '(') {
        throw new Unsupported('shell functions')
      }
      words.push(tok.word)
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      const tok = this.peek()
      throw new ShellSyntaxError(tokText(tok), tok.t === 'eof' ? undefined : undefined)
    }
    return { k: 'simple', assigns, words, redirs, line }
  }
}

function tokText(tok: Tok): string {
  switch (tok.t) {
    case 'eof': return 'end of file'
    case 'nl': return 'newline'
    case 'op': return `"${tok.v}"`
    case 'redir': return 'redirection'
    case 'word': return `"${tok.raw ?? 'word'}"`
  }
}

/** `NAME=value` at the start of a simple command. */
function splitAssignment(word: Word): { name: string; value: Word } | undefined {
  const first = word[0]
  if (!first || first.k !== 'lit' || first.q) return undefined
  const eq = first.v.indexOf('=')
  if (eq <= 0 || !NAME_RE.test(first.v.slice(0, eq))) return undefined
  const rest: Word = []
  const tail = first.v.slice(eq + 1)
  if (tail) rest.push({ k: 'lit', v: tail, q: false })
  rest.push(...word.slice(1))
  return { name: first.v.slice(0, eq), value: rest }
}

/** `${…}` bodies: `name`, `#name`, `name:-word`, `name-word`, `name:=word`, `name:+word`, `name:?word`. */
function parseBraced(body: string, q: boolean): WordPart {
  if (body.startsWith('#') && NAME_RE.test(body.slice(1))) return { k: 'param', name: body.slice(1), q, length: true }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*])(.*)$/s.exec(body)
  if (!m) throw new ShellSyntaxError('${' + body + '}', undefined)
  const [, name, rest] = m
  if (rest === '') return { k: 'param', name, q }
  const op = /^(:?[-=+?])/.exec(rest)
  if (!op) throw new Unsupported(`the parameter expansion \${${body}}`)
  const argText = rest.slice(op[1].length)
  const p = new Parser(argText)
  const arg = argText === '' ? [] : p.readWordFull()
  return { k: 'param', name, q, op: op[1], arg }
}


/**
 * Parses a script (the argument of `sh -c`).
 * Throws ShellSyntaxError or Unsupported.
 *
 * parseScript('while true; do echo hi; sleep 5; done') → [{ first: { cmds: [{ k: 'loop', … }] } }]
 */
export function parseScript(script: string): List {
  const p = new Parser(script)
  const list = p.parseList(new Set())
  const tok = p.next()
  if (tok.t !== 'eof') throw new ShellSyntaxError(tokText(tok))
  return list
}

/** Whether `name` is a reserved word of the shell grammar. */
export function isReserved(name: string): boolean {
  return RESERVED.has(name)
}
