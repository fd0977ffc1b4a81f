import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import { describe, expect, it, vi } from 'vitest'
import { CronParseError, nextActivation, nextActivationIn, parseCron } from '../../api/cron'
import { EPOCH_MS } from '../../sim/time'
import { eventsBy, mark, newWorkBench, put, refreshAll, sentBy, storedOf } from '../bench'
import { newControllerState } from '../controller'
import { CronJobController } from './cronjob'

const at = (s: string) => Date.parse(s)
const next = (spec: string, after: string) => new Date(nextActivation(parseCron(spec), at(after))!).toISOString()

describe('cron schedules', () => {
  it('finds the next activation in UTC', () => {
    expect(next('0 1 * * *', '2025-01-06T09:00:00Z')).toBe('2025-01-07T01:00:00.000Z')
    expect(next('*/15 * * * *', '2025-01-06T09:00:00Z')).toBe('2025-01-06T09:15:00.000Z')
    expect(next('0 0 1 * *', '2025-01-06T09:00:00Z')).toBe('2025-02-01T00:00:00.000Z')
    expect(next('@hourly', '2025-01-06T09:30:00Z')).toBe('2025-01-06T10:00:00.000Z')
    expect(next('30 9 * * mon-fri', '2025-01-10T10:00:00Z')).toBe('2025-01-13T09:30:00.000Z')
    // Both day fields restricted: either matches (the 13th, or a Friday).
    expect(next('0 0 13 * 5', '2025-01-06T00:00:00Z')).toBe('2025-01-10T00:00:00.000Z')
    expect(next('0 0 * * 0', '2025-01-06T00:00:00Z')).toBe('2025-01-12T00:00:00.000Z')
  })

  it('matches either day field when both are restricted, and only the other when one is *', () => {
    // 2025-01-06 is a Monday. The 15th or any Monday: the next Monday comes first.
    expect(next('0 12 15 * mon', '2025-01-06T13:00:00Z')).toBe('2025-01-13T12:00:00.000Z')
    expect(next('0 12 15 * mon', '2025-01-13T13:00:00Z')).toBe('2025-01-15T12:00:00.000Z')
    // Day of month restricted, day of week *: only the 15th; and the reverse: only Mondays.
    expect(next('0 12 15 * *', '2025-01-06T13:00:00Z')).toBe('2025-01-15T12:00:00.000Z')
    expect(next('0 12 * * 1', '2025-01-07T00:00:00Z')).toBe('2025-01-13T12:00:00.000Z')
    // `?` stands for `*`.
    expect(next('0 12 15 * ?', '2025-01-06T13:00:00Z')).toBe('2025-01-15T12:00:00.000Z')
  })

  it('knows the macros, names and steps', () => {
    expect(next('@daily', '2025-01-06T09:00:00Z')).toBe('2025-01-07T00:00:00.000Z')
    expect(next('@midnight', '2025-01-06T23:59:00Z')).toBe('2025-01-07T00:00:00.000Z')
    expect(next('@weekly', '2025-01-06T09:00:00Z')).toBe('2025-01-12T00:00:00.000Z')
    expect(next('@monthly', '2025-01-06T09:00:00Z')).toBe('2025-02-01T00:00:00.000Z')
    expect(next('@yearly', '2025-01-06T09:00:00Z')).toBe('2026-01-01T00:00:00.000Z')
    expect(next('@annually', '2025-01-06T09:00:00Z')).toBe('2026-01-01T00:00:00.000Z')
    expect(next('0 0 1 FEB,jun *', '2025-03-01T00:00:00Z')).toBe('2025-06-01T00:00:00.000Z')
    expect(next('0 8 * * SAT', '2025-01-06T00:00:00Z')).toBe('2025-01-11T08:00:00.000Z')
    // `5/20`: from 5 to the end of the range, every 20.
    expect(next('5/20 * * * *', '2025-01-06T09:30:00Z')).toBe('2025-01-06T09:45:00.000Z')
    expect(next('0 9-17/4 * * *', '2025-01-06T13:30:00Z')).toBe('2025-01-06T17:00:00.000Z')
  })

  it('never depends on the wall clock: the same answers with the system time years away', () => {
    const s = parseCron('*/5 9-17 * * mon-fri')
    const base = [0, 1, 2, 3].map((d) => nextActivation(s, at('2025-01-06T09:00:00Z') + d * 86_400_000))
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      for (const wall of ['1999-01-01T00:00:00Z', '2099-06-30T12:00:00Z']) {
        vi.setSystemTime(new Date(wall))
        expect([0, 1, 2, 3].map((d) => nextActivation(parseCron('*/5 9-17 * * mon-fri'), at('2025-01-06T09:00:00Z') + d * 86_400_000))).toEqual(base)
      }
    } finally {
      vi.useRealTimers()
    }
  })

  it('reads the schedule on the wall clock of spec.timeZone', () => {
    const s = parseCron('0 1 * * *')
    expect(new Date(nextActivationIn(s, at('2025-01-06T09:00:00Z'), 'Asia/Ho_Chi_Minh')!).toISOString()).toBe('2025-01-06T18:00:00.000Z')
    expect(new Date(nextActivationIn(s, at('2025-07-06T09:00:00Z'), 'Europe/Berlin')!).toISOString()).toBe('2025-07-06T23:00:00.000Z')
    expect(nextActivationIn(s, at('2025-01-06T09:00:00Z'), 'UTC')).toBe(nextActivation(s, at('2025-01-06T09:00:00Z')))
  })

  it("rejects bad schedules with robfig/cron's messages", () => {
    expect(() => parseCron('* * *')).toThrow(new CronParseError('expected exactly 5 fields, found 3: [* * *]'))
    expect(() => parseCron('61 * * * *')).toThrow(new CronParseError('end of range (61) above maximum (59): 61'))
    // robfig/cron's weekdays are 0-6: 7 is not Sunday there, as the apiserver says.
    expect(() => parseCron('0 0 * * 7')).toThrow(new CronParseError('end of range (7) above maximum (6): 7'))
    // The first bad field, in field order.
    expect(() => parseCron('0 24 * * 8')).toThrow(new CronParseError('end of range (24) above maximum (23): 24'))
    expect(() => parseCron('0 0 * * funday')).toThrow(new CronParseError('failed to parse int from funday: strconv.Atoi: parsing "funday": invalid syntax'))
  })
})

