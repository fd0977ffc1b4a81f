/**
 * The shell interpreter and the process launcher.
 *
 * `runArgv` starts a program by name the way execve and the image decide: a shell (`sh`, `ash`,
 * `dash`, `bash`), an entrypoint script, a server model (servers.ts) or an ordinary command
 * (commands.ts). `sh -c` scripts run here, over the AST of shell-parse.ts, as generators of
 * effects (proc.ts), so that an infinite loop costs nothing until someone asks for its output.
 *
 * Shell dialects: busybox ash (alpine, busybox), dash (`sh` on Debian and Ubuntu) and bash differ
 * in their error texts and in `echo` (dash interprets backslash escapes without `-e`); both are
 * modelled. Like dash, ash and bash, a `-c` script that is one simple command execs it, so that
 * command becomes the main process and receives the runtime's signals.
 *
 * Not modelled (throws `Unsupported`): background jobs, functions, `case`, here-documents,
 * `source`, `local`, `kill`, `ulimit`, `$RANDOM`, `$$`.
 *
 * Builtins are in shell-builtins.ts, expansion in shell-expand.ts, the shell state in shell-state.ts.
 */
import { BIN_DIRS, COMMANDS, SPECIAL_PATHS, unsupportedCommandReason } from './commands'
import { parentOf, resolvePath } from './fs'
import { shellFlavorOf, write, wait, type CmdCtx, type ExternalImpl, type Io, type Machine, type Proc, type Sink } from './proc'
import { ENTRYPOINTS, SERVERS } from './servers'
import { BUILTINS, runBuiltin } from './shell-builtins'
import { expandWord } from './shell-expand'
import { parseScript, ShellSyntaxError, Unsupported, type Command, type List, type Pipeline, type Redir } from './shell-parse'
import { cloneShell, errPrefix, ExitSignal, exportedEnv, LoopControl, notFoundText, syntaxErrorText, NotFound, type Gen, type Sh } from './shell-state'

export { NotFound, syntaxErrorText }

// ---- finding and starting programs ----------------------------------------------------------

/** Finds an executable in the image, as execve with $PATH would. */
export function findExecutable(m: Machine, name: string, cwd: string): { name: string; path: string } | undefined {
  if (name === '') return undefined
  if (name.includes('/')) {
    const p = resolvePath(cwd, name)
    const special = SPECIAL_PATHS[p]
    if (special && m.binaries.has(special)) return { name: special, path: p }
    const base = p.split('/').pop()!
    if (BIN_DIRS.includes(parentOf(p)) && m.binaries.has(base)) return { name: base, path: p }
    return undefined
  }
  if (!m.binaries.has(name)) return undefined
  return { name, path: `/usr/bin/${name}` }
}

const SHELLS = new Set(['sh', 'ash', 'dash', 'bash'])

function implFor(m: Machine, name: string): ExternalImpl | undefined {
  if (SHELLS.has(name)) return shellProcess
  if (name === 'docker-entrypoint.sh' || name === 'entrypoint.sh') return ENTRYPOINTS[m.image.entry.app]
  return SERVERS[name] ?? COMMANDS[name]
}

export interface RunOptions {
  env: Map<string, string>
  cwd: string
  io: Io
  /** Whether the program is the container's main process. */
  asMain: boolean
}

/**
 * Runs `argv` as a process of the container. Throws NotFound when the executable does not exist
 * and Unsupported when it exists but has no model.
 */
export function* runArgv(m: Machine, argv: string[], o: RunOptions): Proc {
  const found = findExecutable(m, argv[0], o.cwd)
  if (!found) throw new NotFound(argv[0])
  const impl = implFor(m, found.name)
  if (!impl) throw new Unsupported(unsupportedCommandReason(found.name))
  const ctx: CmdCtx = {
    m,
    argv,
    env: o.env,
    cwd: o.cwd,
    io: o.io,
    isMain: o.asMain,
    run: (next, opts) => execFromScript(m, ctx, next, opts?.env ?? o.env, opts?.asMain ?? false),
  }
  if (o.asMain && m.mainShell) handOverMain(m, m.mainShell.traps)
  return yield* impl(ctx)
}

