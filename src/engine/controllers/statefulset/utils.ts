/**
 * What makes a StatefulSet's pods stateful: each has an ordinal, a stable name `<set>-<ordinal>`,
 * a hostname and subdomain for DNS through the set's headless Service, and its own
 * PersistentVolumeClaims `<claim>-<set>-<ordinal>` made from `volumeClaimTemplates`, which
 * outlive the pod so a replacement with the same name mounts the same volume.
 * Upstream: pkg/controller/statefulset/stateful_set_utils.go.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1'
import { controllerOf, deepCopy } from '../../api/meta'
import { isPodAvailable, isPodReady } from '../../api/pod'
import { PodRevisionLabel } from '../history/history'

/** Label with the pod's own name, so a Service can select one member. Upstream: apps.StatefulSetPodNameLabel. */
export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name'
/** Label with the pod's ordinal (on by default since 1.28). Upstream: apps.PodIndexLabel. */
export const PodIndexLabel = 'apps.kubernetes.io/pod-index'

const ordinalRe = /^(.*)-([0-9]+)$/

/** The set name and ordinal a pod's name encodes, or ordinal -1. Upstream: getParentNameAndOrdinal. */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = ordinalRe.exec(pod.metadata?.name ?? '')
  if (!m) return { parent: '', ordinal: -1 }
  return { parent: m[1], ordinal: Number(m[2]) }
}

export function ordinalOf(pod: Pod): number {
  return parentAndOrdinal(pod).ordinal
}

/** The first ordinal (`spec.ordinals.start`, default 0). */
export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0
}

/** `web-0`. Upstream: getPodName. */
export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata!.name}-${ordinal}`
}

/** `data-web-0`. Upstream: getPersistentVolumeClaimName. */
export function claimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata!.name}-${set.metadata!.name}-${ordinal}`
}

/** The claims a member needs, built from the templates. Upstream: getPersistentVolumeClaims. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const match = set.spec?.selector?.matchLabels ?? {}
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const c = deepCopy(t) as PersistentVolumeClaim
    const meta = { ...(c.metadata ?? {}) } as Record<string, unknown>
    delete meta.creationTimestamp
    c.apiVersion = 'v1'
    c.kind = 'PersistentVolumeClaim'
    c.metadata = { ...meta, name: claimName(set, t, ordinal), namespace: set.metadata!.namespace, labels: { ...(t.metadata?.labels ?? {}), ...match } }
    delete (c as { status?: unknown }).status
    return c
  })
}

/**
 * A new member from a template: identity (name, hostname, subdomain, labels), the set as its
 * controller, and one volume per claim template pointing to its own claim.
 * Upstream: newStatefulSetPod, updateIdentity, updateStorage.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string): Pod {
  const t = set.spec!.template
  const name = podName(set, ordinal)
  const claims = set.spec?.volumeClaimTemplates ?? []
  const volumes: Volume[] = (t.spec?.volumes ?? []).filter((v) => !claims.some((c) => c.metadata?.name === v.name)).map(deepCopy)
  for (const c of claims) volumes.push({ name: c.metadata!.name!, persistentVolumeClaim: { claimName: claimName(set, c, ordinal) } })
  const spec = { ...deepCopy(t.spec!), hostname: name, ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) }
  if (volumes.length) spec.volumes = volumes
  else delete spec.volumes
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata!.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [PodRevisionLabel]: revision, [StatefulSetPodNameLabel]: name, [PodIndexLabel]: String(ordinal) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: set.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  }
}

/** Whether the pod belongs to the set by name and controller. Upstream: isMemberOf. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod).parent === set.metadata?.name && controllerOf(pod)?.uid === set.metadata?.uid
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp
}

export function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** Running and Ready, and not being deleted. Upstream: isRunningAndReady. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod)
}

/** Running and Ready for at least minReadySeconds. Upstream: isRunningAndAvailable. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now)
}

/** Created, running, ready and not terminating. Upstream: isHealthy. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod)
}

export function revisionOfPod(pod: Pod): string | undefined {
  return pod.metadata?.labels?.[PodRevisionLabel]
}
