/**
 * Taint and toleration matching.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint) and
 * staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go
 * (TolerationsTolerateTaint, FindMatchingUntoleratedTaint), and
 * pkg/scheduler/framework/plugins/helper/taint.go (DoNotScheduleTaintsFilterFunc).
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1'

/**
 * `Toleration.ToleratesTaint`: an empty effect matches all effects, an empty key with operator
 * Exists matches all keys; operator "" or Equal compares values, Exists ignores them.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

/** `TolerationsTolerateTaint`: whether any toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i], taint)) return true
  return false
}

/**
 * `FindMatchingUntoleratedTaint`: the first taint, in the node's order, that passes `filter` and
 * is not tolerated; undefined when every such taint is tolerated.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  if (!taints) return undefined
  for (const taint of taints) {
    if (!filter(taint)) continue
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint
  }
  return undefined
}

/** `DoNotScheduleTaintsFilterFunc`: the effects that keep pods off a node (NoSchedule, NoExecute). */
export function isDoNotScheduleTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute'
}

/** The taint the node lifecycle puts on cordoned nodes (`v1.TaintNodeUnschedulable`). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'
