/**
 * The shell builtins: `:`, `true`, `false`, `echo`, `printf`, `test`/`[`, `exit`, `export`,
 * `unset`, `set` (-e -x -u, -o pipefail, --), `shift`, `cd`, `pwd`, `umask`, `trap`, `exec`,
 * `read`, `wait`, `break`, `continue`, `eval`, `command`. Other builtins (`source`, `local`,
 * `kill`, `ulimit` …) throw Unsupported.
 */
import { echoText, evalTest, printfText } from './text'
import { resolvePath } from './fs'
import { normalizeSignal, wait, write, type Io } from './proc'
import { findExecutable, NotFound, runArgv, runList } from './shell-exec'
import { parseScript, Unsupported } from './shell-parse'
import { errPrefix, ExitSignal, exportedEnv, LoopControl, notFoundText, type Gen, type Sh } from './shell-state'

/** Names the shell runs itself rather than as programs. */
export const BUILTINS = new Set([
  ':', 'true', 'false', 'echo', 'printf', 'test', '[', 'exit', 'export', 'unset', 'set', 'shift', 'cd', 'pwd',
  'trap', 'exec', 'read', 'wait', 'break', 'continue', 'eval', 'readonly', 'command', 'umask',
  '.', 'source', 'local', 'return', 'kill', 'ulimit', 'type', 'jobs', 'fg', 'bg', 'alias', 'let', 'declare', 'typeset', 'getopts', 'hash', 'times',
])


