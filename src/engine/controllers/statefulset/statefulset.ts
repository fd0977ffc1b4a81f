/**
 * The StatefulSet controller. It manages pods directly (no ReplicaSet in between), each with a
 * stable ordinal identity: with the default OrderedReady policy it creates `web-0`, waits until
 * it is Running and Ready, then creates `web-1`, and scales down from the highest ordinal, one
 * pod at a time; with Parallel it does both at once. Before a member's pod it creates the
 * member's PersistentVolumeClaims; they are kept when the pod goes (retention Retain), so the
 * replacement `web-1` mounts the same volume. A template change is a new ControllerRevision;
 * the rolling update replaces pods from the highest ordinal down to `partition`.
 * Upstream: pkg/controller/statefulset/stateful_set.go (handlers, sync),
 * stateful_set_control.go (updateStatefulSet, getStatefulSetRevisions, processReplica,
 * processCondemned, updateStatefulSetStatus, completeRollingUpdate),
 * stateful_pod_control.go (events).
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { controllerOf, deepEqual, keyOf, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { ensureUpdateRevision, truncateHistory, type RevisionEnv } from '../history/history'
import { claimsFor, isFinished, isHealthy, isMemberOf, isRunningAndAvailable, isRunningAndReady, isTerminating, newStatefulSetPod, ordinalOf, revisionOfPod, startOrdinal } from './utils'

/** The statefulset controller (`controller-manager/statefulset`, events from `statefulset-controller`). */
export class StatefulSetController extends Controller {
  readonly watches = ['statefulsets', 'pods', 'controllerrevisions']
  private cause?: number

  constructor(s: ControllerState, env: ControllerEnv) {
    super('statefulset', s, env)
  }

  // ---- handlers ----------------------------------------------------------------------------

