/**
 * What every deployment sync shares: finding (or creating) the new ReplicaSet and keeping the
 * revision numbers in step, proportional scaling, cleaning up old ReplicaSets, and the status.
 * Upstream: pkg/controller/deployment/sync.go.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1'
import { controllerOf, deepCopy, deepEqual, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import { SyncError, type DeploymentController } from './deployment'
import { computeHash } from './hash'
import {
  FailedRSCreateReason,
  FoundNewRSReason,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  NewReplicaSetReason,
  PausedDeployReason,
  ResumedDeployReason,
  RevisionAnnotation,
  TimedOutReason,
  DefaultDeploymentUniqueLabelKey,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  cloneAndAddLabel,
  cloneSelectorAndAddLabel,
  desiredReplicas,
  equalIgnoreHash,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getDeploymentCondition,
  getDesiredReplicasAnnotation,
  getProportion,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newDeploymentCondition,
  newRSNewReplicas,
  replicasOf,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
} from './util'

/** Status only: the deployment is being deleted. Upstream: syncStatusOnly. */
export function syncStatusOnly(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false)
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d)
}

/**
 * A scaling event or a paused deployment: scale proportionally, clean up (when paused), and
 * update the status. Upstream: sync.
 */
export function syncScale(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false)
  scale(dc, d, newRS, oldRSs)
  if (d.spec?.paused) cleanupDeployment(dc, oldRSs, d)
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d)
}

/**
 * Adds Progressing=Unknown DeploymentPaused / DeploymentResumed when a deployment is paused or
 * resumed, so the time spent paused never counts against its progress deadline.
 * Upstream: checkPausedConditions.
 */
export function checkPausedConditions(dc: DeploymentController, d: Deployment): void {
  if (!hasProgressDeadline(d)) return
  const cond = getDeploymentCondition(d.status, 'Progressing')
  if (cond?.reason === TimedOutReason) return
  const pausedCondExists = cond?.reason === PausedDeployReason
  const status = (d.status ??= {})
  let what = ''
  if (d.spec?.paused && !pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', PausedDeployReason, 'Deployment is paused', dc.now))
    what = 'paused'
  } else if (!d.spec?.paused && pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', ResumedDeployReason, 'Deployment is resumed', dc.now))
    what = 'resumed'
  }
  if (!what) return
  dc.updateDeploymentStatus(d, `The deployment controller marks deployment ${d.metadata!.name} as ${what} (Progressing=Unknown)`)
}

/**
 * The new RS (created when `create` and there is none) and all old ones, with the new RS's
 * revision raised to max(old) + 1 and copied to the deployment.
 * Upstream: getAllReplicaSetsAndSyncRevision.
 */
export function getAllReplicaSetsAndSyncRevision(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
  const oldRSs = findOldReplicaSets(d, rsList)
  const newRS = getNewReplicaSet(dc, d, rsList, oldRSs, create)
  return { newRS, oldRSs }
}

