/**
 * DaemonSet pod helpers: which nodes should run a daemon pod, the tolerations every daemon pod
 * gets, and the node affinity that pins a pod to its node (the scheduler then binds it there,
 * as upstream has done since 1.12).
 * Upstream: pkg/controller/daemon/util/daemonset_util.go (AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity, IsPodUpdated), daemon_controller.go
 * (NodeShouldRunDaemonPod, predicates). The matching helpers are the shared
 * component-helpers library (here under scheduler/, pure functions).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1'
import { deepCopy } from '../../api/meta'
import { getRequiredNodeAffinity, requiredNodeAffinityMatches } from '../../scheduler/nodeaffinity'
import { findMatchingUntoleratedTaint } from '../../scheduler/taints'
import { PodRevisionLabel } from '../history/history'

/** Pod label with the DaemonSet generation it was made from. Upstream: extensions.DaemonSetTemplateGenerationKey. */
export const TemplateGenerationLabel = 'pod-template-generation'

/** What every daemon pod tolerates, so it runs (and keeps running) on troubled nodes. */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ]
  if (hostNetwork) out.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' })
  return out
}

/** Adds the daemon tolerations the template does not already have. Upstream: AddOrUpdateDaemonPodTolerations. */
export function withDaemonTolerations(tolerations: Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = [...(tolerations ?? [])]
  for (const t of daemonTolerations(hostNetwork)) {
    const i = out.findIndex((x) => x.key === t.key && x.effect === t.effect && (x.operator ?? 'Equal') === t.operator)
    if (i >= 0) out[i] = t
    else out.push(t)
  }
  return out
}

/** A new daemon pod for `node` (not yet stored): pinned by `metadata.name In [node]`. */
export function newDaemonPod(ds: DaemonSet, node: string, hash: string): Pod {
  const t = ds.spec!.template
  const spec = deepCopy(t.spec!)
  spec.tolerations = withDaemonTolerations(spec.tolerations, !!spec.hostNetwork)
  // Upstream: ReplaceDaemonSetPodNodeNameNodeAffinity keeps other affinity, replaces the required node terms.
  spec.affinity = {
    ...(spec.affinity ?? {}),
    nodeAffinity: {
      ...(spec.affinity?.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
    },
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata!.name}-`,
      namespace: ds.metadata!.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [PodRevisionLabel]: hash, [TemplateGenerationLabel]: String(ds.metadata?.generation ?? 1) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata!.name!, uid: ds.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  }
}

/**
 * Whether a daemon pod should run on the node (nodeSelector, required node affinity, NoSchedule
 * and NoExecute taints tolerated) and whether an existing one may keep running (only untolerated
 * NoExecute taints evict). Upstream: NodeShouldRunDaemonPod, predicates.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const tmpl: Pod = { spec: { ...ds.spec!.template.spec!, containers: [] } }
  const fitsAffinity = requiredNodeAffinityMatches(getRequiredNodeAffinity(tmpl), node)
  const tolerations = withDaemonTolerations(tmpl.spec!.tolerations, !!tmpl.spec!.hostNetwork)
  const taints = node.spec?.taints
  const noExecute = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute')
  const noSchedule = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoSchedule')
  if (!fitsAffinity) return { shouldRun: false, shouldContinueRunning: false }
  if (noExecute) return { shouldRun: false, shouldContinueRunning: false }
  if (noSchedule) return { shouldRun: false, shouldContinueRunning: true }
  return { shouldRun: true, shouldContinueRunning: true }
}

/** Made from the current template? Upstream: IsPodUpdated. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {}
  return labels[TemplateGenerationLabel] === String(generation) || labels[PodRevisionLabel] === hash
}

/** `maxUnavailable` and `maxSurge` as pod counts for `desired` nodes (percentages round up). Upstream: updatedDesiredNodeCounts. */
export function rollingCounts(ds: DaemonSet, desired: number): { maxUnavailable: number; maxSurge: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate
  const scaled = (v: unknown, dflt: number) => {
    if (v === undefined || v === null) return dflt
    if (typeof v === 'number') return v
    const m = /^(\d+)%$/.exec(String(v))
    return m ? Math.ceil((Number(m[1]) * desired) / 100) : Number(v) || 0
  }
  let maxUnavailable = scaled(ru?.maxUnavailable, 1)
  const maxSurge = scaled(ru?.maxSurge, 0)
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1
  return { maxUnavailable, maxSurge }
}
