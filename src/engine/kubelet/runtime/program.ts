/**
 * What a container does: `runProgram` takes the image, the container's command/args/env and the
 * virtual start time, and describes the process: the argv it runs, the ports it listens on,
 * its output over time (computed lazily, so an endless loop is fine), and when and how it exits.
 *
 * Everything is a pure function of the inputs. A `Program` is plain data (safe to snapshot); the
 * functions below (`logsUntil`, `listensAt`, `filesAt`, `withSignal`) compute from it, caching
 * the simulation per Program object.
 *
 * Upstream: the kubelet's command and args (pkg/kubelet/container/helpers.go
 * ExpandContainerCommandAndArgs, third_party/forked/golang/expansion), runc's exec error texts.
 */
import type { ResolvedImage } from './images'
import { resolveImage } from './images'
import { osBinaries } from './commands'
import { initialFs, type FsSnapshot, type MountSpec } from './fs'
import type { Machine, Proc } from './proc'
import { findExecutable, runArgv } from './shell-exec'
import { Unsupported } from './shell-parse'
import { Tracer, type ExitInfo, type Forever, type LogLine, type SignalRecord } from './trace'

export type { ExitInfo, Forever, LogLine, SignalRecord }

/** The inputs of a container process. */
export interface ProgramSpec {
  /** The resolved image (images.ts `resolveImage`), or a reference the registry has. */
  image: ResolvedImage | string
  /** `container.command`: replaces the image ENTRYPOINT (and then the CMD is not used). */
  command?: string[]
  /** `container.args`: replaces the image CMD. */
  args?: string[]
  /** The container's environment as the kubelet resolved it (env, envFrom, service variables), in order. */
  env: Record<string, string>
  /** Virtual ms when the runtime started the process. */
  startedAt: number
  /** The pod's hostname (its name, unless spec.hostname is set). */
  hostname: string
  podIP: string
  /** `container.stdin` / `tty`: with stdin, shells and REPLs wait for input instead of ending. */
  stdin?: boolean
  tty?: boolean
  /** `container.workingDir`. */
  workingDir?: string
  /** Files volumes put into the container (ConfigMap keys, …). */
  mounts?: MountSpec[]
  /** CPUs of the node (nginx starts one worker per CPU). Default 2. */
  cpus?: number
  /** `shareProcessNamespace: true`: the process is not PID 1, so unhandled SIGTERM kills it (143). */
  shareProcessNamespace?: boolean
}

/** The runtime could not start the process: the container is terminated with this reason. */
export interface StartError {
  reason: 'StartError'
  /** runc's error, as in the container status message and the `Failed` event (`Error: <message>`). */
  message: string
  exitCode: 128
}

/** A container process, as plain data. */
export interface Program {
  spec: ProgramSpec
  image: ResolvedImage
  /** The argv the runtime executes: command/ENTRYPOINT + args/CMD, after `$(VAR)` expansion. */
  argv: string[]
  startedAt: number
  /** Set when the process could not start; then nothing else happens. */
  startError?: StartError
  /**
   * When and how it ends by itself (given the signals below). Undefined when it never does
   * (`runsForever` says why) or when the eager search gave up (`runsForever: 'beyond-horizon'`,
   * a loop that changes state every time): then ask `exitBy(p, t)` as time goes on.
   */
  exit?: ExitInfo
  /** Why it never ends by itself, when that is known; `beyond-horizon` when not known yet. */
  runsForever?: Forever | 'beyond-horizon'
  /** Something in the program the simulator does not model, and when it was reached. */
  unsupported?: { at: number; feature: string }
  /** Every port it listens on at some point before it settles (servers open theirs at startup). */
  listens: number[]
  /** Signals sent to it so far (withSignal). */
  signals: { at: number; signal: string }[]
  /** The image's STOPSIGNAL, which containerd sends on StopContainer (SIGTERM unless set). */
  stopSignal: string
}

/**
 * Steps the eager simulation may take to find the exit (5 000 steps, a few ms; over an hour of a
 * loop that sleeps 1 s). Past that, `runsForever` is `beyond-horizon` and `exitBy` finds the exit
 * lazily.
 */
const SETTLE_STEPS = 5_000

/** Working directories of the images that set WORKDIR. */
const WORKDIRS: Record<string, string> = { redis: '/data', httpd: '/usr/local/apache2', php: '/var/www/html', memcached: '/', fluentd: '/home/fluent' }

/**
 * `$(VAR)` expansion of command and args, as the kubelet does it: a defined variable is replaced,
 * an undefined one stays as written, `$$` is a literal `$` (so `$$(VAR)` stays `$(VAR)`).
 * Upstream: third_party/forked/golang/expansion/expand.go.
 *
 * expandKubeVars('echo $(GREETING) $$(HOME)', { GREETING: 'hi' }) → 'echo hi $(HOME)'
 */