/** Upstream: getNewReplicaSet. */
function getNewReplicaSet(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const existing = findNewReplicaSet(d, rsList)
  const newRevision = String(maxRevision(oldRSs) + 1)
  const name = d.metadata!.name!
  if (existing) {
    const rsCopy = deepCopy(existing)
    const hadRevision = rsCopy.metadata?.annotations?.[RevisionAnnotation]
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true)
    const minReady = d.spec?.minReadySeconds ?? 0
    const minReadyNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== minReady
    if (annotationsUpdated || minReadyNeedsUpdate) {
      if (minReady) rsCopy.spec!.minReadySeconds = minReady
      else delete rsCopy.spec!.minReadySeconds
      const rev = rsCopy.metadata?.annotations?.[RevisionAnnotation]
      const why =
        hadRevision && hadRevision !== rev
          ? `it is the new ReplicaSet again (rollback): revision ${hadRevision} becomes ${rev}`
          : minReadyNeedsUpdate
            ? `minReadySeconds is now ${minReady}`
            : `copies deployment ${name}'s annotations`
      return dc.updateReplicaSet(rsCopy, `The deployment controller updates ReplicaSet ${rsCopy.metadata!.name}: ${why}`)
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.[RevisionAnnotation] ?? '')
    const cond = getDeploymentCondition(d.status, 'Progressing')
    if (hasProgressDeadline(d) && !cond) {
      setDeploymentCondition((d.status ??= {}), newDeploymentCondition('Progressing', 'True', FoundNewRSReason, `Found new replica set "${rsCopy.metadata!.name}"`, dc.now))
      needsUpdate = true
    }
    if (needsUpdate) {
      // Upstream discards the returned object: later updates in this sync carry the old
      // resourceVersion and may conflict, which requeues the deployment.
      dc.updateDeploymentStatus(d, `The deployment controller records revision ${rsCopy.metadata?.annotations?.[RevisionAnnotation]} (ReplicaSet ${rsCopy.metadata!.name}) on deployment ${name}`)
    }
    return rsCopy
  }
  if (!create) return undefined

  // No RS has the deployment's template: create one named after the template's hash.
  const template = deepCopy(d.spec!.template!)
  const hash = computeHash(template, d.status?.collisionCount)
  const tmpl = { ...template, metadata: { ...(template.metadata ?? {}), labels: cloneAndAddLabel(template.metadata?.labels, DefaultDeploymentUniqueLabelKey, hash) } }
  const rsName = `${name}-${hash}`
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: d.metadata!.namespace,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      labels: { ...tmpl.metadata.labels },
    },
    spec: {
      replicas: 0,
      ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector: cloneSelectorAndAddLabel(d.spec?.selector, DefaultDeploymentUniqueLabelKey, hash),
      template: tmpl,
    },
  }
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS)
  newRS.spec!.replicas = newReplicasCount
  setNewReplicaSetAnnotations(d, newRS, newRevision, false)
  const r = dc.env.client.create(R.replicasets, d.metadata!.namespace, newRS as KObject, {
    cause: dc.cause,
    summary: `The deployment controller creates ReplicaSet ${rsName} for deployment ${name}'s new pod template (revision ${newRevision}, ${newReplicasCount} ${newReplicasCount === 1 ? 'replica' : 'replicas'})`,
  })
  let created: ReplicaSet
  let alreadyExists = false
  if (r.status === 201) created = r.body as ReplicaSet
  else if (r.status === 409 && r.body?.reason === 'AlreadyExists') {
    alreadyExists = true
    // A slow cache, or a hash collision: the existing RS is ours only if we own it and it has our template.
    const rs = dc.env.informers.replicasets.get(`${d.metadata!.namespace}/${rsName}`) as ReplicaSet | undefined
    if (!rs) throw new SyncError(r.body?.message)
    const ref = controllerOf(rs)
    if (ref && ref.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) created = rs
    else {
      const status = (d.status ??= {})
      const before = status.collisionCount ?? 0
      status.collisionCount = before + 1
      try {
        dc.updateDeploymentStatus(d, `The deployment controller found a hash collision for ReplicaSet ${rsName}: it bumps deployment ${name}'s collisionCount from ${before} to ${before + 1}`)
      } catch {
        // Upstream ignores this error too and returns the original one.
      }
      throw new SyncError(r.body?.message)
    }
  } else {
    const msg = `Failed to create new replica set "${rsName}": ${r.body?.message}`
    if (hasProgressDeadline(d)) {
      setDeploymentCondition((d.status ??= {}), newDeploymentCondition('Progressing', 'False', FailedRSCreateReason, msg, dc.now))
      try {
        dc.updateDeploymentStatus(d, `The deployment controller reports on deployment ${name} that it could not create ReplicaSet ${rsName}`)
      } catch {
        // A bigger problem is being reported.
      }
    }
    dc.env.recorder.event(d as KObject, 'Warning', FailedRSCreateReason, msg, dc.cause)
    throw new SyncError(r.body?.message)
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.env.recorder.event(d as KObject, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata!.name} from 0 to ${newReplicasCount}`, r.hop)
  }
  let needsUpdate = setDeploymentRevision(d, newRevision)
  if (!alreadyExists && hasProgressDeadline(d)) {
    setDeploymentCondition((d.status ??= {}), newDeploymentCondition('Progressing', 'True', NewReplicaSetReason, `Created new replica set "${created.metadata!.name}"`, dc.now))
    needsUpdate = true
  }
  if (needsUpdate) dc.updateDeploymentStatus(d, `The deployment controller records on deployment ${name} that it created ReplicaSet ${created.metadata!.name} (revision ${newRevision})`)
  return created
}

/**
 * Proportional scaling, so that a scaling event in the middle of a rollout neither hastens nor
 * slows it: replicas are added to (or taken from) every active RS in proportion to its size.
 * Upstream: scale.
 */
export function scale(dc: DeploymentController, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const want = desiredReplicas(d)
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs)
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === want) return
    dc.scaleReplicaSetAndRecordEvent(activeOrLatest, want, d)
    return
  }
  // The new RS is saturated: old ones (adopted during a saturated rollout) go to zero.
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) dc.scaleReplicaSetAndRecordEvent(old, 0, d)
    return
  }
  if (!isRollingUpdate(d)) return
  const allRSs = filterActive([...oldRSs, newRS])
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs)
  const allowedSize = want > 0 ? want + maxSurge(d) : 0
  // Replicas to add (or remove, when negative), shared among the active RSs.
  const toAdd = allowedSize - allRSsReplicas
  let op: 'up' | 'down' | '' = ''
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer)
    op = 'up'
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder)
    op = 'down'
  }
  let added = 0
  const nameToSize = new Map<string, number>()
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added)
      nameToSize.set(rs.metadata!.name!, replicasOf(rs) + proportion)
      added += proportion
    } else nameToSize.set(rs.metadata!.name!, replicasOf(rs))
  }
  allRSs.forEach((rs, i) => {
    const n = rs.metadata!.name!
    // Leftovers go to the largest RS.
    if (i === 0 && toAdd !== 0) nameToSize.set(n, Math.max(0, nameToSize.get(n)! + toAdd - added))
    dc.scaleReplicaSet(rs, nameToSize.get(n)!, d, op)
  })
}

/**
 * Deletes the oldest ReplicaSets beyond revisionHistoryLimit (default 10), only those scaled to
 * zero and fully observed. Upstream: cleanupDeployment.
 */
export function cleanupDeployment(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return
  const limit = d.spec!.revisionHistoryLimit!
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata?.deletionTimestamp)
  const diff = cleanable.length - limit
  if (diff <= 0) return
  cleanable.sort(byRevision)
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata?.deletionTimestamp) continue
    const r = dc.env.client.delete(R.replicasets, rs.metadata!.namespace, rs.metadata!.name!, {}, {
      cause: dc.cause,
      summary: `The deployment controller deletes old ReplicaSet ${rs.metadata!.name} (revision ${rs.metadata?.annotations?.[RevisionAnnotation] ?? '?'}): deployment ${d.metadata!.name} keeps only ${limit} old revisions`,
    })
    if (r.status !== 200 && r.status !== 404) throw new SyncError(r.body?.message)
  }
}

/** Writes the status when it changed. Upstream: syncDeploymentStatus. */
export function syncDeploymentStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = calculateStatus(allRSs, newRS, d, dc.now)
  if (deepEqual(d.status ?? {}, status)) return
  d.status = status
  dc.updateDeploymentStatus(d, statusSummary(d, status))
}

/** One line for the status PUT hop. */
export function statusSummary(d: Deployment, s: DeploymentStatus): string {
  return `The deployment controller updates deployment ${d.metadata!.name}'s status: ${s.replicas ?? 0} replicas, ${s.updatedReplicas ?? 0} updated, ${s.readyReplicas ?? 0} ready, ${s.availableReplicas ?? 0} available`
}

