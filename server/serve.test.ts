/**
 * The real kubectl 1.33 binary against the served engine (`npm run serve`), in-process on an
 * ephemeral port. Skipped, with the reason printed, where the binary is not installed.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeKubeconfig } from './kubeconfig'
import { runScenario } from '../src/engine'
import { startServer, type PodiumServer } from './server'
import { selfSignedCertificate } from './tls'

const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const hasKubectl = existsSync(KUBECTL)
if (!hasKubectl) console.warn(`server/serve.test.ts: skipped, no kubectl 1.33 at ${KUBECTL} (set KUBECTL to its path)`)

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`

let server: PodiumServer
let dir: string

interface Run {
  stdout: string
  stderr: string
  code: number
}

/** Runs the real kubectl against the served cluster. */
function kubectl(args: string[], stdin?: string): Promise<Run> {
  return new Promise((ok) => {
    const child = execFile(KUBECTL, args, { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') }, timeout: 60_000 }, (err, stdout, stderr) => {
      ok({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 })
    })
    if (stdin !== undefined) child.stdin!.end(stdin)
  })
}

/** Raw HTTP to the server. */
function request(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = http.request(`${server.url}${path}`, { method, headers }, (res) => {
      let data = ''
      res.on('data', (c) => (data += c))
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', fail)
    req.end(body)
  })
}

/** AGE cells differ by the time between two calls: `12s`, `5m3s`, `2d`. */
const normalizeAges = (s: string) => s.replace(/(?<=\s)\d+[smhdy](\d+[smh])?(?=\s|$)/gm, 'AGE')

