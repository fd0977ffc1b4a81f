/**
 * `npm run bench` (second part): the served engine (`npm run serve`) against the in-process API.
 * `kubectl get pods` with 1,000 pods, by the real kubectl binary over HTTP and by the engine's
 * kubectl in process; sustained requests per second of mixed GET / LIST / PATCH from a loopback
 * load generator (a separate process) and the same mix through `cluster.http()` in process.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createCluster } from '../src/engine/index'
import { writeKubeconfig } from '../server/kubeconfig'
import { startServer } from '../server/server'

const run = promisify(execFile)
const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function row(what: string, figure: string): void {
  console.log(`${what.padEnd(88)} ${figure}`)
}

const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', pods: 250 }))
const c = createCluster({ seed: 1, nodes })
c.kubectl('apply -f -', `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1000
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: 'nginx:1.27', resources: {requests: {cpu: 10m, memory: 16Mi}}}
`)
c.kubectl('create configmap bench --from-literal=n=0')
c.settle(30 * 60_000)
const pod = c.kubectl('get pods -o name').stdout.split('\n')[0].slice(4)
console.log(`\nServed engine (npm run serve), ${c.kubectl('get pods --no-headers').stdout.trim().split('\n').length} pods on ${nodes.length} nodes\n`)

// In process first (nothing else running).
const inProc: number[] = []
for (let i = 0; i < 5; i++) {
  const t = performance.now()
  c.kubectl('get pods')
  inProc.push(performance.now() - t)
}
row('kubectl get pods, engine kubectl in process (median of 5)', `${median(inProc).toFixed(1)} ms`)
const httpIn: number[] = []
for (let i = 0; i < 5; i++) {
  const t = performance.now()
  let cont = ''
  do {
    const r = c.http({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: `limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, headers: { accept: TABLE } })
    cont = JSON.parse(r.body).metadata.continue ?? ''
  } while (cont)
  httpIn.push(performance.now() - t)
}
row('the same Table pages through cluster.http() in process (median of 5)', `${median(httpIn).toFixed(1)} ms`)

const mix = [
  { method: 'GET', path: `/api/v1/namespaces/default/pods/${pod}` },
  { method: 'GET', path: `/api/v1/namespaces/default/pods/${pod}` },
  { method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: 'limit=50' },
  { method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/bench' },
]
let n = 0
const t0 = performance.now()
while (performance.now() - t0 < 3000) {
  const m = mix[n % mix.length]
  c.http({ ...m, headers: m.method === 'PATCH' ? { 'content-type': 'application/merge-patch+json' } : { accept: 'application/json' }, ...(m.method === 'PATCH' ? { body: JSON.stringify({ data: { n: String(n) } }) } : {}) })
  n++
}
row('mixed GET/LIST/PATCH through cluster.http() in process', `${Math.round(n / ((performance.now() - t0) / 1000))} req/s`)

const server = await startServer({ cluster: c, port: 0, staticDir: '/nonexistent' })
const dir = mkdtempSync(join(tmpdir(), 'podium-bench-'))
writeKubeconfig(join(dir, 'kubeconfig'), server)
try {
  if (existsSync(KUBECTL)) {
    const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') }
    // Warm the discovery cache; two pages of 500 rows make the whole table.
    const first = await run(KUBECTL, ['get', 'pods', '--no-headers'], { env, maxBuffer: 64 << 20 })
    if (first.stdout.trim().split('\n').length !== 1000) throw new Error('kubectl get pods did not print 1,000 rows')
    const real: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      await run(KUBECTL, ['get', 'pods'], { env, maxBuffer: 64 << 20 })
      real.push(performance.now() - t)
    }
    row('kubectl get pods, real kubectl 1.33 over HTTP (median of 5, process start included)', `${median(real).toFixed(0)} ms`)
  } else row('kubectl get pods, real kubectl 1.33 over HTTP', `skipped: no ${KUBECTL}`)
  const { stdout } = await run(process.execPath, [join(import.meta.dirname, 'loadgen.mjs'), server.url, '5', '8'], { env: { ...process.env, POD: pod } })
  const r = JSON.parse(stdout) as { requests: number; errors: number; seconds: number }
  row('mixed GET/LIST/PATCH over loopback HTTP, 8 connections (load generator process)', `${Math.round(r.requests / r.seconds)} req/s (${r.errors} errors)`)
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
