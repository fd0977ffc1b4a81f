/**
 * The garbage collector: deletes objects whose owners are gone, and carries out the three
 * cascading-deletion policies an owner can be deleted with.
 * - Background: the owner goes at once; its dependents, now pointing to a missing owner, are
 *   deleted afterwards (a missing owner is one whose uid no cache has and that a GET confirms
 *   is gone, or has been replaced by an object with another uid).
 * - Foreground: the owner stays (deletionTimestamp + `foregroundDeletion` finalizer) until every
 *   dependent with blockOwnerDeletion is gone; dependents that have dependents of their own are
 *   themselves deleted in the foreground. Then the finalizer is removed and the apiserver
 *   deletes the owner.
 * - Orphan: the owner's `orphan` finalizer makes the collector remove the ownerReference from
 *   every dependent, then the finalizer.
 * Handlers only enqueue keys of the objects to look at; `sync` does the work.
 * Upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
 * processDeletingDependentsItem, orphanDependents, classifyReferences, isDangling),
 * graph_builder.go (processGraphChanges, processTransitions), operations.go, patch.go.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import { deepEqual, type KObject } from '../../api/meta'
import { RESOURCES, resourceForKind } from '../../apiserver/resources'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { FinalizerDeleteDependents, FinalizerOrphanDependents, Graph, hasFinalizer, isDeletingDependents, nodeKey, ownersOf, parseNodeKey, type Node } from './graph'

/** Resources the collector leaves alone. Upstream: garbagecollector DefaultIgnoredResources (events). */
const IGNORED_RESOURCES = new Set(['events'])

/**
 * The resources whose objects the collector follows: every served resource it can list, watch
 * and delete, as upstream finds them through discovery (GetDeletableResources), so the
 * `orphan` and `foregroundDeletion` finalizers are processed for a ConfigMap as for a
 * Deployment. Owners of a kind not served are checked with a GET when a dependent names them.
 */
export const GC_RESOURCES: readonly string[] = RESOURCES.filter((t) => !IGNORED_RESOURCES.has(t.resource) && ['delete', 'list', 'watch'].every((v) => t.verbs.includes(v))).map((t) => t.resource)

/** How many owner uids known to be gone are remembered. Upstream: absentOwnerCache (an LRU of 500). */
const ABSENT_CACHE_SIZE = 500

export interface GarbageCollectorState extends ControllerState {
  /** Uids of owners a GET showed to be gone, newest last, so each missing owner is read once. */
  absentOwners?: string[]
  /**
   * Uids the collector has already sent a DELETE for. Until the informer shows the deletion, the
   * cache still has the object unmarked; this keeps a second sync from deleting it again (the
   * role of the graph node's beingDeleted mark upstream).
   */
  deleted?: string[]
}

type Policy = 'Background' | 'Foreground' | 'Orphan'

/** A failed API call: the key is retried with back-off. */
class GCError extends Error {}

export class GarbageCollector extends Controller<GarbageCollectorState> {
  readonly watches: string[]
  private readonly graph: Graph
  private cause?: number

  constructor(s: GarbageCollectorState, env: ControllerEnv) {
    super('garbagecollector', s, env)
    this.watches = GC_RESOURCES.filter((r) => env.informers[r])
    this.graph = new Graph(env.informers, this.watches)
  }

  // ---- handlers (upstream: GraphBuilder.processGraphChanges) ---------------------------------

  onEvent(resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (type === 'DELETED') {
      // Its dependents now have a missing owner.
      for (const dep of this.graph.dependents(obj.metadata?.uid)) this.enqueue(nodeKey(dep.resource, dep.obj), hop)
      // An owner waiting for its dependents may be free to go now.
      this.enqueueDeletingOwners(ownersOf(obj), obj.metadata?.namespace, hop)
      return
    }
    const key = nodeKey(resource, obj)
    // Transitions: the object starts waiting for its dependents to be orphaned or deleted.
    if (obj.metadata?.deletionTimestamp && hasFinalizer(obj, FinalizerOrphanDependents) && !(old?.metadata?.deletionTimestamp && hasFinalizer(old, FinalizerOrphanDependents))) {
      this.enqueue(key, hop)
      return
    }
    if (isDeletingDependents(obj) && !(old && isDeletingDependents(old))) {
      for (const dep of this.graph.dependents(obj.metadata?.uid)) this.enqueue(nodeKey(dep.resource, dep.obj), hop)
      this.enqueue(key, hop)
    }
    const refs = ownersOf(obj)
    const oldRefs = type === 'ADDED' || !old ? [] : ownersOf(old)
    if (deepEqual(refs, oldRefs)) return
    // References to owners no cache knows: check them.
    const added = refs.filter((r) => !oldRefs.some((o) => o.uid === r.uid))
    if (added.some((r) => !this.graph.owner(r, obj.metadata?.namespace))) this.enqueue(key, hop)
    // Removed references, or ones that stopped blocking, may unblock a foreground deletion.
    const unblocked = oldRefs.filter((o) => {
      const now = refs.find((r) => r.uid === o.uid)
      return !now || (o.blockOwnerDeletion === true && now.blockOwnerDeletion !== true)
    })
    this.enqueueDeletingOwners(unblocked, obj.metadata?.namespace, hop)
  }

