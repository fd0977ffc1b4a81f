/** Pod helpers shared by controllers, the scheduler, kubelets and kubectl. Upstream: pkg/api/v1/pod/util.go. */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1'
import { parseTime } from '../sim/time'

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type)
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True'
}

/** Ready for at least `minReadySeconds` at virtual time `now`. Upstream: IsPodAvailable. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready')
  if (c?.status !== 'True') return false
  if (minReadySeconds <= 0) return true
  return parseTime(c.lastTransitionTime) + minReadySeconds * 1000 <= now
}

/** Not finished and not being deleted. Upstream: controller.IsPodActive. */
export function isPodActive(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata?.deletionTimestamp
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}