export function expandKubeVars(input: string, env: Record<string, string>): string {
  let out = ''
  let checkpoint = 0
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue
    out += input.slice(checkpoint, cursor)
    const rest = input.slice(cursor + 1)
    let read: string
    let advance: number
    if (rest[0] === '$') {
      read = '$'
      advance = 1
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1)
      if (close > 0) {
        const name = rest.slice(1, close)
        read = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : `$(${name})`
        advance = close + 1
      } else {
        read = '$('
        advance = 1
      }
    } else {
      read = `$${rest[0]}`
      advance = 1
    }
    out += read
    cursor += advance
    checkpoint = cursor + 1
  }
  return out + input.slice(checkpoint)
}

/**
 * The argv the runtime runs, by Kubernetes' rules: `command` replaces the ENTRYPOINT and then the
 * image CMD is ignored; `args` replaces the CMD; both get `$(VAR)` expansion.
 *
 * resolveArgv(nginx, undefined, undefined, {}) → ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']
 */
export function resolveArgv(image: Pick<ResolvedImage, 'entrypoint' | 'cmd'>, command: string[] | undefined, args: string[] | undefined, env: Record<string, string>): string[] {
  const hasCommand = command !== undefined && command.length > 0
  const hasArgs = args !== undefined && args.length > 0
  const cmd = hasCommand ? command!.map((c) => expandKubeVars(c, env)) : image.entrypoint
  const rest = hasArgs ? args!.map((a) => expandKubeVars(a, env)) : hasCommand ? [] : image.cmd
  return [...cmd, ...rest]
}

/**
 * The runc error for an executable that is not in the image, as containerd reports it.
 * Upstream: runc libcontainer/standard_init_linux.go ("exec: %q: executable file not found in $PATH").
 */