  onEvent(resource: string, _type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'statefulsets') return this.enqueue(keyOf(obj), hop)
    if (resource === 'controllerrevisions') return
    const ref = controllerOf(obj)
    if (ref?.kind === 'StatefulSet') this.enqueue(`${obj.metadata!.namespace}/${ref.name}`, hop)
    const oldRef = old && controllerOf(old)
    if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid) this.enqueue(`${old!.metadata!.namespace}/${oldRef.name}`, hop)
  }

  // ---- sync --------------------------------------------------------------------------------

  sync(key: string, cause?: number): number | void {
    const set = this.env.informers.statefulsets.get(key) as StatefulSet | undefined
    if (!set || set.metadata?.deletionTimestamp) return
    this.cause = cause
    const pods = (this.env.informers.pods.list() as Pod[]).filter((p) => p.metadata?.namespace === set.metadata?.namespace && isMemberOf(set, p))
    const revs = this.revisions(set)
    if (!revs) return 1000
    const status = this.updateStatefulSet(set, revs.current, revs.update, pods)
    this.updateStatus(set, status)
    truncateHistory(this.revisionEnv(), revs.all, new Set([revs.current.metadata!.name, revs.update.metadata!.name, ...pods.map(revisionOfPod)]), set.spec?.revisionHistoryLimit ?? 10)
    const minReady = set.spec?.minReadySeconds ?? 0
    if (minReady > 0 && (status.readyReplicas ?? 0) > (status.availableReplicas ?? 0)) return minReady * 1000
  }

  /** The current and update revisions, creating the update revision if the template is new. Upstream: getStatefulSetRevisions. */
  private revisions(set: StatefulSet): { all: ControllerRevision[]; current: ControllerRevision; update: ControllerRevision } | undefined {
    const r = ensureUpdateRevision(this.revisionEnv(), set as KObject, set.spec?.template, set.spec?.selector?.matchLabels ?? {}, set.status?.collisionCount ?? 0)
    if (!r) return undefined
    const current = r.all.find((x) => x.metadata?.name === set.status?.currentRevision) ?? r.update
    return { all: r.all, current, update: r.update }
  }

  private revisionEnv(): RevisionEnv {
    return { client: this.env.client, revisions: this.env.informers.controllerrevisions.list(), cause: this.cause, who: 'statefulset' }
  }

  private event(set: StatefulSet, reason: string, message: string, hop: number, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.env.recorder.event(set as KObject, type, reason, message, hop)
  }

  /** Creates the member's missing claims, then the pod. Upstream: CreateStatefulPod. */
  private createPod(set: StatefulSet, pod: Pod): boolean {
    if (!this.createClaims(set, pod, ordinalOf(pod))) return false
    const r = this.env.client.create(R.pods, set.metadata!.namespace, pod as KObject, {
      cause: this.cause,
      summary: `The statefulset controller creates pod ${pod.metadata!.name} (ordinal ${ordinalOf(pod)} of ${set.metadata!.name})`,
    })
    if (r.status === 201) this.event(set, 'SuccessfulCreate', `create Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`, r.hop)
    else if (r.status !== 409) this.event(set, 'FailedCreate', `create Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${r.body?.message}`, r.hop, 'Warning')
    return r.status === 201
  }

  /** Upstream: createPersistentVolumeClaims (reads the claim lister, creates what is missing). */
  private createClaims(set: StatefulSet, pod: Pod, ordinal: number): boolean {
    let ok = true
    for (const claim of claimsFor(set, ordinal)) {
      const name = claim.metadata!.name!
      const cached = this.env.informers.persistentvolumeclaims?.get(`${set.metadata!.namespace}/${name}`) as PersistentVolumeClaim | undefined
      if (cached) {
        if (cached.metadata?.deletionTimestamp) ok = false
        continue
      }
      const r = this.env.client.create(R.persistentvolumeclaims, set.metadata!.namespace, claim as KObject, {
        cause: this.cause,
        summary: `The statefulset controller creates claim ${name} for pod ${pod.metadata!.name} from volumeClaimTemplate ${name.split('-')[0]}`,
      })
      if (r.status === 201) this.event(set, 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} success`, r.hop)
      else if (r.status !== 409) {
        ok = false
        this.event(set, 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${r.body?.message}`, r.hop, 'Warning')
      }
    }
    return ok
  }

  private deletePod(set: StatefulSet, pod: Pod, why: string): void {
    const r = this.env.client.delete(R.pods, pod.metadata!.namespace, pod.metadata!.name!, {}, { cause: this.cause, summary: `The statefulset controller deletes pod ${pod.metadata!.name}: ${why}` })
    if (r.status === 200) this.event(set, 'SuccessfulDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`, r.hop)
    else if (r.status !== 404) this.event(set, 'FailedDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${r.body?.message}`, r.hop, 'Warning')
  }

  /** One pass of the algorithm; returns the status to report. Upstream: updateStatefulSet. */
  private updateStatefulSet(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, pods: Pod[]): StatefulSetStatus {
    const now = this.ctx.queue.now
    const minReady = set.spec?.minReadySeconds ?? 0
    const want = set.spec?.replicas ?? 1
    const start = startOrdinal(set)
    const currentName = current.metadata!.name!
    const updateName = update.metadata!.name!
    const st = { replicas: 0, ready: 0, available: 0, current: 0, updated: 0 }
    const count = (p: Pod, created: boolean) => {
      st.replicas++
      if (!created && isRunningAndReady(p)) {
        st.ready++
        if (isRunningAndAvailable(p, minReady, now)) st.available++
      }
      if (created || !isTerminating(p)) {
        if (revisionOfPod(p) === currentName) st.current++
        if (revisionOfPod(p) === updateName) st.updated++
      }
    }
    for (const p of pods) count(p, false)
    const replicas: (Pod | undefined)[] = new Array(want).fill(undefined)
    const condemned: Pod[] = []
    for (const p of pods) {
      const ord = ordinalOf(p)
      if (ord >= start && ord < start + want) replicas[ord - start] = p
      else if (ord >= 0) condemned.push(p)
    }
    condemned.sort((a, b) => ordinalOf(a) - ordinalOf(b))
    const monotonic = set.spec?.podManagementPolicy !== 'Parallel'
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
    const done = () => this.status(set, st, currentName, updateName)
    // Members: create what is missing, lowest ordinal first; OrderedReady waits for each.
    for (let i = 0; i < want; i++) {
      const ord = start + i
      const pod = replicas[i]
      if (pod && isFinished(pod)) {
        if (!isTerminating(pod)) this.deletePod(set, pod, `it ${pod.status?.phase === 'Failed' ? 'failed' : 'exited'}; a new one with the same name replaces it`)
        if (monotonic) return done()
        continue
      }
      if (!pod) {
        // Below the partition a new member gets the current revision, above it the update revision. Upstream: newVersionedStatefulSetPod.
        const useCurrent = rolling && ord < partition
        const rev = useCurrent ? current : update
        const p = newStatefulSetPod(useCurrent ? setWithTemplate(set, current) : set, ord, rev.metadata!.name!)
        if (this.createPod(set, p)) count(p, true)
        if (monotonic) return done()
        continue
      }
      if (monotonic && isTerminating(pod)) return done()
      if (monotonic && !isRunningAndAvailable(pod, minReady, now)) return done()
      // An existing member whose claims went missing gets them back. Upstream: createMissingPersistentVolumeClaims.
      if ((set.spec?.volumeClaimTemplates?.length ?? 0) > 0 && !this.claimsCached(set, ord)) this.createClaims(set, pod, ord)
    }
    // Condemned members go highest ordinal first; OrderedReady one at a time, only when all else is healthy.
    const firstUnhealthy = [...replicas.filter((p): p is Pod => !!p), ...condemned].find((p) => !isHealthy(p))
    for (let i = condemned.length - 1; i >= 0; i--) {
      const pod = condemned[i]
      if (isTerminating(pod)) {
        if (monotonic) return done()
        continue
      }
      if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy) return done()
      this.deletePod(set, pod, `${set.metadata!.name} scales down to ${want}`)
      if (monotonic) return done()
    }
    if (!rolling) return done()
    // Rolling update: from the highest ordinal down to the partition, one pod at a time.
    for (let i = want - 1; i >= Math.max(0, partition - start); i--) {
      const pod = replicas[i]
      if (!pod) continue
      if (revisionOfPod(pod) !== updateName && !isTerminating(pod)) {
        this.deletePod(set, pod, `it runs revision ${revisionOfPod(pod)}; the update revision is ${updateName}`)
        return done()
      }
      if (!isHealthy(pod)) return done()
    }
    return done()
  }

  private claimsCached(set: StatefulSet, ordinal: number): boolean {
    const inf = this.env.informers.persistentvolumeclaims
    if (!inf) return true
    return claimsFor(set, ordinal).every((c) => inf.get(`${c.metadata!.namespace}/${c.metadata!.name}`))
  }

  /** Upstream: the status part of updateStatefulSet and completeRollingUpdate. */
  private status(set: StatefulSet, st: { replicas: number; ready: number; available: number; current: number; updated: number }, current: string, update: string): StatefulSetStatus {
    const out: Record<string, unknown> = { observedGeneration: set.metadata?.generation, replicas: st.replicas }
    if (st.ready) out.readyReplicas = st.ready
    let currentRevision = current
    let currentReplicas = st.current
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
    if (rolling && st.updated === st.replicas && st.ready === st.replicas) {
      currentRevision = update
      currentReplicas = st.updated
    }
    if (currentReplicas) out.currentReplicas = currentReplicas
    if (st.updated) out.updatedReplicas = st.updated
    out.currentRevision = currentRevision
    out.updateRevision = update
    out.collisionCount = set.status?.collisionCount ?? 0
    out.availableReplicas = st.available
    return out as unknown as StatefulSetStatus
  }

  private updateStatus(set: StatefulSet, status: StatefulSetStatus): void {
    if (deepEqual(set.status, status)) return
    this.env.client.updateStatus(R.statefulsets, { ...set, status } as KObject, {
      cause: this.cause,
      summary: `The statefulset controller updates ${set.metadata!.name}'s status: ${status.replicas} replicas, ${status.readyReplicas ?? 0} ready, ${status.updatedReplicas ?? 0} updated`,
    })
  }
}

/** The set with the template of a revision (how members below the partition are built). Upstream: ApplyRevision. */
function setWithTemplate(set: StatefulSet, rev: ControllerRevision): StatefulSet {
  const t = (rev.data as { spec?: { template?: Record<string, unknown> } })?.spec?.template
  if (!t) return set
  const { $patch: _p, ...template } = t
  void _p
  return { ...set, spec: { ...set.spec!, template: template as never } }
}
