/**
 * Deployment helpers: revision and replica annotations, conditions, the rolling-update
 * fenceposts (maxSurge rounds up, maxUnavailable rounds down), finding the new and old
 * ReplicaSets, and the proportions of a scaling event.
 * Upstream: pkg/controller/deployment/util/deployment_util.go, pkg/controller/controller_utils.go
 * (ReplicaSetsByCreationTimestamp, ReplicaSetsBySizeOlder/Newer, FilterActiveReplicaSets),
 * k8s.io/apimachinery/pkg/util/intstr GetScaledValueFromIntOrPercent.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { deepCopy } from '../../api/meta'
import { parseTime, rfc3339 } from '../../sim/time'

export const RevisionAnnotation = 'deployment.kubernetes.io/revision'
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history'
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas'
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas'
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration'
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to'
/** The label that keeps the pods of a Deployment's ReplicaSets apart. Upstream: apps.DefaultDeploymentUniqueLabelKey. */
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash'

// Condition reasons, as `kubectl describe deployment` shows them.
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated'
export const FailedRSCreateReason = 'ReplicaSetCreateError'
export const NewReplicaSetReason = 'NewReplicaSetCreated'
export const FoundNewRSReason = 'FoundNewReplicaSet'
export const NewRSAvailableReason = 'NewReplicaSetAvailable'
export const TimedOutReason = 'ProgressDeadlineExceeded'
export const PausedDeployReason = 'DeploymentPaused'
export const ResumedDeployReason = 'DeploymentResumed'
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable'
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable'

/** Go's math.MaxInt32: a progress deadline or history limit of this value means "none". */
export const MAX_INT32 = 2147483647

/** Annotations never copied from a Deployment to its ReplicaSets (nor back on rollback). */
export const annotationsToSkip = new Set([LastAppliedConfigAnnotation, RevisionAnnotation, RevisionHistoryAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation, DeprecatedRollbackTo])

// ---- small accessors ------------------------------------------------------------------------

/** `*(rs.Spec.Replicas)`, 0 when unset. */
export function replicasOf(o: { spec?: { replicas?: number } } | undefined | null): number {
  return o?.spec?.replicas ?? 0
}

/** `*(d.Spec.Replicas)`: defaulted to 1 by the apiserver, so absent only in hand-made objects. */
export function desiredReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1
}

/** Sets spec.replicas of a ReplicaSet copy. */
export function setReplicas(rs: ReplicaSet, n: number): void {
  ;(rs.spec as { replicas?: number }).replicas = n
}

/** The object's annotations, created empty when missing (on copies only). */
export function annotationsOf(o: { metadata?: { annotations?: Record<string, string> } }): Record<string, string> {
  const m = o.metadata as { annotations?: Record<string, string> }
  return (m.annotations ??= {})
}

// ---- revisions ------------------------------------------------------------------------------

/** The revision number of an object (0 without the annotation, NaN when it is not a number). */
export function revision(o: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const v = o?.metadata?.annotations?.[RevisionAnnotation]
  if (v === undefined) return 0
  return /^-?\d+$/.test(v) ? Number(v) : NaN
}

/** The highest revision among the ReplicaSets (0 when none has one). Upstream: MaxRevision. */
export function maxRevision(rss: ReplicaSet[]): number {
  let max = 0
  for (const rs of rss) {
    const v = revision(rs)
    if (!Number.isNaN(v) && v > max) max = v
  }
  return max
}

/** The second highest revision: the one `rollout undo` goes back to. Upstream: LastRevision. */
export function lastRevision(rss: ReplicaSet[]): number {
  let max = 0
  let sec = 0
  for (const rs of rss) {
    const v = revision(rs)
    if (Number.isNaN(v)) continue
    if (v >= max) {
      sec = max
      max = v
    } else if (v > sec) sec = v
  }
  return sec
}

/** Sets the deployment's revision annotation. Returns whether it changed. */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  const a = annotationsOf(d)
  if (a[RevisionAnnotation] === rev) return false
  a[RevisionAnnotation] = rev
  return true
}

