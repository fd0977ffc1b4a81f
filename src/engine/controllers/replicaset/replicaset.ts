/**
 * The ReplicaSet controller (and, with kind ReplicationController, the replication manager,
 * which upstream is the same code). It keeps `spec.replicas` active pods that match the
 * selector and point to it through a controller ownerReference.
 * Upstream: pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas,
 * calculateStatus), pkg/controller/controller_utils.go (expectations, pod ranking).
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1'
import { fromLabelSelector, matches, type Selector } from '../../api/labels'
import { controllerOf, deepCopy, deepEqual, keyOf, splitKey, type KObject } from '../../api/meta'
import { isPodActive, isPodAvailable, isPodReady, podCondition } from '../../api/pod'
import type { ResourceType } from '../../apiserver/resources'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { parseTime } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** Upstream: BurstReplicas, the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500

export interface ReplicaSetControllerState extends ControllerState {
  /**
   * Pods created but not yet seen in the cache (a count), and pods deleted but not yet seen
   * terminating (their keys), per owner key. Upstream: UIDTrackingControllerExpectations.
   */
  expectations: Map<string, { add: number; del: string[] }>
}

type Owner = { metadata?: KObject['metadata']; spec?: { replicas?: number; minReadySeconds?: number; selector?: unknown; template?: PodTemplateSpec }; status?: ReplicaSetStatus; apiVersion?: string; kind?: string }

export class ReplicaSetController extends Controller<ReplicaSetControllerState> {
  readonly watches: string[]
  private readonly ownerType: ResourceType
  private readonly ownerKind: string

  constructor(s: ReplicaSetControllerState, env: ControllerEnv, kind: 'ReplicaSet' | 'ReplicationController' = 'ReplicaSet') {
    super(kind === 'ReplicaSet' ? 'replicaset' : 'replicationcontroller', s, env)
    this.ownerKind = kind
    this.ownerType = kind === 'ReplicaSet' ? R.replicasets : R.replicationcontrollers
    this.watches = [this.ownerType.resource, 'pods']
  }

  private owners(): Owner[] {
    return this.env.informers[this.ownerType.resource].list() as Owner[]
  }

