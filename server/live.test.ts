/**
 * Live mode's endpoints (server/live.ts) over real sockets: the served engine's info, the event
 * stream (boot with backlog, hops, Last-Event-ID), and the app console's requests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createCluster, type Hop } from '../src/engine'
import { SseParser, type SseEvent } from '../app/live/sse'
import type { LiveBoot, LiveHops, LiveInfo, LiveReply } from '../app/live/protocol'
import type { BootResult, KubectlReply } from '../app/worker/protocol'
import { liveEndpoints, type LiveOptions } from './live'
import { startServer, type PodiumServer } from './server'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c()
})

/** liveEndpoints alone behind a plain HTTP server, on a stopped clock. */
async function serveLive(over: Partial<LiveOptions> = {}) {
  const cluster = over.cluster ?? createCluster({ seed: 1, nodes: 2 })
  let url = ''
  const live = liveEndpoints({ cluster, url: () => url, seed: 1, nodes: 2, clock: () => 'manual', catchUp: () => {}, ...over })
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => live.handle(req, res, new URL(req.url ?? '/', 'http://x'), chunks.length ? Buffer.concat(chunks).toString() : undefined))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  closers.push(() => new Promise<void>((ok) => (live.close(), server.closeAllConnections(), server.close(() => ok()))))
  return { url, live, cluster }
}

/** Opens the event stream; `next(n)` waits for n more events. */
async function events(url: string, headers: Record<string, string> = {}) {
  const ctl = new AbortController()
  closers.push(() => ctl.abort())
  const res = await fetch(`${url}/podium/live/events`, { headers, signal: ctl.signal })
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const reader = res.body!.getReader()
  const parser = new SseParser()
  const got: SseEvent[] = []
  const decoder = new TextDecoder()
  return {
    async next(n = 1): Promise<SseEvent[]> {
      while (got.length < n) {
        const { done, value } = await reader.read()
        if (done) throw new Error('stream ended')
        got.push(...parser.feed(decoder.decode(value, { stream: true })))
      }
      return got.splice(0, n)
    },
    close: () => ctl.abort(),
  }
}