/** Copies the deployment's annotations (but the skipped ones) to the RS. Returns whether any changed. */
function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false
  const ra = annotationsOf(rs)
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (annotationsToSkip.has(k) || ra[k] === v) continue
    ra[k] = v
    changed = true
  }
  return changed
}

/**
 * Gives the new RS the deployment's annotations and the revision `newRevision` (only ever
 * raising it). An RS that had a lower revision is being rolled back to: its old number moves to
 * `revision-history` (comma separated, at most `limitChars` characters).
 * Upstream: SetNewReplicaSetAnnotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, limitChars = 2000): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs)
  const a = annotationsOf(rs)
  const oldRevision = a[RevisionAnnotation]
  const had = oldRevision !== undefined
  let oldInt = 0
  if (had) {
    if (!/^-?\d+$/.test(oldRevision)) return false
    oldInt = Number(oldRevision)
  }
  if (!/^-?\d+$/.test(newRevision)) return false
  const newInt = Number(newRevision)
  if (oldInt < newInt) {
    a[RevisionAnnotation] = newRevision
    changed = true
  }
  if (had && oldInt < newInt) {
    const hist = a[RevisionHistoryAnnotation] ?? ''
    const olds = hist.split(',')
    if (olds[0].length === 0) a[RevisionHistoryAnnotation] = oldRevision
    else {
      let total = hist.length + oldRevision.length + 1
      let start = 0
      while (total > limitChars && start < olds.length) {
        total -= olds[start].length + 1
        start++
      }
      if (total <= limitChars) a[RevisionHistoryAnnotation] = [...olds.slice(start), oldRevision].join(',')
    }
  }
  if (!exists && setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true
  return changed
}

// ---- replica annotations --------------------------------------------------------------------

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key]
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined
  return Number(v)
}

/** `deployment.kubernetes.io/desired-replicas`: the deployment's replicas when the RS was last scaled. */
export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DesiredReplicasAnnotation)
}

/** `deployment.kubernetes.io/max-replicas`: replicas + maxSurge when the RS was last scaled. */
export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, MaxReplicasAnnotation)
}

/** Writes desired-replicas and max-replicas; returns whether either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs)
  let updated = false
  if (a[DesiredReplicasAnnotation] !== String(desired)) {
    a[DesiredReplicasAnnotation] = String(desired)
    updated = true
  }
  if (a[MaxReplicasAnnotation] !== String(max)) {
    a[MaxReplicasAnnotation] = String(max)
    updated = true
  }
  return updated
}

/** Whether desired-replicas or max-replicas differ from these values. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations
  if (!a) return true
  return a[DesiredReplicasAnnotation] !== String(desired) || a[MaxReplicasAnnotation] !== String(max)
}

// ---- fenceposts -----------------------------------------------------------------------------

/**
 * An IntOrString as a number: `3` → 3, `'25%'` of 10 → 2.5 rounded up (3) or down (2).
 * Upstream: intstr.GetScaledValueFromIntOrPercent.
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return v
  const m = /^(\d+)%$/.exec(v)
  if (!m) {
    if (/^\d+$/.test(v)) return Number(v)
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`)
  }
  const x = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(x) : Math.floor(x)
}

/** Strategy RollingUpdate (the default). */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
}

/**
 * maxSurge rounds up, maxUnavailable rounds down, and when both come out 0 maxUnavailable
 * becomes 1 (a percentage can round down to nothing). Upstream: ResolveFenceposts.
 */
export function resolveFenceposts(surgeV: number | string | undefined, unavailV: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(surgeV ?? 0, desired, true)
  let unavailable = scaledValue(unavailV ?? 0, desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

/** How many pods above replicas a rolling update may run: 25% of 10 → 3. Upstream: MaxSurge. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0
  const ru = d.spec?.strategy?.rollingUpdate
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d)).surge
}

/** How many of the replicas may be unavailable: 25% of 10 → 2, never more than replicas. Upstream: MaxUnavailable. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || desiredReplicas(d) === 0) return 0
  const ru = d.spec?.strategy?.rollingUpdate
  const u = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d)).unavailable
  return Math.min(u, desiredReplicas(d))
}

/**
 * How many replicas the new RS should have now. Rolling: as many as fit under
 * replicas + maxSurge, never more than replicas. Recreate: all of them.
 * Upstream: NewRSNewReplicas.
 */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  if (isRollingUpdate(d)) {
    const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, desiredReplicas(d), true)
    const current = getReplicaCountForReplicaSets(allRSs)
    const maxTotal = desiredReplicas(d) + surge
    if (current >= maxTotal) return replicasOf(newRS)
    const up = Math.min(maxTotal - current, desiredReplicas(d) - replicasOf(newRS))
    return replicasOf(newRS) + up
  }
  if (d.spec?.strategy?.type === 'Recreate') return desiredReplicas(d)
  throw new Error(`deployment type ${d.spec?.strategy?.type} isn't supported`)
}

