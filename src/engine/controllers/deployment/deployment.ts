/**
 * The Deployment controller. A Deployment never touches pods: it owns ReplicaSets, one per pod
 * template it has had (named `<deployment>-<pod-template-hash>`), and moves replicas from the
 * old ones to the new one by scaling them, within maxSurge and maxUnavailable. The ReplicaSet
 * controller then creates and deletes the pods.
 *
 * Handlers only map a changed Deployment, ReplicaSet or (deleted) Pod to the Deployment's key;
 * `sync(key)` does the work in the order upstream does: deleted → status only; paused → scale
 * only; a scaling event → proportional scaling; otherwise a Recreate or RollingUpdate step.
 * Upstream: pkg/controller/deployment/deployment_controller.go (syncDeployment, handlers,
 * getReplicaSetsForDeployment, getPodMapForDeployment), sync.go, rolling.go, recreate.go,
 * progress.go.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import { fromLabelSelector, matches } from '../../api/labels'
import { controllerOf, deepCopy, deepEqual, keyOf, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import { scheduleTimer } from '../../client/component'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { rolloutRecreate } from './recreate'
import { rolloutRolling } from './rolling'
import { checkPausedConditions, isScalingEvent, syncStatusOnly, syncScale } from './sync'
import { desiredReplicas, maxSurge, replicasAnnotationsNeedUpdate, replicasOf, setReplicas, setReplicasAnnotations } from './util'

/** How many times a failing key is retried before it is dropped. Upstream: maxRetries. */
export const MAX_RETRIES = 15

export interface DeploymentControllerState extends ControllerState {
  /** Per deployment key, when its pending progress check fires (virtual ms): one timer at a time, as AddAfter. */
  progressChecks?: Record<string, number>
}

/**
 * A failed API call: the sync stops and the key is retried with back-off, as upstream returns
 * `err`. Thrown to unwind the sync, never shown with a stack: not an Error, so throwing it does
 * not capture one (a conflict a second is common under load).
 */
export class SyncError {
  constructor(readonly message?: string) {}
}

/** Which pods each of a deployment's ReplicaSets controls, by RS uid. */
export type PodMap = Map<string, Pod[]>

const controllerKind = { apiVersion: 'apps/v1', kind: 'Deployment' }

/** The deployment controller (`controller-manager/deployment`, events from `deployment-controller`). */
export class DeploymentController extends Controller<DeploymentControllerState> {
  readonly watches = ['deployments', 'replicasets', 'pods']
  /** The hop that caused the sync being run: every API call names it. */
  cause?: number

  constructor(s: DeploymentControllerState, env: ControllerEnv) {
    super('deployment', s, env)
  }

  // ---- listers -------------------------------------------------------------------------------

  deployments(namespace?: string): Deployment[] {
    const all = this.env.informers.deployments.list() as Deployment[]
    return namespace === undefined ? all : all.filter((d) => d.metadata?.namespace === namespace)
  }

  replicaSets(namespace: string): ReplicaSet[] {
    return (this.env.informers.replicasets.list() as ReplicaSet[]).filter((rs) => rs.metadata?.namespace === namespace)
  }

  get now(): number {
    return this.ctx.queue.now
  }

  // ---- handlers: map the change to a deployment key ------------------------------------------

  onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'deployments') this.enqueue(keyOf(obj), hop)
    else if (resource === 'replicasets') this.onReplicaSet(type, obj as ReplicaSet, old as ReplicaSet | undefined, hop)
    else if (resource === 'pods' && type === 'DELETED') this.deletePod(obj as Pod, hop)
  }

  private enqueueDeployment(d: Deployment, hop: number): void {
    this.enqueue(keyOf(d), hop)
  }

  private onReplicaSet(type: InformerEvent, rs: ReplicaSet, old: ReplicaSet | undefined, hop: number): void {
    if (type === 'DELETED' || (type === 'ADDED' && rs.metadata?.deletionTimestamp)) {
      // No controller cares about orphans being deleted.
      const ref = controllerOf(rs)
      const d = ref && this.resolveControllerRef(rs.metadata!.namespace!, ref)
      if (d) this.enqueueDeployment(d, hop)
      return
    }
    if (type === 'ADDED' || !old) {
      const ref = controllerOf(rs)
      if (ref) {
        const d = this.resolveControllerRef(rs.metadata!.namespace!, ref)
        if (d) this.enqueueDeployment(d, hop)
        return
      }
      // An orphan: every matching deployment may want to adopt it.
      for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueueDeployment(d, hop)
      return
    }
    if (rs.metadata?.resourceVersion === old.metadata?.resourceVersion) return
    const curRef = controllerOf(rs)
    const oldRef = controllerOf(old)
    const refChanged = !deepEqual(curRef, oldRef)
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata!.namespace!, oldRef)
      if (d) this.enqueueDeployment(d, hop)
    }
    if (curRef) {
      const d = this.resolveControllerRef(rs.metadata!.namespace!, curRef)
      if (d) this.enqueueDeployment(d, hop)
      return
    }
    if (refChanged || !deepEqual(rs.metadata?.labels, old.metadata?.labels)) {
      for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueueDeployment(d, hop)
    }
  }

  /** A Recreate deployment waits for its last pod to go before it starts the new ones. */
  private deletePod(pod: Pod, hop: number): void {
    const d = this.getDeploymentForPod(pod)
    if (!d || d.spec?.strategy?.type !== 'Recreate') return
    const rsList = this.replicaSets(d.metadata!.namespace!).filter((rs) => controllerOf(rs)?.uid === d.metadata?.uid)
    let n = 0
    for (const pods of this.getPodMapForDeployment(d, rsList).values()) n += pods.length
    if (n === 0) this.enqueueDeployment(d, hop)
  }

  private getDeploymentForPod(pod: Pod): Deployment | undefined {
    const ref = controllerOf(pod)
    if (!ref || ref.kind !== 'ReplicaSet') return undefined
    const rs = this.env.informers.replicasets.get(`${pod.metadata!.namespace}/${ref.name}`) as ReplicaSet | undefined
    if (!rs || rs.metadata?.uid !== ref.uid) return undefined
    const dRef = controllerOf(rs)
    return dRef ? this.resolveControllerRef(rs.metadata!.namespace!, dRef) : undefined
  }

  /** The deployment a controller reference names, if it is still the same object (same uid). */
  private resolveControllerRef(namespace: string, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== controllerKind.kind) return undefined
    const d = this.env.informers.deployments.get(`${namespace}/${ref.name}`) as Deployment | undefined
    return d && d.metadata?.uid === ref.uid ? d : undefined
  }

  /** Deployments whose (non-empty) selector matches the RS labels. Upstream: GetDeploymentsForReplicaSet. */
  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    if (!rs.metadata?.labels || Object.keys(rs.metadata.labels).length === 0) return []
    return this.deployments(rs.metadata.namespace).filter((d) => {
      const sel = fromLabelSelector(d.spec?.selector)
      return sel !== null && sel.length > 0 && matches(sel, rs.metadata?.labels)
    })
  }

  // ---- sync ----------------------------------------------------------------------------------

  sync(key: string, cause?: number): number | void {
    this.cause = cause
    try {
      const requeue = this.syncDeployment(key)
      this.queue.forget(key)
      if (requeue !== undefined) this.scheduleProgressCheck(key, requeue)
    } catch (e) {
      if (!(e instanceof SyncError)) throw e
      // Upstream handleErr: retry with the rate limiter, up to maxRetries.
      if ((this.s.queue.failures.get(key) ?? 0) >= MAX_RETRIES) {
        this.queue.forget(key)
        return
      }
      return this.queue.nextBackoffMs(key)
    } finally {
      this.cause = undefined
    }
  }

  /**
   * The progress-deadline re-check (upstream: requeueStuckDeployment → AddAfter). It is marked as
   * background work so that `settle()` does not run ten virtual minutes just to see a completed
   * rollout's deadline pass; advancing time still fires it. One pending check per key.
   */
  private scheduleProgressCheck(key: string, afterMs: number): void {
    const due = this.now + afterMs
    const checks = (this.s.progressChecks ??= {})
    const pending = checks[key]
    if (pending !== undefined && pending > this.now && pending <= due) return
    checks[key] = due
    scheduleTimer(this.ctx, afterMs, { component: this.env.processId, action: 'enqueue', data: { controller: this.name, key }, cause: this.cause, background: true })
  }

  /** Returns ms after which to check the deployment's progress again, if it may be stuck. */
  syncDeployment(key: string): number | undefined {
    const cached = this.env.informers.deployments.get(key) as Deployment | undefined
    if (!cached) {
      delete this.s.progressChecks?.[key]
      return undefined
    }
    // Never change the cached object: work on a copy.
    const d = deepCopy(cached)
    const sel = d.spec?.selector
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.env.recorder.event(d as KObject, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', this.cause)
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        ;(d.status ??= {}).observedGeneration = d.metadata?.generation
        this.updateDeploymentStatus(d, `The deployment controller records that it saw generation ${d.metadata?.generation} of ${d.metadata?.name}`)
      }
      return undefined
    }
    const rsList = this.getReplicaSetsForDeployment(d)
    const podMap = this.getPodMapForDeployment(d, rsList)
    if (d.metadata?.deletionTimestamp) {
      syncStatusOnly(this, d, rsList)
      return undefined
    }
    checkPausedConditions(this, d)
    if (d.spec?.paused) {
      syncScale(this, d, rsList)
      return undefined
    }
    if (isScalingEvent(this, d, rsList)) {
      syncScale(this, d, rsList)
      return undefined
    }
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(this, d, rsList, podMap)
    return rolloutRolling(this, d, rsList)
  }

  /**
   * The ReplicaSets this deployment controls, adopting matching orphans and releasing owned ones
   * that no longer match (ControllerRefManager.ClaimReplicaSets).
   */
  getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const sel = fromLabelSelector(d.spec?.selector)
    const ns = d.metadata!.namespace!
    const owned: ReplicaSet[] = []
    let canAdopt: boolean | undefined
    for (const rs of this.replicaSets(ns)) {
      const ref = controllerOf(rs)
      const match = matches(sel, rs.metadata?.labels)
      if (ref) {
        if (ref.uid !== d.metadata?.uid) continue
        if (match) {
          owned.push(rs)
          continue
        }
        if (d.metadata?.deletionTimestamp) continue
        this.patchReplicaSet(rs, { metadata: { ownerReferences: [{ $patch: 'delete', uid: d.metadata!.uid }], uid: rs.metadata!.uid } }, `The deployment controller releases ReplicaSet ${rs.metadata!.name}: its labels no longer match deployment ${d.metadata!.name}'s selector`)
        continue
      }
      if (d.metadata?.deletionTimestamp || !match || rs.metadata?.deletionTimestamp) continue
      // Recheck with a fresh read that the deployment is not being deleted before adopting (#42639).
      canAdopt ??= this.recheckDeletionTimestamp(d)
      if (!canAdopt) continue
      const adopted = this.patchReplicaSet(
        rs,
        { metadata: { ownerReferences: [{ ...controllerKind, name: d.metadata!.name, uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true }], uid: rs.metadata!.uid } },
        `The deployment controller adopts ReplicaSet ${rs.metadata!.name} into deployment ${d.metadata!.name}`,
      )
      if (adopted) owned.push(adopted)
    }
    return owned
  }

  private recheckDeletionTimestamp(d: Deployment): boolean {
    const r = this.env.client.get(R.deployments, d.metadata!.namespace, d.metadata!.name!, {
      cause: this.cause,
      summary: `The deployment controller reads deployment ${d.metadata!.name} fresh before adopting ReplicaSets`,
    })
    if (r.status !== 200) return false
    const fresh = r.body as Deployment
    return fresh.metadata?.uid === d.metadata?.uid && !fresh.metadata?.deletionTimestamp
  }

  private patchReplicaSet(rs: ReplicaSet, patch: unknown, summary: string): ReplicaSet | undefined {
    const r = this.env.client.patch(R.replicasets, rs.metadata!.namespace, rs.metadata!.name!, patch, 'strategic', { cause: this.cause, summary })
    if (r.status === 404) return undefined
    if (r.status !== 200) throw new SyncError(r.body?.message)
    return r.body as ReplicaSet
  }

  /** Pods of the deployment's ReplicaSets, by RS uid, terminating ones included (Recreate waits for them). */
  getPodMapForDeployment(d: Deployment, rsList: ReplicaSet[]): PodMap {
    const sel = fromLabelSelector(d.spec?.selector)
    const map: PodMap = new Map()
    for (const rs of rsList) map.set(rs.metadata!.uid!, [])
    for (const p of this.env.informers.pods.list() as Pod[]) {
      if (p.metadata?.namespace !== d.metadata?.namespace || !matches(sel, p.metadata?.labels)) continue
      const ref = controllerOf(p)
      if (ref && map.has(ref.uid)) map.get(ref.uid)!.push(p)
    }
    return map
  }

  // ---- API calls ---------------------------------------------------------------------------

  /** PUT of the deployment's status subresource; returns the stored deployment. */
  updateDeploymentStatus(d: Deployment, summary: string): Deployment {
    const r = this.env.client.updateStatus(R.deployments, d as KObject, { cause: this.cause, summary })
    if (r.status !== 200) throw new SyncError(r.body?.message)
    return r.body as Deployment
  }

  /** PUT of a ReplicaSet (as upstream scales: the whole object, not the scale subresource). */
  updateReplicaSet(rs: ReplicaSet, summary: string): ReplicaSet {
    const r = this.env.client.update(R.replicasets, rs as KObject, { cause: this.cause, summary })
    if (r.status !== 200) throw new SyncError(r.body?.message)
    return r.body as ReplicaSet
  }

  /**
   * Scales an RS to `newScale` (and refreshes its desired/max-replicas annotations), recording
   * `Scaled up replica set web-5d4b9c8f7 from 1 to 2`. Upstream: scaleReplicaSetAndRecordEvent.
   */
  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
    if (replicasOf(rs) === newScale) return { scaled: false, rs }
    return this.scaleReplicaSet(rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down')
  }

  /** Upstream: scaleReplicaSet. `op` is '' when only the annotations change. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, op: 'up' | 'down' | ''): { scaled: boolean; rs: ReplicaSet } {
    const sizeNeedsUpdate = replicasOf(rs) !== newScale
    const max = desiredReplicas(d) + maxSurge(d)
    const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, desiredReplicas(d), max)
    if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { scaled: false, rs }
    const oldScale = replicasOf(rs)
    const copy = deepCopy(rs)
    setReplicas(copy, newScale)
    setReplicasAnnotations(copy, desiredReplicas(d), max)
    const name = rs.metadata!.name!
    const summary = sizeNeedsUpdate
      ? `The deployment controller scales ReplicaSet ${name} ${op || (newScale > oldScale ? 'up' : 'down')} from ${oldScale} to ${newScale} replicas`
      : `The deployment controller records on ReplicaSet ${name} that deployment ${d.metadata!.name} wants ${desiredReplicas(d)} replicas (at most ${max})`
    const updated = this.updateReplicaSet(copy, summary)
    if (sizeNeedsUpdate) {
      this.env.recorder.event(d as KObject, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${name} from ${oldScale} to ${newScale}`, this.cause)
    }
    return { scaled: sizeNeedsUpdate, rs: updated }
  }
}
