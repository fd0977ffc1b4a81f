/**
 * A Recreate step: scale every old ReplicaSet to zero, wait until none of their pods is left
 * (terminating ones count), and only then create and scale up the new ReplicaSet.
 * Upstream: pkg/controller/deployment/recreate.go.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { DeploymentController, PodMap } from './deployment'
import { syncRolloutStatus } from './progress'
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './sync'
import { deploymentComplete, desiredReplicas, filterActive, getActualReplicaCountForReplicaSets, replicasOf } from './util'

/** Upstream: rolloutRecreate. */
export function rolloutRecreate(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], podMap: PodMap): number | undefined {
  // Don't create the new RS yet, so that nothing scales up before the old pods are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false)
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS]
  if (scaleDownOldReplicaSetsForRecreate(dc, filterActive(oldRSs), d)) return syncRolloutStatus(dc, allRSs, newRS, d)
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d)
  if (!newRS) {
    ;({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true))
    allRSs = [...oldRSs, newRS]
  }
  dc.scaleReplicaSetAndRecordEvent(newRS!, desiredReplicas(d), d)
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d)
  return syncRolloutStatus(dc, allRSs, newRS, d)
}

/** Upstream: scaleDownOldReplicaSetsForRecreate. */
function scaleDownOldReplicaSetsForRecreate(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment): boolean {
  let scaled = false
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue
    if (dc.scaleReplicaSetAndRecordEvent(rs, 0, d).scaled) scaled = true
  }
  return scaled
}

/** Whether any old RS still reports pods, or any pod of an old RS is not finished. Upstream: oldPodsRunning. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === uid) continue
    for (const p of pods) {
      const phase = p.status?.phase
      if (phase === 'Failed' || phase === 'Succeeded') continue
      return true
    }
  }
  return false
}
