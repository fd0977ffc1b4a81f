/**
 * Pure helpers over a Cluster shared by the two places that host the engine: the browser's worker
 * (engine.worker.ts) and the served engine (server/live.ts). No DOM, no worker globals.
 */
import { podStatusText, type Cluster, type Hop, type KeyValueView } from '../../src/engine'
import type { NodeOp } from './protocol'
import { isFaultComponent, isKubeletComponent, stoppedComponents } from '../state/faults'

/** STATUS texts of the pods in the baseline and written by the hops, by etcd revision. */
export function podStatuses(hops: readonly Hop[], baseline: readonly KeyValueView[]): [number, string][] {
  const out: [number, string][] = []
  for (const kv of baseline) if (kv.key.startsWith('/registry/pods/')) out.push([kv.modRevision, podStatusText(kv.value)])
  for (const h of hops) {
    const w = h.detail?.etcd
    if (w?.after && w.key.startsWith('/registry/pods/')) out.push([w.revision, podStatusText(w.after)])
  }
  return out
}

/** Adds, removes, stops or starts a node. */
export function nodeAction(c: Cluster, a: NodeOp) {
  switch (a.op) {
    case 'add':
      return c.addNode(a.spec)
    case 'remove':
      return c.removeNode(a.name)
    case 'stop':
      return c.stopNode(a.name)
    case 'start':
      return c.startNode(a.name)
  }
}

/**
 * Stops or starts a control-plane component (kube-apiserver, etcd, kube-scheduler,
 * kube-controller-manager); nothing when it already is so. False for an id the engine cannot
 * stop: it records the step before it checks the id, so refuse those before calling it.
 */
export function componentAction(c: Cluster, id: string, op: 'stop' | 'start'): boolean {
  if (!isFaultComponent(id) && !(isKubeletComponent(id) && c.components().includes(id))) return false
  const stopped = stoppedComponents(c.scenario().steps).has(id)
  if (op === 'stop' && !stopped) c.stopComponent(id)
  if (op === 'start' && stopped) c.startComponent(id)
  return true
}
