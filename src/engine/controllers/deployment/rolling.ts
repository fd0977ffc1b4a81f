/**
 * A RollingUpdate step. Each pass either scales the new ReplicaSet up (within replicas +
 * maxSurge) or, failing that, scales old ones down (keeping replicas − maxUnavailable pods
 * available, counting the new RS's unavailable pods against the budget): never both.
 * Upstream: pkg/controller/deployment/rolling.go.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { DeploymentController } from './deployment'
import { syncRolloutStatus } from './progress'
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './sync'
import {
  byCreationTimestamp,
  deploymentComplete,
  desiredReplicas,
  filterActive,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
} from './util'

/** Returns ms after which to re-check progress, if the rollout may be stuck. Upstream: rolloutRolling. */
export function rolloutRolling(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): number | undefined {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true)
  const allRSs = [...oldRSs, newRS!]
  // Scale up, if we can.
  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d)
  // Scale down, if we can.
  if (reconcileOldReplicaSets(dc, allRSs, filterActive(oldRSs), newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d)
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d)
  return syncRolloutStatus(dc, allRSs, newRS, d)
}

/** Upstream: reconcileNewReplicaSet. */
export function reconcileNewReplicaSet(dc: DeploymentController, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const want = desiredReplicas(d)
  if (replicasOf(newRS) === want) return false
  if (replicasOf(newRS) > want) return dc.scaleReplicaSetAndRecordEvent(newRS, want, d).scaled
  const n = newRSNewReplicas(d, allRSs, newRS)
  return dc.scaleReplicaSetAndRecordEvent(newRS, n, d).scaled
}

/**
 * Scales old ReplicaSets down by at most
 *   maxScaledDown = allPods − (replicas − maxUnavailable) − newRSUnavailable
 * first removing their unhealthy pods, then healthy ones while enough stay available.
 * Upstream: reconcileOldReplicaSets.
 */
export function reconcileOldReplicaSets(dc: DeploymentController, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs)
  if (oldPodsCount === 0) return false
  const allPodsCount = getReplicaCountForReplicaSets(allRSs)
  const minAvailable = desiredReplicas(d) - maxUnavailable(d)
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0)
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailable
  if (maxScaledDown <= 0) return false
  try {
    // Unhealthy replicas first: otherwise they would block the rollout (kubernetes#16737).
    const { oldRSs: cleaned, scaledDown: cleanupCount } = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown)
    const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleaned, newRS], cleaned, d)
    return cleanupCount + scaledDown > 0
  } catch (e) {
    // Upstream gives up on this pass (returns false, nil) when a computed scale-down is bogus.
    if (e instanceof InvalidScaleDown) return false
    throw e
  }
}

/**
 * A "scale-down" that would scale up: a stale status can report more available pods than the
 * RS now wants (it was just scaled down). Upstream: "got invalid request to scale down".
 */
class InvalidScaleDown extends Error {}

/** Scales old ReplicaSets down by their unavailable pods, at most `maxCleanup` in all. Upstream: cleanupUnhealthyReplicas. */
export function cleanupUnhealthyReplicas(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): { oldRSs: ReplicaSet[]; scaledDown: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp)
  let total = 0
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break
    const rs = sorted[i]
    const available = rs.status?.availableReplicas ?? 0
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue
    const count = Math.min(maxCleanup - total, replicasOf(rs) - available)
    const n = replicasOf(rs) - count
    if (n > replicasOf(rs)) throw new InvalidScaleDown(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata!.namespace}/${rs.metadata!.name} ${replicasOf(rs)} -> ${n}`)
    sorted[i] = dc.scaleReplicaSetAndRecordEvent(rs, n, d).rs
    total += count
  }
  return { oldRSs: sorted, scaledDown: total }
}

/** Scales old ReplicaSets down, oldest first, while more than replicas − maxUnavailable are available. Upstream: scaleDownOldReplicaSetsForRollingUpdate. */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentController, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d)
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs)
  if (availablePodCount <= minAvailable) return 0
  const sorted = [...oldRSs].sort(byCreationTimestamp)
  let total = 0
  const totalToScaleDown = availablePodCount - minAvailable
  for (const rs of sorted) {
    if (total >= totalToScaleDown) break
    if (replicasOf(rs) === 0) continue
    const count = Math.min(replicasOf(rs), totalToScaleDown - total)
    const n = replicasOf(rs) - count
    if (n > replicasOf(rs)) throw new InvalidScaleDown(`when scaling down old RS, got invalid request to scale down ${rs.metadata!.namespace}/${rs.metadata!.name} ${replicasOf(rs)} -> ${n}`)
    dc.scaleReplicaSetAndRecordEvent(rs, n, d)
    total += count
  }
  return total
}
