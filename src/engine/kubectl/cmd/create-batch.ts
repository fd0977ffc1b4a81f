/**
 * `kubectl create job` and `kubectl create cronjob`, building the objects kubectl 1.33 builds:
 * a Job with restartPolicy Never (or a copy of a CronJob's jobTemplate with `--from`), a
 * CronJob with restartPolicy OnFailure whose jobTemplate is named after it.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go, create_cronjob.go.
 */
import { resourceByPath } from '../../apiserver/resources'
import type { KObject } from '../../api/meta'
import { CommandError, statusError, type Ctx } from '../context'

/** What `post` (create.ts) does with a built object: dry run, print, or POST. */
export type Poster = (obj: KObject) => void

const JOBS = resourceByPath('batch', 'v1', 'jobs')!
const CRONJOBS = resourceByPath('batch', 'v1', 'cronjobs')!

function needName(name: string | undefined, what: string): string {
  if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create ${what} -h' for help and examples`)
  return name
}

function lastImage(c: Ctx): string | undefined {
  const images = (c.flags.image as string[] | undefined) ?? []
  return images[images.length - 1]
}

/** `kubectl create job NAME --image=IMAGE [-- COMMAND ...]` or `--from=cronjob/NAME`. */
export function createJob(c: Ctx, name: string | undefined, command: string[], post: Poster): void {
  const jobName = needName(name, 'job')
  const image = lastImage(c)
  const from = c.flags.from as string | undefined
  if ((!image && !from) || (image && from)) throw new CommandError('error: either --image or --from must be specified')
  if (from && command.length) throw new CommandError('error: cannot specify --from and command')
  if (from) {
    const [kind, src] = from.split('/')
    if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(kind.toLowerCase()) || !src) {
      throw new CommandError(`error: from must be an existing cronjob: unknown object type ${kind}`)
    }
    const r = c.get(CRONJOBS, c.namespace, src)
    if (r.status !== 200) throw new CommandError(statusError(r))
    const cj = r.body as KObject
    const jt = cj.spec.jobTemplate ?? {}
    post({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(jt.metadata?.annotations ?? {}) },
        labels: jt.metadata?.labels,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata!.name!, uid: cj.metadata!.uid!, controller: true }],
      },
      spec: jt.spec,
      status: {},
    })
    return
  }
  const container: Record<string, unknown> = { name: jobName, image, ...(command.length ? { command } : {}), resources: {} }
  post({ apiVersion: 'batch/v1', kind: 'Job', metadata: { creationTimestamp: null, name: jobName } as unknown as KObject['metadata'], spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } }, status: {} })
}

/** `kubectl create cronjob NAME --image=IMAGE --schedule='0/5 * * * ?' [-- COMMAND ...]`. */
export function createCronJob(c: Ctx, name: string | undefined, command: string[], post: Poster): void {
  const cjName = needName(name, 'cronjob')
  const image = lastImage(c)
  if (!image) throw new CommandError('error: required flag(s) "image" not set')
  const schedule = c.flags.schedule as string | undefined
  if (!schedule) throw new CommandError('error: required flag(s) "schedule" not set')
  const restart = (c.flags.restart as string | undefined) || 'OnFailure'
  const container: Record<string, unknown> = { name: cjName, image, ...(command.length ? { command } : {}), resources: {} }
  post({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { creationTimestamp: null, name: cjName } as unknown as KObject['metadata'],
    spec: { jobTemplate: { metadata: { creationTimestamp: null, name: cjName }, spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: restart } } } }, schedule },
    status: {},
  })
}

export { JOBS, CRONJOBS }
