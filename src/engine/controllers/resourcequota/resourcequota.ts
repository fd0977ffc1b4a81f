/**
 * The resource quota controller: keeps each ResourceQuota's `status.hard` (its spec) and
 * `status.used` (what the namespace's objects count, api/quota.ts) true. Admission charges a
 * quota as objects are created; this controller gives usage back when objects are deleted or pods
 * finish ("replenishment"), and recounts every quota every 5 minutes.
 * Upstream: pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota,
 * replenishQuota, resync period 5m), pkg/quota/v1/evaluator/core.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { deepEqual, keyOf, type KObject } from '../../api/meta'
import { formatQuantity, plus, usageOf, type Usage } from '../../api/quota'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** Upstream: --resource-quota-sync-period. */
export const QUOTA_RESYNC_MS = 5 * 60_000

/** The resources whose objects quotas count (those the controller-manager informs on). */
const COUNTED = ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']

interface Quota extends KObject {
  spec?: { hard?: Record<string, string> }
  status?: { hard?: Record<string, string>; used?: Record<string, string> }
}

/** The resourcequota controller (`controller-manager/resourcequota`). */
export class ResourceQuotaController extends Controller {
  readonly watches = COUNTED

  constructor(s: ControllerState, env: ControllerEnv) {
    super('resourcequota', s, env)
  }

  private quotasIn(ns: string | undefined): Quota[] {
    return (this.env.informers.resourcequotas.list() as Quota[]).filter((q) => q.metadata?.namespace === ns)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'resourcequotas') {
      if (type === 'DELETED') return
      // A new quota or a changed spec is counted at once, then every resync period.
      if (type === 'ADDED' || !deepEqual((old as Quota | undefined)?.spec, (obj as Quota).spec)) {
        this.enqueue(keyOf(obj), hop)
      }
      return
    }
    const finished = (p: KObject | undefined) => ['Succeeded', 'Failed'].includes((p as Pod | undefined)?.status?.phase ?? '')
    const replenish = type === 'DELETED' || (resource === 'pods' && finished(obj) && !finished(old))
    if (replenish) for (const q of this.quotasIn(obj.metadata?.namespace)) this.enqueue(keyOf(q), hop)
  }

  sync(key: string, cause?: number): number | void {
    const q = this.env.informers.resourcequotas.get(key) as Quota | undefined
    if (!q) return
    // The periodic full recount: one pending resync per quota (background, settle does not wait).
    const resyncs = ((this.s as ControllerState & { resyncAt?: Map<string, number> }).resyncAt ??= new Map())
    if ((resyncs.get(key) ?? -1) <= this.ctx.queue.now) {
      resyncs.set(key, this.ctx.queue.now + QUOTA_RESYNC_MS)
      this.enqueueAfter(key, QUOTA_RESYNC_MS, undefined, true)
    }
    const hard = q.spec?.hard ?? {}
    const ns = q.metadata?.namespace
    const total: Usage = {}
    for (const resource of COUNTED) {
      const inf = this.env.informers[resource]
      if (!inf) continue
      for (const o of inf.list()) {
        if (o.metadata?.namespace !== ns) continue
        for (const [k, v] of Object.entries(usageOf(o, resource, inf.type.group))) total[k] = plus(total[k], v)
      }
    }
    const used: Record<string, string> = {}
    for (const r of Object.keys(hard).sort()) used[r] = total[r] ? formatQuantity(total[r]) : '0'
    const status = { hard: { ...hard }, used }
    if (deepEqual(q.status, status)) return
    this.env.client.updateStatus(R.resourcequotas, { ...q, status } as KObject, {
      cause,
      summary: `The resource quota controller recounts ${q.metadata!.name} in ${ns}: ${Object.entries(used).map(([r, u]) => `${r} ${u}/${hard[r]}`).join(', ')}`,
    })
  }
}