/**
 * The status from the ReplicaSets' statuses, with the Available condition: available when at
 * least replicas − maxUnavailable pods are available. Zero counts are left out, as the API's
 * `omitempty` does. Upstream: calculateStatus.
 */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const available = getAvailableReplicaCountForReplicaSets(allRSs)
  const total = getReplicaCountForReplicaSets(allRSs)
  const unavailable = Math.max(0, total - available)
  const status: DeploymentStatus = {}
  if (d.metadata?.generation) status.observedGeneration = d.metadata.generation
  const replicas = getActualReplicaCountForReplicaSets(allRSs)
  const updated = getActualReplicaCountForReplicaSets([newRS])
  const ready = getReadyReplicaCountForReplicaSets(allRSs)
  if (replicas) status.replicas = replicas
  if (updated) status.updatedReplicas = updated
  if (ready) status.readyReplicas = ready
  if (available) status.availableReplicas = available
  if (unavailable) status.unavailableReplicas = unavailable
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }))
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now))
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now))
  }
  return status
}

/**
 * Whether the deployment's replicas changed since its active ReplicaSets were last told
 * (their desired-replicas annotation differs). Upstream: isScalingEvent.
 */
export function isScalingEvent(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false)
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs)
    if (desired === undefined) continue
    if (desired !== desiredReplicas(d)) return true
  }
  return false
}
