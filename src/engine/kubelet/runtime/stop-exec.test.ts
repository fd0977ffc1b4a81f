/**
 * Regression tests: the images' entrypoint scripts end with `exec "$@"`, so the server replaces
 * the script as PID 1 and receives the stop signal itself; and, generally, a shell that execs a
 * program hands PID 1 (and what signals do) to that program.
 */
import { describe, expect, test } from 'vitest'
import { logsUntil, runProgram, withSignal, type ProgramSpec } from './program'
import { stopContainer } from './signals'

const base = { env: {} as Record<string, string>, startedAt: 0, hostname: 'web', podIP: '10.244.1.2' }
const run = (spec: Partial<ProgramSpec> & { image: string }) => runProgram({ ...base, ...spec })
const stopOpts = { at: 60_000, gracePeriodSeconds: 30, containerName: 'web', podFullName: 'web_default(uid)', podIP: '10.244.1.2' }
const stop = (p: ReturnType<typeof runProgram>, extra: Partial<Parameters<typeof stopContainer>[1]> = {}) => stopContainer(p, { ...stopOpts, ...extra })
const textsFrom = (p: ReturnType<typeof runProgram>, since: number) => logsUntil(p, 200_000).filter((l) => l.t >= since).map((l) => l.text)

describe('default images: the entrypoint execs the server, which handles the stop signal as PID 1', () => {
  test('nginx:1.27 (ENTRYPOINT /docker-entrypoint.sh, CMD nginx -g "daemon off;"): graceful SIGQUIT shutdown, exit 0 after 20 ms', () => {
    const p = runProgram({ image: 'nginx:1.27', env: {}, startedAt: 0, hostname: 'web', podIP: '10.244.1.2' })
    expect(p.argv).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'])
    const r = stop(p)
    expect(r.signal).toBe('SIGQUIT')
    expect(r.signalAt).toBe(60_000)
    expect(r.killAt).toBe(90_000)
    expect(r.signalOutcome).toMatchObject({ at: 60_000, signal: 'SIGQUIT', outcome: 'handled' })
    expect(r.killed).toBe(false)
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
    // The master is PID 1 (the entrypoint's `exec "$@"`); the signal comes from outside the
    // container's PID namespace, so nginx logs no "from <pid>" for it.
    expect(textsFrom(r.program, 60_000)).toEqual([
      '2025/01/06 09:01:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
      '2025/01/06 09:01:00 [notice] 29#29: gracefully shutting down',
      '2025/01/06 09:01:00 [notice] 29#29: exiting',
      '2025/01/06 09:01:00 [notice] 29#29: exit',
      '2025/01/06 09:01:00 [notice] 30#30: gracefully shutting down',
      '2025/01/06 09:01:00 [notice] 30#30: exiting',
      '2025/01/06 09:01:00 [notice] 30#30: exit',
      '2025/01/06 09:01:00 [notice] 1#1: signal 17 (SIGCHLD) received from 29',
      '2025/01/06 09:01:00 [notice] 1#1: worker process 29 exited with code 0',
      '2025/01/06 09:01:00 [notice] 1#1: signal 17 (SIGCHLD) received from 30',
      '2025/01/06 09:01:00 [notice] 1#1: worker process 30 exited with code 0',
      '2025/01/06 09:01:00 [notice] 1#1: exit',
    ])
  })

  test('nginx:1.27 on SIGTERM: fast shutdown, exit 0', () => {
    const p = withSignal(run({ image: 'nginx:1.27' }), 60_000, 'SIGTERM')
    expect(p.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
    const texts = textsFrom(p, 60_000)
    expect(texts[0]).toBe('2025/01/06 09:01:00 [notice] 1#1: signal 15 (SIGTERM) received, exiting')
    expect(texts).not.toContain('2025/01/06 09:01:00 [notice] 29#29: gracefully shutting down')
    expect(texts).toContain('2025/01/06 09:01:00 [notice] 1#1: worker process 29 exited with code 0')
    expect(texts.at(-1)).toBe('2025/01/06 09:01:00 [notice] 1#1: exit')
  })

  test('httpd:2.4 (httpd-foreground execs httpd -DFOREGROUND): SIGWINCH, exit 0 after 20 ms', () => {
    const p = run({ image: 'httpd:2.4' })
    expect(p.argv).toEqual(['httpd-foreground'])
    const r = stop(p)
    expect(r.signal).toBe('SIGWINCH')
    expect(r.signalOutcome?.outcome).toBe('handled')
    expect(r.killed).toBe(false)
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
    expect(textsFrom(r.program, 60_000)).toEqual([
      '[Mon Jan 06 09:01:00.000000 2025] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully',
    ])
  })

  test('redis:7.4 (docker-entrypoint.sh execs redis-server): SIGTERM, RDB saved, exit 0 after 105 ms', () => {
    const p = run({ image: 'redis:7.4' })
    expect(p.argv).toEqual(['docker-entrypoint.sh', 'redis-server'])
    const r = stop(p)
    expect(r.signal).toBe('SIGTERM')
    expect(r.signalOutcome?.outcome).toBe('handled')
    expect(r.killed).toBe(false)
    expect(r.exit).toEqual({ at: 60_105, code: 0, reason: 'Completed' })
    expect(textsFrom(r.program, 60_000)).toEqual([
      '1:signal-handler (1736154060) Received SIGTERM scheduling shutdown...',
      '1:M 06 Jan 2025 09:01:00.100 * User requested shutdown...',
      '1:M 06 Jan 2025 09:01:00.100 * Saving the final RDB snapshot before exiting.',
      '1:M 06 Jan 2025 09:01:00.105 * DB saved on disk',
      '1:M 06 Jan 2025 09:01:00.105 # Redis is now ready to exit, bye bye...',
    ])
  })

  test('the other entrypoint images: the server gets the stop signal, no SIGKILL', () => {
    const images: [string, Record<string, string>][] = [
      ['mysql:8.4', { MYSQL_ROOT_PASSWORD: 'secret' }],
      ['postgres:16', { POSTGRES_PASSWORD: 'secret' }],
      ['php:8.3-fpm', {}],
      ['php:8.3-apache', {}],
      ['memcached:1.6', {}],
      ['fluent/fluentd:v1.17-1', {}],
      ['prom/node-exporter:v1.8.2', {}],
    ]
    const got = Object.fromEntries(
      images.map(([image, env]) => {
        const r = stop(run({ image, env }))
        return [image, { argv0: r.program.argv[0], signal: r.signal, outcome: r.signalOutcome?.outcome, killed: r.killed, code: r.exit.code, afterMs: r.exit.at - 60_000 }]
      }),
    )
    expect(got).toEqual({
      'mysql:8.4': { argv0: 'docker-entrypoint.sh', signal: 'SIGTERM', outcome: 'handled', killed: false, code: 0, afterMs: 1500 },
      'postgres:16': { argv0: 'docker-entrypoint.sh', signal: 'SIGINT', outcome: 'handled', killed: false, code: 0, afterMs: 40 },
      'php:8.3-fpm': { argv0: 'docker-php-entrypoint', signal: 'SIGQUIT', outcome: 'handled', killed: false, code: 0, afterMs: 10 },
      'php:8.3-apache': { argv0: 'docker-php-entrypoint', signal: 'SIGWINCH', outcome: 'handled', killed: false, code: 0, afterMs: 20 },
      'memcached:1.6': { argv0: 'docker-entrypoint.sh', signal: 'SIGTERM', outcome: 'handled', killed: false, code: 0, afterMs: 0 },
      'fluent/fluentd:v1.17-1': { argv0: 'tini', signal: 'SIGTERM', outcome: 'handled', killed: false, code: 0, afterMs: 200 },
      // Go without a handler: the runtime re-raises, PID 1 ignores that, and it exits 2.
      'prom/node-exporter:v1.8.2': { argv0: '/bin/node_exporter', signal: 'SIGTERM', outcome: 'handled', killed: false, code: 2, afterMs: 0 },
    })
  })

  test("a stop signal that arrives while the entrypoint script is still PID 1 is discarded; nginx, exec'd later, never sees it", () => {
    // As when a pod is deleted 2 ms after its container started: /docker-entrypoint.sh (sh, no
    // trap) runs its /docker-entrypoint.d scripts for about 20 ms before `exec "$@"`.
    const r = stop(runProgram({ image: 'nginx:1.27', env: {}, startedAt: 302_244, hostname: 'web', podIP: '10.244.1.2' }), { at: 302_246 })
    expect(r.signalOutcome).toMatchObject({ outcome: 'ignored', why: expect.stringContaining('the entrypoint script /docker-entrypoint.sh is still PID 1') })
    expect(r.killed).toBe(true)
    expect(r.exit).toEqual({ at: 332_246, code: 137, reason: 'Error' })
    // once nginx has started (about 21 ms after the start), the same stop is graceful
    const later = stop(runProgram({ image: 'nginx:1.27', env: {}, startedAt: 302_244, hostname: 'web', podIP: '10.244.1.2' }), { at: 302_300 })
    expect(later.exit).toEqual({ at: 302_320, code: 0, reason: 'Completed' })
  })

  test('postgres: a stop signal during first-run initialisation is discarded by the entrypoint script', () => {
    const r = stop(run({ image: 'postgres:16', env: { POSTGRES_PASSWORD: 'x' } }), { at: 500 })
    expect(r.signalOutcome?.why).toContain('the entrypoint script docker-entrypoint.sh is still PID 1')
    expect(r.exit.code).toBe(137)
  })
})

describe('a shell that execs a program hands PID 1 to it', () => {
  test('sh -c "…; exec nginx": nginx is PID 1 and handles SIGQUIT', () => {
    const r = stop(run({ image: 'nginx:1.27', command: ['sh', '-c', 'echo starting; exec nginx -g "daemon off;"'] }))
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
    expect(textsFrom(r.program, 60_000)[0]).toBe('2025/01/06 09:01:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down')
  })

  test('bash -c "…; exec httpd-foreground"', () => {
    const r = stop(run({ image: 'httpd:2.4', command: ['bash', '-c', 'echo starting && exec httpd-foreground'] }))
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
  })

  test('exec of the entrypoint script from a shell: the script execs nginx in turn', () => {
    const r = stop(run({ image: 'nginx:1.27', command: ['sh', '-c', 'exec /docker-entrypoint.sh nginx -g "daemon off;"'] }))
    expect(r.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
  })

  test('without exec the shell stays PID 1 and the server, its child, never gets the signal', () => {
    const r = stop(run({ image: 'nginx:1.27', command: ['sh', '-c', 'echo starting; /docker-entrypoint.sh nginx -g "daemon off;"'] }))
    expect(r.signalOutcome?.outcome).toBe('ignored')
    expect(r.exit).toEqual({ at: 90_000, code: 137, reason: 'Error' })
  })

  test('exec in a subshell does not replace PID 1', () => {
    const r = stop(run({ image: 'busybox', command: ['sh', '-c', '(exec sleep 3600); echo done'] }))
    expect(r.exit).toEqual({ at: 90_000, code: 137, reason: 'Error' })
  })

  test("the shell's traps do not survive exec: sleep, PID 1 without a handler, ignores SIGTERM", () => {
    const r = stop(run({ image: 'busybox', command: ['sh', '-c', 'trap "echo bye; exit 0" TERM; exec sleep 3600'] }))
    expect(r.signalOutcome?.outcome).toBe('ignored')
    expect(r.exit).toEqual({ at: 90_000, code: 137, reason: 'Error' })
    expect(textsFrom(r.program, 60_000)).toEqual([])
    // not PID 1: the default action ends it
    const q = stop(run({ image: 'busybox', command: ['sh', '-c', 'trap "echo bye; exit 0" TERM; exec sleep 3600'], shareProcessNamespace: true }))
    expect(q.exit).toEqual({ at: 60_000, code: 143, reason: 'Error' })
  })

  test("an ignored signal (trap '' TERM) stays ignored across exec", () => {
    const r = stop(run({ image: 'busybox', command: ['sh', '-c', "trap '' TERM; exec sleep 3600"], shareProcessNamespace: true }))
    expect(r.signalOutcome?.outcome).toBe('ignored')
    expect(r.exit).toEqual({ at: 90_000, code: 137, reason: 'Error' })
    // a program that installs its own handler is not affected
    const n = stop(run({ image: 'nginx:1.27', command: ['sh', '-c', "trap '' QUIT; exec nginx -g 'daemon off;'"] }))
    expect(n.exit).toEqual({ at: 60_020, code: 0, reason: 'Completed' })
  })

  test('exec of another shell: its own traps decide', () => {
    const r = stop(run({ image: 'busybox', command: ['sh', '-c', 'echo outer; exec sh -c "trap \\"echo bye; exit 0\\" TERM; while true; do sleep 1; done"'] }))
    expect(r.signalOutcome?.outcome).toBe('trap-pending')
    expect(r.exit).toEqual({ at: 61_000, code: 0, reason: 'Completed' })
    expect(textsFrom(r.program, 60_000)).toEqual(['bye'])
  })
})
