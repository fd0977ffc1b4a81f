/**
 * The DaemonSet controller: one pod on every node that should run it. A new node that fits gets
 * a pod; a node that stops fitting (labels, taints) loses it; a node that is deleted takes its
 * pod with it (the pod garbage collector removes pods of deleted nodes). Each pod is pinned to
 * its node by a `metadata.name In [node]` node affinity term and the scheduler binds it, as
 * upstream has done since 1.12. A template change is a new ControllerRevision; RollingUpdate
 * replaces old pods node by node within maxUnavailable (default 1; maxSurge 0), OnDelete waits
 * for the user to delete them. A `maxSurge` above 0 (surge a new pod before the old one goes)
 * is not modelled: it is treated as 0.
 * Upstream: pkg/controller/daemon/daemon_controller.go (syncDaemonSet, manage,
 * podsShouldBeOnNode, syncNodes, updateDaemonSetStatus), update.go (rollingUpdate,
 * constructHistory, cleanupHistory).
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { controllerOf, deepEqual, keyOf, type KObject } from '../../api/meta'
import { isPodAvailable, isPodReady } from '../../api/pod'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { parseTime } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { ControllerRevisionHashLabel, ensureUpdateRevision, PodRevisionLabel, truncateHistory, type RevisionEnv } from '../history/history'
import { isPodUpdated, newDaemonPod, nodeShouldRunDaemonPod, rollingCounts } from './util'

/** The daemonset controller (`controller-manager/daemonset`, events from `daemonset-controller`). */
export class DaemonSetController extends Controller {
  readonly watches = ['daemonsets', 'pods', 'nodes']
  private cause?: number

  constructor(s: ControllerState, env: ControllerEnv) {
    super('daemonset', s, env)
  }

  private daemonSets(): DaemonSet[] {
    return this.env.informers.daemonsets.list() as DaemonSet[]
  }

