/**
 * The Job controller: runs pods until `completions` of them succeed, at most `parallelism` at a
 * time. A failed pod (restartPolicy Never) is replaced after a back-off of 10 s doubling to
 * 10 min; with OnFailure the kubelet restarts the container and the restarts count as failures.
 * Past `backoffLimit` failures, or `activeDeadlineSeconds` after the start, the Job gets
 * FailureTarget, its running pods are deleted, and once none is left it is Failed. On success it
 * gets SuccessCriteriaMet, then Complete. Finished pods are counted through the
 * `batch.kubernetes.io/job-tracking` finalizer: recorded in `uncountedTerminatedPods`, the
 * finalizer removed, then moved to `succeeded` / `failed`.
 * Upstream: pkg/controller/job/job_controller.go (syncJob, manageJob,
 * trackJobStatusWithFinalizers, flushUncountedAndRemoveFinalizers, enactJobFinished).
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { controllerOf, deepEqual, keyOf, type KObject } from '../../api/meta'
import { isPodReady } from '../../api/pod'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { parseTime, rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { hasCondition, isJobFinished, JobTrackingFinalizer, lastFailureTime, newCondition, newJobPod, podFailureBackoff, Reasons, restartsOf, wantActive } from './util'

export interface JobControllerState extends ControllerState {
  /** Pods created but not yet seen, per job key. Upstream: ControllerExpectations. */
  expectations: Map<string, { add: number; del?: string[] }>
}

const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'

/** The job controller (`controller-manager/job`, events from `job-controller`). */
export class JobController extends Controller<JobControllerState> {
  readonly watches = ['jobs', 'pods']
  private cause?: number

  constructor(s: JobControllerState, env: ControllerEnv) {
    super('job', s, env)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (resource === 'jobs') return this.enqueue(keyOf(obj), hop)
    const ref = controllerOf(obj)
    if (ref?.kind !== 'Job') return
    const key = `${obj.metadata!.namespace}/${ref.name}`
    // A pod whose Job is gone keeps its tracking finalizer until someone removes it: this controller.
    if (type !== 'DELETED' && obj.metadata?.finalizers?.includes(JobTrackingFinalizer) && this.env.informers.jobs.get(key)?.metadata?.uid !== ref.uid) {
      this.enqueue(`orphan|${keyOf(obj)}`, hop)
      return
    }
    const e = this.s.expectations.get(key)
    if (type === 'ADDED' && e && e.add > 0) e.add--
    this.enqueue(key, hop)
  }