/** The new RS holds every desired replica, believes so, and all are available. Upstream: IsSaturated. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false
  const desired = getDesiredReplicasAnnotation(rs)
  if (desired === undefined) return false
  return replicasOf(rs) === desiredReplicas(d) && desired === desiredReplicas(d) && (rs.status?.availableReplicas ?? 0) === desiredReplicas(d)
}

// ---- proportional scaling -------------------------------------------------------------------

/** Go's math.Round: halves away from zero (JS rounds -2.5 to -2). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (desiredReplicas(d) === 0) return -replicasOf(rs)
  const deploymentReplicas = desiredReplicas(d) + maxSurge(d)
  const annotated = getMaxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0
  // We never scale proportionally up from zero, so neither value is 0 here.
  const newSize = (replicasOf(rs) * deploymentReplicas) / annotated
  return roundHalfAway(newSize) - replicasOf(rs)
}

/** The share of `toAdd` replicas this RS takes in a scaling event. Upstream: GetProportion. */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = replicaSetFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

// ---- finding replica sets -------------------------------------------------------------------

/** Templates equal but for the pod-template-hash label (nil and empty count as equal, as Go's semantic equality). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(a ?? {}, b ?? {}, TEMPLATE)
}

/** Null, undefined, an empty map or an empty list: what Go's semantic equality treats as unset. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') {
    for (const k in v as Record<string, unknown>) if (!isEmpty((v as Record<string, unknown>)[k])) return false
    return true
  }
  return false
}

/** Where semanticEqual is in a template: its root, its metadata, its labels, anywhere else. */
const TEMPLATE = 0
const METADATA = 1
const LABELS = 2
const OTHER = 3

/**
 * Semantic equality of JSON data without copying: unset and empty values are equal, and the
 * pod-template-hash label (at `metadata.labels`) is ignored.
 */
function semanticEqual(a: unknown, b: unknown, at: number): boolean {
  if (a === b) return true
  const ea = isEmpty(a)
  const eb = isEmpty(b)
  if (ea || eb) return ea && eb
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], b[i], OTHER)) return false
    return true
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  for (const k in x) {
    if (at === LABELS && k === DefaultDeploymentUniqueLabelKey) continue
    const below = at === TEMPLATE && k === 'metadata' ? METADATA : at === METADATA && k === 'labels' ? LABELS : OTHER
    if (!semanticEqual(x[k], y[k], below)) return false
  }
  for (const k in y) {
    if (at === LABELS && k === DefaultDeploymentUniqueLabelKey) continue
    if (!(k in x) && !isEmpty(y[k])) return false
  }
  return true
}

/** Oldest first, then by name. Upstream: controller.ReplicaSetsByCreationTimestamp. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = parseTime(a.metadata?.creationTimestamp)
  const tb = parseTime(b.metadata?.creationTimestamp)
  if (ta !== tb) return ta - tb
  const na = a.metadata?.name ?? ''
  const nb = b.metadata?.name ?? ''
  return na < nb ? -1 : na > nb ? 1 : 0
}

/** Biggest first; equal sizes oldest first (which RS to scale down first). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (replicasOf(a) === replicasOf(b)) return byCreationTimestamp(a, b)
  return replicasOf(b) - replicasOf(a)
}

/** Biggest first; equal sizes newest first (which RS to scale up first). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (replicasOf(a) === replicasOf(b)) return byCreationTimestamp(b, a)
  return replicasOf(b) - replicasOf(a)
}

/** By revision, oldest first; creation time breaks ties. Upstream: ReplicaSetsByRevision. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revision(a)
  const rb = revision(b)
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreationTimestamp(a, b)
  return ra - rb
}

/** The RS whose template is the deployment's (the oldest such, if several). Upstream: FindNewReplicaSet. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const sorted = [...rsList].sort(byCreationTimestamp)
  return sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template))
}

/** Every RS but the new one. Upstream: FindOldReplicaSets (the second list). */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList)
  return rsList.filter((rs) => !newRS || rs.metadata?.uid !== newRS.metadata?.uid)
}

