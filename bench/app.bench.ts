/**
 * App benchmarks (issue 3 "Speed"), measured in headless Chromium against the built app:
 * - JavaScript needed before the diagram shows (entry chunk, its static imports, the engine
 *   worker), Monaco excluded (lazy), gzip; and the total bundle;
 * - load to first diagram on localhost;
 * - Apply to the first hop on screen;
 * - frame times while animating a 20-node cluster with 200 pods (p95, and the longest task).
 *
 * Run with `npx tsx bench/app.bench.ts` after `vite build`. Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { encodeWorkspace, type Workspace } from '../app/editor/share'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')
const PORT = 4175
const BASE = `http://127.0.0.1:${PORT}/`

function gz(path: string) {
  return gzipSync(readFileSync(path), { level: 9 }).length
}

/** The entry chunk and everything it imports statically (the UI thread's JS), and the engine worker. */
function initialJs(): { files: string[]; gzip: number; worker: { file: string; gzip: number } } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const entry = /src="\/(assets\/[^"]+\.js)"/.exec(html)![1]
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(join(dist, file), 'utf8')
    // Static imports only: `import … from "./x.js"` / `import "./x.js"`, not `import("./x.js")`.
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) visit(join('assets', m[1]))
  }
  visit(entry)
  const files = [...seen]
  const workerFile = join('assets', readdirSync(join(dist, 'assets')).find((f) => /^engine\.worker-.*\.js$/.test(f))!)
  return { files, gzip: files.reduce((n, f) => n + gz(join(dist, f)), 0), worker: { file: workerFile, gzip: gz(join(dist, workerFile)) } }
}

function totalBundle() {
  let raw = 0
  let gzip = 0
  for (const f of readdirSync(join(dist, 'assets'))) {
    const p = join(dist, 'assets', f)
    raw += statSync(p).size
    if (/\.(js|css)$/.test(f)) gzip += gz(p)
  }
  return { raw, gzip }
}

function bigScenario(): Workspace {
  const nodes = Array.from({ length: 20 }, (_, i) => ({ name: `node-${i + 1}`, cpu: '8', memory: '32Gi' }))
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 200
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
`
  return { v: 1, scenario: { seed: 1, nodes, steps: [{ kubectl: 'apply -f -', stdin: deployment }] }, cursor: 0, tabs: [{ name: 'web.yaml', text: deployment }], activeTab: 0 }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

async function main() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build first: npx vite build')
  // Its own process group, so stopping it also stops the vite process npx starts.
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true })
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(BASE)).ok) break
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    const js = initialJs()
    const total = totalBundle()
    // The diagram (the control plane) draws from the UI thread's JS alone; the engine worker loads in
    // parallel and fills in the worker nodes. Both figures are printed.
    console.log(`JS before the diagram, UI thread (gzip, Monaco excluded): ${kb(js.gzip)}  [${js.files.join(', ')}]  budget 250 KB`)
    console.log(`Engine worker (gzip), loaded in parallel before the nodes show: ${kb(js.worker.gzip)}  [${js.worker.file}]; together ${kb(js.gzip + js.worker.gzip)}`)
    console.log(`Total bundle: ${kb(total.raw)} raw, ${kb(total.gzip)} gzip (JS + CSS)`)

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })

    // Load to first diagram (the control plane) and to the worker nodes, from navigation start.
    const loads: number[] = []
    const full: number[] = []
    for (let i = 0; i < 3; i++) {
      await page.goto(BASE)
      await page.getByRole('img', { name: /^kube-apiserver/ }).waitFor()
      loads.push(await page.evaluate<number>('performance.now()'))
      await page.getByLabel('Node node-1: Ready').waitFor()
      full.push(await page.evaluate<number>('performance.now()'))
      await page.evaluate('localStorage.clear()')
    }
    const best = (xs: number[]) => `${Math.min(...xs).toFixed(0)} ms (best of 3; ${xs.map((l) => l.toFixed(0)).join(', ')})`
    console.log(`Load to first diagram: ${best(loads)}; with the worker nodes: ${best(full)}  budget 1500 ms`)

    // Apply to the first hop on screen.
    await page.getByRole('button', { name: 'Pause', exact: true }).click()
    // Page scripts are strings: tsx would otherwise wrap the functions with its own helpers.
    const applyMs = await page.evaluate<number>(`new Promise((resolve) => {
      const list = document.querySelector('[aria-label="Hops"]')
      const t0 = performance.now()
      const check = () => (list.querySelector('li[data-hop]') ? resolve(performance.now() - t0) : requestAnimationFrame(check))
      document.querySelector('button.primary[title^="Apply"]').click()
      requestAnimationFrame(check)
    })`)
    console.log(`Apply to first hop on screen: ${applyMs.toFixed(0)} ms  budget 100 ms`)

    // Animating a 20-node cluster with 200 pods.
    const big = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const t0 = Date.now()
    await big.goto(`${BASE}#share=${encodeWorkspace(bigScenario())}`)
    await big.getByLabel('Node node-20: Ready').waitFor({ timeout: 60_000 })
    console.log(`Opening a 20-node, 200-pod scenario from a link: ${Date.now() - t0} ms`)
    await big.getByRole('combobox', { name: 'Speed' }).selectOption('8')
    const frames = await big.evaluate<{ p95: number; max: number; longest: number; count: number }>(`new Promise((resolve) => {
      const deltas = []
      let longest = 0
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (longest = Math.max(longest, e.duration)))).observe({ type: 'longtask' })
      document.querySelector('.play').click()
      let last = performance.now()
      const end = last + 5000
      const tick = (now) => {
        deltas.push(now - last)
        last = now
        if (now < end) requestAnimationFrame(tick)
        else {
          deltas.sort((a, b) => a - b)
          resolve({ p95: deltas[Math.floor(deltas.length * 0.95)], max: deltas[deltas.length - 1], longest, count: deltas.length })
        }
      }
      requestAnimationFrame(tick)
    })`)
    console.log(
      `Animating 20 nodes / 200 pods: p95 frame ${frames.p95.toFixed(1)} ms (budget 20), worst frame ${frames.max.toFixed(1)} ms, longest main-thread task ${frames.longest.toFixed(0)} ms (budget 50), ${frames.count} frames in 5 s`,
    )
    await browser.close()
  } finally {
    process.kill(-server.pid!, 'SIGTERM')
  }
}

await main()