  sync(key: string, cause?: number): number | void {
    if (key.startsWith('orphan|')) return this.releaseOrphan(key.slice(7), cause)
    let job = this.env.informers.jobs.get(key) as Job | undefined
    if (!job) {
      this.s.expectations.delete(key)
      return
    }
    this.cause = cause
    const uid = job.metadata?.uid
    const ns = job.metadata?.namespace
    const pods = (this.env.informers.pods.list() as Pod[]).filter((p) => p.metadata?.namespace === ns && controllerOf(p)?.uid === uid)
    // Finished pods still holding the tracking finalizer are not counted yet.
    const uncounted = pods.filter((p) => terminal(p) && p.metadata?.finalizers?.includes(JobTrackingFinalizer))
    const st = job.status ?? {}
    if (uncounted.length) job = this.flushUncounted(job, uncounted)
    if (isJobFinished(job) || job.metadata?.deletionTimestamp) return
    const now = this.ctx.queue.now
    const succeeded = (st.succeeded ?? 0) + uncounted.filter((p) => p.status?.phase === 'Succeeded').length
    const failed = (st.failed ?? 0) + uncounted.filter((p) => p.status?.phase === 'Failed').length
    const newFailure = uncounted.some((p) => p.status?.phase === 'Failed')
    const active = pods.filter((p) => !terminal(p) && !p.metadata?.deletionTimestamp)
    const terminating = pods.filter((p) => !terminal(p) && p.metadata?.deletionTimestamp).length
    const startTime = st.startTime ?? rfc3339(now)
    const conditions: JobCondition[] = [...(st.conditions ?? [])]
    const limit = job.spec?.backoffLimit ?? 6
    const onFailure = job.spec?.template?.spec?.restartPolicy === 'OnFailure'
    let requeue: number | undefined
    // 1. A verdict: FailureTarget or SuccessCriteriaMet, once.
    if (!hasCondition(job, 'FailureTarget') && !hasCondition(job, 'SuccessCriteriaMet')) {
      const restarts = restartsOf(active)
      const deadline = job.spec?.activeDeadlineSeconds
      let failure: { reason: string; message: string } | undefined
      if ((newFailure && failed > limit) || (onFailure && (limit === 0 ? restarts > 0 : restarts + failed >= limit))) failure = Reasons.BackoffLimitExceeded
      else if (deadline !== undefined && deadline !== null && now - parseTime(startTime) >= deadline * 1000) failure = Reasons.DeadlineExceeded
      const completions = job.spec?.completions
      const complete = completions !== undefined && completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0
      if (failure) conditions.push(newCondition('FailureTarget', failure, now))
      else if (complete) conditions.push(newCondition('SuccessCriteriaMet', Reasons.CompletionsReached, now))
      else {
        requeue = this.manage(job, key, active, succeeded, failed, pods)
        if (deadline !== undefined && deadline !== null) {
          const left = parseTime(startTime) + deadline * 1000 - now
          requeue = requeue === undefined ? left : Math.min(requeue, left)
        }
      }
    }
    // 2. Past the verdict: delete what still runs, then finish once nothing is terminating.
    let finished = false
    const target = conditions.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True')
    if (target) {
      for (const p of active) this.deletePod(job, p, target.type === 'FailureTarget' ? `job ${job.metadata!.name} ${target.reason}` : `job ${job.metadata!.name} has succeeded`)
      if (active.length === 0 && terminating === 0) {
        finished = true
        conditions.push(newCondition(target.type === 'FailureTarget' ? 'Failed' : 'Complete', { reason: target.reason!, message: target.message! }, now))
      }
    }
    const status: Record<string, unknown> = { ...st, startTime, ready: target ? 0 : active.filter(isPodReady).length, terminating: target ? terminating + active.length : terminating, uncountedTerminatedPods: {} }
    if (conditions.length) status.conditions = conditions
    const activeNow = target ? 0 : active.length + this.created
    if (activeNow) status.active = activeNow
    else delete status.active
    if (succeeded) status.succeeded = succeeded
    if (failed) status.failed = failed
    if (finished && target!.type === 'SuccessCriteriaMet') status.completionTime = rfc3339(now)
    this.created = 0
    if (!deepEqual(job.status, status)) {
      const r = this.env.client.updateStatus(R.jobs, { ...job, status: status as JobStatus } as KObject, {
        cause: this.cause,
        summary: `The job controller updates ${job.metadata!.name}'s status: ${activeNow} active, ${succeeded} succeeded, ${failed} failed${finished ? `, ${target!.type === 'FailureTarget' ? 'Failed' : 'Complete'}` : ''}`,
      })
      if (r.status !== 200) return 100
      if (finished) {
        if (target!.type === 'SuccessCriteriaMet') this.env.recorder.event(job as KObject, 'Normal', 'Completed', 'Job completed', r.hop)
        else this.env.recorder.event(job as KObject, 'Warning', target!.reason!, target!.message!, r.hop)
      }
    }
    return requeue !== undefined && requeue > 0 ? requeue : undefined
  }

  /** Removes the tracking finalizer of a pod whose Job was deleted. Upstream: the orphan pod handling of syncOrphanPod. */
  private releaseOrphan(podKey: string, cause?: number): void {
    const p = this.env.informers.pods.get(podKey) as Pod | undefined
    const ref = p && controllerOf(p)
    if (!p || !ref || !p.metadata?.finalizers?.includes(JobTrackingFinalizer)) return
    if (this.env.informers.jobs.get(`${p.metadata.namespace}/${ref.name}`)?.metadata?.uid === ref.uid) return
    const finalizers = p.metadata.finalizers.filter((f) => f !== JobTrackingFinalizer)
    this.env.client.patch(R.pods, p.metadata.namespace, p.metadata.name!, { metadata: { finalizers: finalizers.length ? finalizers : null } }, 'merge', {
      cause,
      summary: `The job controller removes the job-tracking finalizer from ${p.metadata.name}: its job ${ref.name} is gone`,
    })
  }

