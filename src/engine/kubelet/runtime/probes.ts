/**
 * Readiness, liveness and startup probes, evaluated against the simulated container at a virtual
 * time, with the kubelet's texts.
 *
 * - exec: runs the command in the container (exec.ts) against its files at that time; exit 0 is
 *   success, anything else a failure whose output is the message; a missing executable is a probe
 *   error (result `unknown`: the kubelet drops that result); a timeout is a failure
 *   `command "…" timed out`.
 * - httpGet: a connection is refused unless the process listens on the port then; a listener
 *   answers as its program does (nginx serves `/`, `/index.html` and `/50x.html` with 200 and any
 *   other path with 404); 200–399 is success.
 * - tcpSocket: success iff the port is listening.
 * - grpc: none of the simulated programs implements grpc.health.v1, so it fails with the
 *   connect timeout the kubelet reports.
 *
 * Upstream: pkg/kubelet/prober/prober.go, pkg/probe/{exec,http,tcp,grpc}.
 */
import type { HTTPGetAction, Probe } from 'kubernetes-types/core/v1'
import { execInContainer } from './exec'
import { goDuration } from './format'
import { filesAt, listensAt, runningAt, type Program } from './program'
import { httpAnswer } from './servers'

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup'

export interface ProbeResult {
  /** `unknown`: the probe errored (or the container is not running); the kubelet keeps the previous result. */
  result: 'success' | 'failure' | 'unknown'
  /** The prober's output: the command output, `HTTP probe failed with statuscode: 404`, Go's dial error … */
  output: string
  /** The `Unhealthy` event message when the result is not success: `Liveness probe failed: …`. */
  event?: string
}

export interface ProbeContext {
  podIP: string
  /** Named container ports (`ports[].name` → containerPort), for `port: http`. */
  namedPorts?: Record<string, number>
}

function portOf(port: number | string, ctx: ProbeContext): number | undefined {
  if (typeof port === 'number') return port
  if (/^\d+$/.test(port)) return Number(port)
  return ctx.namedPorts?.[port]
}

/** The URL the kubelet builds for an httpGet action (Go's url.URL String()). */
export function probeURL(action: HTTPGetAction, port: number, podIP: string): string {
  const scheme = (action.scheme ?? 'HTTP').toLowerCase()
  const host = action.host || podIP
  let path = action.path ?? ''
  if (path && !path.startsWith('/')) path = `/${path}`
  const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  return `${scheme}://${hostPort}${path || '/'}`
}

