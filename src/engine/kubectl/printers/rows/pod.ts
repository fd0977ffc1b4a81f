/**
 * `kubectl get pods`: READY, the STATUS reason and RESTARTS exactly as the apiserver computes them.
 *
 * Upstream: pkg/printers/internalversion/printers.go printPod (Kubernetes 1.33), including
 * restartable (sidecar) init containers and the `Terminating` rule for finished pods.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1'
import { isZeroTime, translateTimestampSince } from '../duration'
import type { Cell } from '../table'
import { column, NAME_COLUMN, rowPrinter, timeBefore } from './common'

/** node.NodeUnreachablePodReason: a pod on a lost node shows `Unknown` while being deleted. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost'

const isRestartableInitContainer = (c: Container | undefined): boolean => c?.restartPolicy === 'Always'

function hasPodReadyCondition(conditions: PodCondition[] | undefined): boolean {
  return (conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

function isPodInitializedConditionTrue(conditions: PodCondition[] | undefined): boolean {
  const c = (conditions ?? []).find((x) => x.type === 'Initialized')
  return c?.status === 'True'
}

/** The pod's first IP as the internal PodStatus has it (podIP wins over podIPs[0]). */
export function podIP(pod: Pod): string {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || ''
}

/** The READY, STATUS and RESTARTS cells of a pod. */
export function podStatusCells(pod: Pod, now: number): { ready: string; reason: string; restarts: string } {
  const spec = pod.spec
  const status = pod.status ?? {}
  let restarts = 0
  let restartableInitContainerRestarts = 0
  let totalContainers = spec?.containers?.length ?? 0
  let readyContainers = 0
  let lastRestartDate: string | undefined
  let lastRestartableInitContainerRestartDate: string | undefined

  const podPhase = status.phase ?? ''
  let reason = podPhase
  if (status.reason) reason = status.reason
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated'
  }

  const initContainers = new Map<string, Container>()
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c)
    if (isRestartableInitContainer(c)) totalContainers++
  }

  let initializing = false
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i]
    restarts += container.restartCount ?? 0
    const lastTerminated = container.lastState?.terminated
    if (lastTerminated && timeBefore(lastRestartDate, lastTerminated.finishedAt)) lastRestartDate = lastTerminated.finishedAt
    const restartable = isRestartableInitContainer(initContainers.get(container.name))
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0
      if (lastTerminated && timeBefore(lastRestartableInitContainerRestartDate, lastTerminated.finishedAt)) {
        lastRestartableInitContainerRestartDate = lastTerminated.finishedAt
      }
    }
    const terminated = container.state?.terminated
    const waiting = container.state?.waiting
    if (terminated && (terminated.exitCode ?? 0) === 0) continue
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++
      continue
    }
    if (terminated) {
      // initialization has failed
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`
      } else {
        reason = `Init:${terminated.reason}`
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`
    }
    initializing = true
    break
  }

  if (!initializing || isPodInitializedConditionTrue(status.conditions)) {
    restarts = restartableInitContainerRestarts
    lastRestartDate = lastRestartableInitContainerRestartDate
    let hasRunning = false
    const statuses = status.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]
      restarts += container.restartCount ?? 0
      const lastTerminated = container.lastState?.terminated
      if (lastTerminated && timeBefore(lastRestartDate, lastTerminated.finishedAt)) lastRestartDate = lastTerminated.finishedAt
      const waiting = container.state?.waiting
      const terminated = container.state?.terminated
      if (waiting && waiting.reason) {
        reason = waiting.reason
      } else if (terminated && terminated.reason) {
        reason = terminated.reason
      } else if (terminated && !terminated.reason) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`
      } else if (container.ready && container.state?.running) {
        hasRunning = true
        readyContainers++
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(status.conditions) ? 'Running' : 'NotReady'
    }
  }

  const deleting = !isZeroTime(pod.metadata?.deletionTimestamp)
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown'
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating'
  }

  let restartsStr = String(restarts)
  if (restarts !== 0 && !isZeroTime(lastRestartDate)) {
    restartsStr = `${restarts} (${translateTimestampSince(lastRestartDate, now)} ago)`
  }
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsStr }
}

/** `kubectl get pods` columns and row. */
export const podPrinter = rowPrinter<Pod>(
  [
    NAME_COLUMN,
    column('Ready'),
    column('Status'),
    column('Restarts'),
    column('Age'),
    column('IP', 'string', 1),
    column('Node', 'string', 1),
    column('Nominated Node', 'string', 1),
    column('Readiness Gates', 'string', 1),
  ],
  (pod, now): Cell[] => {
    const { ready, reason, restarts } = podStatusCells(pod, now)
    const gates = pod.spec?.readinessGates ?? []
    let readinessGates = '<none>'
    if (gates.length > 0) {
      let trueConditions = 0
      for (const gate of gates) {
        const c = (pod.status?.conditions ?? []).find((x) => x.type === gate.conditionType)
        if (c?.status === 'True') trueConditions++
      }
      readinessGates = `${trueConditions}/${gates.length}`
    }
    return [
      pod.metadata?.name ?? '',
      ready,
      reason,
      restarts,
      translateTimestampSince(pod.metadata?.creationTimestamp, now),
      podIP(pod) || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates,
    ]
  },
)
