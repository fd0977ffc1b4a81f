/**
 * The ordinary commands a container runs, with busybox's or GNU coreutils' texts depending on the
 * image: `sleep`, `echo`, `printf`, `date`, `hostname`, `env`, `printenv`, `cat`, `touch`, `rm`,
 * `mkdir`, `rmdir`, `tail`, `head`, `wc`, `grep`, `test`/`[`, `true`, `false`, `seq`, `basename`,
 * `dirname`, `pwd`, `whoami`, `uname`, `nproc`.
 *
 * An option or form a command here does not model throws `Unsupported`; so does any command that
 * exists in the image but has no model (`ls`, `grep`, `wget` …): the caller reports it rather
 * than pretending.
 */
import type { OsFamily } from './catalog'
import { dateCommandTime, strftime } from './format'
import { parentOf, resolvePath } from './fs'
import { isBusybox, wait, write, type CmdCtx, type ExternalImpl, type Proc } from './proc'
import { echoText, evalTest, printfText, sleepMs } from './text'
import { Unsupported } from './shell-parse'

/** The node's kernel release, as `uname -r` and nginx's `OS:` line print it. */
export const KERNEL_RELEASE = '6.8.0-60-generic'

// ---- which executables an image has -----------------------------------------------------------

const BUSYBOX_APPLETS = `[ [[ addgroup adduser arch arp arping ash awk base64 basename bc blkid bunzip2 bzcat bzip2 cal cat
chgrp chmod chown chroot cksum clear cmp comm cp cpio crond crontab cut date dc dd df diff dirname dmesg
dnsdomainname dos2unix du echo ed egrep env expand expr false fdisk fgrep find fold free fsync fuser getopt grep
groups gunzip gzip halt hd head hexdump hostid hostname hwclock id ifconfig init install ip ipcalc kill killall
less link ln logger login ls lsof md5sum mkdir mkfifo mknod mktemp more mount mv nc netstat nice nl nohup nproc
nslookup od passwd paste patch pgrep pidof ping ping6 pkill pmap poweroff printenv printf ps pwd readlink realpath
reboot renice reset rev rm rmdir route sed seq setsid sh sha1sum sha256sum sha512sum shuf sleep sort split stat
strings stty su sum sync sysctl tac tail tar tee telnet test time timeout top touch tr traceroute true truncate tty
udhcpc umount uname uniq unix2dos unzip uptime usleep uudecode uuencode vi watch wc wget which whoami xargs xxd
yes zcat`.split(/\s+/)

const DEBIAN_BINARIES = `[ awk base64 basename bash cat chgrp chmod chown chroot cksum cmp comm cp csplit cut dash date dd df
diff dir dircolors dirname du echo egrep env expand expr factor false fgrep find fmt fold getent grep groups gunzip
gzip head hostid hostname id install join link ln logname ls md5sum mkdir mkfifo mknod mktemp more mount mountpoint
mv nice nl nohup nproc numfmt od paste pathchk perl pinky pr printenv printf ptx pwd readlink realpath rev rm rmdir
runcon sed seq setsid sh sha1sum sha256sum sha512sum shred shuf sleep sort split stat stdbuf stty su sum sync tac
tail tar tee test timeout touch tr true truncate tsort tty umount uname unexpand uniq unlink users vdir wc which who
whoami xargs yes zcat apt apt-get dpkg`.split(/\s+/)

const OL9_BINARIES = `[ awk base64 basename bash cat chgrp chmod chown cp cut date dd df dirname du echo env expr false find
gawk grep gunzip gzip head id ln ls microdnf mkdir mktemp mv nproc od printenv printf pwd readlink realpath rm rmdir
sed seq sh sleep sort stat tail tar tee test timeout touch tr true uname uniq wc xargs yes`.split(/\s+/)

/** The executables of a base OS (before the image's own). */
export function osBinaries(os: OsFamily): string[] {
  switch (os) {
    case 'alpine':
    case 'busybox':
      return BUSYBOX_APPLETS
    case 'debian':
    case 'ubuntu':
      return DEBIAN_BINARIES
    case 'oraclelinux':
      return OL9_BINARIES
    case 'scratch':
      return []
  }
}

