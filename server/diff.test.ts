/**
 * One truth for kubectl output (issue 6): every command of the corpus (diff/corpus.ts) runs
 * with the real kubectl 1.33 against the served engine and with the engine's own kubectl against
 * the same state, and both must print byte-identical stdout and stderr with the same exit code,
 * ages normalised (diff/compare.ts). A write runs on a snapshot that is restored before the
 * engine's turn; a run of reads shares one still state (their real kubectls run side by side).
 * The served clock stands still, except while a `live` command waits for the cluster to move.
 * Skipped, with the reason printed, where the binary is not installed.
 * DIFF_SHOW=N: how many diffs to show; DIFF_DUMP=regex: print the real output of those
 * commands; DIFF_TRACE=1: time each batch.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCluster } from '../src/engine'
import { splitArgs } from '../src/engine/kubectl/argv'
import { render, unifiedDiff, type Outcome } from './diff/compare'
import { CORPUS, type DiffCase } from './diff/corpus'
import { writeKubeconfig } from './kubeconfig'
import { startServer, type PodiumServer } from './server'
import { selfSignedCertificate } from './tls'

const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const hasKubectl = existsSync(KUBECTL)
if (!hasKubectl) console.warn(`server/diff.test.ts: skipped, no kubectl 1.33 at ${KUBECTL} (set KUBECTL to its path)`)

let server: PodiumServer
let dir: string

function realKubectl(args: string[], stdin?: string): Promise<Outcome> {
  return new Promise((ok) => {
    const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), TZ: 'UTC' }
    // Run as `kubectl`: the binary's file name is its User-Agent, which names its field manager.
    const child = execFile(join(dir, 'bin', 'kubectl'), args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      ok({ stdout, stderr, exitCode: err ? ((err as { code?: number }).code ?? 1) : 0 })
    })
    child.stdin!.end(stdin ?? '')
  })
}

/** `{{pod app=web}}` → the first pod with that label. */
function resolve(cmd: string): string {
  return cmd.replace(/\{\{pod ([^}]+)\}\}/g, (_, sel: string) => {
    const names = server.cluster.kubectl(`get pods -l ${sel} -o name`).stdout.split('\n')
    return names[0].replace(/^pod\//, '')
  })
}

/** Commands that only read; `--dry-run` writes store nothing either. */
const READ_ONLY = /^(get|describe|logs|auth|api-resources|version|explain|wait|rollout (status|history))\b|--dry-run=(client|server)/

interface Result {
  c: DiffCase
  cmd: string
  real: string
  sim: string
}

/** A write, or a run of reads: reads change nothing the next read prints, so their real kubectls run at once. */
function batches(corpus: DiffCase[]): DiffCase[][] {
  const out: DiffCase[][] = []
  for (const c of corpus) {
    const read = READ_ONLY.test(c.cmd) && !c.setup && !c.live
    const last = out[out.length - 1]
    if (read && last && READ_ONLY.test(last[0].cmd) && !last[0].setup && !last[0].live) last.push(c)
    else out.push([c])
  }
  return out
}

/** Runs `fn` over `items`, at most `n` at a time, keeping the order of the results. */
async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }))
  return out
}

/** Reads: every real kubectl against the same still state, then the engine's, with nothing run in between. */
async function runReads(cases: DiffCase[]): Promise<Result[]> {
  const cmds = cases.map((c) => resolve(c.cmd))
  const real = await pool(cases, 3, (c) => realKubectl(splitArgs(resolve(c.cmd)), c.stdin))
  return cases.map((c, i) => ({ c, cmd: cmds[i], real: render(real[i]), sim: render(server.cluster.kubectl(c.sim ? resolve(c.sim) : cmds[i], c.stdin)) }))
}

/** A write: the real kubectl, then the state put back and the engine's kubectl, whose effect stays. */
async function runWrite(c: DiffCase): Promise<Result> {
  const cluster = server.cluster
  for (const s of c.setup ?? []) {
    const r = typeof s === 'string' ? cluster.kubectl(s) : cluster.kubectl(s.cmd, s.stdin)
    if (r.exitCode !== 0) throw new Error(`setup ${JSON.stringify(s)} failed: ${r.stderr}`)
  }
  if (c.setup) cluster.settle()
  const cmd = resolve(c.cmd)
  const snap = cluster.snapshot()
  if (c.live) server.setSpeed(50)
  const real = await realKubectl(splitArgs(cmd), c.stdin)
  server.setSpeed(0)
  // Let the server see the client's connections close before the state goes back.
  await new Promise((r) => setTimeout(r, 5))
  cluster.restore(snap)
  const sim = cluster.kubectl(c.sim ? resolve(c.sim) : cmd, c.stdin)
  cluster.settle()
  return { c, cmd, real: render(real), sim: render(sim) }
}

beforeAll(async () => {
  if (!hasKubectl) return
  dir = mkdtempSync(join(tmpdir(), 'podium-diff-'))
  mkdirSync(join(dir, 'bin'))
  symlinkSync(KUBECTL, join(dir, 'bin', 'kubectl'))
  // A short hop log keeps the snapshot taken around each command cheap.
  // HTTPS: kubectl sends the kubeconfig's bearer tokens (admin, student) only over TLS.
  server = await startServer({ port: 0, speed: 0, tls: selfSignedCertificate(), cluster: createCluster({ seed: 1, nodes: 3, maxHops: 200, adminToken: 'diff-admin-token', student: 'available' }), staticDir: join(dir, 'no-app') })
  writeKubeconfig(join(dir, 'kubeconfig'), server)
})

afterAll(async () => {
  await server?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

it.skipIf(!hasKubectl)(`the real kubectl and the engine's kubectl print the same bytes for ${CORPUS.length} commands`, async () => {
  const results: Result[] = []
  for (const batch of batches(CORPUS)) {
    const t0 = performance.now()
    const isRead = READ_ONLY.test(batch[0].cmd) && !batch[0].setup && !batch[0].live
    results.push(...(isRead ? await runReads(batch) : [await runWrite(batch[0])]))
    if (process.env.DIFF_TRACE) console.log(`${Math.round(performance.now() - t0)} ms  ${batch.length} × kubectl ${batch[0].cmd}`)
  }
  // DIFF_DUMP=regex prints what the real kubectl printed for the matching commands.
  if (process.env.DIFF_DUMP) for (const r of results.filter((x) => new RegExp(process.env.DIFF_DUMP!).test(x.cmd))) console.log(`=== kubectl ${r.cmd}\n${r.real}`)
  const bad = results.filter((r) => r.real !== r.sim)
  if (bad.length === 0) console.log(`server/diff.test.ts: ${results.length} commands, all identical`)
  else {
    const shown = bad.slice(0, Number(process.env.DIFF_SHOW ?? 5))
    console.log(`server/diff.test.ts: ${bad.length} of ${results.length} commands differ (- real kubectl, + engine kubectl):\n` + shown.map((r) => `=== kubectl ${r.cmd}\n${unifiedDiff(r.real, r.sim)}`).join('\n\n'))
  }
  expect(bad.map((r) => r.cmd)).toEqual([])
}, 400_000)
