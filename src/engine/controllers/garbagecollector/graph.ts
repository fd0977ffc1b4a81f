/**
 * The ownership graph the garbage collector works on, read from the controller-manager's shared
 * informer caches instead of kept as a separate structure: an object's owners are its
 * ownerReferences, its dependents are the cached objects that name its uid.
 * Upstream: pkg/controller/garbagecollector/graph.go (node, owners, dependents,
 * blockingDependents), graph_builder.go (uidToNode).
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { KObject } from '../../api/meta'
import type { Informer } from '../../client/informer'
import { resourceForKind } from '../../apiserver/resources'

/** The finalizer of `--cascade=orphan`: the collector removes dependents' references first. */
export const FinalizerOrphanDependents = 'orphan'
/** The finalizer of `--cascade=foreground`: the collector deletes blocking dependents first. */
export const FinalizerDeleteDependents = 'foregroundDeletion'

/** An object the collector knows, with the informer (resource plural) it came from. */
export interface Node {
  resource: string
  obj: KObject
}

/** `pods|default/web-1`: the collector's workqueue key for an informed object. */
export function nodeKey(resource: string, o: KObject): string {
  const m = o.metadata ?? {}
  return `${resource}|${m.namespace ? `${m.namespace}/${m.name}` : m.name}`
}

export function parseNodeKey(key: string): { resource: string; cacheKey: string } {
  const i = key.indexOf('|')
  return { resource: key.slice(0, i), cacheKey: key.slice(i + 1) }
}

export function ownersOf(o: KObject): OwnerReference[] {
  return o.metadata?.ownerReferences ?? []
}

export function hasFinalizer(o: KObject, f: string): boolean {
  return (o.metadata?.finalizers ?? []).includes(f)
}

/** Being deleted, and waiting for its blocking dependents to go first (foreground deletion). */
export function isDeletingDependents(o: KObject): boolean {
  return !!o.metadata?.deletionTimestamp && hasFinalizer(o, FinalizerDeleteDependents)
}

/** The graph over a set of informers. */
export class Graph {
  constructor(private readonly informers: Record<string, Informer>, private readonly resources: readonly string[]) {}

  /**
   * The cached owner a reference names: the object of the reference's kind and name (in the
   * dependent's namespace unless cluster-scoped) if it has the reference's uid. This is how
   * upstream checks an owner (isDangling looks it up by its coordinates and compares the uid);
   * a kind the collector does not inform on is looked for by uid alone.
   */
  owner(ref: OwnerReference, namespace: string | undefined): Node | undefined {
    const t = resourceForKind(ref.apiVersion, ref.kind)
    if (!t || !this.resources.includes(t.resource)) return this.byUid(ref.uid)
    const o = this.informers[t.resource].get(t.namespaced && namespace ? `${namespace}/${ref.name}` : ref.name)
    return o && o.metadata?.uid === ref.uid ? { resource: t.resource, obj: o } : undefined
  }

  /** The cached object with this uid, if any informer has it. */
  byUid(uid: string | undefined): Node | undefined {
    if (!uid) return undefined
    for (const r of this.resources) {
      for (const o of this.informers[r].values()) if (o.metadata?.uid === uid) return { resource: r, obj: o }
    }
    return undefined
  }

  /** Cached objects with an ownerReference to `uid`. */
  dependents(uid: string | undefined): Node[] {
    const out: Node[] = []
    if (!uid) return out
    for (const r of this.resources) {
      for (const o of this.informers[r].values()) if (ownersOf(o).some((ref) => ref.uid === uid)) out.push({ resource: r, obj: o })
    }
    return out
  }

  /** Dependents whose reference to `uid` has blockOwnerDeletion: they hold up a foreground deletion. */
  blockingDependents(uid: string | undefined): Node[] {
    return this.dependents(uid).filter((n) => ownersOf(n.obj).some((ref) => ref.uid === uid && ref.blockOwnerDeletion === true))
  }
}