async function post(url: string, body: unknown): Promise<{ status: number; reply: LiveReply }> {
  const res = await fetch(`${url}/podium/live/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, reply: (await res.json()) as LiveReply }
}

const lastId = (hops: readonly Hop[]) => hops[hops.length - 1]?.id ?? 0

describe('live mode endpoints', () => {
  it('describes the served cluster at GET /podium/live', async () => {
    const { url } = await serveLive()
    const res = await fetch(`${url}/podium/live`)
    expect(res.headers.get('content-type')).toBe('application/json')
    const info = (await res.json()) as LiveInfo
    expect(info).toMatchObject({ podium: 'live', url, seed: 1, nodes: 2, clock: 'manual' })
    expect(info.session).toMatch(/^[0-9a-f]{12}$/)
  })

  it('streams a boot with the backlog, then new hops; a console command acts on the same cluster', async () => {
    const { url, cluster, live } = await serveLive()
    cluster.advance(2_000)
    const before = lastId(cluster.hops())
    const stream = await events(url)
    const [boot] = await stream.next()
    expect(boot.event).toBe('boot')
    const b = JSON.parse(boot.data) as LiveBoot
    expect(b.baseline.some((kv) => kv.key === '/registry/minions/node-1')).toBe(true)
    expect(lastId(b.hops)).toBe(before)
    expect(b.scenario.seed).toBe(1)
    // Times in the app count from the served cluster's start.
    expect(b.origin).toBe(b.now - 2_000)
    const session = ((await (await fetch(`${url}/podium/live`)).json()) as LiveInfo).session
    expect(boot.id).toBe(`${session}.${before}`)

    const { status, reply } = await post(url, { request: { type: 'kubectl', command: 'create deployment web --image=nginx:1.27 --replicas=2' }, after: before })
    expect(status).toBe(200)
    if (!reply.ok) throw new Error(reply.error)
    const r = reply.value as KubectlReply
    expect(r.result.stdout).toBe('deployment.apps/web created\n')
    expect(r.hops[0].id).toBe(before + 1)
    expect(r.hops.some((h) => h.detail?.http?.method === 'POST' && h.detail.http.path === '/apis/apps/v1/namespaces/default/deployments')).toBe(true)
    // The same hops arrive on the stream, with ids the reconnect can resume from.
    const [hops] = await stream.next()
    expect(hops.event).toBe('hops')
    const u = JSON.parse(hops.data) as LiveHops
    expect(u.hops[0].id).toBe(before + 1)
    expect(hops.id).toBe(`${session}.${lastId(u.hops)}`)
    expect(cluster.kubectl('get deployment web').stdout).toMatch(/^web\s/m)

    // Time moves (here by hand): pods are created and their STATUS texts come with the hops.
    cluster.advance(20_000)
    live.flush() // the real server does this on every clock tick
    expect(await statusesUntilRunning(stream)).toContain('Running')
  })

  it('resumes after Last-Event-ID of its session; another session gets a fresh boot', async () => {
    const { url, cluster, live } = await serveLive()
    const first = await events(url)
    const [boot] = await first.next()
    first.close()
    cluster.kubectl('create namespace team-a')
    const resumed = await events(url, { 'last-event-id': boot.id! })
    live.flush()
    const [e] = await resumed.next()
    expect(e.event).toBe('hops')
    const u = JSON.parse(e.data) as LiveHops
    // Only what was missed: the hops after the boot's last one, the namespace's creation among them.
    expect(u.hops[0].id).toBe(cluster.hops(Number(boot.id!.split('.')[1]))[0].id)
    expect(u.hops.some((h) => h.detail?.http?.path === '/api/v1/namespaces')).toBe(true)
    const other = await events(url, { 'last-event-id': 'feedfacecafe.3' })
    expect((await other.next())[0].event).toBe('boot')
  })

  it('folds hops older than the backlog into the boot keyspace', async () => {
    const { url, cluster } = await serveLive({ backlog: 10 })
    cluster.kubectl('create deployment web --image=nginx:1.27')
    cluster.advance(30_000)
    const all = cluster.hops()
    const stream = await events(url)
    const b = JSON.parse((await stream.next())[0].data) as BootResult
    expect(b.hops).toHaveLength(10)
    expect(lastId(b.hops)).toBe(lastId(all))
    // The keyspace as of the backlog's start already has the Deployment and its pods.
    expect(b.baseline.some((kv) => kv.key === '/registry/deployments/default/web')).toBe(true)
    expect(b.baseline.filter((kv) => kv.key.startsWith('/registry/pods/default/web-')).length).toBe(1)
    expect(b.podStatus.length).toBeGreaterThan(0)
  })

  it('honours what the served cluster can do and refuses the rest with a reason', async () => {
    const { url, cluster } = await serveLive()
    const hops = cluster.hops().length
    const q = await post(url, { request: { type: 'query', command: 'get nodes' }, after: 0 })
    expect(q.reply.ok && (q.reply.value as { stdout: string }).stdout).toMatch(/^node-1\s+Ready/m)
    expect(cluster.hops()).toHaveLength(hops)
    const t0 = cluster.now()
    const a = await post(url, { request: { type: 'runAhead', ms: 5_000 }, after: 0 })
    expect(a.reply.ok).toBe(true)
    expect(cluster.now()).toBe(t0 + 5_000)
    // A fault from the app's inspector acts on the served cluster too.
    expect((await post(url, { request: { type: 'component', id: 'scheduler', op: 'stop' }, after: 0 })).reply.ok).toBe(true)
    expect(cluster.scenario().steps.at(-1)).toEqual({ stopComponent: 'scheduler' })
    // One node's kubelet process can be stopped alone; the runtime cannot.
    expect((await post(url, { request: { type: 'component', id: 'kubelet/node-1', op: 'stop' }, after: 0 })).reply.ok).toBe(true)
    expect(cluster.scenario().steps.at(-1)).toEqual({ stopComponent: 'kubelet/node-1' })
    expect((await post(url, { request: { type: 'component', id: 'runtime/node-1', op: 'stop' }, after: 0 })).reply).toEqual({ ok: false, error: 'runtime/node-1 cannot be stopped or started' })
    const lesson = await post(url, { request: { type: 'lessonOpen', id: 'x', step: 0 }, after: 0 })
    expect(lesson.status).toBe(409)
    expect(lesson.reply).toEqual({ ok: false, error: '"lessonOpen" is not available on the served cluster.' })
    expect((await post(url, 'nonsense')).status).toBe(400)
    const bad = await post(url, { request: { type: 'kubectl', command: 'get nothing' }, after: 0 })
    expect(bad.reply.ok && (bad.reply.value as KubectlReply).result.exitCode).not.toBe(0)
  })

  it('refuses to move a wall clock from the app', async () => {
    const { url } = await serveLive({ clock: () => 'wall' })
    const a = await post(url, { request: { type: 'runAhead', ms: 5_000 }, after: 0 })
    expect(a.reply.ok).toBe(false)
  })
})

/** Reads hops events until a pod's STATUS text is Running; returns the texts seen. */
async function statusesUntilRunning(stream: Awaited<ReturnType<typeof events>>): Promise<string[]> {
  const out: string[] = []
  while (!out.includes('Running')) {
    const [e] = await stream.next()
    out.push(...(JSON.parse(e.data) as LiveHops).podStatus.map(([, s]) => s))
  }
  return out
}

describe('npm run serve has live mode', () => {
  let server: PodiumServer
  it('answers /podium/live and streams hops as its clock ticks', async () => {
    server = await startServer({ port: 0, speed: 0, staticDir: '/nonexistent', tickMs: 5 })
    closers.push(() => server.close())
    const info = (await (await fetch(`${server.url}/podium/live`)).json()) as LiveInfo
    expect(info).toMatchObject({ podium: 'live', url: server.url, clock: 'manual' })
    const stream = await events(server.url)
    expect((await stream.next())[0].event).toBe('boot')
    server.cluster.kubectl('create namespace live')
    const [e] = await stream.next()
    expect(e.event).toBe('hops')
    server.setSpeed(1)
    expect(((await (await fetch(`${server.url}/podium/live`)).json()) as LiveInfo).clock).toBe('wall')
    // The inspector's read-only query puts the cluster back; a kubectl watch open meanwhile goes on.
    const ctl = new AbortController()
    closers.push(() => ctl.abort())
    const watch = (await fetch(`${server.url}/api/v1/namespaces/default/configmaps?watch=1`, { signal: ctl.signal })).body!.getReader()
    const q = await post(server.url, { request: { type: 'query', command: 'describe namespace live' }, after: 0 })
    expect(q.reply.ok && (q.reply.value as { stdout: string }).stdout).toMatch(/^Name:\s+live$/m)
    const c = await post(server.url, { request: { type: 'kubectl', command: 'create configmap from-app --from-literal=a=b' }, after: 0 })
    expect(c.reply.ok && (c.reply.value as KubectlReply).result.stdout).toBe('configmap/from-app created\n')
    let seen = ''
    while (!seen.includes('"from-app"')) seen += new TextDecoder().decode((await watch.read()).value)
    expect(seen).toContain('"type":"ADDED"')
  })
})

describe('the served engine keeps to this machine', () => {
  /** A raw request, so Host and Origin can be what another site's page would send. */
  function raw(url: string, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
    return new Promise((ok, fail) => {
      const req = http.request(`${url}${path}`, { method, headers }, (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString()))
        res.on('end', () => ok({ status: res.statusCode ?? 0, text }))
      })
      req.on('error', fail)
      req.end(body)
    })
  }

  it('refuses a foreign Host or Origin, a non-JSON app request, and files outside the app folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'podium-static-'))
    mkdirSync(join(root, 'dist'))
    mkdirSync(join(root, 'dist-old'))
    writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>Podium</title>')
    writeFileSync(join(root, 'dist-old', 'secret.txt'), 'not for the web')
    closers.push(() => rmSync(root, { recursive: true, force: true }))
    const server = await startServer({ port: 0, speed: 0, staticDir: join(root, 'dist'), tickMs: 5 })
    closers.push(() => server.close())

    // A DNS name rebound to 127.0.0.1, or a page of another site: 403 with a Status.
    const rebound = await raw(server.url, '/api/v1/namespaces', { host: 'evil.example:80' })
    expect(rebound.status).toBe(403)
    expect(JSON.parse(rebound.text)).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 })
    const cross = await raw(server.url, '/podium/live/request', { origin: 'https://evil.example', 'content-type': 'application/json' }, 'POST', '{"request":{"type":"kubectl","command":"delete ns default"}}')
    expect(cross.status).toBe(403)
    // The app itself (same origin) and kubectl (no Origin) are served.
    expect((await raw(server.url, '/api/v1/namespaces', { origin: server.url })).status).toBe(200)
    expect((await raw(server.url, '/api/v1/namespaces', {})).status).toBe(200)
    // A form or text/plain post is refused before anything runs.
    const plain = await raw(server.url, '/podium/live/request', { 'content-type': 'text/plain' }, 'POST', '{"request":{"type":"kubectl","command":"create ns from-text"}}')
    expect(plain.status).toBe(415)
    expect(server.cluster.kubectl('get ns from-text').exitCode).toBe(1)

    // Static files: only inside the app's folder, not in a sibling whose name starts the same.
    expect((await raw(server.url, '/..%2fdist-old/secret.txt', {})).text).not.toContain('not for the web')
    expect((await raw(server.url, '/%E0%A4%A', { accept: 'text/html' })).status).toBeLessThan(500)
    expect((await raw(server.url, '/', { accept: 'text/html' })).text).toContain('<title>Podium</title>')
  })
})