/** Directories where executables live; `/bin/sh` and `/usr/bin/sh` both exist (usr-merge). */
export const BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']

/** Entry points that live outside the bin directories. */
export const SPECIAL_PATHS: Record<string, string> = {
  '/docker-entrypoint.sh': 'docker-entrypoint.sh',
  '/entrypoint.sh': 'entrypoint.sh',
  '/bin/entrypoint.sh': 'entrypoint.sh',
  '/pause': 'pause',
  '/bin/node_exporter': 'node_exporter',
}

// ---- shared text helpers ----------------------------------------------------------------------

/** GNU's "Try 'x --help'" tail. */
function tryHelp(name: string): string {
  return `Try '${name} --help' for more information.\n`
}

function* fail(ctx: CmdCtx, text: string, code = 1): Proc {
  yield* write(ctx.io, 2, text, ctx.m)
  return code
}

function bb(ctx: CmdCtx): boolean {
  return isBusybox(ctx.m.os)
}

function optionsOf(args: string[], allowed: string): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>()
  let i = 0
  for (; i < args.length; i++) {
    const a = args[i]
    if (a === '--') {
      i++
      break
    }
    if (!a.startsWith('-') || a === '-') break
    for (const f of a.slice(1)) {
      if (!allowed.includes(f)) throw new Unsupported(`the option -${f}`)
      flags.add(f)
    }
  }
  return { flags, rest: args.slice(i) }
}

// ---- the commands -----------------------------------------------------------------------------

