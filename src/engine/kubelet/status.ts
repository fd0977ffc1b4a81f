/**
 * The pod status a kubelet reports, computed from its pod worker.
 * Upstream: pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase;
 * pkg/kubelet/status/generate.go (conditions).
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1'
import { rfc3339 } from '../sim/time'
import type { ContainerRt, PodWorker } from './worker'

function containerStatus(c: ContainerRt, pod: Pod): ContainerStatus {
  const spec = (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.[c.index]
  let state: ContainerStatus['state']
  if (c.state === 'running') state = { running: { startedAt: rfc3339(c.startedAt ?? 0) } }
  else if (c.state === 'terminated' && c.current) state = { terminated: term(c.current) }
  else state = { waiting: c.message ? { reason: c.reason ?? 'ContainerCreating', message: c.message } : { reason: c.reason ?? 'ContainerCreating' } }
  const s: ContainerStatus = {
    name: c.name,
    state,
    lastState: c.last ? { terminated: term(c.last) } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.fullImage ?? c.image,
    imageID: c.imageId ?? '',
    ...(c.containerId ? { containerID: c.containerId } : {}),
    started: c.started,
  }
  const mounts = spec?.volumeMounts
  if (mounts?.length && c.containerId) {
    ;(s as { volumeMounts?: unknown }).volumeMounts = mounts.map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }))
  }
  return s
}

function term(t: NonNullable<ContainerRt['last']>) {
  return {
    exitCode: t.exitCode,
    reason: t.reason,
    ...(t.message ? { message: t.message } : {}),
    ...(t.signal ? { signal: t.signal } : {}),
    startedAt: rfc3339(t.startedAt),
    finishedAt: rfc3339(t.finishedAt),
    containerID: t.containerId,
  }
}

/** Upstream: getPhase. */
export function podPhase(pod: Pod, w: PodWorker): PodWorker['phase'] {
  const policy = pod.spec?.restartPolicy ?? 'Always'
  const inits = w.containers.filter((c) => c.init)
  const apps = w.containers.filter((c) => !c.init)
  const initFailed = inits.some((c) => c.state === 'terminated' && (c.current?.exitCode ?? 0) !== 0 && policy === 'Never')
  if (initFailed) return 'Failed'
  const initDone = inits.every((c) => c.state === 'terminated' && c.current?.exitCode === 0)
  if (!initDone) return 'Pending'
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const c of apps) {
    if (c.state === 'running') running++
    else if (c.state === 'terminated') {
      stopped++
      if (c.current?.exitCode === 0) succeeded++
    } else if (c.last) stopped++ // waiting to restart after a termination
    else waiting++
  }
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  const terminal = !!w.terminating
  if (stopped > 0) {
    if (terminal) return succeeded === stopped ? 'Succeeded' : 'Failed'
    if (policy === 'Always') return 'Running'
    if (policy === 'OnFailure') return succeeded === stopped ? 'Succeeded' : 'Running'
    return succeeded === stopped ? 'Succeeded' : 'Failed'
  }
  return 'Pending'
}

function cond(w: PodWorker, type: string, status: string, now: number, reason?: string, message?: string): PodCondition {
  const prev = w.transitions[type]
  if (!prev || prev.status !== status) w.transitions[type] = { status, at: now }
  const c: Record<string, unknown> = { type, status, lastProbeTime: null, lastTransitionTime: rfc3339(w.transitions[type].at) }
  // The status goes out as a strategic merge patch (conditions merge by type): an absent reason
  // or message is sent as null so that the stored condition drops the old one.
  c.reason = reason ?? null
  c.message = message ?? null
  return c as unknown as PodCondition
}

/** The status the kubelet reports now. */
export function buildPodStatus(pod: Pod, w: PodWorker, hostIP: string, now: number): PodStatus {
  const phase = podPhase(pod, w)
  w.phase = phase
  const inits = w.containers.filter((c) => c.init)
  const apps = w.containers.filter((c) => !c.init)
  const done = phase === 'Succeeded' || phase === 'Failed'
  const conditions: PodCondition[] = []
  conditions.push(cond(w, 'PodReadyToStartContainers', w.sandbox === 'ready' ? 'True' : 'False', now))
  const pendingInit = inits.filter((c) => !(c.state === 'terminated' && c.current?.exitCode === 0)).map((c) => c.name)
  if (pendingInit.length && !done) conditions.push(cond(w, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${pendingInit.join(' ')}]`))
  else conditions.push(cond(w, 'Initialized', 'True', now, done && inits.length === 0 && phase === 'Succeeded' ? 'PodCompleted' : undefined))
  const unready = apps.filter((c) => !c.ready).map((c) => c.name)
  if (done) {
    conditions.push(cond(w, 'Ready', 'False', now, 'PodCompleted'))
    conditions.push(cond(w, 'ContainersReady', 'False', now, 'PodCompleted'))
  } else if (unready.length) {
    const msg = `containers with unready status: [${unready.join(' ')}]`
    conditions.push(cond(w, 'Ready', 'False', now, 'ContainersNotReady', msg))
    conditions.push(cond(w, 'ContainersReady', 'False', now, 'ContainersNotReady', msg))
  } else {
    conditions.push(cond(w, 'Ready', 'True', now))
    conditions.push(cond(w, 'ContainersReady', 'True', now))
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')
  if (scheduled) conditions.push(scheduled)
  const status: PodStatus = {
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(w.ip ? { podIP: w.ip, podIPs: [{ ip: w.ip }] } : {}),
    ...(w.startTime !== undefined ? { startTime: rfc3339(w.startTime) } : {}),
    ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(c, pod)) } : {}),
    containerStatuses: apps.map((c) => containerStatus(c, pod)),
    qosClass: pod.status?.qosClass,
  }
  return status
}