/** The text of an HTTP GET against the container at `at` (shared with httpGet lifecycle hooks). */
export function httpGet(p: Program, action: HTTPGetAction, at: number, ctx: ProbeContext): { ok: boolean; statusCode?: number; output: string } {
  const port = portOf(action.port, ctx)
  const host = action.host || ctx.podIP
  if (port === undefined) return { ok: false, output: `unable to find port ${action.port}` }
  const url = probeURL(action, port, ctx.podIP)
  if (!listensAt(p, at).includes(port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` }
  if ((action.scheme ?? 'HTTP') === 'HTTPS') return { ok: false, output: `Get "${url}": http: server gave HTTP response to HTTPS client` }
  const files = new Map(Object.entries(filesAt(p, at).files))
  const usesFpm = p.argv.includes('php-fpm') || p.image.cmd[0] === 'php-fpm'
  const answer = httpAnswer(p.image.entry.app, usesFpm ? 'php-fpm' : p.argv[0], port, action.path || '/', files)
  if (answer.kind === 'not-http') return { ok: false, output: `Get "${url}": ${answer.error}` }
  if (answer.code >= 200 && answer.code < 400) return { ok: true, statusCode: answer.code, output: '' }
  return { ok: false, statusCode: answer.code, output: `HTTP probe failed with statuscode: ${answer.code}` }
}

/**
 * Runs one probe of type `type` against the container at virtual time `at`.
 *
 * runProbe(p, { exec: { command: ['cat', '/tmp/healthy'] } }, 'Liveness', 35_000, { podIP })
 *   → { result: 'failure', output: "cat: can't open '/tmp/healthy': No such file or directory\n",
 *       event: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n" }
 */
export function runProbe(p: Program, probe: Probe, type: ProbeType, at: number, ctx: ProbeContext): ProbeResult {
  if (!runningAt(p, at)) return { result: 'unknown', output: 'container is not running' }
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000
  const fail = (output: string): ProbeResult => ({ result: 'failure', output, event: `${type} probe failed: ${output}` })
  if (probe.exec) {
    const command = probe.exec.command ?? []
    const r = execInContainer(p, command, at, { timeoutMs })
    if (r.startError) return { result: 'unknown', output: '', event: `${type} probe errored and resulted in unknown state: ${r.startError}` }
    if (r.unsupported) return { result: 'unknown', output: '', event: `${type} probe errored and resulted in unknown state: [podium] the simulator cannot run ${r.unsupported}` }
    if (r.timedOut) return fail(`command "${command.join(' ')}" timed out`)
    return r.exitCode === 0 ? { result: 'success', output: r.output } : fail(r.output)
  }
  if (probe.httpGet) {
    const r = httpGet(p, probe.httpGet, at, ctx)
    return r.ok ? { result: 'success', output: '' } : fail(r.output)
  }
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port, ctx)
    const host = probe.tcpSocket.host || ctx.podIP
    if (port !== undefined && listensAt(p, at).includes(port)) return { result: 'success', output: '' }
    return fail(`dial tcp ${host}:${port ?? probe.tcpSocket.port}: connect: connection refused`)
  }
  if (probe.grpc) {
    return fail(`timeout: failed to connect service "${ctx.podIP}:${probe.grpc.port}" within ${goDuration(timeoutMs)}: context deadline exceeded`)
  }
  return { result: 'unknown', output: '', event: `${type} probe errored and resulted in unknown state: missing probe handler for ${type.toLowerCase()}` }
}

/** The `Killing` event message when a liveness or startup probe has failed `failureThreshold` times. */
export function probeKillMessage(containerName: string, type: 'Liveness' | 'Startup'): string {
  return `Container ${containerName} failed ${type.toLowerCase()} probe, will be restarted`
}

/** One tick of a probe worker. */
export interface ProbeTick {
  at: number
  result: ProbeResult
  /** The probe's verdict after this tick, with thresholds applied (initially failure for readiness/liveness unknown). */
  state: 'success' | 'failure'
  /** Set on the tick where a liveness/startup probe reaches its failure threshold. */
  thresholdReached?: boolean
}

/**
 * The results a probe worker would produce from the container's start up to `until`: the first
 * probe after `initialDelaySeconds`, then every `periodSeconds`, with `successThreshold` and
 * `failureThreshold` applied. (The real worker also sleeps a random jitter before its first probe;
 * the simulation does not.) Stops after a liveness/startup probe reaches its failure threshold,
 * since the kubelet then restarts the container.
 */
export function probeTimeline(p: Program, probe: Probe, type: ProbeType, until: number, ctx: ProbeContext): ProbeTick[] {
  const period = (probe.periodSeconds ?? 10) * 1000
  const successThreshold = probe.successThreshold ?? 1
  const failureThreshold = probe.failureThreshold ?? 3
  const ticks: ProbeTick[] = []
  let state: 'success' | 'failure' = type === 'Liveness' ? 'success' : 'failure'
  let successes = 0
  let failures = 0
  for (let at = p.startedAt + (probe.initialDelaySeconds ?? 0) * 1000; at <= until; at += period) {
    const result = runProbe(p, probe, type, at, ctx)
    if (result.result === 'unknown') {
      if (!runningAt(p, at)) break
      ticks.push({ at, result, state })
      continue
    }
    if (result.result === 'success') {
      failures = 0
      if (++successes >= successThreshold) state = 'success'
    } else {
      successes = 0
      if (++failures >= failureThreshold) state = 'failure'
    }
    const thresholdReached = type !== 'Readiness' && failures === failureThreshold
    ticks.push({ at, result, state, ...(thresholdReached ? { thresholdReached } : {}) })
    if (thresholdReached) break
    if (type === 'Startup' && state === 'success') break
  }
  return ticks
}
