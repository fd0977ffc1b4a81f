/**
 * Word expansion: parameters (`$x`, `${x:-default}`, `${#x}`, `$@`), command substitution,
 * arithmetic, field splitting and pathname expansion (against the simulated filesystem; a
 * pattern that matches nothing stays as written, as in sh).
 */
import { ArithError, evalArith } from './arith'
import { resolvePath } from './fs'
import { write, type Io, type Sink } from './proc'
import { runList } from './shell-exec'
import { Unsupported, type Word } from './shell-parse'
import { cloneShell, errPrefix, ExitSignal, LoopControl, type Gen, type Sh } from './shell-state'


interface Field {
  text: string
  quoted: boolean
  glob: boolean
}

/** Expands a word into fields: parameters, command substitution, arithmetic, field splitting, globs. */
export function* expandWord(sh: Sh, word: Word, io: Io, split: boolean): Gen<string[]> {
  const fields: Field[] = []
  let cur: Field = { text: '', quoted: false, glob: false }
  let pendingBreak = false
  const push = () => {
    fields.push(cur)
    cur = { text: '', quoted: false, glob: false }
  }
  const append = (text: string, quoted: boolean) => {
    if (pendingBreak && (text !== '' || quoted)) {
      push()
      pendingBreak = false
    }
    cur.text += text
    if (quoted) cur.quoted = true
  }
  const appendExpansion = (value: string, quoted: boolean) => {
    if (quoted || !split) return append(value, quoted)
    const words = value.split(/[ \t\n]+/).filter((w) => w !== '')
    if (/^[ \t\n]/.test(value) && (cur.text !== '' || cur.quoted)) pendingBreak = true
    words.forEach((w, i) => {
      if (i > 0) pendingBreak = true
      append(w, false)
    })
    if (/[ \t\n]$/.test(value) && words.length > 0) pendingBreak = true
  }
  for (const part of word) {
    switch (part.k) {
      case 'lit':
        append(part.v, part.q)
        if (!part.q && split && /[*?]|\[.*\]/.test(part.v)) cur.glob = true
        break
      case 'param': {
        if (part.name === '@' && part.q && !part.op) {
          sh.positional.forEach((p, i) => {
            if (i > 0) {
              push()
              pendingBreak = false
            }
            append(p, true)
          })
          break
        }
        const v = yield* paramValue(sh, part, io)
        appendExpansion(v, part.q)
        break
      }
      case 'cmdsub': {
        const buf: Sink = { k: 'buf', chunks: [] }
        const fds = [...io.fds]
        fds[1] = buf
        const sub = cloneShell(sh)
        let st: number
        try {
          st = yield* runList(sub, part.list, { fds, stdin: io.stdin }, false)
        } catch (e) {
          if (e instanceof ExitSignal) st = e.code
          else if (e instanceof LoopControl) st = 0
          else throw e
        }
        sh.subStatus = st
        sh.status = st
        const text = (buf.k === 'buf' ? buf.chunks.join('') : '').replace(/\n+$/, '')
        appendExpansion(text, part.q)
        break
      }
      case 'arith': {
        const v = yield* arith(sh, part.expr, io)
        appendExpansion(String(v), part.q)
        break
      }
    }
  }
  if (cur.text !== '' || cur.quoted) push()
  const out: string[] = []
  for (const f of fields) {
    if (f.glob) out.push(...glob(sh, f.text))
    else out.push(f.text)
  }
  return out
}

/** Pathname expansion against the simulated filesystem; a pattern that matches nothing stays as it is. */
function glob(sh: Sh, pattern: string): string[] {
  const abs = pattern.startsWith('/')
  const dir = pattern.includes('/') ? pattern.slice(0, pattern.lastIndexOf('/')) || '/' : '.'
  const base = pattern.slice(pattern.lastIndexOf('/') + 1)
  if (/[*?[]/.test(dir)) throw new Unsupported(`the glob pattern ${pattern}`)
  const re = new RegExp(`^${base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
  const d = resolvePath(sh.cwd, dir)
  const names = sh.m.fs.list(d).filter((n) => re.test(n) && (base.startsWith('.') || !n.startsWith('.')))
  if (names.length === 0) return [pattern]
  return names.map((n) => (abs || pattern.includes('/') ? `${dir === '/' ? '' : dir}/${n}` : n))
}

function* paramValue(sh: Sh, part: Extract<Word[number], { k: 'param' }>, io: Io): Gen<string> {
  const name = part.name
  let v: string | undefined
  if (name === '?') v = String(sh.status)
  else if (name === '#') v = String(sh.positional.length)
  else if (name === '0') v = sh.arg0
  else if (/^\d+$/.test(name)) v = sh.positional[Number(name) - 1]
  else if (name === '@' || name === '*') v = sh.positional.join(' ')
  else if (name === '-') v = `${sh.errexit ? 'e' : ''}${sh.xtrace ? 'x' : ''}c`
  else if (name === 'RANDOM' && sh.flavor !== 'dash') throw new Unsupported('$RANDOM')
  else if (name === 'PPID') v = '0'
  else v = sh.vars.get(name)
  if (part.length) return String((v ?? '').length)
  if (!part.op) return v ?? ''
  const colon = part.op.startsWith(':')
  const missing = v === undefined || (colon && v === '')
  const arg = () => expandWord(sh, part.arg ?? [], io, false)
  switch (part.op.replace(':', '')) {
    case '-':
      return missing ? (yield* arg()).join('') : v!
    case '=':
      if (missing) {
        const a = (yield* arg()).join('')
        sh.vars.set(name, a)
        return a
      }
      return v!
    case '+':
      return missing ? '' : (yield* arg()).join('')
    case '?': {
      if (!missing) return v!
      const msg = (yield* arg()).join('') || (colon ? 'parameter null or not set' : 'parameter not set')
      yield* write(io, 2, `${errPrefix(sh, 1)}${name}: ${msg}\n`, sh.m)
      throw new ExitSignal(sh.flavor === 'bash' ? 1 : 2)
    }
  }
  return v ?? ''
}


function* arith(sh: Sh, expr: string, io: Io): Gen<number> {
  // Parameters are expanded first, as the shells do.
  const text = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9#?])\}?/g, (_, n: string) => {
    if (n === '#') return String(sh.positional.length)
    if (n === '?') return String(sh.status)
    if (/^\d$/.test(n)) return sh.positional[Number(n) - 1] ?? ''
    return sh.vars.get(n) ?? ''
  })
  try {
    return evalArith(text, sh.vars)
  } catch (e) {
    if (!(e instanceof ArithError)) throw e
    const msg = sh.flavor === 'bash' ? `${text}: ${e.message}` : sh.flavor === 'dash' ? `arithmetic expression: ${e.message}: "${text}"` : `arithmetic syntax error`
    yield* write(io, 2, `${errPrefix(sh, 1)}${msg}\n`, sh.m)
    throw new ExitSignal(sh.flavor === 'bash' ? 1 : 2)
  }
}
