/**
 * The namespace controller: when a namespace is deleted (it shows Terminating), it deletes every
 * namespaced object in it, type by type; while some remain (pods still stopping within their
 * grace period) it records the NamespaceContentRemaining condition and looks again after half
 * the longest grace period; once the namespace is empty it removes the `kubernetes` finalizer
 * through `namespaces/<name>/finalize`, and the apiserver then deletes the namespace.
 * Upstream: pkg/controller/namespace/namespace_controller.go (syncNamespaceFromKey, requeue
 * after estimate/2+1 s), deletion/namespaced_resources_deleter.go (Delete, deleteAllContent,
 * estimateGracefulTerminationForPods, finalizeNamespace), deletion/status_condition_utils.go.
 */
import type { Namespace, NamespaceCondition, Pod } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { RESOURCES, restPath, type ResourceType } from '../../apiserver/resources'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** The finalizer every namespace starts with. Upstream: v1.FinalizerKubernetes. */
export const FINALIZER_KUBERNETES = 'kubernetes'

/** Condition types in the order the controller writes them, with their "all is well" texts. */
const CONDITIONS: [type: string, reason: string, message: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentRemoved', 'All content successfully removed'],
]

/** The namespaced types the controller empties (discovery's deletable resources). */
function deletableTypes(): ResourceType[] {
  return RESOURCES.filter((t) => t.namespaced && t.verbs.includes('delete'))
}

/**
 * The conditions after one pass: `remaining` counts what is left per type (`pods.` for the
 * core group, as upstream prints `resource.group`), `finalizers` per finalizer name.
 * Upstream: namespaceConditionUpdater.ProcessContentTotals, updateConditions.
 */
export function namespaceConditions(old: NamespaceCondition[] | undefined, remaining: Map<string, number>, finalizers: Map<string, number>, now: string): NamespaceCondition[] {
  const fresh = new Map<string, { status: string; reason: string; message: string }>()
  const parts = [...remaining].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort()
  if (parts.length) fresh.set('NamespaceContentRemaining', { status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${parts.join(', ')}` })
  const fin = [...finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort()
  if (fin.length) fresh.set('NamespaceFinalizersRemaining', { status: 'True', reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${fin.join(', ')}` })
  const out = (old ?? []).map((c) => ({ ...c }))
  for (const [type, reason, message] of CONDITIONS) {
    const want = fresh.get(type) ?? { status: 'False', reason, message }
    const cur = out.find((c) => c.type === type)
    if (!cur) out.push({ type, status: want.status, lastTransitionTime: now, reason: want.reason, message: want.message })
    else {
      if (cur.status !== want.status) cur.lastTransitionTime = now
      Object.assign(cur, want)
    }
  }
  return out
}

/** The namespace controller (`controller-manager/namespace`). */
export class NamespaceController extends Controller {
  readonly watches = ['namespaces']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('namespace', s, env)
  }

  onEvent(_resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    // Only a namespace that has just begun terminating: later passes come from the requeue (the
    // controller's own status updates would otherwise start a pass each).
    if (type !== 'DELETED' && obj.metadata?.deletionTimestamp && !old?.metadata?.deletionTimestamp) this.enqueue(obj.metadata.name!, hop)
  }

  sync(name: string, cause?: number): number | void {
    const ns = this.env.informers.namespaces.get(name) as Namespace | undefined
    if (!ns?.metadata?.deletionTimestamp || !ns.spec?.finalizers?.includes(FINALIZER_KUBERNETES)) return
    const client = this.env.client
    const remaining = new Map<string, number>()
    const finalizers = new Map<string, number>()
    let estimate = 0
    for (const t of deletableTypes()) {
      // Pods stop gracefully: the controller waits about as long as their grace periods.
      if (t.kind === 'Pod') estimate = Math.max(estimate, this.podGraceEstimate(name))
      const left = this.deleteAll(t, name, cause)
      if (left.length) remaining.set(`${t.resource}.${t.group}`, left.length)
      for (const o of left) for (const f of o.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1)
    }
    const now = rfc3339(this.ctx.queue.now)
    const conditions = namespaceConditions(ns.status?.conditions, remaining, finalizers, now)
    if (JSON.stringify(conditions) !== JSON.stringify(ns.status?.conditions ?? [])) {
      const what = remaining.size ? `waiting for ${[...remaining].map(([r, n]) => `${n} ${r.replace(/\.$/, '')}`).join(', ')}` : 'all content removed'
      client.updateStatus(R.namespaces, { ...ns, status: { ...ns.status, conditions } } as KObject, { cause, summary: `The namespace controller updates namespace ${name}'s conditions: ${what}` })
    }
    if (remaining.size) return (Math.floor(Math.max(estimate, 1) / 2) + 1) * 1000
    const fresh = this.env.informers.namespaces.get(name) as Namespace | undefined
    const base = fresh ?? ns
    client.update(R.namespaces, { ...base, spec: { ...base.spec, finalizers: (base.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) }, metadata: { ...base.metadata, resourceVersion: undefined } } as KObject, {
      cause,
      summary: `The namespace controller removes the kubernetes finalizer from namespace ${name}: it is empty, so the namespace goes`,
    }, 'finalize')
  }

  /** The longest grace period of the namespace's pods still running. Upstream: estimateGracefulTerminationForPods. */
  private podGraceEstimate(ns: string): number {
    let max = 0
    for (const p of this.env.informers.pods.list() as Pod[]) {
      if (p.metadata?.namespace !== ns || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue
      max = Math.max(max, p.metadata?.deletionGracePeriodSeconds ?? p.spec?.terminationGracePeriodSeconds ?? 30)
    }
    return max
  }

  /**
   * Deletes every object of one type in the namespace (DELETE on the collection, or each object
   * when the type has no deletecollection verb) and returns what is still there afterwards.
   */
  private deleteAll(t: ResourceType, ns: string, cause?: number): KObject[] {
    const client = this.env.client
    const opts = { propagationPolicy: 'Background' }
    let touched: KObject[]
    if (t.verbs.includes('deletecollection')) {
      const r = this.ctx.api.handle({ verb: 'DELETE', path: restPath(t, ns), body: opts, from: client.from, cause, summary: `The namespace controller deletes all ${t.resource} in namespace ${ns}` })
      touched = r.status === 200 ? (r.body.items as KObject[]) : []
    } else {
      const r = client.list(t, ns, {}, { cause, summary: `The namespace controller lists ${t.resource} in namespace ${ns} to delete them` })
      touched = r.status === 200 ? (r.body.items as KObject[]) : []
      for (const o of touched) client.delete(t, ns, o.metadata!.name!, opts, { cause, summary: `The namespace controller deletes ${t.singular} ${o.metadata!.name} in namespace ${ns}` })
    }
    if (!touched.length) return []
    // Some may remain (graceful pods, finalizers): list what is left.
    const r = client.list(t, ns, {}, { cause, summary: `The namespace controller checks which ${t.resource} remain in namespace ${ns}` })
    return r.status === 200 ? (r.body.items as KObject[]) : []
  }
}