export function* runBuiltin(sh: Sh, argv: string[], io: Io, assigns: [string, string][], line: number): Gen<number> {
  const m = sh.m
  const [name, ...args] = argv
  const err = (text: string) => write(io, 2, `${errPrefix(sh, line)}${text}\n`, m)
  switch (name) {
    case ':':
    case 'true':
      return 0
    case 'false':
      return 1
    case 'echo':
      yield* write(io, 1, echoText(args, sh.flavor === 'dash'), m)
      return 0
    case 'printf': {
      if (args.length === 0) {
        yield* err(sh.flavor === 'bash' ? 'printf: usage: printf [-v var] format [arguments]' : 'printf: usage: printf format [arg ...]')
        return 2
      }
      const r = printfText(args[0], args.slice(1))
      yield* write(io, 1, r.text, m)
      if (r.error) {
        yield* err(r.error)
        return 1
      }
      return 0
    }
    case 'test':
    case '[': {
      let targs = args
      if (name === '[') {
        if (args[args.length - 1] !== ']') {
          yield* err(sh.flavor === 'bash' ? "[: missing `]'" : sh.flavor === 'dash' ? '[: missing ]' : 'missing ]')
          return 2
        }
        targs = args.slice(0, -1)
      }
      const r = evalTest(targs, m, sh.cwd)
      if (r.error) {
        const bad = /^(.*): bad number$/.exec(r.error)
        if (bad) yield* err(sh.flavor === 'bash' ? `${name}: ${bad[1]}: integer expression expected` : sh.flavor === 'dash' ? `${name}: Illegal number: ${bad[1]}` : `${bad[1]}: bad number`)
        else yield* err(`${name}: ${r.error}`)
      }
      return r.status
    }
    case 'exit': {
      if (args.length === 0) throw new ExitSignal(sh.status)
      if (!/^-?\d+$/.test(args[0])) {
        yield* err(sh.flavor === 'bash' ? `exit: ${args[0]}: numeric argument required` : `exit: Illegal number: ${args[0]}`)
        throw new ExitSignal(2)
      }
      throw new ExitSignal(Number(args[0]) & 255)
    }
    case 'export':
    case 'readonly': {
      for (const a of args) {
        if (a === '-p' || a === '-n') throw new Unsupported(`${name} ${a}`)
        const eq = a.indexOf('=')
        const k = eq < 0 ? a : a.slice(0, eq)
        if (eq >= 0) sh.vars.set(k, a.slice(eq + 1))
        if (name === 'export') sh.exported.add(k)
      }
      return 0
    }
    case 'unset':
      for (const a of args) {
        if (a === '-v' || a === '-f') continue
        sh.vars.delete(a)
        sh.exported.delete(a)
      }
      return 0
    case 'set': {
      if (args.length === 0) throw new Unsupported('set without arguments')
      for (let i = 0; i < args.length; i++) {
        const a = args[i]
        if (a === '--') {
          sh.positional = args.slice(i + 1)
          break
        }
        if (a === '-o' || a === '+o') {
          const opt = args[++i]
          const on = a === '-o'
          if (opt === 'errexit') sh.errexit = on
          else if (opt === 'xtrace') sh.xtrace = on
          else if (opt === 'pipefail' && sh.flavor !== 'dash') sh.pipefail = on
          else if (opt === 'nounset' || opt === 'noglob') continue
          else throw new Unsupported(`set -o ${opt}`)
          continue
        }
        if (/^[-+][a-zA-Z]+$/.test(a)) {
          for (const f of a.slice(1)) {
            if (f === 'e') sh.errexit = a[0] === '-'
            else if (f === 'x') sh.xtrace = a[0] === '-'
            else if (f === 'u' || f === 'f') continue
            else throw new Unsupported(`set ${a[0]}${f}`)
          }
          continue
        }
        sh.positional = args.slice(i)
        break
      }
      return 0
    }
    case 'shift': {
      const n = args.length ? Number(args[0]) : 1
      if (n > sh.positional.length) {
        if (sh.flavor === 'bash') return 1
        yield* err("shift: can't shift that many")
        throw new ExitSignal(2)
      }
      sh.positional = sh.positional.slice(n)
      return 0
    }
    case 'cd': {
      const target = args[0] ?? sh.vars.get('HOME') ?? '/'
      const p = resolvePath(sh.cwd, target)
      if (!m.fs.isDir(p)) {
        yield* err(sh.flavor === 'bash' ? `cd: ${target}: No such file or directory` : sh.flavor === 'dash' ? `cd: can't cd to ${target}` : `cd: can't cd to ${target}: No such file or directory`)
        return sh.flavor === 'bash' ? 1 : 2
      }
      sh.cwd = p
      sh.vars.set('PWD', p)
      return 0
    }
    case 'pwd':
      yield* write(io, 1, `${sh.cwd}\n`, m)
      return 0
    case 'umask':
      if (args.length) return 0
      yield* write(io, 1, '0022\n', m)
      return 0
    case 'trap': {
      if (args.length === 0) {
        let text = ''
        for (const [sig, action] of sh.traps) text += `trap -- '${action}' ${sh.flavor === 'bash' && sig !== 'EXIT' ? `SIG${sig}` : sig}\n`
        yield* write(io, 1, text, m)
        return 0
      }
      if (args[0] === '-l' || args[0] === '-p') throw new Unsupported(`trap ${args[0]}`)
      const reset = args[0] === '-' || (/^\d+$/.test(args[0]) && args.length === 1)
      const action = args[0]
      const sigs = reset && args[0] !== '-' ? args : args.slice(1)
      let status = 0
      for (const s of sigs) {
        const sig = normalizeSignal(s)
        if (!sig) {
          yield* err(sh.flavor === 'bash' ? `trap: ${s}: invalid signal specification` : `trap: ${s}: bad trap`)
          status = 1
          continue
        }
        if (reset) sh.traps.delete(sig)
        else sh.traps.set(sig, action)
      }
      return status
    }
    case 'exec': {
      // `exec >file 2>&1` alone is handled in runSimple (its redirections stay).
      if (args.length === 0) return 0
      const env = exportedEnv(sh, assigns)
      let code: number
      try {
        code = yield* runArgv(m, args, { env, cwd: sh.cwd, io, asMain: sh.isMain })
      } catch (e) {
        if (!(e instanceof NotFound)) throw e
        yield* err(`exec: ${args[0]}: not found`)
        code = 127
      }
      throw new ExitSignal(code)
    }
    case 'read': {
      const names = args.filter((a) => !a.startsWith('-'))
      if (args.some((a) => a.startsWith('-') && a !== '-r')) throw new Unsupported(`read ${args.join(' ')}`)
      if (io.stdin === null) {
        if (m.stdinOpen) {
          yield* wait(Infinity, false)
          return 0
        }
        for (const n of names) sh.vars.set(n, '')
        return 1
      }
      if (io.stdin === '') return 1
      const nl = io.stdin.indexOf('\n')
      const lineText = nl < 0 ? io.stdin : io.stdin.slice(0, nl)
      io.stdin = nl < 0 ? '' : io.stdin.slice(nl + 1)
      const fields = lineText.trim().split(/[ \t]+/)
      const vars = names.length ? names : ['REPLY']
      vars.forEach((n, i) => sh.vars.set(n, i === vars.length - 1 ? fields.slice(i).join(' ') : fields[i] ?? ''))
      return nl < 0 ? 1 : 0
    }
    case 'wait':
      return 0
    case 'break':
    case 'continue':
      throw new LoopControl(name, args.length ? Number(args[0]) : 1)
    case 'eval': {
      const list = parseScript(args.join(' '))
      return yield* runList(sh, list, io, false)
    }
    case 'command': {
      if (args[0] === '-v' || args[0] === '-V') {
        const n = args[1]
        if (n === undefined) return 1
        if (BUILTINS.has(n)) {
          yield* write(io, 1, `${n}\n`, m)
          return 0
        }
        const f = findExecutable(m, n, sh.cwd)
        if (!f) return 1
        yield* write(io, 1, `${f.path}\n`, m)
        return 0
      }
      if (args.length === 0) return 0
      return yield* runSimpleArgv(sh, args, io, assigns, line)
    }
    default:
      throw new Unsupported(`the shell builtin "${name}"`)
  }
}

function* runSimpleArgv(sh: Sh, argv: string[], io: Io, assigns: [string, string][], line: number): Gen<number> {
  const env = exportedEnv(sh, assigns)
  try {
    return yield* runArgv(sh.m, argv, { env, cwd: sh.cwd, io, asMain: false })
  } catch (e) {
    if (e instanceof NotFound) {
      yield* write(io, 2, notFoundText(sh, argv[0], line), sh.m)
      return 127
    }
    throw e
  }
}
