import { describe, expect, test } from 'vitest'
import { logsUntil, runProgram, signalOutcomes, withSignal, type ProgramSpec } from './program'
import { stopContainer } from './signals'

const base = { env: {} as Record<string, string>, startedAt: 0, hostname: 'web', podIP: '10.244.1.5' }
const run = (spec: Partial<ProgramSpec> & { image: string }) => runProgram({ ...base, ...spec })
const stop = (p: ReturnType<typeof runProgram>, at: number, extra: Partial<Parameters<typeof stopContainer>[1]> = {}) =>
  stopContainer(p, { at, gracePeriodSeconds: 30, containerName: 'app', podFullName: 'web_default(uid)', podIP: '10.244.1.5', ...extra })

describe('SIGTERM and the stop signal', () => {
  test('nginx gets its STOPSIGNAL (SIGQUIT), shuts down gracefully and exits 0 after 20 ms', () => {
    const r = stop(run({ image: 'nginx' }), 60_000)
    expect(r.signal).toBe('SIGQUIT')
    expect(r.signalAt).toBe(60_000)
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
    expect(r.killed).toBe(false)
    expect(r.events).toEqual([{ at: 60_000, type: 'Normal', reason: 'Killing', message: 'Stopping container app' }])
    const texts = logsUntil(r.program, 100_000).map((l) => l.text)
    expect(texts).toContain('2025/01/06 09:01:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down')
    expect(texts.at(-1)).toBe('2025/01/06 09:01:00 [notice] 1#1: exit')
  })

  test('nginx on a plain SIGTERM exits 0 too', () => {
    const p = withSignal(run({ image: 'nginx' }), 5_000, 'SIGTERM')
    expect(p.exit).toEqual({ at: 5_020, code: 0, reason: 'Completed' })
    expect(logsUntil(p, 6_000).map((l) => l.text)).toContain('2025/01/06 09:00:05 [notice] 1#1: signal 15 (SIGTERM) received, exiting')
  })

  test('a sh -c loop as PID 1 ignores SIGTERM: SIGKILL after the grace period, 137', () => {
    const p = run({ image: 'busybox', command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'] })
    const r = stop(p, 60_000)
    expect(r.signal).toBe('SIGTERM')
    expect(r.killAt).toBe(90_000)
    expect(r.exit).toEqual({ at: 90_000, code: 137, reason: 'Error' })
    expect(r.killed).toBe(true)
    expect(r.signalOutcome?.outcome).toBe('ignored')
    // it kept printing until the kill
    expect(logsUntil(r.program, 200_000)).toHaveLength(19)
  })

  test('sleep as PID 1 ignores SIGTERM as well', () => {
    const r = stop(run({ image: 'busybox', command: ['sleep', '3600'] }), 10_000, { gracePeriodSeconds: 5 })
    expect(r.exit).toEqual({ at: 15_000, code: 137, reason: 'Error' })
  })

  test('sh -c with one command execs it: the command is PID 1', () => {
    const p = run({ image: 'nginx', command: ['sh', '-c', 'nginx -g "daemon off;"'] })
    expect(stop(p, 10_000).exit.code).toBe(0)
    // two commands: sh stays PID 1 and nginx is its child, which SIGTERM never reaches
    const q = run({ image: 'nginx', command: ['sh', '-c', 'echo starting; nginx -g "daemon off;"'] })
    expect(stop(q, 10_000).exit).toEqual({ at: 40_000, code: 137, reason: 'Error' })
  })

  test('a trap runs once the current foreground command ends', () => {
    const p = run({ image: 'busybox', command: ['sh', '-c', 'trap "echo bye; exit 0" TERM; while true; do sleep 5; done'] })
    const r = stop(p, 62_000)
    expect(r.signalOutcome?.outcome).toBe('trap-pending')
    expect(r.exit).toEqual({ at: 65_000, code: 0, reason: 'Completed' })
    expect(logsUntil(r.program, 70_000).at(-1)?.text).toBe('bye')
  })

  test("trap '' TERM ignores it explicitly", () => {
    const p = run({ image: 'busybox', command: ['sh', '-c', "trap '' TERM; while true; do sleep 1; done"] })
    expect(stop(p, 10_000).exit.code).toBe(137)
  })

  test('not PID 1 (shareProcessNamespace): no handler means the signal kills it, 143', () => {
    const p = run({ image: 'busybox', command: ['sleep', '3600'], shareProcessNamespace: true })
    expect(stop(p, 10_000).exit).toEqual({ at: 10_000, code: 143, reason: 'Error' })
  })

  test('SIGKILL always ends the process with 137', () => {
    const p = withSignal(run({ image: 'nginx' }), 7_000, 'SIGKILL')
    expect(p.exit).toEqual({ at: 7_000, code: 137, reason: 'Error' })
    expect(signalOutcomes(p)[0]).toMatchObject({ signal: 'SIGKILL', outcome: 'killed' })
  })

  test('servers exit 0 on their stop signal', () => {
    const codes = Object.fromEntries(
      ['redis', 'httpd', 'postgres', 'memcached', 'registry.k8s.io/pause:3.10', 'php:fpm'].map((image) => {
        const env: Record<string, string> = image === 'postgres' ? { POSTGRES_PASSWORD: 'x' } : {}
        const r = stop(run({ image, env }), 30_000)
        return [image, [r.signal, r.exit.code, r.exit.at - 30_000]]
      }),
    )
    expect(codes).toEqual({
      redis: ['SIGTERM', 0, 105],
      httpd: ['SIGWINCH', 0, 20],
      postgres: ['SIGINT', 0, 40],
      memcached: ['SIGTERM', 0, 0],
      'registry.k8s.io/pause:3.10': ['SIGTERM', 0, 0],
      'php:fpm': ['SIGQUIT', 0, 10],
    })
  })

  test('node and python as PID 1 ignore SIGTERM', () => {
    const p = run({ image: 'python', command: ['python', '-m', 'http.server'] })
    expect(stop(p, 10_000).exit.code).toBe(137)
  })

  test('a container that already exited is not signalled', () => {
    const p = run({ image: 'busybox', command: ['true'] })
    const r = stop(p, 10_000)
    expect(r.exit).toEqual({ at: 0, code: 0, reason: 'Completed' })
  })
})

describe('preStop', () => {
  test('an exec hook delays the stop signal by its sleeps; the grace period left is counted in whole seconds', () => {
    const p = run({ image: 'nginx' })
    const r = stop(p, 60_000, { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 5'] } } })
    expect(r.preStop).toEqual({ startedAt: 60_000, endedAt: 65_000, ok: true, timedOut: false })
    expect(r.signalAt).toBe(65_000)
    expect(r.killAt).toBe(90_000)
    expect(r.exit.at).toBe(65_020)
  })

  test('a hook longer than the grace period is cut; the process still gets 2 s before SIGKILL', () => {
    const p = run({ image: 'busybox', command: ['sleep', '3600'] })
    const r = stop(p, 60_000, { preStop: { exec: { command: ['sleep', '100'] } } })
    expect(r.preStop?.timedOut).toBe(true)
    expect(r.signalAt).toBe(90_000)
    expect(r.killAt).toBe(92_000)
    expect(r.exit).toEqual({ at: 92_000, code: 137, reason: 'Error' })
  })

  test('a sleep action', () => {
    const r = stop(run({ image: 'nginx' }), 0, { preStop: { sleep: { seconds: 10 } } })
    expect(r.signalAt).toBe(10_000)
  })

  test('nginx -s quit in the hook makes nginx quit during the hook', () => {
    const r = stop(run({ image: 'nginx' }), 60_000, { preStop: { exec: { command: ['/bin/sh', '-c', 'nginx -s quit; sleep 3'] } } })
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
  })

  test('a failing hook: FailedPreStopHook, then the normal stop', () => {
    const r = stop(run({ image: 'nginx' }), 60_000, { preStop: { exec: { command: ['sh', '-c', 'exit 1'] } } })
    expect(r.events[1]).toEqual({ at: 60_000, type: 'Warning', reason: 'FailedPreStopHook', message: 'PreStopHook failed' })
    expect(r.preStop?.error).toContain('Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "web_default(uid)" failed')
    expect(r.exit.code).toBe(0)
  })

  test('an httpGet hook succeeds at once when the port listens, fails when it does not', () => {
    const ok = stop(run({ image: 'nginx' }), 60_000, { preStop: { httpGet: { path: '/shutdown', port: 80 } } })
    expect(ok.preStop?.ok).toBe(true)
    const bad = stop(run({ image: 'nginx' }), 60_000, { preStop: { httpGet: { path: '/', port: 9999 } } })
    expect(bad.events.map((e) => e.reason)).toEqual(['Killing', 'FailedPreStopHook'])
  })
})
