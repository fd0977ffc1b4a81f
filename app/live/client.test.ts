import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Hop } from '../../src/engine'
import type { BootResult, ClusterUpdate } from '../worker/protocol'
import { liveEngine, type LivePush } from './client'
import { detectLive } from './mode'
import type { LiveReply } from './protocol'
import type { ConnectionState, StreamDeps } from './stream'

const hop = (id: number, extra: Partial<Hop> = {}): Hop => ({ id, t: id * 10, from: 'kubectl', to: 'apiserver', kind: 'request', summary: `hop ${id}`, ...extra }) as Hop
const hops = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => hop(from + i))

const bootOf = (h: Hop[]): BootResult => ({ baseline: [{ key: '/registry/minions/node-1', createRevision: 1, modRevision: 1, version: 1, value: {} }], hops: h, components: ['apiserver'], now: 100, scenario: { seed: 1, nodes: [], steps: [] }, podStatus: [] })
const event = (name: string, id: string, data: unknown) => `event: ${name}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`
const hopsEvent = (id: string, h: Hop[]) => event('hops', id, { hops: h, components: ['apiserver'], now: 200, podStatus: [] })

/** A stand-in for the served engine: each `/events` fetch is a stream the test writes to. */
class FakeServer {
  streams: { headers: Record<string, string>; push: (s: string) => void; end: () => void }[] = []
  requests: unknown[] = []
  replies: LiveReply[] = []
  deps: StreamDeps = {
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input)
      if (url.endsWith('/podium/live/events')) {
        let ctl!: ReadableStreamDefaultController<Uint8Array>
        const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) })
        init?.signal?.addEventListener('abort', () => ctl.error(new Error('aborted')))
        const enc = new TextEncoder()
        this.streams.push({ headers: (init?.headers ?? {}) as Record<string, string>, push: (s) => ctl.enqueue(enc.encode(s)), end: () => ctl.close() })
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
      }
      if (url.endsWith('/podium/live/request')) {
        this.requests.push(JSON.parse(String(init?.body)))
        return Response.json(this.replies.shift())
      }
      if (url.endsWith('/podium/live/scenario')) return Response.json({ seed: 1, nodes: [], steps: [{ kubectl: 'get pods' }] })
      throw new TypeError('Failed to fetch')
    }) as typeof fetch,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  }
  get last() {
    return this.streams[this.streams.length - 1]
  }
}

function recorder() {
  const got = { hops: [] as number[], boots: [] as BootResult[], states: [] as ConnectionState[], updates: [] as ClusterUpdate[] }
  const push: LivePush = {
    onHops: (u) => {
      got.updates.push(u)
      got.hops.push(...u.hops.map((h) => h.id))
    },
    onBoot: (r) => got.boots.push(r),
    onState: (s) => got.states.push(s),
  }
  return { got, push }
}

const flush = () => new Promise((ok) => setTimeout(ok, 5))
const engines: { terminate(): void }[] = []
afterEach(() => {
  for (const e of engines.splice(0)) e.terminate()
})

function start() {
  const server = new FakeServer()
  const { got, push } = recorder()
  const engine = liveEngine('', push, server.deps)
  engines.push(engine)
  return { server, got, engine }
}

