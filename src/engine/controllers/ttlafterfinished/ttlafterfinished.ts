/**
 * The TTL-after-finished controller: deletes a finished Job (Complete or Failed) once
 * `ttlSecondsAfterFinished` have passed since it finished, in the foreground, so its pods go
 * first. Upstream: pkg/controller/ttlafterfinished/ttlafterfinished_controller.go
 * (processJob, needsCleanup, timeLeft, jobFinishTime).
 */
import type { Job } from 'kubernetes-types/batch/v1'
import { keyOf, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { parseTime } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'
import { isJobFinished } from '../job/util'

/** When the job finished: the lastTransitionTime of its Complete or Failed condition (virtual ms). */
export function jobFinishTime(job: Job): number | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True')
  return c?.lastTransitionTime ? parseTime(c.lastTransitionTime) : undefined
}

/** The ttl-after-finished controller (`controller-manager/ttlafterfinished`, events from `ttl-after-finished-controller`). */
export class TTLAfterFinishedController extends Controller {
  readonly watches = ['jobs']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('ttlafterfinished', s, env)
  }

  onEvent(_resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    const job = obj as Job
    if (type !== 'DELETED' && job.spec?.ttlSecondsAfterFinished !== undefined && job.spec.ttlSecondsAfterFinished !== null && isJobFinished(job)) this.enqueue(keyOf(job), hop)
  }

  sync(key: string, cause?: number): number | void {
    const job = this.env.informers.jobs.get(key) as Job | undefined
    const ttl = job?.spec?.ttlSecondsAfterFinished
    if (!job || job.metadata?.deletionTimestamp || ttl === undefined || ttl === null || !isJobFinished(job)) return
    const finished = jobFinishTime(job)
    if (finished === undefined) return
    const left = finished + ttl * 1000 - this.ctx.queue.now
    if (left > 0) return left
    this.env.client.delete(R.jobs, job.metadata!.namespace, job.metadata!.name!, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata!.uid } }, {
      cause,
      summary: `The TTL-after-finished controller deletes job ${job.metadata!.name}: it finished ${ttl}s ago (ttlSecondsAfterFinished)`,
    })
  }
}