function* sleepCmd(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  if (args.length === 0) {
    if (bb(ctx)) {
      return yield* fail(ctx, 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n')
    }
    return yield* fail(ctx, `sleep: missing operand\n${tryHelp('sleep')}`)
  }
  const r = sleepMs(args)
  if ('invalid' in r) {
    return yield* fail(ctx, bb(ctx) ? `sleep: invalid number '${r.invalid}'\n` : `sleep: invalid time interval '${r.invalid}'\n${tryHelp('sleep')}`)
  }
  yield* wait(r.ms, ctx.isMain)
  return 0
}

function* echoCmd(ctx: CmdCtx): Proc {
  yield* write(ctx.io, 1, echoText(ctx.argv.slice(1), false), ctx.m)
  return 0
}

function* printfCmd(ctx: CmdCtx): Proc {
  if (ctx.argv.length < 2) return yield* fail(ctx, bb(ctx) ? 'printf: usage: printf FORMAT [ARGUMENT]...\n' : `printf: missing operand\n${tryHelp('printf')}`)
  const r = printfText(ctx.argv[1], ctx.argv.slice(2))
  yield* write(ctx.io, 1, r.text, ctx.m)
  if (r.error) return yield* fail(ctx, `${r.error}\n`)
  return 0
}

function* dateCmd(ctx: CmdCtx): Proc {
  let fmt: string | undefined
  for (const a of ctx.argv.slice(1)) {
    if (a === '-u' || a === '--utc') continue
    if (a.startsWith('+')) fmt = a.slice(1)
    else if (a === '-I' || a === '-Idate' || a === '--iso-8601') fmt = '%Y-%m-%d'
    else if (a === '-Iseconds') fmt = '%Y-%m-%dT%H:%M:%S+00:00'
    else if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S +0000'
    else throw new Unsupported(`date ${a}`)
  }
  const now = ctx.m.now()
  let text: string
  if (fmt === undefined) text = dateCommandTime(now)
  else {
    const t = strftime(fmt, now)
    if (t === undefined) throw new Unsupported(`the date format +${fmt}`)
    text = t
  }
  // The time only leaks into the script's state when the output is captured ($(date), a pipe).
  if (ctx.io.fds[1]?.k === 'buf') ctx.m.timeReads++
  yield* write(ctx.io, 1, `${text}\n`, ctx.m)
  return 0
}

function* hostnameCmd(ctx: CmdCtx): Proc {
  const a = ctx.argv[1]
  if (a === undefined) yield* write(ctx.io, 1, `${ctx.m.hostname}\n`, ctx.m)
  else if (a === '-i' || a === '-I') yield* write(ctx.io, 1, `${ctx.m.podIP}${a === '-I' ? ' ' : ''}\n`, ctx.m)
  else if (a === '-s') yield* write(ctx.io, 1, `${ctx.m.hostname.split('.')[0]}\n`, ctx.m)
  else throw new Unsupported(`hostname ${a}`)
  return 0
}

function* envCmd(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const env = new Map(ctx.env)
  let i = 0
  for (; i < args.length; i++) {
    const m = /^([^=]+)=(.*)$/s.exec(args[i])
    if (!m) break
    env.set(m[1], m[2])
  }
  if (args[i]?.startsWith('-')) throw new Unsupported(`env ${args[i]}`)
  if (i < args.length) return yield* ctx.run(args.slice(i), { env, asMain: ctx.isMain })
  let text = ''
  for (const [k, v] of env) text += `${k}=${v}\n`
  yield* write(ctx.io, 1, text, ctx.m)
  return 0
}

function* printenvCmd(ctx: CmdCtx): Proc {
  const names = ctx.argv.slice(1)
  if (names.some((n) => n.startsWith('-'))) throw new Unsupported(`printenv ${names.join(' ')}`)
  if (names.length === 0) return yield* envCmd({ ...ctx, argv: ['env'] })
  let status = 0
  let text = ''
  for (const n of names) {
    const v = ctx.env.get(n)
    if (v === undefined) status = 1
    else text += `${v}\n`
  }
  yield* write(ctx.io, 1, text, ctx.m)
  return status
}

function* catCmd(ctx: CmdCtx): Proc {
  const { rest } = optionsOf(ctx.argv.slice(1), 'u')
  const files = rest.length ? rest : ['-']
  let status = 0
  for (const f of files) {
    if (f === '-') {
      if (ctx.io.stdin === null && ctx.m.stdinOpen) {
        yield* wait(Infinity, ctx.isMain)
        continue
      }
      yield* write(ctx.io, 1, ctx.io.stdin ?? '', ctx.m)
      continue
    }
    const p = resolvePath(ctx.cwd, f)
    const content = ctx.m.fs.read(p)
    if (content === undefined) {
      status = 1
      const why = ctx.m.fs.isDir(p) ? 'Is a directory' : 'No such file or directory'
      if (bb(ctx)) yield* write(ctx.io, 2, ctx.m.fs.isDir(p) ? `cat: read error: ${why}\n` : `cat: can't open '${f}': ${why}\n`, ctx.m)
      else yield* write(ctx.io, 2, `cat: ${f}: ${why}\n`, ctx.m)
      continue
    }
    yield* write(ctx.io, 1, content, ctx.m)
  }
  return status
}

function* touchCmd(ctx: CmdCtx): Proc {
  const { rest } = optionsOf(ctx.argv.slice(1), 'c')
  if (rest.length === 0) return yield* fail(ctx, bb(ctx) ? 'touch: missing operand\n' : `touch: missing file operand\n${tryHelp('touch')}`)
  let status = 0
  for (const f of rest) {
    const p = resolvePath(ctx.cwd, f)
    if (ctx.m.fs.exists(p)) continue
    if (!ctx.m.fs.write(p, '', false)) {
      status = 1
      yield* write(ctx.io, 2, bb(ctx) ? `touch: ${f}: No such file or directory\n` : `touch: cannot touch '${f}': No such file or directory\n`, ctx.m)
    }
  }
  return status
}

function* rmCmd(ctx: CmdCtx): Proc {
  const { flags, rest } = optionsOf(ctx.argv.slice(1), 'frRiv')
  const force = flags.has('f')
  const recursive = flags.has('r') || flags.has('R')
  if (rest.length === 0 && !force) return yield* fail(ctx, bb(ctx) ? 'rm: missing operand\n' : `rm: missing operand\n${tryHelp('rm')}`)
  let status = 0
  const cannot = bb(ctx) ? "can't remove" : 'cannot remove'
  for (const f of rest) {
    const p = resolvePath(ctx.cwd, f)
    if (ctx.m.fs.isDir(p)) {
      if (!recursive) {
        status = 1
        yield* write(ctx.io, 2, `rm: ${cannot} '${f}': Is a directory\n`, ctx.m)
      } else ctx.m.fs.removeDir(p)
      continue
    }
    if (!ctx.m.fs.remove(p) && !force) {
      status = 1
      yield* write(ctx.io, 2, `rm: ${cannot} '${f}': No such file or directory\n`, ctx.m)
    }
  }
  return status
}

function* mkdirCmd(ctx: CmdCtx): Proc {
  const { flags, rest } = optionsOf(ctx.argv.slice(1), 'pv')
  if (rest.length === 0) return yield* fail(ctx, bb(ctx) ? 'mkdir: missing operand\n' : `mkdir: missing operand\n${tryHelp('mkdir')}`)
  let status = 0
  const cannot = bb(ctx) ? "can't create directory" : 'cannot create directory'
  for (const f of rest) {
    const p = resolvePath(ctx.cwd, f)
    if (flags.has('p')) {
      const chain: string[] = []
      for (let d = p; d !== '/' && !ctx.m.fs.isDir(d); d = parentOf(d)) chain.unshift(d)
      for (const d of chain) ctx.m.fs.mkdir(d)
      continue
    }
    if (ctx.m.fs.exists(p)) {
      status = 1
      yield* write(ctx.io, 2, `mkdir: ${cannot} '${f}': File exists\n`, ctx.m)
    } else if (!ctx.m.fs.mkdir(p)) {
      status = 1
      yield* write(ctx.io, 2, `mkdir: ${cannot} '${f}': No such file or directory\n`, ctx.m)
    }
  }
  return status
}

function* rmdirCmd(ctx: CmdCtx): Proc {
  let status = 0
  for (const f of ctx.argv.slice(1)) {
    const p = resolvePath(ctx.cwd, f)
    if (!ctx.m.fs.isDir(p) || ctx.m.fs.list(p).length > 0) {
      status = 1
      const why = ctx.m.fs.isDir(p) ? 'Directory not empty' : 'No such file or directory'
      yield* write(ctx.io, 2, bb(ctx) ? `rmdir: '${f}': ${why}\n` : `rmdir: failed to remove '${f}': ${why}\n`, ctx.m)
    } else ctx.m.fs.removeDir(p)
  }
  return status
}

function* tailCmd(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  let follow = false
  let n = 10
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-f' || a === '-F' || a === '--follow') follow = true
    else if (a === '-n') n = Number(args[++i])
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2))
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1))
    else if (a.startsWith('-')) throw new Unsupported(`tail ${a}`)
    else files.push(a)
  }
  if (follow) {
    if (files.length !== 1 || files[0] !== '/dev/null') throw new Unsupported('tail -f of a file other than /dev/null')
    yield* wait(Infinity, ctx.isMain)
    return 0
  }
  const text = files.length === 0 ? ctx.io.stdin ?? '' : ctx.m.fs.read(resolvePath(ctx.cwd, files[0]))
  if (text === undefined) {
    return yield* fail(ctx, bb(ctx) ? `tail: can't open '${files[0]}': No such file or directory\n` : `tail: cannot open '${files[0]}' for reading: No such file or directory\n`)
  }
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const out = lines.slice(Math.max(0, lines.length - n))
  yield* write(ctx.io, 1, out.length ? `${out.join('\n')}\n` : '', ctx.m)
  return 0
}