  private enqueueDeletingOwners(refs: OwnerReference[], namespace: string | undefined, hop: number): void {
    for (const ref of refs) {
      const owner = this.graph.owner(ref, namespace)
      if (owner && isDeletingDependents(owner.obj)) this.enqueue(nodeKey(owner.resource, owner.obj), hop)
    }
  }

  // ---- sync ----------------------------------------------------------------------------------

  sync(key: string, cause?: number): number | void {
    this.cause = cause
    try {
      this.syncItem(key)
      this.queue.forget(key)
    } catch (e) {
      if (!(e instanceof GCError)) throw e
      return this.queue.nextBackoffMs(key)
    } finally {
      this.cause = undefined
    }
  }

  private syncItem(key: string): void {
    const { resource, cacheKey } = parseNodeKey(key)
    const obj = this.env.informers[resource]?.get(cacheKey)
    if (!obj) return
    const item: Node = { resource, obj }
    if (obj.metadata?.deletionTimestamp) {
      if (hasFinalizer(obj, FinalizerOrphanDependents)) return this.attemptToOrphan(item)
      if (hasFinalizer(obj, FinalizerDeleteDependents)) return this.processDeletingDependentsItem(item)
      // Being deleted and not waiting for anything: not ours to touch.
      return
    }
    this.attemptToDeleteItem(item)
  }

