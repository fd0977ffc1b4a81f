/**
 * Plugin statuses: a code and the reasons students read.
 *
 * Upstream: staging/src/k8s.io/kube-scheduler/framework/interface.go (Code, Status). Filters return
 * `null` for Success (as upstream's nil *Status) so the hot path allocates nothing.
 */

/** `framework.Code` values the simulation uses. */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip'

/** A non-success plugin result. `plugin` is set by the framework (`Status.SetPlugin`). */
export interface Status {
  code: Code
  reasons: readonly string[]
  plugin?: string
}

/** `framework.NewStatus(code, reasons...)`. */
export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons }
}

/** `Status.IsRejected()`: Unschedulable or UnschedulableAndUnresolvable. */
export function isRejected(s: Status | null | undefined): boolean {
  return !!s && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable')
}

/** `Status.Message()`: the reasons joined by ", ". */
export function statusMessage(s: Status | null | undefined): string {
  return s ? s.reasons.join(', ') : ''
}

/** `framework.MaxNodeScore`: normalised scores lie in [0, 100]. */
export const MAX_NODE_SCORE = 100
/** `framework.MinNodeScore`. */
export const MIN_NODE_SCORE = 0
