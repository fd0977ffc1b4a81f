/**
 * Every lesson in lessons/content loads, validates, and plays headless: each step's actions run,
 * each "try it" solution makes its checks pass, every check holds at its step, and every
 * prediction's answer, computed from the engine, is one of its choices. Deterministically.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatError, loadLessons, parseLesson } from './index'
import { lessonFiles, play } from './testing'

const { lessons, errors } = loadLessons(lessonFiles())

describe('lesson files', () => {
  it('all load and validate', () => {
    expect(errors.map(formatError)).toEqual([])
    expect(lessons.length).toBeGreaterThanOrEqual(14)
  })

  it('are numbered 1, 2, 3 … without gaps, with unique ids', () => {
    expect(lessons.map((l) => l.number)).toEqual(lessons.map((_, i) => i + 1))
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length)
  })

  it('have English and Vietnamese text for every step', () => {
    for (const l of lessons) {
      for (const s of l.steps) {
        expect(s.text.en.length, `${l.id}/${s.id}`).toBeGreaterThan(20)
        expect(s.text.vi.length, `${l.id}/${s.id}`).toBeGreaterThan(20)
        expect(s.text.vi, `${l.id}/${s.id}: Vietnamese is not a copy`).not.toBe(s.text.en)
      }
    }
  })

  it('every runnable lesson has a predict step or a try-it step', () => {
    for (const l of lessons.filter((x) => !x.waitingFor)) expect(l.steps.some((s) => s.predict || s.try), l.id).toBe(true)
  })
})

/**
 * The answers the lessons' explanations were written for. If the engine changes one of them, the
 * explanation text (and maybe the choices) of that step must be reviewed.
 */
const EXPECTED_ANSWERS: Record<string, string> = {
  'architecture-tour/predict-hub': 'apiserver',
  'creating-a-pod/scheduler-binds': 'scheduler',
  'deleting-a-pod/predict-loop': '30',
  'deleting-a-pod/predict-prestop': '32',
  'replicasets-and-self-healing/predict-self-healing': '3',
  'replicasets-and-self-healing/predict-adoption': '3',
  'deployments/predict-surge': '4',
  'the-scheduler/predict-requests': 'node-2',
  'the-scheduler/predict-toleration': 'node-3',
  'the-scheduler/predict-pending': '2',
  'etcd-and-the-declarative-model/predict-watch': 'controller-manager/replicaset',
  'services-and-kube-proxy/predict-round-robin': '3',
  'services-and-kube-proxy/predict-endpoints': '2',
  'statefulsets/predict-first': '1',
  'statefulsets/predict-reschedule': 'mysql-data-mysql-1',
  'daemonsets/predict-new-node': '4',
  'jobs-and-cronjobs/predict-backoff': '4',
  'jobs-and-cronjobs/predict-cron': '2025-01-07T01:00:00Z',
  'the-full-journey/predict-ccm': 'cloud-controller-manager',
  'node-failure/predict-evict': '300',
}

/** Some lessons run hours of virtual time (a CronJob's schedule, a node's eviction timeout). */
const SLOW = 60_000

describe.each(lessons.filter((l) => !l.waitingFor).map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('plays through: every action succeeds, every check holds, every prediction is a choice', () => {
    const { failures, answers } = play(lesson)
    expect(failures).toEqual([])
    const expected = Object.fromEntries(Object.entries(EXPECTED_ANSWERS).filter(([k]) => k.startsWith(`${lesson.id}/`)))
    expect(answers).toEqual(expected)
  }, SLOW)

  it('plays the same way twice (same hops, same reasons)', () => {
    const a = play(lesson)
    const b = play(lesson)
    expect(b.log).toEqual(a.log)
    expect(b.hops).toBe(a.hops)
  }, SLOW)
})

describe('the README', () => {
  it("its complete small lesson loads and plays", () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])
    const { lesson, errors } = parseLesson(blocks[blocks.length - 1], 'README.md')
    expect(errors.map(formatError)).toEqual([])
    expect(play(lesson!).failures).toEqual([])
  })
})
