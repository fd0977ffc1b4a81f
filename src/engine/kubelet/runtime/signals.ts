/**
 * How a container stops: the kubelet's killContainer sequence and what each kind of process does
 * with the stop signal.
 *
 * Sequence (upstream pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer):
 * 1. event `Killing`: `Stopping container <name>`;
 * 2. the preStop hook, if any, bounded by the grace period; the grace period left is the grace
 *    period minus the hook's duration in whole seconds, and never less than 2 s;
 * 3. StopContainer(grace left): containerd sends the image's STOPSIGNAL (SIGTERM unless the image
 *    sets one: nginx SIGQUIT, httpd SIGWINCH, postgres SIGINT), waits, then sends SIGKILL.
 *
 * What processes do with it (servers.ts documents each model):
 * - servers with handlers (nginx, httpd, redis, mysqld, postgres, php-fpm, memcached, pause,
 *   fluentd) shut down and exit 0 within milliseconds (mysqld 1.5 s);
 * - a shell as PID 1 without a trap ignores SIGTERM (the kernel never applies a default action to
 *   PID 1), so it runs until SIGKILL: exit 137 after the whole grace period. This is why deleting
 *   a pod running `sh -c 'while true; …; done'` takes 30 s;
 * - a shell with `trap '…' TERM` runs the trap once its current foreground command (e.g. `sleep 5`)
 *   has finished; `trap 'exit 0' TERM` then exits 0;
 * - `sleep`, `tail -f /dev/null`, node and python as PID 1 have no handler: ignored, then 137;
 * - a shell that execs a program (`exec prog`, or `sh -c 'prog'`) hands PID 1 to it: from then on
 *   the program's own handlers decide, the shell's traps are gone, and only signals it ignored
 *   with `trap '' SIG` stay ignored (execve keeps SIG_IGN). The images' entrypoint scripts end
 *   with `exec "$@"`, so nginx, redis, mysqld … are PID 1 themselves;
 * - but a stop signal that arrives while such a script is still running (the first ~20 ms of
 *   nginx, first-run initialisation of mysql and postgres) finds the script as PID 1 without a
 *   handler: the kernel discards it, the server exec'd afterwards never sees it, and SIGKILL
 *   ends the container after the grace period;
 * - with `shareProcessNamespace: true` the process is not PID 1: no handler means it dies, 143.
 * SIGKILL always ends the process: 137.
 */
import type { LifecycleHandler } from 'kubernetes-types/core/v1'
import { execInContainer } from './exec'
import { httpGet, type ProbeContext } from './probes'
import { runningAt, signalOutcomes, withSignal, type ExitInfo, type Program, type SignalRecord } from './program'

/** Whole seconds the kubelet always leaves between the stop signal and SIGKILL. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2

export interface HookRun {
  /** Virtual ms the hook started and ended (ended ≤ start + grace period). */
  startedAt: number
  endedAt: number
  ok: boolean
  /** The hook was still running when the grace period ran out. */
  timedOut: boolean
  /** The handler runner's error (for the kubelet's log; the event does not carry it). */
  error?: string
}

export interface KubeletEvent {
  at: number
  type: 'Normal' | 'Warning'
  reason: string
  message: string
}

export interface StopResult {
  preStop?: HookRun
  /** When the stop signal was sent, and which. */
  signalAt: number
  signal: string
  /** When SIGKILL is due if the process is still running. */
  killAt: number
  /** The program with the signals applied (its logs include the shutdown lines). */
  program: Program
  exit: ExitInfo
  /** Whether SIGKILL ended it (exit 137). */
  killed: boolean
  /** What the stop signal did, and why (for the UI). */
  signalOutcome?: SignalRecord
  events: KubeletEvent[]
}

/**
 * Runs a lifecycle hook handler (preStop or postStart) in the container at `at`, for at most
 * `limitMs`. exec runs through the interpreter (its duration is its sleeps); httpGet succeeds at
 * once when the container listens on the port (any HTTP status counts, as in the kubelet);
 * sleep waits; tcpSocket is not supported by the kubelet and fails.
 * Upstream: pkg/kubelet/lifecycle/handlers.go.
 */
