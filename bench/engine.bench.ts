/**
 * `npm run bench`: the engine's speed and size figures (issue budgets in brackets).
 * Wall-clock numbers, printed, never asserted: tests check behaviour, this prints figures.
 * scripts/bench.mjs bundles this file with the engine (as the app ships it) before running it.
 */
import { createCluster } from '../src/engine/index'
import { benchScheduling } from '../src/engine/scheduler/bench-scheduling'
import { webernetesApplyToRunning } from './webernetes'

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`

function ms(f: () => void): number {
  const t = performance.now()
  f()
  return performance.now() - t
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function gc(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

/**
 * The heap in use once garbage is gone: V8 sweeps lazily after a collection, and pages not yet
 * swept still count as used, so one gc() left the figure wandering by tens of MiB. A second
 * collection finishes the first one's sweeping.
 */
function heapUsed(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Apply a Deployment and run until every replica is Running; returns real ms (cluster creation excluded). */
function applyToRunning(nodes: number, replicas: number): { ms: number; running: number; hops: number } {
  const c = createCluster({ seed: 1, nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', pods: 250 })) })
  let running = 0
  const t = ms(() => {
    c.kubectl('apply -f -', deployment(replicas))
    c.settle(30 * 60_000)
  })
  running = c.kubectl('get pods --no-headers').stdout.split('\n').filter((l) => /\sRunning\s/.test(l)).length
  return { ms: t, running, hops: c.hops().length }
}

const rows: [string, string, string][] = []
function row(what: string, figure: string, budget: string): void {
  rows.push([what, figure, budget])
  console.log(`${what.padEnd(58)} ${figure.padEnd(26)} ${budget}`)
}

console.log('Podium engine bench (Node ' + process.version + ')\n')
// The heap figure is measured first, on a heap with nothing else on it (printed last): measured
// after the timing cases, memory they had freed was still partly counted as used, and the figure
// wandered between runs (107 or 168 MiB for the same engine).
const heap = (() => {
  const before = heapUsed()
  const c = createCluster({ seed: 1, nodes: Array.from({ length: 100 }, (_, i) => ({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', pods: 110 })) })
  c.kubectl('apply -f -', deployment(10_000))
  c.settle(60 * 60_000)
  const mib = (heapUsed() - before) / 1024 / 1024
  const running = c.kubectl('get pods --no-headers').stdout.split('\n').filter((l) => /\sRunning\s/.test(l)).length
  return { mib, running, hops: c.hops().length }
})()
gc()
// The scheduler alone, the first timing case (warmed up once).
benchScheduling(1000, 2000)
gc()
const sched = benchScheduling(1000, 3000)
row('scheduling throughput at 1,000 nodes (explanations kept)', `${Math.round(sched.podsPerSecond)} pods/s`, '[>= 5,000 pods/s]')
gc()
// Warm up the JIT so the small case measures steady state: V8 keeps optimizing the engine's
// functions for the first hundred or so runs (20 warm-ups left the median wandering by ±20%).
for (let i = 0; i < 100; i++) applyToRunning(3, 3)
gc()
const small = Array.from({ length: 100 }, () => applyToRunning(3, 3))
row('apply + settle, Deployment of 3 on 3 nodes (median of 100)', `${median(small.map((r) => r.ms)).toFixed(2)} ms`, '[< 5 ms]')
/** The fastest of `n` runs: the figure least disturbed by other work on a shared machine. */
function best(n: number, f: () => { ms: number; running: number; hops: number }) {
  const runs = Array.from({ length: n }, () => {
    gc()
    return f()
  })
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a))
}
const mid = best(5, () => applyToRunning(10, 100))
row('apply → all Running, 100 replicas on 10 nodes (best of 5)', `${mid.ms.toFixed(0)} ms (${mid.running} Running)`, '')
const big = best(3, () => applyToRunning(100, 1000))
row('apply → all Running, 1,000 replicas on 100 nodes (best of 3)', `${big.ms.toFixed(0)} ms (${big.running} Running)`, '[< 1 s]')
row('  hops recorded for it', String(big.hops), '')


row('heap used after 10,000 pods (engine state + hop log)', `${heap.mib.toFixed(0)} MiB (${heap.running} Running, ${heap.hops} hops)`, '[< 200 MiB]')

// The closest peer, on the same workloads. Skip with PODIUM_BENCH_SKIP_PEER=1 (the largest case takes minutes).
if (!process.env.PODIUM_BENCH_SKIP_PEER) {
  console.log('\nThe same Deployments on Webernetes (@ngrok/webernetes 0.3.5, wall-clock time), apply → all Running:')
  for (const [nodes, replicas] of [[3, 3], [10, 100], [100, 1000]] as const) {
    const ours = nodes === 3 ? median(small.map((r) => r.ms)) : nodes === 10 ? mid.ms : big.ms
    const peer = await webernetesApplyToRunning(nodes, replicas)
    row(`  ${replicas} replicas on ${nodes} nodes: Webernetes vs Podium`, `${peer.ms.toFixed(0)} ms vs ${ours.toFixed(1)} ms`, `Podium ${(peer.ms / ours).toFixed(0)}× faster${peer.running < replicas ? ` (Webernetes: ${peer.running} Running at the time-out)` : ''}`)
  }
}
