/**
 * The text logic shared by the shell builtins and the commands: `echo` and `printf` output,
 * `test`/`[` expressions, `sleep` durations.
 */
import { resolvePath } from './fs'
import type { Machine } from './proc'
import { Unsupported } from './shell-parse'

/** Backslash escapes of `echo -e` and `printf`: \n \t \\ \c (stop) \0nnn. */
export function backslashEscapes(s: string): { text: string; stop: boolean } {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c !== '\\' || i === s.length - 1) {
      out += c
      continue
    }
    const n = s[++i]
    switch (n) {
      case 'n': out += '\n'; break
      case 't': out += '\t'; break
      case 'r': out += '\r'; break
      case 'a': out += '\x07'; break
      case 'b': out += '\b'; break
      case 'f': out += '\f'; break
      case 'v': out += '\v'; break
      case 'e': out += '\x1b'; break
      case '\\': out += '\\'; break
      case 'c': return { text: out, stop: true }
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0]
        out += String.fromCharCode(parseInt(m || '0', 8))
        i += m.length
        break
      }
      default: out += `\\${n}`
    }
  }
  return { text: out, stop: false }
}

/**
 * What `echo` prints. `interpretAlways` is dash's echo (escapes without -e); busybox and bash
 * interpret escapes only with -e; all take -n.
 */
export function echoText(args: string[], interpretAlways: boolean): string {
  let newline = true
  let escapes = interpretAlways
  let i = 0
  for (; i < args.length; i++) {
    const a = args[i]
    if (!/^-[neE]+$/.test(a) || (interpretAlways && /[eE]/.test(a))) break
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false
      else if (f === 'e') escapes = true
      else if (f === 'E') escapes = false
    }
  }
  let text = args.slice(i).join(' ')
  if (escapes) {
    const r = backslashEscapes(text)
    text = r.text
    if (r.stop) return text
  }
  return newline ? `${text}\n` : text
}