  private selectorOf(o: Owner): Selector | null {
    if (this.ownerKind === 'ReplicationController') {
      const sel = o.spec?.selector as Record<string, string> | undefined
      return sel ? Object.entries(sel).map(([key, v]) => ({ key, op: '=' as const, values: [v] })) : null
    }
    return fromLabelSelector(o.spec?.selector as never)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === this.ownerType.resource) {
      this.enqueue(keyOf(obj), hop)
      return
    }
    const pod = obj as Pod
    const ref = controllerOf(pod)
    if (ref) {
      if (ref.kind !== this.ownerKind) return
      const key = `${pod.metadata!.namespace}/${ref.name}`
      if (type === 'ADDED') this.observe(key, 'add')
      // A deletion counts as seen once the pod is terminating (upstream updatePod), or gone.
      if (type === 'DELETED' || pod.metadata?.deletionTimestamp) this.observe(key, 'del', keyOf(pod))
      // A pod that became ready or unready, or was deleted, changes the owner's status.
      this.enqueue(key, hop)
      const oldRef = old && controllerOf(old)
      if (oldRef && oldRef.uid !== ref.uid) this.enqueue(`${pod.metadata!.namespace}/${oldRef.name}`, hop)
      return
    }
    if (type === 'DELETED') return
    // An orphan: every owner whose selector matches may adopt it.
    for (const o of this.owners()) {
      if (o.metadata?.namespace === pod.metadata?.namespace && matches(this.selectorOf(o), pod.metadata?.labels)) this.enqueue(keyOf(o as KObject), hop)
    }
  }

  private observe(key: string, what: 'add' | 'del', podKey?: string): void {
    const e = this.s.expectations.get(key)
    if (!e) return
    if (what === 'add' && e.add > 0) e.add--
    if (what === 'del' && podKey) e.del = e.del.filter((k) => k !== podKey)
  }

  private satisfied(key: string): boolean {
    const e = this.s.expectations.get(key)
    return !e || (e.add <= 0 && e.del.length === 0)
  }

  sync(key: string, cause?: number): number | void {
    const o = this.env.informers[this.ownerType.resource].get(key) as Owner | undefined
    if (!o) {
      this.s.expectations.delete(key)
      return
    }
    const { namespace } = splitKey(key)
    const selector = this.selectorOf(o)
    const pods: Pod[] = []
    for (const p of this.env.informers.pods.list() as Pod[]) {
      if (p.metadata?.namespace !== namespace || !isPodActive(p)) continue
      const ref = controllerOf(p)
      if (ref) {
        if (ref.uid === o.metadata?.uid) pods.push(p)
      } else if (!o.metadata?.deletionTimestamp && matches(selector, p.metadata?.labels)) {
        // Adopt the orphan. Upstream: ClaimPods.
        const r = this.env.client.patch(R.pods, namespace, p.metadata!.name!, {
          metadata: { ownerReferences: [this.ownerRef(o)], uid: p.metadata!.uid },
        }, 'strategic', { cause, summary: `The ${this.name} controller adopts pod ${p.metadata!.name} into ${o.metadata!.name}` })
        if (r.status === 200) pods.push(r.body as Pod)
      }
    }
    let requeue: number | undefined
    if (this.satisfied(key) && !o.metadata?.deletionTimestamp) this.manageReplicas(o, pods, cause)
    const minReady = o.spec?.minReadySeconds ?? 0
    const status = this.calculateStatus(o, pods, selector)
    if (minReady > 0 && (status.readyReplicas ?? 0) > (status.availableReplicas ?? 0)) requeue = minReady * 1000
    const cur: ReplicaSetStatus = o.status ?? { replicas: 0 }
    if (!deepEqual({ ...cur, conditions: cur.conditions ?? undefined }, status)) {
      const next = { ...o, status } as KObject
      this.env.client.updateStatus(this.ownerType, next, {
        cause,
        summary: `The ${this.name} controller updates ${o.metadata!.name}'s status: ${status.replicas} replicas, ${status.readyReplicas ?? 0} ready, ${status.availableReplicas ?? 0} available`,
      })
    }
    return requeue
  }

  private ownerRef(o: Owner) {
    return {
      apiVersion: this.ownerKind === 'ReplicaSet' ? 'apps/v1' : 'v1',
      kind: this.ownerKind,
      name: o.metadata!.name!,
      uid: o.metadata!.uid!,
      controller: true,
      blockOwnerDeletion: true,
    }
  }

  private manageReplicas(o: Owner, pods: Pod[], cause?: number): void {
    const key = keyOf(o as KObject)
    const want = o.spec?.replicas ?? 1
    const diff = pods.length - want
    const name = o.metadata!.name!
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS)
      this.s.expectations.set(key, { add: n, del: [] })
      const t = o.spec!.template!
      for (let i = 0; i < n; i++) {
        const pod: KObject = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            generateName: `${name}-`,
            namespace: o.metadata!.namespace,
            labels: { ...(t.metadata?.labels ?? {}) },
            ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
            ownerReferences: [this.ownerRef(o)],
          },
          spec: deepCopy(t.spec),
        }
        const r = this.env.client.create(R.pods, o.metadata!.namespace, pod, {
          cause,
          summary: `The ${this.name} controller creates a pod for ${name} (${pods.length + i + 1}/${want})`,
        })
        if (r.status === 201) this.env.recorder.event(o as KObject, 'Normal', 'SuccessfulCreate', `Created pod: ${r.body.metadata.name}`, r.hop)
        else this.observe(key, 'add')
      }
    } else if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS)
      const victims = rankForDeletion(pods).slice(0, n)
      this.s.expectations.set(key, { add: 0, del: victims.map((p) => keyOf(p)) })
      for (const p of victims) {
        const r = this.env.client.delete(R.pods, p.metadata!.namespace, p.metadata!.name!, {}, {
          cause,
          summary: `The ${this.name} controller deletes pod ${p.metadata!.name} (${name} wants ${want})`,
        })
        if (r.status === 200) this.env.recorder.event(o as KObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`, r.hop)
        else this.observe(key, 'del', keyOf(p))
      }
    }
  }

  private calculateStatus(o: Owner, pods: Pod[], _selector: Selector | null): ReplicaSetStatus {
    const templateLabels = o.spec?.template?.metadata?.labels ?? {}
    const now = this.ctx.queue.now
    const minReady = o.spec?.minReadySeconds ?? 0
    let fully = 0
    let ready = 0
    let available = 0
    for (const p of pods) {
      if (Object.entries(templateLabels).every(([k, v]) => p.metadata?.labels?.[k] === v)) fully++
      if (isPodReady(p)) {
        ready++
        if (isPodAvailable(p, minReady, now)) available++
      }
    }
    const st: ReplicaSetStatus = { replicas: pods.length, fullyLabeledReplicas: fully, readyReplicas: ready, availableReplicas: available, observedGeneration: o.metadata?.generation }
    // The API omits zero counts (omitempty).
    const out: Record<string, unknown> = { replicas: st.replicas }
    if (fully) out.fullyLabeledReplicas = fully
    if (ready) out.readyReplicas = ready
    if (available) out.availableReplicas = available
    out.observedGeneration = st.observedGeneration
    const conds = o.status?.conditions
    if (conds?.length) out.conditions = conds
    return out as unknown as ReplicaSetStatus
  }
}

/**
 * Orders pods so that the first are the best to delete: unscheduled before scheduled, pending
 * before running, not ready before ready, pods sharing a node with more siblings first, ready
 * for less time, more restarts, newer. Upstream: controller.ActivePodsWithRanks.
 */
export function rankForDeletion(pods: Pod[]): Pod[] {
  const perNode = new Map<string, number>()
  for (const p of pods) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1)
  const phaseRank = (p: Pod) => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2)
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0))
  return [...pods].sort((a, b) => {
    const sa = a.spec?.nodeName ? 1 : 0
    const sb = b.spec?.nodeName ? 1 : 0
    if (sa !== sb) return sa - sb
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b)
    const ra = isPodReady(a) ? 1 : 0
    const rb = isPodReady(b) ? 1 : 0
    if (ra !== rb) return ra - rb
    const na = perNode.get(a.spec?.nodeName ?? '') ?? 0
    const nb = perNode.get(b.spec?.nodeName ?? '') ?? 0
    if (na !== nb) return nb - na
    if (ra && rb) {
      const ta = parseTime(podCondition(a, 'Ready')?.lastTransitionTime)
      const tb = parseTime(podCondition(b, 'Ready')?.lastTransitionTime)
      if (ta !== tb) return tb - ta
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a)
    const ca = parseTime(a.metadata?.creationTimestamp)
    const cb = parseTime(b.metadata?.creationTimestamp)
    if (ca !== cb) return cb - ca
    return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1
  })
}
