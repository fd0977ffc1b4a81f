/**
 * PrioritySort: the queue-sort plugin. Higher priority first; among equals, the pod that entered
 * the queue earlier.
 *
 * Upstream: pkg/scheduler/framework/plugins/queuesort/priority_sort.go (Less) and
 * staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go (PodPriority).
 */
import type { Pod } from 'kubernetes-types/core/v1'

/** Plugin name as in the scheduler configuration. */
export const Name = 'PrioritySort'

/** `corev1helpers.PodPriority`: spec.priority, or 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0
}

/** What Less compares: a queued pod's priority and the virtual ms it was (re)added to the queue. */
export interface Sortable {
  priority: number
  timestamp: number
}

/** `PrioritySort.Less`: true when `a` should be popped before `b`. */
export function Less(a: Sortable, b: Sortable): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.timestamp < b.timestamp)
}
