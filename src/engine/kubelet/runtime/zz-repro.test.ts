import { test } from 'vitest'
import { runProgram, logsUntil } from '/work/main/src/engine/kubelet/runtime/program'
import { stopContainer } from '/work/main/src/engine/kubelet/runtime/signals'
test('r', () => {
  for (const image of ['nginx:1.27', 'httpd:2.4', 'redis:7.4', 'mysql:8.4', 'postgres:16', 'php:8.3-fpm', 'memcached:1.6', 'fluentd:v1.17-1', 'prom/node-exporter:v1.8.2']) {
    let p
    try { p = runProgram({ image, env: { MYSQL_ROOT_PASSWORD: 'x', POSTGRES_PASSWORD: 'x' }, startedAt: 0, hostname: 'web', podIP: '10.244.1.2' }) } catch (e) { console.log(image, String(e)); continue }
    const r = stopContainer(p, { at: 60_000, gracePeriodSeconds: 30, containerName: 'web', podFullName: 'web_default(uid)', podIP: '10.244.1.2' })
    console.log(image, p.argv, r.signal, r.exit, r.killed, r.signalOutcome)
    console.log(logsUntil(r.program, 100_000).filter(l => l.t >= 60_000).map(l => l.t + ' ' + l.text).join('\n'))
  }
})
