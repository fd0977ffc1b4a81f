/**
 * The CronJob controller: at each time the schedule names, it creates a Job
 * `<cronjob>-<scheduled time in minutes since the Unix epoch>` from `jobTemplate`, unless
 * suspended, too late (`startingDeadlineSeconds`), or forbidden by `concurrencyPolicy`
 * (Forbid skips while a Job runs, Replace deletes the running one). It keeps the history
 * limits (3 successful, 1 failed Jobs by default) and `lastScheduleTime` /
 * `lastSuccessfulTime`. Instead of polling, each sync asks to be run again at the next
 * scheduled time (a background timer, so `settle` does not wait for tomorrow's run).
 * Upstream: pkg/controller/cronjob/cronjob_controllerv2.go (sync, syncCronJob,
 * cleanupFinishedJobs, removeOldestJobs), utils.go (mostRecentScheduleTime, getJobName,
 * nextScheduleTimeDuration).
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import type { ObjectReference } from 'kubernetes-types/core/v1'
import { controllerOf, deepCopy, deepEqual, keyOf, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import { scheduleTimer } from '../../client/component'
import type { InformerEvent } from '../../client/informer'
import { EPOCH_MS, parseTime, rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { hasCondition, isJobFinished } from '../job/util'
import { CronParseError, nextActivationIn, parseCron, zoneOffsetMs } from '../../api/cron'

/** Upstream: the annotation with the time a Job was scheduled for. */
export const CronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp'

/** The cronjob controller (`controller-manager/cronjob`, events from `cronjob-controller`). */
export class CronJobController extends Controller {
  readonly watches = ['cronjobs', 'jobs']
  private cause?: number

  constructor(s: ControllerState, env: ControllerEnv) {
    super('cronjob', s, env)
  }

  onEvent(resource: string, _type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (resource === 'cronjobs') return this.enqueue(keyOf(obj), hop)
    const ref = controllerOf(obj)
    if (ref?.kind === 'CronJob') this.enqueue(`${obj.metadata!.namespace}/${ref.name}`, hop)
  }

  /** Unix ms of a virtual time, and back. */
  private unix(virtualMs: number): number {
    return EPOCH_MS + virtualMs
  }

