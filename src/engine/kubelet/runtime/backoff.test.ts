import { describe, expect, test } from 'vitest'
import { crashLoopDelays, pullBackoffDelays, pullDurationMs, restartDecision } from './backoff'
import * as events from './events'
import { goDuration } from './format'

describe('CrashLoopBackOff', () => {
  test('first restart immediate, then 10 s doubling to 300 s', () => {
    expect(crashLoopDelays(8)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000])
    expect(crashLoopDelays(8, 2_000)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000])
  })

  test('measured from the exit', () => {
    let d = restartDecision(undefined, 5_000, 5_000)
    expect(d.restartAt).toBe(5_000)
    d = restartDecision(d.entry, 7_000, 7_500)
    expect(d.restartAt).toBe(17_000)
  })

  test('resets after 10 minutes of running', () => {
    let d = restartDecision(undefined, 0, 0)
    for (let i = 0; i < 6; i++) d = restartDecision(d.entry, d.restartAt, d.restartAt)
    expect(d.entry.backoffMs).toBe(300_000)
    // runs 10 minutes and 1 ms, then exits: restarted at once, and the next wait is 10 s again
    const longRun = restartDecision(d.entry, d.restartAt + 600_001, d.restartAt + 600_001)
    expect(longRun.waitMs).toBe(0)
    expect(restartDecision(longRun.entry, longRun.restartAt + 1_000, longRun.restartAt + 1_000).waitMs).toBe(10_000)
    // exactly 10 minutes is not enough
    expect(restartDecision(d.entry, d.restartAt + 600_000, d.restartAt + 600_000).waitMs).toBe(300_000)
  })
})

describe('image pulls', () => {
  test('ImagePullBackOff: 10 s doubling to 300 s between attempts', () => {
    expect(pullBackoffDelays(8)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000])
  })

  test('pull duration from size: 400 ms + 50 MB/s', () => {
    expect(pullDurationMs(72_223_946)).toBe(1_844)
    expect(pullDurationMs(2_222_260)).toBe(444)
  })

  test('event texts', () => {
    expect(events.pullingImageMessage('nginx')).toBe('Pulling image "nginx"')
    expect(events.pulledImageMessage('nginx', 1_234, 1_234, 72_223_946)).toBe('Successfully pulled image "nginx" in 1.234s (1.234s including waiting). Image size: 72223946 bytes.')
    expect(events.pulledImageMessage('busybox', 313, 2_100, 2_222_260)).toBe('Successfully pulled image "busybox" in 313ms (2.1s including waiting). Image size: 2222260 bytes.')
    expect(events.imageAlreadyPresentMessage('nginx:1.27')).toBe('Container image "nginx:1.27" already present on machine')
    expect(events.failedToPullMessage('nginxx', 'failed to pull and unpack image "docker.io/library/nginxx:latest": …')).toBe('Failed to pull image "nginxx": failed to pull and unpack image "docker.io/library/nginxx:latest": …')
    expect(events.errorEventMessage('ErrImagePull')).toBe('Error: ErrImagePull')
    expect(events.backOffPullingMessage('nginxx')).toBe('Back-off pulling image "nginxx"')
    expect(events.imagePullBackOffWaitingMessage('nginxx', 'boom')).toBe('Back-off pulling image "nginxx": ErrImagePull: boom')
    expect(events.createdContainerMessage('nginx')).toBe('Created container: nginx')
    expect(events.startedContainerMessage('nginx')).toBe('Started container nginx')
    expect(events.killingMessage('nginx')).toBe('Stopping container nginx')
    expect(events.backOffRestartingMessage('nginx', 'nginx', 'default', 'u-1')).toBe('Back-off restarting failed container nginx in pod nginx_default(u-1)')
    expect(events.crashLoopBackOffWaitingMessage(40_000, 'app', 'web', 'default', 'u-1')).toBe('back-off 40s restarting failed container=app pod=web_default(u-1)')
    expect(events.crashLoopBackOffWaitingMessage(300_000, 'app', 'web', 'default', 'u-1')).toBe('back-off 5m0s restarting failed container=app pod=web_default(u-1)')
    expect(events.preStopHookFailedMessage()).toBe('PreStopHook failed')
    expect(events.probeFailedMessage('Readiness', 'HTTP probe failed with statuscode: 503')).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503')
  })

  test("Go's duration format", () => {
    expect([0, 7, 313, 1_000, 1_234, 1_500, 10_000, 62_500, 80_000, 300_000, 3_600_000].map(goDuration)).toEqual([
      '0s', '7ms', '313ms', '1s', '1.234s', '1.5s', '10s', '1m2.5s', '1m20s', '5m0s', '1h0m0s',
    ])
  })
})
