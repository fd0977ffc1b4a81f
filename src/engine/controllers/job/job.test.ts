import type { Job } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../api/meta'
import { eventsBy, mark, newWorkBench, podPhase, put, refreshAll, sentBy, storedOf, type WorkBench } from '../bench'
import { JobController } from './job'
import { JobTrackingFinalizer, podFailureBackoff, wantActive } from './util'

const FROM = 'controller-manager/job'

function makeJob(spec: Record<string, unknown>): Job {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox' }] } } } } as Job
}

function setup(job: Job): { b: WorkBench; jc: JobController } {
  const b = newWorkBench('job', 'job-controller', ['jobs', 'pods'])
  put(b, job)
  refreshAll(b)
  return { b, jc: new JobController({ queue: { queue: [], dirty: new Set(), processing: new Set(), causes: new Map(), failures: new Map() }, scheduled: false, expectations: new Map() }, b.env) }
}

function sync(b: WorkBench, jc: JobController): void {
  refreshAll(b)
  // The pods this controller created are seen (as their ADDED events would).
  jc.s.expectations.clear()
  jc.sync('default/pi')
  refreshAll(b)
}

describe('JobController', () => {
  it('creates min(parallelism, completions) pods with the tracking finalizer and the job labels', () => {
    const { b, jc } = setup(makeJob({ completions: 3, parallelism: 2 }))
    const m = mark(b)
    sync(b, jc)
    expect(sentBy(b, FROM, m)).toEqual(['POST /api/v1/namespaces/default/pods', 'POST /api/v1/namespaces/default/pods', 'PUT /apis/batch/v1/namespaces/default/jobs/pi/status'])
    const pods = [...storedOf<Pod>(b, 'pods').values()]
    expect(pods[0].metadata!.finalizers).toEqual([JobTrackingFinalizer])
    expect(pods[0].metadata!.labels!['batch.kubernetes.io/job-name']).toBe('pi')
    expect(eventsBy(b, FROM, m)).toHaveLength(2)
    expect(storedOf<Job>(b, 'jobs').get('pi')!.status).toMatchObject({ active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {} })
  })

  it('counts a finished pod through uncountedTerminatedPods and the finalizer, then starts the next', () => {
    const { b, jc } = setup(makeJob({ completions: 2, parallelism: 1 }))
    sync(b, jc)
    const [pod] = storedOf<Pod>(b, 'pods').values()
    podPhase(b, pod as KObject, 'Succeeded')
    const m = mark(b)
    sync(b, jc)
    expect(sentBy(b, FROM, m)).toEqual([
      'PUT /apis/batch/v1/namespaces/default/jobs/pi/status',
      `PATCH /api/v1/namespaces/default/pods/${pod.metadata!.name}`,
      'POST /api/v1/namespaces/default/pods',
      'PUT /apis/batch/v1/namespaces/default/jobs/pi/status',
    ])
    expect(storedOf<Pod>(b, 'pods').get(pod.metadata!.name!)!.metadata!.finalizers).toBeUndefined()
    expect(storedOf<Job>(b, 'jobs').get('pi')!.status).toMatchObject({ succeeded: 1, active: 1 })
  })

  it('fails the job past backoffLimit: FailureTarget, then Failed with the event', () => {
    const { b, jc } = setup(makeJob({ backoffLimit: 0 }))
    sync(b, jc)
    const [pod] = storedOf<Pod>(b, 'pods').values()
    podPhase(b, pod as KObject, 'Failed')
    const m = mark(b)
    sync(b, jc)
    const st = storedOf<Job>(b, 'jobs').get('pi')!.status!
    expect(st.conditions!.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded'])
    expect(st.failed).toBe(1)
    expect(eventsBy(b, FROM, m)).toEqual(['BackoffLimitExceeded: Job has reached the specified backoff limit'])
  })

  it('restartPolicy OnFailure counts container restarts: reaching backoffLimit deletes the running pod', () => {
    const j = makeJob({ backoffLimit: 2 })
    j.spec!.template.spec!.restartPolicy = 'OnFailure'
    const { b, jc } = setup(j)
    sync(b, jc)
    const [pod] = storedOf<Pod>(b, 'pods').values()
    podPhase(b, pod as KObject, 'Running', false, 2)
    const m = mark(b)
    sync(b, jc)
    expect(sentBy(b, FROM, m)).toContain(`DELETE /api/v1/namespaces/default/pods/${pod.metadata!.name}`)
    expect(storedOf<Job>(b, 'jobs').get('pi')!.status!.conditions!.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded'])
  })

  it('wants parallelism pods, fewer near the end; back-off doubles from 10 s to 10 min', () => {
    const j = makeJob({ completions: 5, parallelism: 2 })
    expect([0, 3, 4, 5].map((s) => wantActive(j, s))).toEqual([2, 2, 1, 0])
    expect(wantActive(makeJob({ parallelism: 3 }), 0)).toBe(3)
    expect([1, 2, 3, 7, 8].map(podFailureBackoff)).toEqual([10_000, 20_000, 40_000, 600_000, 600_000])
  })
})