/**
 * The main shell execs a program (`exec prog`, or `sh -c 'prog'` with one command): the program
 * takes over the process, and PID 1 with it. Its traps are gone (execve resets caught signals to
 * their default action), so from now on the program's own handlers decide what signals do;
 * signals the shell ignored with `trap '' SIG` stay ignored unless the program installs a handler.
 * A shell exec'd in turn becomes the main shell again when it starts.
 */
function handOverMain(m: Machine, traps: Map<string, string>): void {
  for (const [sig, action] of traps) if (action === '' && sig !== 'EXIT') m.ignoredAtExec.add(sig)
  m.mainShell = undefined
}

/** `exec "$@"` at the end of an entrypoint script; a missing program is the script's error. */
function* execFromScript(m: Machine, parent: CmdCtx, argv: string[], env: Map<string, string>, asMain: boolean): Proc {
  try {
    return yield* runArgv(m, argv, { env, cwd: parent.cwd, io: parent.io, asMain })
  } catch (e) {
    if (!(e instanceof NotFound)) throw e
    const script = parent.argv[0]
    // Line numbers of `exec "$@"` in the images' scripts (dash prints them; bash says "line N").
    const text = m.image.entry.app === 'mysql' || m.image.entry.app === 'postgres'
      ? `${script}: line ${m.image.entry.app === 'mysql' ? 440 : 384}: exec: ${argv[0]}: not found\n`
      : `${script}: ${m.image.entry.app === 'nginx' ? 47 : 11}: exec: ${argv[0]}: not found\n`
    yield* write(parent.io, 2, text, m)
    return 127
  }
}

// ---- the shell as a program ------------------------------------------------------------------

function* shellProcess(ctx: CmdCtx): Proc {
  const m = ctx.m
  const name = ctx.argv[0]
  const flavor = shellFlavorOf(m.os, name)
  const args = ctx.argv.slice(1)
  let script: string | undefined
  let errexit = false
  let xtrace = false
  let i = 0
  for (; i < args.length; i++) {
    const a = args[i]
    if (a === '--') {
      i++
      break
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break
    for (const f of a.slice(1)) {
      if (f === 'c') script = ''
      else if (f === 'e') errexit = a[0] === '-'
      else if (f === 'x') xtrace = a[0] === '-'
      else if (f === 'l' || f === 's') continue
      else if (f === 'i') throw new Unsupported(`an interactive shell (${name} -i)`)
      else throw new Unsupported(`the shell option -${f}`)
    }
  }
  const rest = args.slice(i)
  if (script === '') {
    if (rest.length === 0) {
      const text = flavor === 'bash' ? `${name}: -c: option requires an argument\n` : flavor === 'dash' ? `${name}: 0: -c requires an argument\n` : 'sh: -c requires an argument\n'
      yield* write(ctx.io, 2, text, m)
      return 2
    }
    script = rest[0]
  } else if (rest.length > 0) {
    const file = resolvePath(ctx.cwd, rest[0])
    if (m.fs.read(file) === undefined) {
      const text =
        flavor === 'ash' ? `sh: can't open '${rest[0]}': No such file or directory\n`
        : flavor === 'dash' ? `${name}: 0: cannot open ${rest[0]}: No such file\n`
        : `${name}: ${rest[0]}: No such file or directory\n`
      yield* write(ctx.io, 2, text, m)
      return flavor === 'bash' ? 127 : 2
    }
    script = m.fs.read(file)!
    rest.splice(0, 0, rest[0])
  } else {
    // No script: the shell reads commands from stdin, which is empty unless the pod asked for one.
    if (m.stdinOpen) yield* wait(Infinity, ctx.isMain)
    return 0
  }
  const sh: Sh = {
    m,
    vars: new Map(ctx.env),
    exported: new Set(ctx.env.keys()),
    positional: rest.slice(2),
    arg0: rest.length > 1 ? rest[1] : name,
    status: 0,
    subStatus: undefined,
    cwd: ctx.cwd,
    traps: new Map(),
    errexit,
    xtrace,
    pipefail: false,
    flavor,
    isMain: ctx.isMain,
  }
  if (!sh.vars.has('PWD')) sh.vars.set('PWD', ctx.cwd)
  let list: List
  try {
    list = parseScript(script)
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      yield* write(ctx.io, 2, syntaxErrorText(flavor, sh.arg0, e, script), m)
      return 2
    }
    throw e
  }
  if (ctx.isMain) m.mainShell = sh
  const single = list.length === 1 && list[0].rest.length === 0 && list[0].first.cmds.length === 1 && !list[0].first.negate
  const only = single ? list[0].first.cmds[0] : undefined
  let code: number
  try {
    if (only && only.k === 'simple' && only.words.length > 0) {
      // -c with one simple command: the shell execs it.
      code = yield* runSimple(sh, only, ctx.io, true)
    } else {
      code = yield* runList(sh, list, ctx.io, false)
    }
  } catch (e) {
    if (e instanceof ExitSignal) code = e.code
    else if (e instanceof LoopControl) code = 0
    else throw e
  }
  const exitTrap = sh.traps.get('EXIT')
  if (exitTrap) {
    sh.traps.delete('EXIT')
    sh.status = code
    try {
      yield* runList(sh, parseScript(exitTrap), ctx.io, false)
    } catch (e) {
      if (e instanceof ExitSignal) code = e.code
      else throw e
    }
  }
  return code & 255
}