  onEvent(resource: string, _type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'daemonsets') return this.enqueue(keyOf(obj), hop)
    if (resource === 'nodes') {
      // A node appeared, went, or changed labels, taints or readiness: every DaemonSet looks again.
      if (old && deepEqual(old.metadata?.labels, obj.metadata?.labels) && deepEqual(old.spec, obj.spec) && deepEqual(readyOf(old as Node), readyOf(obj as Node))) return
      for (const ds of this.daemonSets()) this.enqueue(keyOf(ds), hop)
      return
    }
    const ref = controllerOf(obj)
    if (ref?.kind === 'DaemonSet') this.enqueue(`${obj.metadata!.namespace}/${ref.name}`, hop)
  }

  sync(key: string, cause?: number): number | void {
    const ds = this.env.informers.daemonsets.get(key) as DaemonSet | undefined
    if (!ds || ds.metadata?.deletionTimestamp) return
    this.cause = cause
    const renv: RevisionEnv = { client: this.env.client, revisions: this.env.informers.controllerrevisions.list(), cause, who: 'daemonset' }
    const revs = ensureUpdateRevision(renv, ds as KObject, ds.spec?.template, ds.spec?.selector?.matchLabels ?? {}, ds.status?.collisionCount ?? 0)
    if (!revs) return 1000
    const hash = revs.update.metadata!.labels![ControllerRevisionHashLabel]
    const nodes = (this.env.informers.nodes.list() as Node[]).slice().sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    const byNode = this.podsByNode(ds)
    this.manage(ds, nodes, byNode, hash)
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.rollingUpdate(ds, nodes, byNode, hash)
    const live = new Set<string | undefined>([revs.update.metadata!.name])
    for (const pods of byNode.values()) for (const p of pods) live.add(revs.all.find((r) => r.metadata?.labels?.[ControllerRevisionHashLabel] === p.metadata?.labels?.[PodRevisionLabel])?.metadata?.name)
    truncateHistory(renv, revs.all as ControllerRevision[], live, ds.spec?.revisionHistoryLimit ?? 10)
    return this.updateStatus(ds, nodes, this.podsByNode(ds), hash)
  }

  /** The DaemonSet's active pods by node name, oldest first. Upstream: getNodesToDaemonPods. */
  private podsByNode(ds: DaemonSet): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>()
    for (const p of this.env.informers.pods.list() as Pod[]) {
      if (p.metadata?.namespace !== ds.metadata?.namespace || controllerOf(p)?.uid !== ds.metadata?.uid || p.metadata?.deletionTimestamp) continue
      const node = p.spec?.nodeName ?? p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0]
      if (!node) continue
      const list = out.get(node) ?? []
      list.push(p)
      out.set(node, list)
    }
    for (const list of out.values()) list.sort((a, b) => parseTime(a.metadata?.creationTimestamp) - parseTime(b.metadata?.creationTimestamp) || (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    return out
  }

  /** Creates the missing pods and deletes the ones that must go. Upstream: manage, podsShouldBeOnNode, syncNodes. */
  private manage(ds: DaemonSet, nodes: Node[], byNode: Map<string, Pod[]>, hash: string): void {
    const create: string[] = []
    const remove: Pod[] = []
    for (const node of nodes) {
      const name = node.metadata!.name!
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds)
      const pods = byNode.get(name) ?? []
      if (shouldRun && pods.length === 0) create.push(name)
      else if (shouldContinueRunning) {
        // A failed daemon pod is replaced; more than one on a node keeps only the oldest.
        const failed = pods.filter((p) => p.status?.phase === 'Failed')
        remove.push(...failed)
        const alive = pods.filter((p) => p.status?.phase !== 'Failed')
        if (alive.length > 1) remove.push(...alive.slice(1))
      } else remove.push(...pods)
    }
    for (const node of create) {
      const pod = newDaemonPod(ds, node, hash)
      const r = this.env.client.create(R.pods, ds.metadata!.namespace, pod as KObject, { cause: this.cause, summary: `The daemonset controller creates ${ds.metadata!.name}'s pod for node ${node}` })
      if (r.status === 201) this.env.recorder.event(ds as KObject, 'Normal', 'SuccessfulCreate', `Created pod: ${r.body.metadata.name}`, r.hop)
      else this.env.recorder.event(ds as KObject, 'Warning', 'FailedCreate', `Error creating: ${r.body?.message}`, r.hop)
    }
    for (const p of remove) this.deletePod(ds, p, `node ${p.spec?.nodeName} should not run it`)
  }

  private deletePod(ds: DaemonSet, p: Pod, why: string): void {
    const r = this.env.client.delete(R.pods, p.metadata!.namespace, p.metadata!.name!, {}, { cause: this.cause, summary: `The daemonset controller deletes pod ${p.metadata!.name}: ${why}` })
    if (r.status === 200) this.env.recorder.event(ds as KObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`, r.hop)
  }

  /** Deletes old pods node by node within maxUnavailable (maxSurge 0). Upstream: rollingUpdate. */
  private rollingUpdate(ds: DaemonSet, nodes: Node[], byNode: Map<string, Pod[]>, hash: string): void {
    const now = this.ctx.queue.now
    const minReady = ds.spec?.minReadySeconds ?? 0
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun)
    const { maxUnavailable } = rollingCounts(ds, desired.length)
    let unavailable = 0
    const oldAvailable: Pod[] = []
    const oldUnavailable: Pod[] = []
    for (const node of desired) {
      const pods = byNode.get(node.metadata!.name!) ?? []
      const pod = pods[0]
      if (!pod || !isPodAvailable(pod, minReady, now)) unavailable++
      if (!pod || isPodUpdated(pod, hash, ds.metadata?.generation)) continue
      if (isPodAvailable(pod, minReady, now)) oldAvailable.push(pod)
      else oldUnavailable.push(pod)
    }
    // Old pods that are not available anyway go first; then available ones while the budget lasts.
    for (const p of oldUnavailable) this.deletePod(ds, p, `it runs an old template (rolling update)`)
    for (const p of oldAvailable) {
      if (unavailable >= maxUnavailable) break
      unavailable++
      this.deletePod(ds, p, `it runs an old template (rolling update, maxUnavailable ${maxUnavailable})`)
    }
  }

  /** Upstream: updateDaemonSetStatus. */
  private updateStatus(ds: DaemonSet, nodes: Node[], byNode: Map<string, Pod[]>, hash: string): number | void {
    const now = this.ctx.queue.now
    const minReady = ds.spec?.minReadySeconds ?? 0
    let desired = 0
    let current = 0
    let misscheduled = 0
    let ready = 0
    let available = 0
    let updated = 0
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds)
      const pods = byNode.get(node.metadata!.name!) ?? []
      if (shouldRun) {
        desired++
        if (pods.length) {
          current++
          const p = pods[0]
          if (isPodReady(p)) {
            ready++
            if (isPodAvailable(p, minReady, now)) available++
          }
          if (isPodUpdated(p, hash, ds.metadata?.generation)) updated++
        }
      } else if (pods.length) misscheduled++
    }
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation,
    }
    if (available) status.numberAvailable = available
    if (desired - available > 0) status.numberUnavailable = desired - available
    if (updated) status.updatedNumberScheduled = updated
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount
    if (!deepEqual(ds.status, status)) {
      this.env.client.updateStatus(R.daemonsets, { ...ds, status: status as unknown as DaemonSetStatus } as KObject, {
        cause: this.cause,
        summary: `The daemonset controller updates ${ds.metadata!.name}'s status: ${desired} desired, ${current} scheduled, ${ready} ready, ${updated} up to date`,
      })
    }
    if (minReady > 0 && ready > available) return minReady * 1000
  }
}

function readyOf(n: Node): string | undefined {
  return n.status?.conditions?.find((c) => c.type === 'Ready')?.status
}