  sync(key: string, cause?: number): number | void {
    const cj = this.env.informers.cronjobs.get(key) as CronJob | undefined
    if (!cj || cj.metadata?.deletionTimestamp) return
    this.cause = cause
    const ns = cj.metadata!.namespace!
    const jobs = (this.env.informers.jobs.list() as Job[]).filter((j) => j.metadata?.namespace === ns && controllerOf(j)?.uid === cj.metadata?.uid)
    const status = { ...deepCopy(cj.status ?? {}) }
    let active: ObjectReference[] = [...(status.active ?? [])]
    // Finished Jobs leave the active list; Jobs that vanished too.
    for (const j of jobs) {
      const inActive = active.some((a) => a.uid === j.metadata?.uid)
      if (isJobFinished(j)) {
        if (inActive) {
          active = active.filter((a) => a.uid !== j.metadata?.uid)
          const cond = hasCondition(j, 'Complete') ? 'Complete' : 'Failed'
          this.env.recorder.event(cj as KObject, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata!.name}, condition: ${cond}`, this.cause)
        }
        if (hasCondition(j, 'Complete') && j.status?.completionTime && (!status.lastSuccessfulTime || parseTime(status.lastSuccessfulTime) < parseTime(j.status.completionTime))) status.lastSuccessfulTime = j.status.completionTime
      } else if (!inActive && j.metadata?.annotations?.[CronJobScheduledTimestampAnnotation]) {
        active.push(jobRef(j))
      }
    }
    for (const a of [...active]) {
      if (!jobs.some((j) => j.metadata?.uid === a.uid)) {
        active = active.filter((x) => x !== a)
        this.env.recorder.event(cj as KObject, 'Normal', 'MissingJob', `Active job went missing: ${a.name}`, this.cause)
      }
    }
    let requeue: number | undefined
    let schedule
    try {
      schedule = parseCron(cj.spec!.schedule)
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e
      this.env.recorder.event(cj as KObject, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec!.schedule}" : ${e.message}`, this.cause)
    }
    if (schedule && !cj.spec?.suspend) {
      const now = this.unix(this.ctx.queue.now)
      let earliest = this.unix(parseTime(cj.status?.lastScheduleTime ?? cj.metadata!.creationTimestamp))
      const deadline = cj.spec?.startingDeadlineSeconds
      if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000)
      // The most recent missed time in (earliest, now].
      let scheduled: number | undefined
      let missed = 0
      const tz = cj.spec?.timeZone ?? undefined
      for (let t = nextActivationIn(schedule, earliest, tz); t !== undefined && t <= now; t = nextActivationIn(schedule, t, tz)) {
        scheduled = t
        if (++missed > 100) {
          this.env.recorder.event(cj as KObject, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', this.cause)
          break
        }
      }
      if (scheduled !== undefined) active = this.run(cj, jobs, active, status, scheduled)
      const next = nextActivationIn(schedule, now, tz)
      // Upstream adds 100 ms so the sync runs just after the scheduled second.
      if (next !== undefined) requeue = next - now + 100
    }
    status.active = active.length ? active : undefined
    this.cleanupFinished(cj, jobs)
    if (!deepEqual(cj.status ?? {}, status)) {
      this.env.client.updateStatus(R.cronjobs, { ...cj, status } as KObject, {
        cause: this.cause,
        summary: `The cronjob controller updates ${cj.metadata!.name}'s status: ${active.length} active${status.lastScheduleTime ? `, last scheduled ${status.lastScheduleTime}` : ''}`,
      })
    }
    if (requeue !== undefined) {
      // A background timer: a schedule is never "done", and settle should not wait for it.
      scheduleTimer(this.ctx, requeue, { component: this.env.processId, action: 'enqueue', data: { controller: this.name, key }, background: true })
    }
  }

  /** Starts the Job for `scheduled` (Unix ms) unless concurrencyPolicy says otherwise. */
  private run(cj: CronJob, jobs: Job[], active: ObjectReference[], status: NonNullable<CronJob['status']>, scheduled: number): ObjectReference[] {
    const name = `${cj.metadata!.name}-${Math.floor(scheduled / 60_000)}`
    if (jobs.some((j) => j.metadata?.name === name)) return active
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow'
    if (policy === 'Forbid' && active.length) {
      this.env.recorder.event(cj as KObject, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', this.cause)
      return active
    }
    if (policy === 'Replace') {
      for (const a of active) {
        const r = this.env.client.delete(R.jobs, a.namespace, a.name!, { propagationPolicy: 'Background' }, { cause: this.cause, summary: `The cronjob controller deletes job ${a.name}: concurrencyPolicy Replace` })
        if (r.status === 200) this.env.recorder.event(cj as KObject, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`, r.hop)
      }
      active = []
    }
    const t = cj.spec!.jobTemplate
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata!.namespace,
        labels: { ...(t.metadata?.labels ?? {}) },
        annotations: { ...(t.metadata?.annotations ?? {}), [CronJobScheduledTimestampAnnotation]: rfc3339InZone(scheduled, cj.spec?.timeZone ?? undefined) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata!.name!, uid: cj.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: deepCopy(t.spec!),
    }
    const r = this.env.client.create(R.jobs, cj.metadata!.namespace, job as KObject, { cause: this.cause, summary: `The cronjob controller creates job ${name}, scheduled for ${rfc3339(scheduled - EPOCH_MS)}` })
    if (r.status !== 201) {
      this.env.recorder.event(cj as KObject, 'Warning', 'FailedCreate', `Error creating job: ${r.body?.message}`, r.hop)
      return active
    }
    this.env.recorder.event(cj as KObject, 'Normal', 'SuccessfulCreate', `Created job ${name}`, r.hop)
    status.lastScheduleTime = rfc3339(scheduled - EPOCH_MS)
    return [...active, jobRef(r.body as Job)]
  }

  /** Keeps the newest successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs. Upstream: cleanupFinishedJobs. */
  private cleanupFinished(cj: CronJob, jobs: Job[]): void {
    const byStart = (a: Job, b: Job) => parseTime(a.status?.startTime ?? a.metadata?.creationTimestamp) - parseTime(b.status?.startTime ?? b.metadata?.creationTimestamp) || (a.metadata!.name! < b.metadata!.name! ? -1 : 1)
    const live = jobs.filter((j) => !j.metadata?.deletionTimestamp)
    const trim = (list: Job[], limit: number) => {
      for (const j of list.sort(byStart).slice(0, Math.max(0, list.length - limit))) {
        const r = this.env.client.delete(R.jobs, j.metadata!.namespace, j.metadata!.name!, { propagationPolicy: 'Background' }, { cause: this.cause, summary: `The cronjob controller deletes old job ${j.metadata!.name} (history limit ${limit})` })
        if (r.status === 200) this.env.recorder.event(cj as KObject, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`, r.hop)
      }
    }
    const ok = cj.spec?.successfulJobsHistoryLimit
    const bad = cj.spec?.failedJobsHistoryLimit
    if (ok !== undefined && ok !== null) trim(live.filter((j) => hasCondition(j, 'Complete')), ok)
    if (bad !== undefined && bad !== null) trim(live.filter((j) => hasCondition(j, 'Failed')), bad)
  }
}

/** RFC 3339 in the CronJob's zone (`2025-01-07T02:00:00+01:00`), as Go's Time.Format with a location. */
function rfc3339InZone(ms: number, tz: string | undefined): string {
  const off = zoneOffsetMs(tz, ms)
  const wall = new Date(ms + off).toISOString().replace(/\.\d{3}Z$/, '')
  if (off === 0) return wall + 'Z'
  const m = Math.abs(off) / 60_000
  return `${wall}${off < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

function jobRef(j: Job): ObjectReference {
  return { kind: 'Job', namespace: j.metadata!.namespace, name: j.metadata!.name, uid: j.metadata!.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata!.resourceVersion }
}