/** `printf FORMAT [ARG]…` with %s %b %d %i %u %x %o %c %f %% and field widths; the format repeats while arguments remain. */
export function printfText(format: string, args: string[]): { text: string; error?: string } {
  let out = ''
  let error: string | undefined
  let ai = 0
  for (;;) {
    const startAi = ai
    let stop = false
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i]
      if (c === '\\') {
        const r = backslashEscapes(format.slice(i, i + 2 + (format[i + 1] === '0' ? 3 : 0)))
        const len = format[i + 1] === '0' ? 2 + (/^[0-7]{0,3}/.exec(format.slice(i + 2))![0].length) : 2
        out += backslashEscapes(format.slice(i, i + len)).text
        if (r.stop) stop = true
        i += len - 1
        continue
      }
      if (c !== '%') {
        out += c
        continue
      }
      const m = /^%([-+ #0]*)(\d*)(?:\.(\d+))?([sbdiuxXocfeEgG%])/.exec(format.slice(i))
      if (!m) throw new Unsupported(`the printf format ${format.slice(i, i + 3)}`)
      i += m[0].length - 1
      const [, flags, width, prec, conv] = m
      if (conv === '%') {
        out += '%'
        continue
      }
      const arg = args[ai++] ?? ''
      let s: string
      switch (conv) {
        case 's': s = prec !== undefined ? arg.slice(0, Number(prec)) : arg; break
        case 'b': {
          const r = backslashEscapes(arg)
          s = r.text
          if (r.stop) stop = true
          break
        }
        case 'c': s = arg.slice(0, 1); break
        case 'f': case 'e': case 'E': case 'g': case 'G': {
          const n = arg === '' ? 0 : Number(arg)
          if (Number.isNaN(n)) error = `printf: invalid number '${arg}'`
          s = conv === 'f' ? (Number.isNaN(n) ? 0 : n).toFixed(prec !== undefined ? Number(prec) : 6) : String(n)
          break
        }
        default: {
          let n = arg === '' ? 0 : Number(arg)
          if (/^'./.test(arg) || /^"./.test(arg)) n = arg.charCodeAt(1)
          if (Number.isNaN(n)) {
            error = `printf: invalid number '${arg}'`
            n = 0
          }
          n = Math.trunc(n)
          s = conv === 'x' ? n.toString(16) : conv === 'X' ? n.toString(16).toUpperCase() : conv === 'o' ? n.toString(8) : String(n)
          if (flags.includes('+') && n >= 0) s = `+${s}`
        }
      }
      if (width) {
        const w = Number(width)
        if (flags.includes('-')) s = s.padEnd(w)
        else s = s.padStart(w, flags.includes('0') && conv !== 's' ? '0' : ' ')
      }
      out += s
    }
    if (stop || ai >= args.length || ai === startAi) break
  }
  return { text: out, error }
}

/** `test` / `[` expressions: -e -f -d -s -r -w -x -z -n, = != == -eq -ne -lt -le -gt -ge, ! -a -o, ( ). */
export function evalTest(args: string[], m: Machine, cwd: string): { status: number; error?: string } {
  let i = 0
  const path = (p: string) => resolvePath(cwd, p)
  const intOf = (s: string): number => {
    if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: bad number`)
    return Number(s)
  }
  const primary = (): boolean => {
    const a = args[i]
    if (a === undefined) throw new TestError('argument expected')
    if (a === '!') {
      i++
      return !primary()
    }
    if (a === '(') {
      i++
      const v = orExpr()
      if (args[i] !== ')') throw new TestError("')' expected")
      i++
      return v
    }
    const b = args[i + 1]
    const binOps = ['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']
    if (b !== undefined && binOps.includes(b) && args[i + 2] !== undefined) {
      const c = args[i + 2]
      i += 3
      switch (b) {
        case '=': case '==': return a === c
        case '!=': return a !== c
        case '-eq': return intOf(a) === intOf(c)
        case '-ne': return intOf(a) !== intOf(c)
        case '-lt': return intOf(a) < intOf(c)
        case '-le': return intOf(a) <= intOf(c)
        case '-gt': return intOf(a) > intOf(c)
        case '-ge': return intOf(a) >= intOf(c)
      }
    }
    if (/^-[a-zA-Z]$/.test(a) && b !== undefined) {
      i += 2
      switch (a) {
        case '-e': return m.fs.exists(path(b))
        case '-f': return m.fs.isFile(path(b))
        case '-d': return m.fs.isDir(path(b))
        case '-s': return (m.fs.read(path(b)) ?? '').length > 0
        case '-r': case '-w': return m.fs.exists(path(b))
        case '-x': return m.fs.isDir(path(b))
        case '-z': return b.length === 0
        case '-n': return b.length > 0
        default: throw new Unsupported(`the test operator ${a}`)
      }
    }
    i++
    return a.length > 0
  }
  const andExpr = (): boolean => {
    let v = primary()
    while (args[i] === '-a') {
      i++
      const r = primary()
      v = v && r
    }
    return v
  }
  const orExpr = (): boolean => {
    let v = andExpr()
    while (args[i] === '-o') {
      i++
      const r = andExpr()
      v = v || r
    }
    return v
  }
  try {
    if (args.length === 0) return { status: 1 }
    const v = orExpr()
    if (i < args.length) throw new TestError(`${args[i]}: unexpected operator`)
    return { status: v ? 0 : 1 }
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: e.message }
    throw e
  }
}

class TestError extends Error {}

/** Parses `sleep` operands (sums them; suffixes s m h d; `inf`/`infinity`). Undefined when one is invalid. */
export function sleepMs(args: string[]): { ms: number } | { invalid: string } {
  let total = 0
  for (const a of args) {
    if (/^inf(inity)?$/i.test(a)) return { ms: Infinity }
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a)
    if (!m) return { invalid: a }
    const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd']
    total += Number(m[1]) * mult
  }
  return { ms: Math.round(total) }
}
