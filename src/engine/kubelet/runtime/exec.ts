/**
 * Running a command inside a running container (CRI ExecSync), as exec probes and exec lifecycle
 * hooks do: the command sees the container's files as they are at that moment, its environment
 * and working directory, and its output (stdout and stderr together) is collected.
 *
 * Files the exec'd command writes do not flow back into the container's own timeline (each exec
 * works on a copy); a signal it sends to the main process (`nginx -s quit`) is reported in
 * `signalsToMain` so the caller can apply it.
 */
import { newMachine, processEnv, traceOf, workingDirOf, type Program } from './program'
import type { Effect, Proc, Sink } from './proc'
import { NotFound, runArgv } from './shell-exec'
import { Unsupported } from './shell-parse'
import { hex64 } from './hash'

export interface ExecResult {
  exitCode: number
  /** stdout and stderr, interleaved as written (what an exec probe reports). */
  output: string
  /** Virtual ms the command took (up to the timeout). */
  durationMs: number
  timedOut: boolean
  /** The runtime's error when the executable does not exist (the exec never started). */
  startError?: string
  /** A feature of the command the simulator does not model. */
  unsupported?: string
  /** Signals the command sent to the container's main process, with their times. */
  signalsToMain: { at: number; signal: string }[]
}

/** Steps one exec may take (a busy loop ends as a timeout). */
const EXEC_STEPS = 20_000

/**
 * The CRI error for an exec whose executable is missing, inside the kubelet's gRPC wrapping.
 * Upstream: containerd's ExecSync ("failed to exec in container: failed to start exec"), runc.
 */
export function execStartErrorMessage(argv0: string, execId: string): string {
  const what = argv0.includes('/') ? `exec: "${argv0}": stat ${argv0}: no such file or directory` : `exec: "${argv0}": executable file not found in $PATH`
  return `rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`
}

/**
 * Runs `argv` in the container of `p` at virtual time `at`, for at most `timeoutMs`.
 *
 * execInContainer(p, ['cat', '/tmp/healthy'], 35_000) → { exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n", … }
 */
export function execInContainer(p: Program, argv: string[], at: number, opts: { timeoutMs?: number } = {}): ExecResult {
  const timeoutMs = opts.timeoutMs ?? Infinity
  const m = newMachine(p.spec, p.image)
  m.fs = traceOf(p).fsAt(at)
  let clock = at
  m.now = () => clock
  const buf: Sink = { k: 'buf', chunks: [] }
  const signalsToMain: { at: number; signal: string }[] = []
  const output = () => (buf.k === 'buf' ? buf.chunks.join('') : '')
  const result = (exitCode: number, extra: Partial<ExecResult> = {}): ExecResult => ({
    exitCode,
    output: output(),
    durationMs: clock - at,
    timedOut: false,
    signalsToMain,
    ...extra,
  })
  const cwd = workingDirOf(p.spec, p.image)
  let gen: Proc
  try {
    gen = runArgv(m, argv, { env: processEnv(p.image, p.spec), cwd, io: { fds: [{ k: 'null' }, buf, buf], stdin: null }, asMain: false })
    for (let steps = 0; ; steps++) {
      if (steps > EXEC_STEPS) {
        clock = at + timeoutMs
        return result(-1, { timedOut: true })
      }
      const r = gen.next()
      if (r.done) return result(r.value)
      const ef = r.value as Effect
      if (ef.k === 'wait') {
        if (clock + ef.ms > at + timeoutMs) {
          clock = Math.min(at + timeoutMs, clock + ef.ms)
          return result(-1, { timedOut: true })
        }
        clock += ef.ms
      } else if (ef.k === 'signal-main') signalsToMain.push({ at: clock, signal: ef.signal })
    }
  } catch (e) {
    if (e instanceof NotFound) {
      return result(-1, { startError: execStartErrorMessage(argv[0], hex64(`exec|${p.spec.hostname}|${argv.join(' ')}|${at}`)) })
    }
    if (e instanceof Unsupported) return result(-1, { unsupported: e.feature })
    throw e
  }
}
