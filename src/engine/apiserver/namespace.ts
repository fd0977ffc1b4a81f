/**
 * The namespace registry's deletion rules: DELETE of a namespace that still has `spec.finalizers`
 * (every namespace has `kubernetes`) only sets its deletionTimestamp and phase Terminating; the
 * namespace controller deletes its content and then removes the finalizer through
 * `namespaces/<name>/finalize`, and that update deletes the namespace for good.
 * Upstream: pkg/registry/core/namespace/storage/storage.go (Delete, ShouldDeleteNamespaceDuringUpdate).
 */
import type { KObject } from '../api/meta'

type NamespaceObject = KObject & { spec?: { finalizers?: string[] }; status?: { phase?: string } }

/**
 * The namespace as DELETE leaves it while finalizers remain: `cur` itself when it is already
 * terminating, a new version otherwise; undefined when it has no spec.finalizers (delete now).
 */
export function terminatingNamespace(cur: KObject, now: string): KObject | undefined {
  const ns = cur as NamespaceObject
  if (!ns.spec?.finalizers?.length) return undefined
  if (ns.metadata?.deletionTimestamp && ns.status?.phase === 'Terminating') return cur
  return {
    ...ns,
    metadata: { ...ns.metadata, deletionTimestamp: ns.metadata?.deletionTimestamp ?? now },
    status: { ...ns.status, phase: 'Terminating' },
  } as KObject
}

/** Whether an update leaves a terminating namespace with no finalizers at all (it is then deleted). */
export function namespaceFinalized(o: KObject): boolean {
  const ns = o as NamespaceObject
  return o.kind === 'Namespace' && !!ns.metadata?.deletionTimestamp && !ns.spec?.finalizers?.length && !ns.metadata?.finalizers?.length
}

/**
 * A namespace update keeps the stored spec.finalizers unless it comes through `finalize`; an
 * empty list is dropped. Upstream: namespaceStrategy.PrepareForUpdate, namespaceFinalizeStrategy.
 */
export function keepNamespaceFinalizers(next: KObject, cur: KObject, finalize: boolean): void {
  const spec = { ...((next as NamespaceObject).spec ?? {}) }
  spec.finalizers = finalize ? spec.finalizers : (cur as NamespaceObject).spec?.finalizers
  if (!spec.finalizers?.length) delete spec.finalizers
  ;(next as NamespaceObject).spec = spec
}
