/**
 * The kubelet's view of the container runtime model (runtime/): images, processes, probes and
 * stops, in the shapes the kubelet needs.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import * as RT from './runtime'
import { EPOCH_MS } from '../sim/time'
import { hex64 } from './runtime/hash'

export type Program = RT.Program

export type Pull =
  | { ok: true; fullName: string; imageId: string; size: number }
  | { ok: false; invalidName: boolean; message: string }

/**
 * Image lookups are pure, so they are memoised: every container of an image shares one
 * ResolvedImage (a 10,000-pod cluster would otherwise hold 10,000 copies).
 */
const resolved = new Map<string, ReturnType<typeof RT.resolveImage>>()
function resolveImage(image: string): ReturnType<typeof RT.resolveImage> {
  let r = resolved.get(image)
  if (!r) resolved.set(image, (r = RT.resolveImage(image)))
  return r
}

/** What the registry says about an image reference. */
export function resolvePull(image: string): Pull {
  const r = resolveImage(image)
  if (r.found) return { ok: true, fullName: r.image.imageName, imageId: r.image.repoDigest, size: r.image.sizeBytes }
  return { ok: false, invalidName: r.reason === 'InvalidImageName', message: r.message }
}

/** Pull time: from the size, or only the registry round trip when the layers are cached. */
export function pullMs(size: number, cached: boolean): number {
  return cached ? RT.PULL_LATENCY_MS : RT.pullDurationMs(size)
}

export function containerId(seed: string): string {
  return hex64(seed)
}

export interface ProcessContext {
  pod: Pod
  container: Container
  startedAt: number
  podIP: string
  node: string
  /** The environment the kubelet resolved (kubelet/config.ts); literal `env` values when absent. */
  env?: Record<string, string>
  /** Files volumes put into the container (ConfigMap and Secret volumes). */
  mounts?: RT.ProgramSpec['mounts']
}

/** The container's environment as the kubelet resolves it (literal values; references resolve to ''). */
function envOf(c: Container): Record<string, string> {
  const env: Record<string, string> = {}
  for (const e of c.env ?? []) env[e.name] = e.value ?? ''
  return env
}

export function start(x: ProcessContext): Program {
  const c = x.container
  const img = resolveImage(c.image ?? '')
  return RT.runProgram({
    image: img.found ? img.image : (c.image ?? ''),
    command: c.command,
    args: c.args,
    env: x.env ?? envOf(c),
    mounts: x.mounts,
    startedAt: x.startedAt,
    hostname: x.pod.spec?.hostname ?? x.pod.metadata?.name ?? '',
    podIP: x.podIP,
    stdin: c.stdin,
    tty: c.tty,
    workingDir: c.workingDir,
    shareProcessNamespace: x.pod.spec?.shareProcessNamespace,
  })
}

export function namedPorts(c: Container): Record<string, number> {
  const m: Record<string, number> = {}
  for (const p of c.ports ?? []) if (p.name) m[p.name] = p.containerPort
  return m
}

/** The log text a kubelet returns for `kubectl logs`, up to `until`. */
export function logs(p: Program, until: number, opts: Record<string, string>, extra: readonly RT.LogLine[] = []): string {
  let lines = RT.logsUntil(p, until)
  // Lines written for requests the process served (access logs), within this run, in time order.
  const served = extra.filter((l) => l.t >= p.startedAt && l.t <= until)
  if (served.length) lines = [...lines, ...served].sort((a, b) => a.t - b.t)
  if (opts.tailLines !== undefined) {
    const n = Number(opts.tailLines)
    lines = n === 0 ? [] : lines.slice(-n)
  }
  const ts = opts.timestamps === 'true'
  return lines
    .map((l) => {
      const text = l.text.endsWith('\n') ? l.text : l.text + '\n'
      // RFC 3339 with nanoseconds, as the kubelet prefixes each line.
      return ts ? `${new Date(EPOCH_MS + l.t).toISOString().replace('Z', '000000Z')} ${text}` : text
    })
    .join('')
}

export const {
  stopContainer,
  runProbe,
  exitBy,
  imageAlreadyPresentMessage,
  pulledImageMessage,
  imageNeverPullMessage,
  goDuration,
  crashLoopBackOffWaitingMessage,
  imagePullBackOffWaitingMessage,
  backOffRestartingMessage,
  backOffPullingMessage,
  PULL_FAILURE_MS,
} = RT