  /** Upstream: attemptToDeleteItem. */
  private attemptToDeleteItem(item: Node): void {
    const refs = ownersOf(item.obj)
    if (refs.length === 0) return
    if (this.s.deleted?.includes(item.obj.metadata!.uid!)) return
    const solid: OwnerReference[] = []
    const dangling: OwnerReference[] = []
    const waiting: OwnerReference[] = []
    for (const ref of refs) {
      const owner = this.findOwner(ref, item)
      if (owner === 'dangling') dangling.push(ref)
      else if (owner && owner.metadata?.deletionTimestamp && hasFinalizer(owner, FinalizerDeleteDependents)) waiting.push(ref)
      else solid.push(ref)
    }
    const name = describe(item)
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return
      // Keep the object; drop the references to owners that are gone or waiting for it.
      const uids = [...dangling, ...waiting].map((r) => r.uid)
      this.patch(item, { metadata: { ownerReferences: uids.map((uid) => ({ $patch: 'delete', uid })), uid: item.obj.metadata!.uid } }, `The garbage collector removes ${name}'s references to owners that are gone or being deleted; it keeps its other owner`)
      return
    }
    if (waiting.length > 0 && this.graph.dependents(item.obj.metadata?.uid).length > 0) {
      // Cycle guard: when a dependent also waits for its own dependents, stop blocking our owners.
      if (this.graph.dependents(item.obj.metadata?.uid).some((d) => isDeletingDependents(d.obj))) {
        const blocking = refs.filter((r) => r.blockOwnerDeletion === true)
        if (blocking.length) {
          this.patch(item, { metadata: { ownerReferences: blocking.map((r) => ({ uid: r.uid, blockOwnerDeletion: false })), uid: item.obj.metadata!.uid } }, `The garbage collector stops ${name} from blocking its owners' deletion, to avoid a cycle`)
        }
      }
      const owner = waiting[0]
      this.deleteObject(item, 'Foreground', `The garbage collector deletes ${name} in the foreground: its owner ${owner.kind} ${owner.name} waits for its dependents, and it has dependents of its own`)
      return
    }
    const policy: Policy = hasFinalizer(item.obj, FinalizerOrphanDependents) ? 'Orphan' : hasFinalizer(item.obj, FinalizerDeleteDependents) ? 'Foreground' : 'Background'
    const why = waiting.length
      ? `its owner ${waiting[0].kind} ${waiting[0].name} is being deleted in the foreground`
      : `its owner ${dangling[0].kind} ${dangling[0].name} is gone`
    this.deleteObject(item, policy, `The garbage collector deletes ${name}: ${why}`)
  }

  /**
   * The owner a reference names: the cached object with its uid, or, when no cache has it, what
   * a GET says. Returns 'dangling' when the owner is gone (404, or another object with the same
   * name), undefined when it exists but is not cached (an uninformed kind).
   * Upstream: isDangling.
   */
  private findOwner(ref: OwnerReference, item: Node): KObject | 'dangling' | undefined {
    const cached = this.graph.owner(ref, item.obj.metadata?.namespace)
    if (cached) return cached.obj
    const absent = (this.s.absentOwners ??= [])
    if (absent.includes(ref.uid)) return 'dangling'
    const t = resourceForKind(ref.apiVersion, ref.kind)
    // An owner of a kind the apiserver does not serve cannot be checked: keep the dependent.
    if (!t) return undefined
    const ns = t.namespaced ? item.obj.metadata?.namespace : undefined
    const r = this.env.client.get(t, ns, ref.name, { cause: this.cause, summary: `The garbage collector checks whether ${ref.kind} ${ref.name}, owner of ${describe(item)}, still exists` })
    if (r.status === 404 || (r.status === 200 && r.body?.metadata?.uid !== ref.uid)) {
      remember(absent, ref.uid)
      return 'dangling'
    }
    if (r.status !== 200) throw new GCError(r.body?.message)
    return r.body as KObject
  }

  /**
   * A foreground deletion in progress: when no blocking dependent is left, remove the
   * finalizer (and the apiserver deletes the object); otherwise make sure each is being deleted.
   * Upstream: processDeletingDependentsItem.
   */
  private processDeletingDependentsItem(item: Node): void {
    const blocking = this.graph.blockingDependents(item.obj.metadata?.uid)
    if (blocking.length === 0) {
      this.removeFinalizer(item, FinalizerDeleteDependents, `The garbage collector removes the foregroundDeletion finalizer from ${describe(item)}: none of its dependents is left`)
      return
    }
    for (const dep of blocking) {
      if (!isDeletingDependents(dep.obj)) this.enqueue(nodeKey(dep.resource, dep.obj), this.cause)
    }
  }

  /** Removes the owner's reference from every dependent, then the `orphan` finalizer. Upstream: attemptToOrphanWorker. */
  private attemptToOrphan(owner: Node): void {
    const uid = owner.obj.metadata!.uid!
    for (const dep of this.graph.dependents(uid)) {
      this.patch(dep, { metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: dep.obj.metadata!.uid } }, `The garbage collector orphans ${describe(dep)}: it removes the ownerReference to ${describe(owner)}`)
    }
    this.removeFinalizer(owner, FinalizerOrphanDependents, `The garbage collector removes the orphan finalizer from ${describe(owner)}: its dependents no longer point to it`)
  }

  // ---- operations (upstream: operations.go, patch.go) ----------------------------------------

  private deleteObject(n: Node, policy: Policy, summary: string): void {
    const t = this.env.informers[n.resource].type
    const ns = t.namespaced ? n.obj.metadata?.namespace : undefined
    const r = this.env.client.delete(t, ns, n.obj.metadata!.name!, { propagationPolicy: policy, preconditions: { uid: n.obj.metadata!.uid } }, { cause: this.cause, summary })
    if (r.status !== 200 && r.status !== 404 && r.status !== 409) throw new GCError(r.body?.message)
    remember((this.s.deleted ??= []), n.obj.metadata!.uid!)
  }

  private patch(n: Node, patch: unknown, summary: string): void {
    const t = this.env.informers[n.resource].type
    const r = this.env.client.patch(t, t.namespaced ? n.obj.metadata?.namespace : undefined, n.obj.metadata!.name!, patch, 'strategic', { cause: this.cause, summary })
    if (r.status !== 200 && r.status !== 404) throw new GCError(r.body?.message)
  }

  /** Reads the object fresh and removes one finalizer, guarded by its resourceVersion; retries on conflict. */
  private removeFinalizer(n: Node, finalizer: string, summary: string): void {
    const t = this.env.informers[n.resource].type
    const ns = t.namespaced ? n.obj.metadata?.namespace : undefined
    for (let attempt = 0; attempt < 5; attempt++) {
      const cur = this.env.client.get(t, ns, n.obj.metadata!.name!, { cause: this.cause, summary: `The garbage collector reads ${describe(n)} before removing its ${finalizer} finalizer` })
      if (cur.status === 404) return
      if (cur.status !== 200) throw new GCError(cur.body?.message)
      const o = cur.body as KObject
      if (o.metadata?.uid !== n.obj.metadata?.uid || !hasFinalizer(o, finalizer)) return
      const rest = (o.metadata?.finalizers ?? []).filter((f) => f !== finalizer)
      const r = this.env.client.patch(t, ns, o.metadata!.name!, { metadata: { finalizers: rest.length ? rest : null, resourceVersion: o.metadata!.resourceVersion } }, 'merge', { cause: this.cause, summary })
      if (r.status === 200 || r.status === 404) return
      if (r.status !== 409) throw new GCError(r.body?.message)
    }
    throw new GCError(`could not remove finalizer ${finalizer}`)
  }
}

/** Appends a uid to a bounded list, oldest dropped first. */
function remember(list: string[], uid: string): void {
  if (list.includes(uid)) return
  list.push(uid)
  if (list.length > ABSENT_CACHE_SIZE) list.splice(0, list.length - ABSENT_CACHE_SIZE)
}

/** `pod web-5d4b9c8f7-x2k9p`, `ReplicaSet web-5d4b9c8f7`. */
function describe(n: Node): string {
  const kind = n.obj.kind ?? n.resource
  return `${kind === 'Pod' ? 'pod' : kind} ${n.obj.metadata?.name}`
}