export function runHook(p: Program, handler: LifecycleHandler, at: number, limitMs: number, ctx: ProbeContext & { containerName: string; podFullName: string }): HookRun & { signalsToMain: { at: number; signal: string }[] } {
  if (handler.exec) {
    const command = handler.exec.command ?? []
    const r = execInContainer(p, command, at, { timeoutMs: limitMs })
    const ok = !r.timedOut && !r.startError && !r.unsupported && r.exitCode === 0
    const error = ok || r.timedOut
      ? undefined
      : `Exec lifecycle hook ([${command.join(' ')}]) for Container "${ctx.containerName}" in Pod "${ctx.podFullName}" failed - error: ${r.startError ?? r.unsupported ?? `command '${command.join(' ')}' exited with ${r.exitCode}: ${r.output}`}, message: "${r.output.replace(/\n/g, '\\n')}"`
    return { startedAt: at, endedAt: at + r.durationMs, ok, timedOut: r.timedOut, error, signalsToMain: r.signalsToMain }
  }
  if (handler.httpGet) {
    const r = httpGet(p, handler.httpGet, at, ctx)
    const transportOk = r.ok || r.statusCode !== undefined
    return {
      startedAt: at,
      endedAt: at + (transportOk ? 5 : 0),
      ok: transportOk,
      timedOut: false,
      error: transportOk ? undefined : `HTTP lifecycle hook (${handler.httpGet.path ?? ''}) for Container "${ctx.containerName}" in Pod "${ctx.podFullName}" failed - error: ${r.output}`,
      signalsToMain: [],
    }
  }
  if (handler.sleep) {
    const ms = handler.sleep.seconds * 1000
    return { startedAt: at, endedAt: at + Math.min(ms, limitMs), ok: ms <= limitMs, timedOut: ms > limitMs, signalsToMain: [] }
  }
  return { startedAt: at, endedAt: at, ok: false, timedOut: false, error: 'a TCPSocket lifecycle handler is not supported', signalsToMain: [] }
}

/**
 * Stops the container process the way the kubelet and containerd do, from `at`.
 *
 * stopContainer(p, { at: 60_000, gracePeriodSeconds: 30, containerName: 'app', … })
 *   → for `sh -c 'while true; do …; done'`: { signalAt: 60_000, killAt: 90_000, exit: { at: 90_000, code: 137 }, killed: true }
 */
export function stopContainer(
  p: Program,
  opts: { at: number; gracePeriodSeconds: number; preStop?: LifecycleHandler; containerName: string; podFullName: string; message?: string } & ProbeContext,
): StopResult {
  const events: KubeletEvent[] = [{ at: opts.at, type: 'Normal', reason: 'Killing', message: opts.message ?? `Stopping container ${opts.containerName}` }]
  let program = p
  let grace = opts.gracePeriodSeconds
  let signalAt = opts.at
  let preStop: HookRun | undefined
  if (!runningAt(p, opts.at)) {
    // A container whose process has not started yet (its start is still due) or could not start
    // has no exit of its own: the runtime removes it at once, as SIGKILL would.
    const exit = p.exit ?? { at: opts.at, code: 137, reason: 'Error' as const }
    return { signalAt, signal: p.stopSignal, killAt: signalAt, program: p, exit, killed: false, events }
  }
  if (opts.preStop && grace > 0) {
    const hook = runHook(p, opts.preStop, opts.at, grace * 1000, opts)
    const { signalsToMain, ...run } = hook
    preStop = run
    for (const s of signalsToMain) program = withSignal(program, s.at, s.signal)
    if (!run.ok && !run.timedOut) events.push({ at: run.endedAt, type: 'Warning', reason: 'FailedPreStopHook', message: 'PreStopHook failed' })
    grace -= Math.floor((run.endedAt - run.startedAt) / 1000)
    signalAt = run.endedAt
  }
  if (grace < MINIMUM_GRACE_PERIOD_SECONDS) grace = MINIMUM_GRACE_PERIOD_SECONDS
  const killAt = signalAt + grace * 1000
  const signal = p.stopSignal
  if (runningAt(program, signalAt)) program = withSignal(program, signalAt, signal)
  if (runningAt(program, killAt)) program = withSignal(program, killAt, 'SIGKILL')
  const exit = program.exit!
  const outcome = signalOutcomes(program).find((s) => s.at === signalAt && s.signal === signal)
  return { preStop, signalAt, signal, killAt, program, exit, killed: exit.code === 137 && exit.at === killAt, signalOutcome: outcome, events }
}
