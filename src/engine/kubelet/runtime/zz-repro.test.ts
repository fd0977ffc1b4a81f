import { test } from 'vitest'
import { runProgram, logsUntil, type ProgramSpec } from './program'
import { stopContainer } from './signals'
const base = { env: {}, startedAt: 0, hostname: 'web', podIP: '10.244.1.2' }
const cases: [string, Partial<ProgramSpec>][] = []
for (const image of ['nginx', 'nginx:latest', 'nginx:1.27', 'nginx:1.27-alpine', 'nginx:alpine', 'nginx:1.25', 'nginx:1.21', 'nginx:stable', 'nginx:mainline', 'nginx:1.27.0',
  'httpd', 'httpd:2.4', 'httpd:alpine', 'httpd:2.4-alpine', 'redis', 'redis:7', 'redis:alpine', 'redis:7.2-alpine', 'redis:6.2',
  'mysql:8.0', 'mysql:8.4', 'postgres', 'postgres:16-alpine', 'php:8.3-fpm', 'php:fpm-alpine', 'php:8.3-apache', 'memcached', 'memcached:alpine', 'fluent/fluentd:v1.17-1', 'prom/node-exporter', 'node:20', 'python:3.12']) {
  cases.push([image, { image, env: { MYSQL_ROOT_PASSWORD: 'x', POSTGRES_PASSWORD: 'x' } }])
}
cases.push(['nginx sh-exec', { image: 'nginx:1.27', command: ['sh', '-c', 'echo hi; exec nginx -g "daemon off;"'] }])
cases.push(['nginx sh-exec-ep', { image: 'nginx:1.27', command: ['sh', '-c', 'exec /docker-entrypoint.sh nginx -g "daemon off;"'] }])
cases.push(['nginx bash-exec', { image: 'nginx:1.27', command: ['bash', '-c', 'echo start && exec nginx -g "daemon off;"'] }])
cases.push(['nginx args', { image: 'nginx:1.27', args: ['nginx', '-g', 'daemon off;'] }])
cases.push(['nginx cmd', { image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'] }])
cases.push(['nginx share', { image: 'nginx:1.27', shareProcessNamespace: true }])
cases.push(['nginx stdin', { image: 'nginx:1.27', stdin: true, tty: true }])
cases.push(['nginx cpus4', { image: 'nginx:1.27', cpus: 4 }])
cases.push(['nginx mount', { image: 'nginx:1.27', mounts: [{ path: '/usr/share/nginx/html', files: { 'index.html': 'hi' } } as any] }])
cases.push(['redis cmd', { image: 'redis:7.4', command: ['redis-server', '--port', '6380'] }])
cases.push(['redis sh', { image: 'redis:7.4', command: ['sh', '-c', 'exec redis-server'] }])
cases.push(['busy exec sleep', { image: 'busybox', command: ['sh', '-c', 'echo hi; exec sleep 3600'] }])
cases.push(['nginx-debug', { image: 'nginx:1.27', args: ['nginx-debug', '-g', 'daemon off;'] }])
test('r', () => {
  for (const [name, s] of cases) {
    for (const clone of [false, true]) {
      let p
      try { p = runProgram({ ...base, ...s } as ProgramSpec) } catch (e) { console.log(name, String(e)); continue }
      if (clone) p = structuredClone(p)
      const r = stopContainer(p, { at: 60_000, gracePeriodSeconds: 30, containerName: 'web', podFullName: 'web_default(uid)', podIP: '10.244.1.2' })
      const tail = logsUntil(r.program, 100_000).filter(l => l.t >= 60_000).map(l => l.text)
      console.log(`${name}${clone ? ' (clone)' : ''}: ${p.argv.join(' ')} | ${r.signal} -> ${r.exit.code}@${r.exit.at} killed=${r.killed} ${r.signalOutcome?.outcome} | ${p.unsupported?.feature ?? ''} | ${tail[0] ?? ''} ... ${tail.at(-1) ?? ''}`)
    }
  }
})