describe.skipIf(!hasKubectl)('real kubectl against npm run serve', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podium-serve-'))
    // Four virtual seconds per real second: rollouts and graceful deletes finish quickly.
    server = await startServer({ port: 0, speed: 4, staticDir: join(dir, 'no-app') })
    writeKubeconfig(join(dir, 'kubeconfig'), server)
  })
  afterAll(async () => {
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('answers version and discovery', async () => {
    const v = await kubectl(['version'])
    expect(v.stdout).toContain('Server Version: v1.33.1')
    const r = await kubectl(['api-resources'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m)
    expect(r.stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m)
  })

  it('applies: created, unchanged, configured', async () => {
    expect((await kubectl(['apply', '-f', '-'], WEB)).stdout).toBe('deployment.apps/web created\n')
    expect((await kubectl(['apply', '-f', '-'], WEB)).stdout).toBe('deployment.apps/web unchanged\n')
    expect((await kubectl(['apply', '-f', '-'], WEB.replace('replicas: 2', 'replicas: 3'))).stdout).toBe('deployment.apps/web configured\n')
    const w = await kubectl(['wait', '--for=condition=Available', 'deployment/web', '--timeout=30s'])
    expect(w.stdout).toBe('deployment.apps/web condition met\n')
    const ready = await kubectl(['wait', '--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=30s'])
    expect(ready.code).toBe(0)
  })

  it('gets in every output format, the same text as the engine kubectl', async () => {
    for (const what of ['nodes', 'deployments', 'pods -o wide', 'replicasets', 'services', 'namespaces', 'nodes -o wide', 'pods --show-labels', 'all']) {
      const real = await kubectl(['get', ...what.split(' ')])
      const sim = server.cluster.kubectl(`get ${what}`)
      expect(real.code, what + real.stderr).toBe(0)
      expect(normalizeAges(real.stdout), what).toBe(normalizeAges(sim.stdout))
    }
    const yaml = await kubectl(['get', 'deployment', 'web', '-o', 'yaml'])
    expect(yaml.stdout).toMatch(/^kind: Deployment$/m)
    const json = JSON.parse((await kubectl(['get', 'pods', '-o', 'json'])).stdout)
    expect(json.items).toHaveLength(3)
    expect((await kubectl(['get', 'pods', '-o', 'name'])).stdout).toMatch(/^pod\/web-/)
    const jp = await kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}'])
    expect(jp.stdout).toBe('node-1 node-2 node-3')
  })

  it('gets every served kind, table and wide byte-identical to the engine kubectl; yaml, json and name too', async () => {
    const kinds = (await kubectl(['api-resources', '-o', 'name'])).stdout.trim().split('\n')
    expect(kinds.length).toBeGreaterThan(25)
    for (const kind of kinds.filter((k) => !k.startsWith('selfsubject'))) {
      for (const wide of [[], ['-o', 'wide']]) {
        const real = await kubectl(['get', kind, '-A', ...wide])
        const sim = server.cluster.kubectl(['get', kind, '-A', ...wide].join(' '))
        expect(real.code, `${kind} ${real.stderr}`).toBe(0)
        expect(normalizeAges(real.stdout + real.stderr), `get ${kind} -A ${wide.join(' ')}`).toBe(normalizeAges(sim.stdout + sim.stderr))
      }
      for (const o of ['yaml', 'json', 'name']) expect((await kubectl(['get', kind, '-A', '-o', o])).code, `${kind} -o ${o}`).toBe(0)
    }
  }, 60_000)

  it('watches: get -w prints the rows as the cluster changes', async () => {
    const watching = kubectl(['get', 'pods', '-w', '--request-timeout=4s'])
    await new Promise((r) => setTimeout(r, 500))
    await kubectl(['scale', 'deployment/web', '--replicas=4'])
    const w = await watching
    const lines = w.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/)
    expect(lines.slice(4).some((l) => /\s(Pending|ContainerCreating|Running)\s/.test(l))).toBe(true)
    expect(lines.length).toBeGreaterThan(4)
    await kubectl(['scale', 'deployment/web', '--replicas=3'])
  })

  it('describes a pod with its events', async () => {
    const name = (await kubectl(['get', 'pods', '-o', 'name'])).stdout.split('\n')[0]
    const d = await kubectl(['describe', name])
    expect(d.code).toBe(0)
    expect(d.stdout).toMatch(/^Status:\s+Running$/m)
    expect(d.stdout).toMatch(/Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default\/web-/)
    const logs = await kubectl(['logs', name])
    expect(logs.code).toBe(0)
    expect(logs.stdout.length).toBeGreaterThan(0)
  })

  it('scales, rolls out, sets the image, undoes and restarts', async () => {
    expect((await kubectl(['scale', 'deployment/web', '--replicas=4'])).stdout).toBe('deployment.apps/web scaled\n')
    expect((await kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).stdout).toMatch(/deployment "web" successfully rolled out\n$/)
    expect((await kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.28'])).stdout).toBe('deployment.apps/web image updated\n')
    expect((await kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).stdout).toMatch(/successfully rolled out\n$/)
    expect((await kubectl(['rollout', 'history', 'deployment/web'])).stdout).toMatch(/^2\s+<none>$/m)
    expect((await kubectl(['rollout', 'undo', 'deployment/web'])).stdout).toBe('deployment.apps/web rolled back\n')
    expect((await kubectl(['rollout', 'restart', 'deployment/web'])).stdout).toBe('deployment.apps/web restarted\n')
    expect((await kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).code).toBe(0)
    expect((await kubectl(['label', 'deployment', 'web', 'tier=frontend'])).stdout).toBe('deployment.apps/web labeled\n')
    expect((await kubectl(['annotate', 'deployment', 'web', 'note=hi'])).stdout).toBe('deployment.apps/web annotated\n')
  }, 120_000)

  it('deletes a pod and waits until it is gone', async () => {
    await kubectl(['wait', '--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=30s'])
    const name = (await kubectl(['get', 'pods', '-o', 'name'])).stdout.split('\n')[0]
    const d = await kubectl(['delete', name])
    expect(d.stdout).toBe(`pod "${name.slice(4)}" deleted\n`)
    const after = await kubectl(['get', name])
    expect(after.stderr).toBe(`Error from server (NotFound): pods "${name.slice(4)}" not found\n`)
  }, 60_000)

  it('cordons, uncordons, taints, answers auth can-i and explain', async () => {
    expect((await kubectl(['cordon', 'node-1'])).stdout).toBe('node/node-1 cordoned\n')
    expect((await kubectl(['get', 'node', 'node-1'])).stdout).toMatch(/Ready,SchedulingDisabled/)
    expect((await kubectl(['uncordon', 'node-1'])).stdout).toBe('node/node-1 uncordoned\n')
    expect((await kubectl(['taint', 'nodes', 'node-2', 'dedicated=x:NoSchedule'])).stdout).toBe('node/node-2 tainted\n')
    expect((await kubectl(['auth', 'can-i', 'create', 'pods'])).stdout).toBe('yes\n')
    expect((await kubectl(['auth', 'can-i', 'create', 'pods', '--as=system:serviceaccount:default:default'])).stdout).toBe('no\n')
    const e = await kubectl(['explain', 'deployment.spec.strategy'])
    expect(e.stdout).toMatch(/^FIELD: strategy <DeploymentStrategy>$/m)
    expect(e.stdout).toMatch(/^ {2}rollingUpdate\t<RollingUpdateDeployment>$/m)
  })

  it('drains a node and deletes with a cascade', async () => {
    await kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])
    const d = await kubectl(['drain', 'node-3', '--ignore-daemonsets', '--timeout=60s'])
    expect(d.stdout, d.stderr).toMatch(/node\/node-3 drained\n$/)
    expect((await kubectl(['uncordon', 'node-3'])).code).toBe(0)
    expect((await kubectl(['apply', '-f', '-'], WEB.replace(/name: web$/m, 'name: other').replaceAll('app: web', 'app: other'))).code).toBe(0)
    const del = await kubectl(['delete', 'deployment', 'other', '--cascade=foreground'])
    expect(del.stdout).toBe('deployment.apps "other" deleted\n')
    expect((await kubectl(['get', 'deployment', 'other'])).code).not.toBe(0)
    expect((await kubectl(['get', 'rs', '-l', 'app=other'])).stderr).toBe('No resources found in default namespace.\n')
  }, 90_000)

  it('answers exec and port-forward with a clear unsupported error', async () => {
    const pod = (await kubectl(['get', 'pods', '-o', 'name'])).stdout.split('\n')[0]
    const e = await kubectl(['exec', pod, '--', 'ls'])
    expect(e.code).not.toBe(0)
    expect(e.stderr).toContain('does not stream exec')
  })

  it('answers errors with real Status bodies', async () => {
    expect((await kubectl(['get', 'pod', 'nope'])).stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect((await kubectl(['get', 'nosuchkind'])).stderr).toBe('error: the server doesn\'t have a resource type "nosuchkind"\n')
    const bad = await request('POST', '/api/v1/namespaces/default/pods', '{bad', { 'content-type': 'application/json' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 })
    const big = await request('POST', '/api/v1/namespaces/default/configmaps', Buffer.alloc(3 * 1024 * 1024 + 10, 'a'), { 'content-type': 'application/json' })
    expect(big.status).toBe(413)
    expect(JSON.parse(big.body)).toMatchObject({ reason: 'RequestEntityTooLarge', code: 413 })
    const unknown = await request('GET', '/nothing/here', undefined, { accept: 'application/json' })
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body)).toMatchObject({ kind: 'Status', reason: 'NotFound' })
    const type = await request('PATCH', '/api/v1/nodes/node-1', '{}', { 'content-type': 'text/plain' })
    expect(type.status).toBe(415)
    const unknownKind = await request('GET', '/apis/example.com/v1/widgets')
    expect(unknownKind.status).toBe(404)
    // The store is still consistent: the cluster answers as before.
    expect((await kubectl(['get', 'deployment', 'web'])).code).toBe(0)
  })

  it('survives a dropped watch connection', async () => {
    const before = server.cluster.scenario().steps.filter((s) => 'closeWatch' in s).length
    await new Promise<void>((ok) => {
      const req = http.get(`${server.url}/api/v1/namespaces/default/pods?watch=true`, (res) => {
        res.once('data', (chunk: Buffer) => {
          expect(JSON.parse(chunk.toString().split('\n')[0]).type).toBe('ADDED')
          req.destroy()
          ok()
        })
      })
    })
    await new Promise((r) => setTimeout(r, 200))
    expect(server.cluster.scenario().steps.filter((s) => 'closeWatch' in s).length).toBe(before + 1)
    expect((await kubectl(['get', 'pods'])).code).toBe(0)
  })

  it('pages lists with limit and continue', async () => {
    const first = JSON.parse((await request('GET', '/api/v1/pods?limit=2')).body)
    expect(first.items).toHaveLength(2)
    expect(first.metadata.continue).toBeTruthy()
    const rest = JSON.parse((await request('GET', `/api/v1/pods?limit=500&continue=${encodeURIComponent(first.metadata.continue)}`)).body)
    const all = JSON.parse((await request('GET', '/api/v1/pods')).body)
    expect([...first.items, ...rest.items].map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(all.items.map((p: { metadata: { name: string } }) => p.metadata.name))
  })

  it('replays: the scenario rebuilds the same cluster', async () => {
    // Scenario and keyspace are read in the same tick, so they describe the same moment.
    const scenario = server.cluster.scenario()
    const keyspace = server.cluster.keyspace()
    expect(scenario.steps.some((s) => 'http' in s)).toBe(true)
    expect(runScenario(scenario).keyspace()).toEqual(keyspace)
  })
})

