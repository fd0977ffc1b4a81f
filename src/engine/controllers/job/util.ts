/**
 * Job helpers: pod templates, conditions, back-off and the arithmetic of how many pods should
 * be running. Upstream: pkg/controller/job/job_controller.go (newCondition, wantActive in
 * manageJob, pastBackoffLimitOnFailure), backoff_utils.go, pkg/controller/job/util/utils.go.
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { deepCopy } from '../../api/meta'
import { parseTime, rfc3339 } from '../../sim/time'

/** The finalizer that keeps a finished pod until the Job has counted it. Upstream: batch.JobTrackingFinalizer. */
export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking'
/** Pod failure back-off: 10 s doubling, capped at 10 min. Upstream: DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000

/** Condition texts as 1.33 writes them. Upstream: job_controller.go, pkg/apis/batch/types.go. */
export const Reasons = {
  CompletionsReached: { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
  BackoffLimitExceeded: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  DeadlineExceeded: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
}

export function hasCondition(job: Job, type: string): boolean {
  return !!job.status?.conditions?.some((c) => c.type === type && c.status === 'True')
}

/** Complete or Failed. Upstream: IsJobFinished. */
export function isJobFinished(job: Job): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed')
}

export function newCondition(type: string, r: { reason: string; message: string }, now: number): JobCondition {
  const t = rfc3339(now)
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: r.reason, message: r.message }
}

/** A pod for the Job (not yet stored): the template, the Job as controller, the tracking finalizer. */
export function newJobPod(job: Job): Pod {
  const t = job.spec!.template
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${job.metadata!.name}-`,
      namespace: job.metadata!.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      finalizers: [JobTrackingFinalizer],
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata!.name!, uid: job.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: deepCopy(t.spec!),
  }
}

/** How many pods should be running. Upstream: the wantActive computation of manageJob (NonIndexed). */
export function wantActive(job: Job, succeeded: number): number {
  const parallelism = job.spec?.parallelism ?? 1
  const completions = job.spec?.completions
  if (completions === undefined || completions === null) return succeeded > 0 ? 0 : parallelism
  return Math.max(0, Math.min(parallelism, completions - succeeded))
}

/** Container restarts of the active pods (restartPolicy OnFailure counts failures this way). Upstream: pastBackoffLimitOnFailure. */
export function restartsOf(pods: Pod[]): number {
  let n = 0
  for (const p of pods) for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) n += c.restartCount ?? 0
  return n
}

/** When the latest failed pod finished (virtual ms), for the back-off. */
export function lastFailureTime(pods: Pod[]): number | undefined {
  let last: number | undefined
  for (const p of pods) {
    if (p.status?.phase !== 'Failed') continue
    let t = parseTime(p.metadata?.deletionTimestamp ?? p.metadata?.creationTimestamp)
    for (const c of p.status?.containerStatuses ?? []) if (c.state?.terminated?.finishedAt) t = Math.max(t, parseTime(c.state.terminated.finishedAt))
    last = last === undefined ? t : Math.max(last, t)
  }
  return last
}

/** The delay before a replacement after `failures` consecutive failures. Upstream: backoff_utils.go. */
export function podFailureBackoff(failures: number): number {
  if (failures <= 0) return 0
  return Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_POD_FAILURE_BACKOFF_MS)
}