// ---- lists, pipelines, commands ---------------------------------------------------------------

/** Runs the traps of signals the main shell received (after its foreground command ended). */
function* checkpoint(sh: Sh, io: Io): Gen<void> {
  const m = sh.m
  if (!sh.isMain) return
  while (m.pendingSignals.length > 0) {
    const sig = m.pendingSignals.shift()!
    const action = sh.traps.get(sig)
    if (!action) continue
    const saved = sh.status
    yield* runList(sh, parseScript(action), io, false)
    sh.status = saved
  }
}

export function* runList(sh: Sh, list: List, io: Io, inCond: boolean): Gen<number> {
  let status = sh.status
  for (const ao of list) {
    yield* checkpoint(sh, io)
    let st = yield* runPipeline(sh, ao.first, io, inCond || ao.rest.length > 0)
    for (let i = 0; i < ao.rest.length; i++) {
      const { op, p } = ao.rest[i]
      if ((op === '&&') === (st === 0)) st = yield* runPipeline(sh, p, io, inCond || i < ao.rest.length - 1)
    }
    status = st
  }
  return status
}

function* runPipeline(sh: Sh, p: Pipeline, io: Io, inCond: boolean): Gen<number> {
  let st: number
  if (p.cmds.length === 1) {
    st = yield* runCommand(sh, p.cmds[0], io, inCond || p.negate)
  } else {
    // Stages run one after the other, each in a subshell, the output of one feeding the next.
    let input = io.stdin
    const statuses: number[] = []
    for (let i = 0; i < p.cmds.length; i++) {
      const last = i === p.cmds.length - 1
      const buf: Sink = { k: 'buf', chunks: [] }
      const fds = [...io.fds]
      if (!last) fds[1] = buf
      const sub = cloneShell(sh)
      try {
        statuses.push(yield* runCommand(sub, p.cmds[i], { fds, stdin: input }, true))
      } catch (e) {
        if (e instanceof ExitSignal) statuses.push(e.code)
        else throw e
      }
      input = buf.k === 'buf' ? buf.chunks.join('') : ''
    }
    st = statuses[statuses.length - 1]
    if (sh.pipefail) st = [...statuses].reverse().find((s) => s !== 0) ?? 0
  }
  if (p.negate) st = st === 0 ? 1 : 0
  sh.status = st
  if (sh.errexit && !inCond && st !== 0) throw new ExitSignal(st)
  return st
}