it.skipIf(!hasKubectl)('serves HTTPS with a self-signed certificate', async () => {
  const tlsDir = mkdtempSync(join(tmpdir(), 'podium-tls-'))
  const s = await startServer({ port: 0, tls: selfSignedCertificate(), staticDir: join(tlsDir, 'none') })
  try {
    writeKubeconfig(join(tlsDir, 'kubeconfig'), s)
    const r = await new Promise<string>((ok) => execFile(KUBECTL, ['get', 'nodes', '-o', 'name'], { env: { PATH: process.env.PATH, HOME: tlsDir, KUBECONFIG: join(tlsDir, 'kubeconfig') } }, (_e, out, err) => ok(out + err)))
    expect(r).toBe('node/node-1\nnode/node-2\nnode/node-3\n')
  } finally {
    await s.close()
    rmSync(tlsDir, { recursive: true, force: true })
  }
}, 30_000)

it.skipIf(!hasKubectl)('forwards the kubeconfig tokens: admin, --student, and an unknown token', async () => {
  const credDir = mkdtempSync(join(tmpdir(), 'podium-cred-'))
  // kubectl sends bearer tokens only over HTTPS.
  const s = await startServer({ port: 0, speed: 0, student: true, tls: selfSignedCertificate(), staticDir: join(credDir, 'none') })
  const run = (args: string[]) =>
    new Promise<string>((ok) => execFile(KUBECTL, args, { env: { PATH: process.env.PATH, HOME: credDir, KUBECONFIG: join(credDir, 'kubeconfig') } }, (e, out, err) => ok(out + err + (e ? `exit ${(e as { code?: number }).code}` : ''))))
  try {
    writeKubeconfig(join(credDir, 'kubeconfig'), s)
    expect(s.credentials.admin).toMatch(/^[\w-]{32}$/)
    expect(s.credentials.student).toMatch(/^[a-z0-9]{32}$/)
    expect(await run(['auth', 'can-i', '*', '*', '-A'])).toBe('yes\n')
    expect(await run(['--context=student', 'get', 'pods', '-n', 'kube-system'])).toBe('Error from server (Forbidden): pods is forbidden: User "student" cannot list resource "pods" in API group "" in the namespace "kube-system"\nexit 1')
    expect(await run(['--context=student', 'auth', 'can-i', 'create', 'deployments', '-n', 'dev'])).toBe('yes\n')
    expect(await run(['--token=nope', 'get', 'pods'])).toBe('error: You must be logged in to the server (Unauthorized)\nexit 1')
    // The hop log says who authenticated and how.
    const auth = s.cluster.hops().flatMap((h) => (h.detail as { pipeline?: string[] } | undefined)?.pipeline ?? []).filter((l) => l.startsWith('authentication'))
    expect(auth).toContain('authentication: failed, no authenticator accepts the credentials')
  } finally {
    await s.close()
    rmSync(credDir, { recursive: true, force: true })
  }
}, 30_000)

it('refuses to listen beyond loopback', async () => {
  await expect(startServer({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/loopback only/)
})
