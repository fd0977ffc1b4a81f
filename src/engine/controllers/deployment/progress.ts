/**
 * The rollout's status and its Progressing condition: NewReplicaSetAvailable when complete,
 * ReplicaSetUpdated (with a fresh lastUpdateTime) whenever pods move, and
 * ProgressDeadlineExceeded when nothing moved for progressDeadlineSeconds. A rollout that may be
 * stuck is looked at again when its deadline passes.
 * Upstream: pkg/controller/deployment/progress.go.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1'
import { deepEqual } from '../../api/meta'
import { parseTime } from '../../sim/time'
import type { DeploymentController } from './deployment'
import { calculateStatus, statusSummary } from './sync'
import {
  NewRSAvailableReason,
  ReplicaSetUpdatedReason,
  TimedOutReason,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  removeDeploymentCondition,
  setDeploymentCondition,
} from './util'

/**
 * Updates the status during a rollout. Returns ms after which the deployment should be looked
 * at again for its progress deadline, if any. Upstream: syncRolloutStatus.
 */
export function syncRolloutStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): number | undefined {
  const st = calculateStatus(allRSs, newRS, d, dc.now)
  if (!hasProgressDeadline(d)) removeDeploymentCondition(st, 'Progressing')
  const cur = getDeploymentCondition(d.status, 'Progressing')
  const isCompleteDeployment = (st.replicas ?? 0) === (st.updatedReplicas ?? 0) && cur?.reason === NewRSAvailableReason
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const name = d.metadata!.name!
    if (deploymentComplete(d, st)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata!.name}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`
      setDeploymentCondition(st, newDeploymentCondition('Progressing', 'True', NewRSAvailableReason, msg, dc.now))
    } else if (deploymentProgressing(d, st)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata!.name}" is progressing.` : `Deployment "${name}" is progressing.`
      const cond = newDeploymentCondition('Progressing', 'True', ReplicaSetUpdatedReason, msg, dc.now)
      // Unlike other conditions, Progressing gets a new lastUpdateTime on every sign of progress.
      if (cur) {
        if (cur.status === 'True') cond.lastTransitionTime = cur.lastTransitionTime
        removeDeploymentCondition(st, 'Progressing')
      }
      setDeploymentCondition(st, cond)
    } else if (deploymentTimedOut(d, st, dc.now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`
      setDeploymentCondition(st, newDeploymentCondition('Progressing', 'False', TimedOutReason, msg, dc.now))
    }
  }
  const failures = getReplicaFailures(allRSs, newRS)
  if (failures.length) setDeploymentCondition(st, failures[0])
  else removeDeploymentCondition(st, 'ReplicaFailure')
  if (deepEqual(d.status ?? {}, st)) return requeueStuckDeployment(dc, d, st)
  d.status = st
  const timedOut = getDeploymentCondition(st, 'Progressing')?.reason === TimedOutReason && cur?.reason !== TimedOutReason
  dc.updateDeploymentStatus(d, timedOut ? `The deployment controller marks deployment ${d.metadata!.name} as failed: no progress for ${d.spec!.progressDeadlineSeconds}s (ProgressDeadlineExceeded)` : statusSummary(d, st))
  return undefined
}

/** ReplicaFailure conditions of the new RS first, else of any RS. Upstream: getReplicaFailures. */
function getReplicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const conv = (c: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }): DeploymentCondition => ({
    type: c.type,
    status: c.status,
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  })
  const fromNew = (newRS?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(conv)
  if (fromNew.length) return fromNew
  const out: DeploymentCondition[] = []
  for (const rs of allRSs) for (const c of rs?.status?.conditions ?? []) if (c.type === 'ReplicaFailure') out.push(conv(c))
  return out
}

/**
 * When a rollout shows no progress, when to look at it again: just after its Progressing
 * condition's lastUpdateTime + progressDeadlineSeconds. Undefined when it needs no check.
 * Upstream: requeueStuckDeployment.
 */
export function requeueStuckDeployment(dc: DeploymentController, d: Deployment, st: DeploymentStatus): number | undefined {
  const cur = getDeploymentCondition(d.status, 'Progressing')
  if (!hasProgressDeadline(d) || !cur) return undefined
  if (deploymentComplete(d, st) || cur.reason === TimedOutReason) return undefined
  const after = parseTime(cur.lastUpdateTime) + d.spec!.progressDeadlineSeconds! * 1000 - dc.now
  // Less than a second left: look again almost at once. Otherwise one second after the deadline
  // (kubernetes#39785: AddAfter may fire a little early).
  if (after < 1000) return Math.max(0, after) + 5
  return after + 1000
}
