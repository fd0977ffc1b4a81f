/**
 * Protobuf bodies decoded with the descriptors read from the kubectl binary: for each `kubectl
 * create …` the JSON the server stored in the scenario equals what the same command prints with
 * `--dry-run=client -o json` (empty values pruned on both sides).
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeKubeconfig } from './kubeconfig'
import { startServer, type PodiumServer } from './server'

const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const hasKubectl = existsSync(KUBECTL)
if (!hasKubectl) console.warn(`server/protobuf.test.ts: skipped, no kubectl 1.33 at ${KUBECTL}`)

let server: PodiumServer
let dir: string

function kubectl(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok) => execFile(KUBECTL, args, { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') } }, (_e, stdout, stderr) => ok({ stdout, stderr })))
}

function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x)
      if (p === null || p === '' || (typeof p === 'object' && Object.keys(p as object).length === 0)) continue
      out[k] = p
    }
    return out
  }
  return v
}

describe.skipIf(!hasKubectl)('protobuf bodies from kubectl create', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podium-proto-'))
    server = await startServer({ port: 0, kubectlBinary: KUBECTL, staticDir: join(dir, 'none') })
    writeKubeconfig(join(dir, 'kubeconfig'), server)
  })
  afterAll(async () => {
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const commands = [
    'namespace team-a',
    'configmap cfg --from-literal=a=1 --from-literal=b=two',
    'secret generic creds --from-literal=user=admin',
    'deployment web --image=nginx:1.27 --replicas=3 --port=80',
    'job once --image=busybox -- echo hi',
    'cronjob tick --image=busybox --schedule=*/5_*_*_*_*',
    'serviceaccount robot',
    'role reader --verb=get,list --resource=pods',
    'rolebinding reader-bob --role=reader --user=bob --serviceaccount=default:robot',
    'clusterrolebinding devs --clusterrole=view --group=devs',
    'quota small --hard=pods=10,cpu=2',
    'service nodeport np --tcp=80:8080',
  ]
  for (const command of commands) {
    it(`kubectl create ${command}`, async () => {
      const args = ['create', ...command.split(' ').map((a) => a.replaceAll('_', ' '))]
      const dash = args.indexOf('--')
      const dryRun = dash < 0 ? [...args, '--dry-run=client', '-o', 'json'] : [...args.slice(0, dash), '--dry-run=client', '-o', 'json', ...args.slice(dash)]
      const expected = JSON.parse((await kubectl(dryRun)).stdout)
      const r = await kubectl(args)
      expect(r.stderr).toBe('')
      expect(r.stdout).toMatch(/ created\n$/)
      const posts = server.cluster.scenario().steps.filter((s): s is Extract<typeof s, { http: unknown }> => 'http' in s && s.http.method === 'POST')
      const sent = posts[posts.length - 1].http
      expect(sent.headers?.['content-type']).toBe('application/json')
      expect(prune(JSON.parse(sent.body!))).toEqual(prune(expected))
    })
  }
})