export function execNotFoundMessage(argv0: string): string {
  const what = argv0.includes('/') ? `exec: "${argv0}": stat ${argv0}: no such file or directory` : `exec: "${argv0}": executable file not found in $PATH`
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${what}: unknown`
}

function resolved(spec: ProgramSpec): ResolvedImage {
  if (typeof spec.image !== 'string') return spec.image
  const r = resolveImage(spec.image)
  if (!r.found) throw new Error(`runProgram: the registry has no image ${spec.image}: ${r.message}`)
  return r.image
}

/** The process environment: image ENV, then HOSTNAME and the container's env (overriding), then HOME. */
export function processEnv(image: ResolvedImage, spec: Pick<ProgramSpec, 'env' | 'hostname'>): Map<string, string> {
  const env = new Map<string, string>()
  const [first, ...rest] = image.env
  if (first) env.set(first[0], first[1])
  env.set('HOSTNAME', spec.hostname)
  for (const [k, v] of rest) env.set(k, v)
  for (const [k, v] of Object.entries(spec.env)) env.set(k, v)
  if (!env.has('HOME')) env.set('HOME', '/root')
  return env
}

/** The executables of an image's machines (read only, so shared by every container of the image). */
const binarySets = new Map<string, ReadonlySet<string>>()
function binariesOf(image: ResolvedImage): ReadonlySet<string> {
  const key = `${image.os}\u0000${image.binaries.join('\u0000')}`
  let set = binarySets.get(key)
  if (!set) binarySets.set(key, (set = new Set([...osBinaries(image.os), ...image.binaries])))
  return set
}

/** A fresh container machine for `spec` (the filesystem as the container starts). */
export function newMachine(spec: ProgramSpec, image: ResolvedImage): Machine {
  const app = image.entry.app
  const cwd = workingDirOf(spec, image)
  const fs = initialFs({ os: image.os, app, hostname: spec.hostname, podIP: spec.podIP, mounts: [...(spec.mounts ?? []), { path: cwd }] })
  const binaries = binariesOf(image)
  return {
    fs,
    now: () => spec.startedAt,
    hostname: spec.hostname,
    podIP: spec.podIP,
    image,
    os: image.os,
    binaries,
    pendingSignals: [],
    ignoredAtExec: new Set(),
    pid1: !spec.shareProcessNamespace,
    stdinOpen: !!spec.stdin,
    tty: !!spec.tty,
    timeReads: 0,
    signalEpoch: 0,
    cpus: spec.cpus ?? 2,
  }
}

/** The process's working directory: `workingDir`, else the image's WORKDIR, else `/`. */
export function workingDirOf(spec: ProgramSpec, image: ResolvedImage): string {
  return spec.workingDir || WORKDIRS[image.entry.app] || '/'
}

/**
 * Recently used simulations. A tracer holds the container's whole simulated machine (files,
 * processes), so only the most recent ones are kept; any other is rebuilt on demand, which gives
 * the same trace (a tracer is a pure function of its program).
 */
const tracers = new Map<Program, Tracer>()
const MAX_TRACERS = 256

function mainProcess(m: Machine, argv: string[], env: Map<string, string>, cwd: string): () => Proc {
  return () => runArgv(m, argv, { env, cwd, io: { fds: [{ k: 'null' }, { k: 'log', fd: 1 }, { k: 'log', fd: 2 }], stdin: null }, asMain: true })
}

/** The (cached) simulation of a program. */
export function traceOf(p: Program): Tracer {
  let tr = tracers.get(p)
  if (tr) {
    // Most recently used last.
    tracers.delete(p)
    tracers.set(p, tr)
  } else tr = newTracer(p, newMachine(p.spec, p.image))
  return tr
}

/** Starts the simulation of `p` on machine `m` (fresh, as newMachine made it) and remembers it. */
function newTracer(p: Program, m: Machine): Tracer {
  const tr = new Tracer(m, mainProcess(m, p.argv, processEnv(p.image, p.spec), workingDirOf(p.spec, p.image)), p.startedAt, p.startError ? [] : p.signals)
  if (p.startError) tr.exit = { at: p.startedAt, code: 128, reason: 'Error' }
  tracers.set(p, tr)
  if (tracers.size > MAX_TRACERS) tracers.delete(tracers.keys().next().value!)
  return tr
}

function settle(p: Program): Program {
  if (p.startError) return p
  const tr = traceOf(p)
  // Signals always take effect, however long the way to them (a SIGKILL ends any loop).
  if (p.signals.length) tr.advanceTo(Math.max(...p.signals.map((s) => s.at)))
  const done = tr.advanceTo(Infinity, SETTLE_STEPS, true)
  p.exit = tr.exit
  p.unsupported = tr.unsupported
  p.runsForever = tr.exit ? undefined : tr.forever ?? (done ? undefined : 'beyond-horizon')
  const ports = new Set<number>()
  for (const e of tr.ports) if (e.open) ports.add(e.port)
  p.listens = [...ports].sort((a, b) => a - b)
  return p
}

/**
 * Describes the container process for `spec`.
 *
 * runProgram({ image: 'busybox', command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'],
 *   env: {}, startedAt: 0, hostname: 'demo', podIP: '10.244.1.5' })
 *   → { argv: ['sh', '-c', …], listens: [], runsForever: 'periodic', … }
 */
export function runProgram(spec: ProgramSpec): Program {
  const image = resolved(spec)
  const argv = resolveArgv(image, spec.command, spec.args, spec.env)
  const p: Program = { spec, image, argv, startedAt: spec.startedAt, listens: [], signals: [], stopSignal: image.stopSignal }
  if (argv.length === 0) {
    p.startError = { reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "": executable file not found in $PATH: unknown', exitCode: 128 }
    p.exit = { at: spec.startedAt, code: 128, reason: 'Error' }
    return p
  }
  const m = newMachine(spec, image)
  if (!findExecutable(m, argv[0], workingDirOf(spec, image))) {
    p.startError = { reason: 'StartError', message: execNotFoundMessage(argv[0]), exitCode: 128 }
    p.exit = { at: spec.startedAt, code: 128, reason: 'Error' }
    return p
  }
  // Looking the executable up changed nothing: the same machine runs the program.
  newTracer(p, m)
  return settle(p)
}

/**
 * The program after the runtime sends `signal` (`SIGTERM`, `SIGQUIT`, `SIGKILL` …) at `at`:
 * a new Program whose `exit` accounts for it. See signals.ts for the kubelet's stop sequence.
 */
export function withSignal(p: Program, at: number, signal: string): Program {
  if (p.startError) return p
  return settle({ ...p, signals: [...p.signals, { at, signal }], exit: undefined, runsForever: undefined, unsupported: undefined })
}

/**
 * The exit, if the process has exited by `t` (inclusive). Needed only for programs whose
 * `runsForever` is `beyond-horizon`; for the others it agrees with `p.exit`.
 */
export function exitBy(p: Program, t: number): ExitInfo | undefined {
  if (p.exit) return p.exit.at <= t ? p.exit : undefined
  const tr = traceOf(p)
  tr.advanceTo(t)
  return tr.exit && tr.exit.at <= t ? tr.exit : undefined
}

/** Log lines written up to `t` (inclusive), in order. */
export function logsUntil(p: Program, t: number): LogLine[] {
  if (p.startError) return []
  return traceOf(p).linesUntil(t)
}

/** Log lines written in (since, until]. */
export function logsBetween(p: Program, since: number, until: number): LogLine[] {
  return logsUntil(p, until).filter((l) => l.t > since)
}

/** Ports the process listens on at `t`. */
export function listensAt(p: Program, t: number): number[] {
  if (p.startError || t < p.startedAt) return []
  return traceOf(p).portsAt(t)
}

/** Whether the process is still running at `t`. */
export function runningAt(p: Program, t: number): boolean {
  if (p.startError || t < p.startedAt) return false
  const tr = traceOf(p)
  tr.advanceTo(t)
  return tr.exit === undefined || tr.exit.at > t
}

/** The container's files at `t`, as plain data. */
export function filesAt(p: Program, t: number): FsSnapshot {
  return traceOf(p).fsAt(t).snapshot()
}

/** What the signals sent so far did, with an explanation for each (for the UI). */
export function signalOutcomes(p: Program, until = Infinity): SignalRecord[] {
  if (p.startError) return []
  const tr = traceOf(p)
  tr.advanceTo(until)
  return [...tr.signalLog]
}

export { Unsupported }