describe('the live engine client', () => {
  it('boots from the first boot event (the backlog), then pushes new hops once each, in order', async () => {
    const { server, got, engine } = start()
    const booted = engine.request({ type: 'boot' })
    await flush()
    // Events may arrive split anywhere, and a hops event may repeat what the boot had.
    const text = 'retry: 5\n\n' + event('boot', 's.3', bootOf(hops(1, 3))) + hopsEvent('s.5', hops(3, 5))
    server.last.push(text.slice(0, 40))
    server.last.push(text.slice(40))
    const b = await booted
    expect(b.hops.map((h) => h.id)).toEqual([1, 2, 3])
    expect(b.baseline).toHaveLength(1)
    // Pushes wait until the app has put the boot in its store (the next macrotask).
    expect(got.hops).toEqual([])
    await flush()
    expect(got.hops).toEqual([4, 5])
    server.last.push(hopsEvent('s.7', hops(5, 7)))
    await flush()
    expect(got.hops).toEqual([4, 5, 6, 7])
    expect(got.states).toEqual(['connecting', 'connected'])
    expect(got.updates[0].scenario.seed).toBe(1)
  })

  it("shows times from the served cluster's start (a cluster whose clock starts at today's date)", async () => {
    const { server, got, engine } = start()
    const booted = engine.request({ type: 'boot' })
    await flush()
    server.last.push(event('boot', 's.2', { ...bootOf(hops(1, 2)), now: 5_000, origin: 1_000 }) + hopsEvent('s.3', hops(3, 3)))
    const b = await booted
    expect([b.now, b.hops.map((h) => h.t)]).toEqual([4_000, [-990, -980]])
    await flush()
    expect([got.updates[0].now, got.updates[0].hops[0].t]).toEqual([200 - 1_000, 30 - 1_000])
  })

  it('sends console commands to the server; their hops join the pushes, never twice', async () => {
    const { server, got, engine } = start()
    const booted = engine.request({ type: 'boot' })
    await flush()
    server.last.push(event('boot', 's.2', bootOf(hops(1, 2))))
    await booted
    await flush()
    server.replies.push({ ok: true, value: { hops: hops(3, 6), components: ['apiserver'], now: 300, podStatus: [[7, 'Running']], result: { stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 } } })
    const r = await engine.request({ type: 'kubectl', command: 'create deployment web --image=nginx:1.27' })
    expect(server.requests).toEqual([{ request: { type: 'kubectl', command: 'create deployment web --image=nginx:1.27' }, after: 2 }])
    expect(r.result.stdout).toBe('deployment.apps/web created\n')
    expect(r.hops).toEqual([])
    expect(got.hops).toEqual([3, 4, 5, 6])
    expect(got.updates[0].podStatus).toEqual([[7, 'Running']])
    // The stream brings the same hops and one more: only the new one is pushed.
    server.last.push(hopsEvent('s.7', hops(3, 7)))
    await flush()
    expect(got.hops).toEqual([3, 4, 5, 6, 7])
  })

  it('reconnects with Last-Event-ID after the stream drops, keeping what it has', async () => {
    const { server, got, engine } = start()
    const booted = engine.request({ type: 'boot' })
    await flush()
    server.last.push('retry: 5\n\n' + event('boot', 's.2', bootOf(hops(1, 2))) + hopsEvent('s.4', hops(3, 4)))
    await booted
    await flush()
    server.last.end()
    await flush()
    expect(got.states).toContain('disconnected')
    await vi.waitFor(() => expect(server.streams).toHaveLength(2))
    expect(server.last.headers['last-event-id']).toBe('s.4')
    server.last.push(hopsEvent('s.6', hops(5, 6)))
    await flush()
    expect(got.hops).toEqual([3, 4, 5, 6])
    expect(got.states.at(-1)).toBe('connected')
  })

  it('starts over when the server restarted (a boot of another session)', async () => {
    const { server, got, engine } = start()
    const booted = engine.request({ type: 'boot' })
    await flush()
    server.last.push('retry: 5\n\n' + event('boot', 's.9', bootOf(hops(1, 9))))
    await booted
    await flush()
    server.last.end()
    await vi.waitFor(() => expect(server.streams).toHaveLength(2))
    server.last.push(event('boot', 't.2', bootOf(hops(1, 2))) + hopsEvent('t.3', hops(3, 3)))
    await flush()
    expect(got.boots.map((b) => b.hops.length)).toEqual([2])
    expect(got.hops).toEqual([3])
  })

  it('answers run-ahead itself, refuses what the served cluster cannot do, and reports an unreachable server', async () => {
    const { server, engine } = start()
    const booted = engine.request({ type: 'boot' })
    await flush()
    server.last.push(event('boot', 's.1', bootOf(hops(1, 1))))
    await booted
    expect(await engine.request({ type: 'runAhead' })).toMatchObject({ hops: [], now: 100 })
    await expect(engine.request({ type: 'lessonOpen', id: 'x', step: 0 })).rejects.toThrow('“lessonOpen” is not available on the served cluster.')
    server.replies.push({ ok: false, error: 'The served cluster’s time follows the wall clock; it cannot be moved from the app.' })
    await expect(engine.request({ type: 'runAhead', ms: 30_000 })).rejects.toThrow(/wall clock/)
    server.deps.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch
    await expect(engine.request({ type: 'kubectl', command: 'get pods' })).rejects.toThrow(/cannot be reached/)
  })

  it('fetches the served scenario for Share, and after a node change (the diagram reads stopped nodes from it)', async () => {
    const { server, got, engine } = start()
    expect((await engine.scenario()).steps).toEqual([{ kubectl: 'get pods' }])
    const booted = engine.request({ type: 'boot' })
    await flush()
    server.last.push(event('boot', 's.1', bootOf(hops(1, 1))))
    await booted
    await flush()
    server.replies.push({ ok: true, value: { hops: hops(2, 2), components: [], now: 1, podStatus: [] } })
    await engine.request({ type: 'node', action: { op: 'stop', name: 'node-1' } })
    expect(got.updates[0].scenario.steps).toEqual([{ kubectl: 'get pods' }])
  })
})

describe('detectLive', () => {
  it('finds the served engine by its JSON, and not a static page or a dead server', async () => {
    const info = { podium: 'live', session: 's', url: 'http://127.0.0.1:8080', seed: 1, nodes: 3, clock: 'wall' }
    expect(await detectLive((async () => Response.json(info)) as unknown as typeof fetch)).toEqual(info)
    expect(await detectLive((async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } })) as unknown as typeof fetch)).toBeNull()
    expect(await detectLive((async () => new Response('nope', { status: 404 })) as unknown as typeof fetch)).toBeNull()
    expect(await detectLive((() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch)).toBeNull()
  })
})
