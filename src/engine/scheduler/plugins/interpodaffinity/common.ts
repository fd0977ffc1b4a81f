/**
 * InterPodAffinity shared pieces: topology pair keys and namespace handling of affinity terms.
 *
 * Upstream: pkg/scheduler/framework/plugins/interpodaffinity/plugin.go
 * (mergeAffinityTermNamespacesIfNotEmpty, GetNamespaceLabelsSnapshot).
 */
import { type Labels, selectorIsEmpty, selectorMatches, NOTHING } from '../../labels'
import type { AffinityTerm } from '../../types'
import type { Snapshot } from '../../snapshot'

/** A `topologyPair` as a map key. */
export function pairKey(key: string, value: string): string {
  return key + '\u0000' + value
}

/** `GetNamespaceLabelsSnapshot`: the labels of the namespace, empty when unknown. */
export function namespaceLabelsOf(snapshot: Snapshot | undefined, ns: string): Labels {
  return snapshot?.namespaceLabels.get(ns) ?? {}
}

/**
 * `mergeAffinityTermNamespacesIfNotEmpty`: an incoming pod's term with a non-empty
 * namespaceSelector gets the matching namespaces added to its list, and its selector cleared.
 */
export function mergeAffinityTermNamespaces<T extends AffinityTerm>(t: T, snapshot: Snapshot | undefined): T {
  if (selectorIsEmpty(t.namespaceSelector)) return t
  const namespaces = [...t.namespaces]
  if (snapshot && !t.namespaceSelector.nothing) {
    for (const [ns, labels] of snapshot.namespaceLabels) {
      if (selectorMatches(t.namespaceSelector, labels) && !namespaces.includes(ns)) namespaces.push(ns)
    }
  }
  return { ...t, namespaces, namespaceSelector: NOTHING }
}
