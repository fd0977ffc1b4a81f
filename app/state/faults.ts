/**
 * Faults a teacher injects (stop and start kube-apiserver, etcd, kube-scheduler,
 * kube-controller-manager, cloud-controller-manager, or one node's kubelet), read from the scenario's steps. Pure: the worker and the UI both use it.
 *
 * ```ts
 * stoppedComponents([{ stopComponent: 'scheduler' }])                       // Set { 'scheduler' }
 * hopFailed({ id: 7, kind: 'request', to: 'apiserver' }, new Set(), { id: 8, cause: 3 })   // true: nobody answered
 * ```
 */
import type { Hop } from '../../src/engine'

/** The control-plane components the engine can stop (`Cluster.stopComponent`), in the order the Faults tab lists them. */
export const FAULT_COMPONENTS = ['apiserver', 'etcd', 'scheduler', 'controller-manager', 'cloud-controller-manager'] as const
export type FaultComponent = (typeof FAULT_COMPONENTS)[number]

export function isFaultComponent(id: string): id is FaultComponent {
  return (FAULT_COMPONENTS as readonly string[]).includes(id)
}

/** `kubelet/node-2`: one node's kubelet process, which the engine can stop alone (its containers keep running). */
export type KubeletComponent = `kubelet/${string}`

export function isKubeletComponent(id: string): id is KubeletComponent {
  return /^kubelet\/[^/]+$/.test(id)
}

/** The components stopped by the scenario's steps so far (stopComponent without a later startComponent). */
export function stoppedComponents(steps: readonly object[]): Set<string> {
  const stopped = new Set<string>()
  for (const step of steps) {
    if ('stopComponent' in step) stopped.add(step.stopComponent as string)
    if ('startComponent' in step) stopped.delete(step.startComponent as string)
  }
  return stopped
}

/**
 * Whether a hop failed, to draw it so: an answer with a 5xx status (etcd did not answer, the
 * apiserver timed out), or a request nobody answered. The apiserver and etcd make their first hop
 * for a request at once (the next hop in the log is caused by it), so a request to either whose
 * next hop is not its own went unanswered: true at any cursor, before a restart too. At the end of
 * the log, where the next hop is not known yet, a request to a stopped component failed.
 */
export function hopFailed(hop: Pick<Hop, 'id' | 'kind' | 'to'> & { detail?: Hop['detail'] }, stopped: ReadonlySet<string>, next?: Pick<Hop, 'id' | 'cause'>): boolean {
  const status = hop.detail?.http?.status
  if (hop.kind === 'response' && status !== undefined && (status === 0 || status >= 500)) return true
  if (hop.kind !== 'request') return false
  if ((hop.to === 'apiserver' || hop.to === 'etcd') && next?.id === hop.id + 1) return next.cause !== hop.id
  return stopped.has(hop.to)
}

/** The names the diagram and kubectl use for them. */
export const FAULT_TITLES: Record<FaultComponent, string> = {
  apiserver: 'kube-apiserver',
  etcd: 'etcd',
  scheduler: 'kube-scheduler',
  'controller-manager': 'kube-controller-manager',
  'cloud-controller-manager': 'cloud-controller-manager',
}

/** What the Faults tab and the console call a stoppable component: `kube-scheduler`, `kubelet on node-2`. */
export function faultTitle(id: FaultComponent | KubeletComponent, kubeletOn: (node: string) => string): string {
  return isKubeletComponent(id) ? kubeletOn(id.slice('kubelet/'.length)) : FAULT_TITLES[id]
}