function* testCmd(ctx: CmdCtx): Proc {
  const name = ctx.argv[0].split('/').pop()
  let args = ctx.argv.slice(1)
  if (name === '[') {
    if (args[args.length - 1] !== ']') return yield* fail(ctx, bb(ctx) ? '[: missing ]\n' : "[: missing ']'\n", 2)
    args = args.slice(0, -1)
  }
  const r = evalTest(args, ctx.m, ctx.cwd)
  if (r.error) yield* write(ctx.io, 2, `${name}: ${r.error}\n`, ctx.m)
  return r.status
}

function* seqCmd(ctx: CmdCtx): Proc {
  const nums = ctx.argv.slice(1).map(Number)
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isInteger(n))) throw new Unsupported(`seq ${ctx.argv.slice(1).join(' ')}`)
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums
  if (step === 0) throw new Unsupported('seq with a zero increment')
  let out = ''
  for (let i = first; step > 0 ? i <= last : i >= last; i += step) out += `${i}\n`
  yield* write(ctx.io, 1, out, ctx.m)
  return 0
}

/** The text a command reads: its file operands, or stdin. */
function inputOf(ctx: CmdCtx, files: string[], name: string): { text: string } | { error: string } {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) return { text: ctx.io.stdin ?? '' }
  let text = ''
  for (const f of files) {
    const c = ctx.m.fs.read(resolvePath(ctx.cwd, f))
    if (c === undefined) return { error: bb(ctx) ? `${name}: can't open '${f}': No such file or directory\n` : `${name}: ${f}: No such file or directory\n` }
    text += c
  }
  return { text }
}