  /** Pods created in this sync (counted as active in the status written at its end). */
  private created = 0

  /** Creates pods up to wantActive, after the failure back-off. Returns a requeue delay when waiting. Upstream: manageJob. */
  private manage(job: Job, key: string, active: Pod[], succeeded: number, failed: number, pods: Pod[]): number | undefined {
    const e = this.s.expectations.get(key)
    if (e && e.add > 0) return undefined
    const diff = wantActive(job, succeeded) - active.length
    if (diff <= 0) return undefined
    if (failed > 0 && job.spec?.template?.spec?.restartPolicy !== 'OnFailure') {
      const last = lastFailureTime(pods)
      const wait = last === undefined ? 0 : last + podFailureBackoff(failed) - this.ctx.queue.now
      if (wait > 0) return wait
    }
    this.s.expectations.set(key, { add: diff })
    for (let i = 0; i < diff; i++) {
      const r = this.env.client.create(R.pods, job.metadata!.namespace, newJobPod(job) as KObject, {
        cause: this.cause,
        summary: `The job controller creates a pod for job ${job.metadata!.name} (${active.length + i + 1} of ${wantActive(job, succeeded)} to run)`,
      })
      if (r.status === 201) {
        this.created++
        this.env.recorder.event(job as KObject, 'Normal', 'SuccessfulCreate', `Created pod: ${r.body.metadata.name}`, r.hop)
      } else {
        const x = this.s.expectations.get(key)
        if (x) x.add--
        this.env.recorder.event(job as KObject, 'Warning', 'FailedCreate', `Error creating: ${r.body?.message}`, r.hop)
      }
    }
    return undefined
  }

  private deletePod(job: Job, p: Pod, why: string): void {
    const r = this.env.client.delete(R.pods, p.metadata!.namespace, p.metadata!.name!, {}, { cause: this.cause, summary: `The job controller deletes pod ${p.metadata!.name}: ${why}` })
    if (r.status === 200) this.env.recorder.event(job as KObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`, r.hop)
  }

  /**
   * Records finished pods in uncountedTerminatedPods, removes their tracking finalizer, then
   * counts them (the caller's status write). Upstream: trackJobStatusWithFinalizers.
   */
  private flushUncounted(job: Job, pods: Pod[]): Job {
    let out = job
    if (!job.metadata?.deletionTimestamp && !isJobFinished(job)) {
      const uncountedTerminatedPods = {
        ...(pods.some((p) => p.status?.phase === 'Succeeded') ? { succeeded: pods.filter((p) => p.status?.phase === 'Succeeded').map((p) => p.metadata!.uid!) } : {}),
        ...(pods.some((p) => p.status?.phase === 'Failed') ? { failed: pods.filter((p) => p.status?.phase === 'Failed').map((p) => p.metadata!.uid!) } : {}),
      }
      const r = this.env.client.updateStatus(R.jobs, { ...job, status: { ...job.status, uncountedTerminatedPods } } as KObject, {
        cause: this.cause,
        summary: `The job controller records ${pods.map((p) => p.metadata!.name).join(', ')} as finished but not yet counted`,
      })
      if (r.status === 200) out = r.body
    }
    for (const p of pods) {
      const finalizers = (p.metadata?.finalizers ?? []).filter((f) => f !== JobTrackingFinalizer)
      this.env.client.patch(R.pods, p.metadata!.namespace, p.metadata!.name!, { metadata: { finalizers: finalizers.length ? finalizers : null } }, 'merge', {
        cause: this.cause,
        summary: `The job controller removes the job-tracking finalizer from ${p.metadata!.name} (${p.status?.phase})`,
      })
    }
    return out
  }
}
