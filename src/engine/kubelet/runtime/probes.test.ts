import { describe, expect, test } from 'vitest'
import { runProgram, type ProgramSpec } from './program'
import { probeKillMessage, probeTimeline, runProbe } from './probes'

const ctx = { podIP: '10.244.1.5', namedPorts: { http: 80 } }
const base = { env: {} as Record<string, string>, startedAt: 0, hostname: 'web', podIP: '10.244.1.5' }
const run = (spec: Partial<ProgramSpec> & { image: string }) => runProgram({ ...base, ...spec })

describe('exec probes see the container files over time', () => {
  // The liveness example of the Kubernetes documentation.
  const p = run({ image: 'busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] })
  const probe = { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 }

  test('success while the file exists, the kubelet text once it is gone', () => {
    expect(runProbe(p, probe, 'Liveness', 5_000, ctx)).toEqual({ result: 'success', output: '' })
    expect(runProbe(p, probe, 'Liveness', 29_999, ctx).result).toBe('success')
    const r = runProbe(p, probe, 'Liveness', 35_000, ctx)
    expect(r.result).toBe('failure')
    expect(r.event?.trim()).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
  })

  test('the timeline: three failures, then the kubelet restarts it', () => {
    const ticks = probeTimeline(p, probe, 'Liveness', 120_000, ctx)
    expect(ticks.map((t) => [t.at / 1000, t.result.result, t.state])).toEqual([
      [5, 'success', 'success'],
      [10, 'success', 'success'],
      [15, 'success', 'success'],
      [20, 'success', 'success'],
      [25, 'success', 'success'],
      [30, 'failure', 'success'],
      [35, 'failure', 'success'],
      [40, 'failure', 'failure'],
    ])
    expect(ticks.at(-1)?.thresholdReached).toBe(true)
    expect(probeKillMessage('liveness', 'Liveness')).toBe('Container liveness failed liveness probe, will be restarted')
  })

  test('a missing executable is a probe error (unknown), a slow command a timeout', () => {
    const r = runProbe(p, { exec: { command: ['healthcheck'] } }, 'Readiness', 1_000, ctx)
    expect(r.result).toBe('unknown')
    expect(r.event).toMatch(/^Readiness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "healthcheck": executable file not found in \$PATH: unknown$/)
    const slow = runProbe(p, { exec: { command: ['sleep', '5'] }, timeoutSeconds: 1 }, 'Liveness', 1_000, ctx)
    expect(slow).toMatchObject({ result: 'failure', output: 'command "sleep 5" timed out' })
  })
})

describe('network probes', () => {
  const nginx = run({ image: 'nginx' })

  test('httpGet: 200 for /, 404 for a missing page, refused on a closed port', () => {
    expect(runProbe(nginx, { httpGet: { path: '/', port: 80 } }, 'Readiness', 1_000, ctx).result).toBe('success')
    expect(runProbe(nginx, { httpGet: { path: '/index.html', port: 'http' } }, 'Readiness', 1_000, ctx).result).toBe('success')
    expect(runProbe(nginx, { httpGet: { path: '/healthz', port: 80 } }, 'Liveness', 1_000, ctx)).toEqual({
      result: 'failure',
      output: 'HTTP probe failed with statuscode: 404',
      event: 'Liveness probe failed: HTTP probe failed with statuscode: 404',
    })
    expect(runProbe(nginx, { httpGet: { path: '/', port: 8080 } }, 'Readiness', 1_000, ctx).event).toBe(
      'Readiness probe failed: Get "http://10.244.1.5:8080/": dial tcp 10.244.1.5:8080: connect: connection refused',
    )
  })

  test('before the server listens, the connection is refused', () => {
    const mysql = run({ image: 'mysql', env: { MYSQL_ROOT_PASSWORD: 'pw' } })
    const probe = { tcpSocket: { port: 3306 } }
    expect(runProbe(mysql, probe, 'Readiness', 5_000, ctx)).toEqual({
      result: 'failure',
      output: 'dial tcp 10.244.1.5:3306: connect: connection refused',
      event: 'Readiness probe failed: dial tcp 10.244.1.5:3306: connect: connection refused',
    })
    expect(runProbe(mysql, probe, 'Readiness', 20_000, ctx).result).toBe('success')
  })

  test('HTTP against a non-HTTP port, HTTPS against HTTP, gRPC', () => {
    const redis = run({ image: 'redis' })
    expect(runProbe(redis, { httpGet: { path: '/', port: 6379 } }, 'Liveness', 1_000, ctx).output).toBe(
      `Get "http://10.244.1.5:6379/": net/http: HTTP/1.x transport connection broken: malformed HTTP response "-ERR wrong number of arguments for 'get' command"`,
    )
    expect(runProbe(nginx, { httpGet: { path: '/', port: 80, scheme: 'HTTPS' } }, 'Liveness', 1_000, ctx).output).toBe('Get "https://10.244.1.5:80/": http: server gave HTTP response to HTTPS client')
    expect(runProbe(nginx, { grpc: { port: 80 } }, 'Liveness', 1_000, ctx).output).toBe('timeout: failed to connect service "10.244.1.5:80" within 1s: context deadline exceeded')
  })

  test('a readiness timeline flips to ready after successThreshold', () => {
    const mysql = run({ image: 'mysql', env: { MYSQL_ROOT_PASSWORD: 'pw' } })
    const ticks = probeTimeline(mysql, { tcpSocket: { port: 3306 }, periodSeconds: 5, successThreshold: 1 }, 'Readiness', 20_000, ctx)
    // mysqld listens about 14.5 s after the start (first-run initialisation)
    expect(ticks.map((t) => [t.at, t.state])).toEqual([[0, 'failure'], [5_000, 'failure'], [10_000, 'failure'], [15_000, 'success'], [20_000, 'success']])
  })

  test('a container that is not running is not probed', () => {
    const done = run({ image: 'busybox', command: ['true'] })
    expect(runProbe(done, { tcpSocket: { port: 80 } }, 'Readiness', 1_000, ctx).result).toBe('unknown')
  })
})
