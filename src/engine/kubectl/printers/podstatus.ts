/**
 * The STATUS text `kubectl get pods` shows for a pod (`Running`, `Init:0/1`, `CrashLoopBackOff`,
 * `Terminating` …), for the diagram and inspectors that label pods the way kubectl does.
 *
 * Upstream: pkg/printers/internalversion/printers.go printPod (the reason cell).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { podStatusCells } from './rows/pod'

/**
 * The STATUS column of `kubectl get pods` for one pod; it does not depend on the clock.
 * @example podStatusText({ status: { phase: 'Pending' } }) // 'Pending'
 */
export function podStatusText(pod: Pod): string {
  return podStatusCells(pod, 0).reason
}