/** ReplicaSets that want pods. Upstream: controller.FilterActiveReplicaSets. */
export function filterActive(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && replicasOf(rs) > 0)
}

/**
 * The only active RS, or the newest one when none is active; undefined when several are active
 * (then they are scaled proportionally). Upstream: FindActiveOrLatest.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const olds = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a))
  const active = filterActive([...olds, newRS])
  if (active.length === 0) return newRS ?? olds[0]
  if (active.length === 1) return active[0]
  return undefined
}

/** Sum of spec.replicas. */
export function getReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0)
}

/** Sum of status.replicas (pods that exist). */
export function getActualReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0)
}

/** Sum of status.readyReplicas. */
export function getReadyReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0)
}

/** Sum of status.availableReplicas. */
export function getAvailableReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0)
}

// ---- labels and selectors -------------------------------------------------------------------

/** A copy of the labels with one more. */
export function cloneAndAddLabel(labels: Record<string, string> | undefined, key: string, value: string): Record<string, string> {
  return { ...(labels ?? {}), [key]: value }
}

/** A copy of the selector that also requires `key=value` (the RS selector: deployment selector + pod-template-hash). */
export function cloneSelectorAndAddLabel(sel: LabelSelector | undefined, key: string, value: string): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...(sel?.matchLabels ?? {}), [key]: value } }
  if (sel?.matchExpressions?.length) out.matchExpressions = deepCopy(sel.matchExpressions)
  return out
}

// ---- conditions -----------------------------------------------------------------------------

/** A condition stamped with `now` (virtual ms) as both update and transition time. */
export function newDeploymentCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now)
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message }
}

/** The condition of this type, if any. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type)
}

/**
 * Sets a condition, keeping it (and its lastUpdateTime) when status and reason are unchanged,
 * and its lastTransitionTime when only the reason changes. Upstream: SetDeploymentCondition.
 */
export function setDeploymentCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const cur = getDeploymentCondition(status, cond.type)
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return
  const c = { ...cond }
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c]
}

/** Drops the condition of this type (and the list when it becomes empty, as `omitempty`). */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((x) => x.type !== type)
  if (rest.length) status.conditions = rest
  else delete status.conditions
}

/** progressDeadlineSeconds is set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec?.progressDeadlineSeconds
  return p !== undefined && p !== null && p !== MAX_INT32
}

/** revisionHistoryLimit is set and not MaxInt32. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit
  return l !== undefined && l !== null && l !== MAX_INT32
}

/** Every desired replica is updated and available, and no old ones are left. Upstream: DeploymentComplete. */
export function deploymentComplete(d: Deployment, st: DeploymentStatus): boolean {
  const want = desiredReplicas(d)
  return (st.updatedReplicas ?? 0) === want && (st.replicas ?? 0) === want && (st.availableReplicas ?? 0) === want && (st.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
}

/** New pods appeared, became ready or available, or old pods went. Upstream: DeploymentProgressing. */
export function deploymentProgressing(d: Deployment, st: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0)
  return (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
}

/** No progress for progressDeadlineSeconds since the Progressing condition last changed. Upstream: DeploymentTimedOut. */
export function deploymentTimedOut(d: Deployment, st: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false
  const c = getDeploymentCondition(st, 'Progressing')
  if (!c) return false
  if (c.reason === NewRSAvailableReason) return false
  if (c.reason === TimedOutReason) return true
  const from = parseTime(c.lastUpdateTime)
  return from + d.spec!.progressDeadlineSeconds! * 1000 < now
}