function* runCommand(sh: Sh, cmd: Command, io: Io, inCond: boolean): Gen<number> {
  if (cmd.k === 'simple') return yield* runSimple(sh, cmd, io, false)
  const rio = yield* applyRedirs(sh, cmd.redirs, io, 1)
  if (!rio) return (sh.status = 1)
  switch (cmd.k) {
    case 'if': {
      for (const cl of cmd.clauses) {
        const c = yield* runList(sh, cl.cond, rio, true)
        if (c === 0) return yield* runList(sh, cl.body, rio, inCond)
      }
      if (cmd.elseBody) return yield* runList(sh, cmd.elseBody, rio, inCond)
      return (sh.status = 0)
    }
    case 'loop':
      return yield* runLoop(sh, cmd, rio, inCond)
    case 'for': {
      let items: string[]
      if (cmd.items) {
        items = []
        for (const w of cmd.items) items.push(...(yield* expandWord(sh, w, rio, true)))
      } else items = [...sh.positional]
      let status = 0
      for (const v of items) {
        yield* checkpoint(sh, rio)
        sh.vars.set(cmd.name, v)
        try {
          status = yield* runList(sh, cmd.body, rio, inCond)
        } catch (e) {
          if (!(e instanceof LoopControl)) throw e
          if (e.n > 1) {
            e.n--
            throw e
          }
          if (e.kind === 'break') break
        }
      }
      return (sh.status = status)
    }
    case 'group': {
      if (!cmd.subshell) return yield* runList(sh, cmd.body, rio, inCond)
      const sub = cloneShell(sh)
      try {
        return (sh.status = yield* runList(sub, cmd.body, rio, inCond))
      } catch (e) {
        if (e instanceof ExitSignal) return (sh.status = e.code)
        throw e
      }
    }
  }
}

/**
 * The state a loop iteration starts from: equal at two iterations means the loop repeats forever.
 * Files count by their change counter, so a loop that writes a file every time is never called
 * periodic (even when it writes the same bytes): the safe side.
 */