describe('CronJobController', () => {
  it('creates <name>-<minutes> for the most recent missed time and schedules itself for the next', () => {
    const b = newWorkBench('cronjob', 'cronjob-controller', ['cronjobs', 'jobs'])
    put(b, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } } as CronJob)
    const cc = new CronJobController(newControllerState(), b.env)
    b.queue.advanceTo(12 * 60_000)
    refreshAll(b)
    const m = mark(b)
    cc.sync('default/hello')
    const minutes = Math.floor((EPOCH_MS + 10 * 60_000) / 60_000)
    expect(sentBy(b, 'controller-manager/cronjob', m)).toEqual(['POST /apis/batch/v1/namespaces/default/jobs', 'PUT /apis/batch/v1/namespaces/default/cronjobs/hello/status'])
    expect(eventsBy(b, 'controller-manager/cronjob', m)).toEqual([`SuccessfulCreate: Created job hello-${minutes}`])
    expect([...storedOf<Job>(b, 'jobs').keys()]).toEqual([`hello-${minutes}`])
    expect(storedOf<CronJob>(b, 'cronjobs').get('hello')!.status!.lastScheduleTime).toBe('2025-01-06T09:10:00Z')
    // The next run is a timer 3 min (and 100 ms) away, not a poll.
    const timer = b.queue.s.heap.find((e) => e.type === 'timer')!
    expect(timer.t - b.queue.now).toBe(3 * 60_000 + 100)
    expect(timer.bg).toBe(true)
  })
})