function linesOf(text: string): string[] {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

function* headCmd(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  let n = 10
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-n') n = Number(args[++i])
    else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ''))
    else if (a.startsWith('-') && a !== '-') throw new Unsupported(`head ${a}`)
    else files.push(a)
  }
  const input = inputOf(ctx, files, 'head')
  if ('error' in input) return yield* fail(ctx, input.error)
  const out = linesOf(input.text).slice(0, n)
  yield* write(ctx.io, 1, out.length ? `${out.join('\n')}\n` : '', ctx.m)
  return 0
}

function* wcCmd(ctx: CmdCtx): Proc {
  const { flags, rest } = optionsOf(ctx.argv.slice(1), 'lwc')
  const input = inputOf(ctx, rest, 'wc')
  if ('error' in input) return yield* fail(ctx, input.error)
  const t = input.text
  const counts = { l: (t.match(/\n/g) ?? []).length, w: t.split(/\s+/).filter(Boolean).length, c: t.length }
  const which = flags.size ? (['l', 'w', 'c'] as const).filter((f) => flags.has(f)) : (['l', 'w', 'c'] as const)
  const nums = which.map((f) => counts[f])
  // one count alone is printed bare; several are right-aligned (busybox and coreutils differ, coreutils shown)
  const text = nums.length === 1 ? String(nums[0]) : nums.map((n) => String(n).padStart(bb(ctx) ? 9 : 7)).join(bb(ctx) ? '' : ' ')
  yield* write(ctx.io, 1, `${text}${rest.length ? ` ${rest.join(' ')}` : ''}\n`, ctx.m)
  return 0
}