function fingerprint(sh: Sh, io: Io): string {
  const vars = [...sh.vars.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  return JSON.stringify([vars, [...sh.exported].sort(), sh.positional, sh.cwd, [...sh.traps], sh.errexit, sh.status, sh.m.pendingSignals, io.stdin, sh.m.fs.version])
}

function* runLoop(sh: Sh, cmd: Extract<Command, { k: 'loop' }>, io: Io, inCond: boolean): Gen<number> {
  const m = sh.m
  let status = 0
  let prev: { fp: string; t: number; reads: number; epoch: number; iter: number } | undefined
  let reportedEpoch = -1
  for (let iter = 0; ; iter++) {
    yield* checkpoint(sh, io)
    // Once reported, look again only after a signal (its trap may change the loop). Long loops are
    // sampled (two consecutive iterations out of 16) to keep the cost down.
    if (reportedEpoch !== m.signalEpoch && (iter < 8 || iter % 16 <= 1)) {
      const fp = fingerprint(sh, io)
      const t = m.now()
      if (prev && prev.iter === iter - 1 && prev.epoch === m.signalEpoch && prev.fp === fp && t > prev.t && prev.reads === m.timeReads) {
        yield { k: 'periodic' }
        reportedEpoch = m.signalEpoch
      }
      prev = { fp, t, reads: m.timeReads, epoch: m.signalEpoch, iter }
    }
    const c = yield* runList(sh, cmd.cond, io, true)
    if (cmd.until ? c === 0 : c !== 0) break
    try {
      status = yield* runList(sh, cmd.body, io, inCond)
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e
      if (e.n > 1) {
        e.n--
        throw e
      }
      if (e.kind === 'break') break
    }
  }
  return (sh.status = status)
}

// ---- simple commands -----------------------------------------------------------------------

function* runSimple(sh: Sh, cmd: Extract<Command, { k: 'simple' }>, io: Io, execLast: boolean): Gen<number> {
  const m = sh.m
  const reads0 = m.timeReads
  sh.subStatus = undefined
  const argv: string[] = []
  for (const w of cmd.words) argv.push(...(yield* expandWord(sh, w, io, true)))
  const assigns: [string, string][] = []
  for (const a of cmd.assigns) assigns.push([a.name, (yield* expandWord(sh, a.value, io, false)).join('')])
  // $(date) only printed by echo does not make the loop depend on the time.
  if (m.timeReads !== reads0 && assigns.length === 0 && (argv[0] === 'echo' || argv[0] === 'printf')) m.timeReads = reads0
  if (sh.xtrace) {
    const shown = [...assigns.map(([k, v]) => `${k}=${v}`), ...argv].join(' ')
    yield* write(io, 2, `+ ${shown}\n`, m)
  }
  const rio = yield* applyRedirs(sh, cmd.redirs, io, cmd.line)
  if (!rio) return (sh.status = sh.flavor === 'dash' ? 2 : 1)
  if (argv.length === 0) {
    for (const [k, v] of assigns) sh.vars.set(k, v)
    return (sh.status = sh.subStatus ?? 0)
  }
  const name = argv[0]
  if (name === 'exec' && argv.length === 1) {
    // `exec >file 2>&1`: the redirections stay for the rest of the script.
    io.fds.splice(0, io.fds.length, ...rio.fds)
    io.stdin = rio.stdin
    return (sh.status = 0)
  }
  if (BUILTINS.has(name)) return (sh.status = yield* runBuiltin(sh, argv, rio, assigns, cmd.line))
  const env = exportedEnv(sh, assigns)
  try {
    return (sh.status = yield* runArgv(m, argv, { env, cwd: sh.cwd, io: rio, asMain: execLast && sh.isMain }))
  } catch (e) {
    if (e instanceof NotFound) {
      yield* write(rio, 2, notFoundText(sh, name, cmd.line), m)
      return (sh.status = 127)
    }
    throw e
  }
}

/** Applies redirections; null (after printing the shell's error) when a file cannot be opened. */
function* applyRedirs(sh: Sh, redirs: Redir[], io: Io, line: number): Gen<Io | null> {
  if (redirs.length === 0) return io
  const m = sh.m
  const out: Io = { fds: [...io.fds], stdin: io.stdin }
  for (const r of redirs) {
    const target = (yield* expandWord(sh, r.target, io, false)).join('')
    if (r.op === '>&' || r.op === '<&') {
      if (target === '-') {
        out.fds[r.fd] = { k: 'null' }
        continue
      }
      if (!/^\d+$/.test(target)) {
        if (r.op === '>&' && sh.flavor === 'bash') {
          // bash: >&file is &>file
          if (!openFile(m, target, sh.cwd, false)) return yield* redirError(sh, io, target, line)
          out.fds[1] = out.fds[2] = { k: 'file', path: resolvePath(sh.cwd, target) }
          continue
        }
        throw new Unsupported(`the redirection ${r.op}${target}`)
      }
      const src = Number(target)
      if (src === 0 && r.op === '<&') continue
      out.fds[r.fd] = src === 0 ? { k: 'null' } : out.fds[src] ?? { k: 'null' }
      continue
    }
    const path = resolvePath(sh.cwd, target)
    if (r.op === '<') {
      const content = m.fs.read(path)
      if (content === undefined) {
        const text =
          sh.flavor === 'ash' ? `sh: can't open ${target}: no such file\n`
          : sh.flavor === 'dash' ? `${errPrefix(sh, line)}cannot open ${target}: No such file\n`
          : `${errPrefix(sh, line)}${target}: No such file or directory\n`
        yield* write(io, 2, text, m)
        return null
      }
      out.stdin = content
      continue
    }
    if (!openFile(m, path, sh.cwd, r.op === '>>')) return yield* redirError(sh, io, target, line)
    const sink: Sink = path === '/dev/null' ? { k: 'null' } : path === '/dev/stdout' ? out.fds[1] : path === '/dev/stderr' ? out.fds[2] : { k: 'file', path }
    if (r.op === '&>') out.fds[1] = out.fds[2] = sink
    else out.fds[r.fd] = sink
  }
  return out
}

function openFile(m: Machine, path: string, cwd: string, append: boolean): boolean {
  const p = resolvePath(cwd, path)
  if (p === '/dev/null' || p === '/dev/stdout' || p === '/dev/stderr') return true
  if (m.fs.isDir(p)) return false
  return m.fs.write(p, '', append)
}

function* redirError(sh: Sh, io: Io, target: string, line: number): Gen<null> {
  const m = sh.m
  const p = resolvePath(sh.cwd, target)
  const isDir = m.fs.isDir(p)
  const text =
    sh.flavor === 'ash' ? `sh: can't create ${target}: ${isDir ? 'Is a directory' : 'nonexistent directory'}\n`
    : sh.flavor === 'dash' ? `${errPrefix(sh, line)}cannot create ${target}: ${isDir ? 'Is a directory' : 'Directory nonexistent'}\n`
    : `${errPrefix(sh, line)}${target}: ${isDir ? 'Is a directory' : 'No such file or directory'}\n`
  yield* write(io, 2, text, m)
  return null
}

