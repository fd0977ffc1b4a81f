/**
 * The process model shared by the shell interpreter, the built-in commands and the server
 * models: a process is a generator of effects over virtual time.
 *
 * A process yields `out` (text on its stdout or stderr, at the current time), `wait` (time passes:
 * a `sleep`, or forever for a server), `listen` (a port opens or closes), and returns its exit code.
 * The tracer (trace.ts) drives the generator, keeps the clock, cuts output into log lines and
 * delivers signals. Nothing here reads a clock of its own.
 */
import type { OsFamily } from './catalog'
import type { Fs } from './fs'
import type { ResolvedImage } from './images'

/** What a process does when a signal arrives while it waits: run a shutdown sequence (returning the exit code), or ignore it. */
export type SignalHandler = (signal: string) => Proc | 'ignore' | 'default'

export type Effect =
  /**
   * Time passes. `who: 'self'` when the container's main process itself waits (it receives signals); `'child'` when the main shell waits for a child.
   * `script`: the main process is an image's entrypoint script that will exec the server (for the explanation of an ignored signal).
   */
  | { k: 'wait'; ms: number; who: 'self' | 'child'; onSignal?: SignalHandler; script?: string }
  /** Text written to the container's stdout (1) or stderr (2), at the current time. */
  | { k: 'out'; fd: 1 | 2; text: string }
  | { k: 'listen'; port: number; open: boolean }
  /** A `while` loop found its state identical at two iterations: it will never end. */
  | { k: 'periodic' }
  /** A command asked the main process to handle a signal (`nginx -s quit` run in a hook). */
  | { k: 'signal-main'; signal: string }

export type Proc = Generator<Effect, number, void>

/** Where a file descriptor goes. */
export type Sink =
  | { k: 'log'; fd: 1 | 2 }
  | { k: 'null' }
  | { k: 'file'; path: string }
  | { k: 'buf'; chunks: string[] }

export interface Io {
  /** fds[1] is stdout, fds[2] stderr. */
  fds: Sink[]
  /** Standard input: its whole content, or null for none (EOF at once, as `/dev/null`). */
  stdin: string | null
}

export type ShellFlavor = 'ash' | 'dash' | 'bash'

/** The container a process runs in. */
export interface Machine {
  fs: Fs
  /** The current virtual time (owned by the tracer). */
  now(): number
  hostname: string
  podIP: string
  image: ResolvedImage
  os: OsFamily
  /** Executable names available in the image. */
  binaries: ReadonlySet<string>
  /** Signals delivered to the main shell that its traps have not handled yet. */
  pendingSignals: string[]
  /** The main shell, when the main process is a shell (its traps decide what signals do). */
  mainShell?: { traps: Map<string, string> }
  /**
   * Signals a main shell set to be ignored (`trap '' TERM`) before it exec'd the current main
   * process: execve resets caught signals to their default action but keeps ignored ones ignored,
   * so a program without a handler of its own still ignores them.
   */
  ignoredAtExec: Set<string>
  /** Whether the main process is PID 1 of its namespace (false with `shareProcessNamespace`). */
  pid1: boolean
  /** `stdin: true` in the container spec: reads block instead of seeing EOF. */
  stdinOpen: boolean
  tty: boolean
  /**
   * Counts reads of the time that reached the script's state (`x=$(date)`, `[ "$(date +%S)" = 00 ]`):
   * a loop iteration that read the time may behave differently next time, so it is not periodic.
   */
  timeReads: number
  /** Incremented by every delivered signal: a trap may change what a periodic loop does. */
  signalEpoch: number
  /** Node CPUs, for nginx's `worker_processes auto`. */
  cpus: number
}

/** Everything an external command gets. */
export interface CmdCtx {
  m: Machine
  argv: string[]
  /** The process environment, in order. */
  env: Map<string, string>
  cwd: string
  io: Io
  /** Whether this process is the container's main process (it receives the runtime's signals). */
  isMain: boolean
  /** Runs another program in place of this one (`exec`), or as a child; returns its exit code. */
  run(argv: string[], opts?: { env?: Map<string, string>; asMain?: boolean }): Proc
}

export type ExternalImpl = (ctx: CmdCtx) => Proc

/** Writes text to a file descriptor, following redirections. */
export function* write(io: Io, fd: number, text: string, m: Machine): Generator<Effect, void, void> {
  if (!text) return
  const sink = io.fds[fd] ?? { k: 'null' }
  switch (sink.k) {
    case 'log':
      yield { k: 'out', fd: sink.fd, text }
      return
    case 'file':
      m.fs.write(sink.path, text, true)
      return
    case 'buf':
      sink.chunks.push(text)
      return
    case 'null':
      return
  }
}

/** Waits `ms` of virtual time (Infinity: forever). */
export function* wait(ms: number, isMain: boolean, onSignal?: SignalHandler): Generator<Effect, void, void> {
  if (ms <= 0) return
  yield { k: 'wait', ms, who: isMain ? 'self' : 'child', onSignal }
}

/** Signal numbers, for the `128 + n` exit codes of processes killed by a signal. */
export const SIGNAL_NUMBERS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, CHLD: 17, STOP: 19, WINCH: 28,
}

/** `SIGTERM`, `TERM`, `term`, `15` → `TERM`; undefined when unknown. `0`/`EXIT` → `EXIT`. */
export function normalizeSignal(s: string): string | undefined {
  const u = s.toUpperCase().replace(/^SIG/, '')
  if (u === '0' || u === 'EXIT') return 'EXIT'
  if (/^\d+$/.test(u)) return Object.entries(SIGNAL_NUMBERS).find(([, n]) => n === Number(u))?.[0]
  return SIGNAL_NUMBERS[u] !== undefined ? u : undefined
}

/** Whether the OS's `sh` is busybox ash, dash or bash. */
export function shellFlavorOf(os: OsFamily, name: string): ShellFlavor {
  const base = name.split('/').pop()
  if (base === 'bash') return 'bash'
  if (base === 'dash') return 'dash'
  if (os === 'alpine' || os === 'busybox' || base === 'ash') return 'ash'
  if (os === 'oraclelinux') return 'bash'
  return 'dash'
}

/** Whether the OS's tools are busybox applets (error texts differ from GNU coreutils). */
export function isBusybox(os: OsFamily): boolean {
  return os === 'alpine' || os === 'busybox'
}