/** A basic regular expression (grep without -E) as a JavaScript one. */
function breToJs(re: string): string {
  let out = ''
  for (let i = 0; i < re.length; i++) {
    const c = re[i]
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]
      out += '(){}|+?'.includes(n) ? n : `\\${n}`
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`
    else out += c
  }
  return out
}

function* grepCmd(ctx: CmdCtx): Proc {
  const { flags, rest } = optionsOf(ctx.argv.slice(1), 'vicqEFnw')
  if (rest.length === 0) return yield* fail(ctx, bb(ctx) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n' : `Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`, 2)
  const [pattern, ...files] = rest
  const input = inputOf(ctx, files, 'grep')
  if ('error' in input) return yield* fail(ctx, input.error, 2)
  let source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pattern : breToJs(pattern)
  if (flags.has('w')) source = `\\b(?:${source})\\b`
  let re: RegExp
  try {
    re = new RegExp(source, flags.has('i') ? 'i' : '')
  } catch {
    throw new Unsupported(`the grep pattern ${pattern}`)
  }
  const matches = linesOf(input.text)
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => re.test(l) !== flags.has('v'))
  if (flags.has('q')) return matches.length ? 0 : 1
  if (flags.has('c')) yield* write(ctx.io, 1, `${matches.length}\n`, ctx.m)
  else yield* write(ctx.io, 1, matches.map(({ l, i }) => `${flags.has('n') ? `${i + 1}:` : ''}${l}\n`).join(''), ctx.m)
  return matches.length ? 0 : 1
}

function* constant(ctx: CmdCtx, text: string): Proc {
  yield* write(ctx.io, 1, text, ctx.m)
  return 0
}

function* unameCmd(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const parts: string[] = []
  for (const a of args.length ? args : ['-s']) {
    for (const f of a.replace(/^-/, '')) {
      if (f === 's') parts.push('Linux')
      else if (f === 'n') parts.push(ctx.m.hostname)
      else if (f === 'r') parts.push(KERNEL_RELEASE)
      else if (f === 'm' || f === 'p' || f === 'i') parts.push('x86_64')
      else throw new Unsupported(`uname -${f}`)
    }
  }
  yield* write(ctx.io, 1, `${parts.join(' ')}\n`, ctx.m)
  return 0
}

function* basenameCmd(ctx: CmdCtx): Proc {
  const [p = '', suffix] = ctx.argv.slice(1)
  let b = p.replace(/\/+$/, '').split('/').pop() || (p.startsWith('/') ? '/' : '')
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length)
  return yield* constant(ctx, `${b}\n`)
}

function* dirnameCmd(ctx: CmdCtx): Proc {
  const p = (ctx.argv[1] ?? '').replace(/\/+$/, '')
  const i = p.lastIndexOf('/')
  return yield* constant(ctx, `${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`)
}

/** Commands that reach the network: their answers would need the cluster's Services and DNS. */
const NETWORK_COMMANDS = new Set(['curl', 'wget', 'nc', 'nslookup', 'ping', 'ping6', 'telnet', 'traceroute', 'dig', 'host'])

/**
 * The implementations, by executable name. The image decides whether a name exists; this table
 * decides whether the simulator can run it.
 */
export const COMMANDS: Record<string, ExternalImpl> = {
  sleep: sleepCmd,
  usleep: function* (ctx) {
    const us = Number(ctx.argv[1] ?? '0')
    if (!Number.isFinite(us)) throw new Unsupported(`usleep ${ctx.argv[1]}`)
    yield* wait(Math.round(us / 1000), ctx.isMain)
    return 0
  },
  echo: echoCmd,
  printf: printfCmd,
  date: dateCmd,
  hostname: hostnameCmd,
  env: envCmd,
  printenv: printenvCmd,
  cat: catCmd,
  touch: touchCmd,
  rm: rmCmd,
  mkdir: mkdirCmd,
  rmdir: rmdirCmd,
  tail: tailCmd,
  test: testCmd,
  '[': testCmd,
  true: function* () {
    return 0
  },
  false: function* () {
    return 1
  },
  seq: seqCmd,
  pwd: (ctx) => constant(ctx, `${ctx.cwd}\n`),
  whoami: (ctx) => constant(ctx, 'root\n'),
  uname: unameCmd,
  basename: basenameCmd,
  dirname: dirnameCmd,
  nproc: (ctx) => constant(ctx, `${ctx.m.cpus}\n`),
  head: headCmd,
  wc: wcCmd,
  grep: grepCmd,
  egrep: (ctx) => grepCmd({ ...ctx, argv: ['grep', '-E', ...ctx.argv.slice(1)] }),
  fgrep: (ctx) => grepCmd({ ...ctx, argv: ['grep', '-F', ...ctx.argv.slice(1)] }),
}

/** Why a command cannot be simulated (for the `Unsupported` message). */
export function unsupportedCommandReason(name: string): string {
  if (NETWORK_COMMANDS.has(name)) return `the network command "${name}" (requests to Services and Pods are not simulated inside containers)`
  return `the command "${name}"`
}

