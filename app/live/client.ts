/**
 * The app's engine connection in live mode: the same {@link EngineClient} as the worker's, but the
 * engine is the one `npm run serve` runs. `boot` opens the event stream and answers with its first
 * `boot` event (backlog included); hops made by anyone (the real kubectl in a terminal, this
 * app's console) then arrive as pushes, in order and each once. Requests the served cluster can
 * honour go to `POST /podium/live/request`; the hops in their replies join the same push path, so
 * the log never gets one twice or out of order.
 */
import type { EngineClient } from '../worker/client'
import type { Hop, Scenario } from '../../src/engine'
import type { BootResult, ClusterUpdate, ReplyMap, WorkerRequest } from '../worker/protocol'
import { translate } from '../i18n'
import { LIVE_PATH, LIVE_REQUESTS, type LiveBoot, type LiveHops, type LiveReply, type LiveRequestBody } from './protocol'
import { defaultDeps, openStream, type ConnectionState, type LiveStream, type StreamDeps } from './stream'

export interface LivePush {
  /** A later `boot` (the server restarted): the app starts over from it. */
  onBoot(r: BootResult): void
  /** New hops, after the ones the app has. */
  onHops(u: ClusterUpdate): void
  onState(s: ConnectionState): void
}

export interface LiveEngine extends EngineClient {
  /** The served session's scenario now (it grows with every request); also kept for later updates. */
  scenario(): Promise<Scenario>
}

export function liveEngine(base: string, push: LivePush, deps: StreamDeps = defaultDeps()): LiveEngine {
  let lastHop = 0
  let scenario: Scenario = { seed: 0, nodes: [], steps: [] }
  let components: ClusterUpdate['components'] = []
  let now = 0
  // Times are shown from the served cluster's start (LiveBoot.origin).
  let origin = 0
  const shift = (hops: readonly Hop[]): Hop[] => (origin ? hops.map((h) => ({ ...h, t: h.t - origin })) : [...hops])
  let stream: LiveStream | undefined
  let booted: Promise<BootResult> | undefined
  let bootResolve: ((r: BootResult) => void) | undefined
  let bootReject: ((e: Error) => void) | undefined
  // Pushes wait until the app has put the first boot in its store.
  let armed = false
  const queued: (() => void)[] = []

  const deliver = (fn: () => void) => (armed ? fn() : queued.push(fn))

  function takeHops(u: LiveHops) {
    components = u.components
    now = u.now - origin
    const fresh = shift(u.hops.filter((h) => h.id > lastHop))
    if (!fresh.length) return
    lastHop = fresh[fresh.length - 1].id
    const update: ClusterUpdate = { ...u, now, hops: fresh, scenario }
    deliver(() => push.onHops(update))
  }

  function takeBoot(live: LiveBoot) {
    origin = live.origin ?? 0
    const r: BootResult = { ...live, hops: shift(live.hops), now: live.now - origin }
    scenario = r.scenario
    components = r.components
    now = r.now
    lastHop = r.hops.length ? r.hops[r.hops.length - 1].id : 0
    if (bootResolve) {
      bootResolve(r)
      bootResolve = bootReject = undefined
      deps.setTimeout(() => {
        armed = true
        for (const fn of queued.splice(0)) fn()
      }, 0)
    } else deliver(() => push.onBoot(r))
  }

  function start(): Promise<BootResult> {
    booted ??= new Promise<BootResult>((ok, fail) => {
      bootResolve = ok
      bootReject = fail
      stream = openStream(
        `${base}${LIVE_PATH}/events`,
        {
          onState: push.onState,
          onEvent(e) {
            try {
              if (e.event === 'boot') takeBoot(JSON.parse(e.data) as LiveBoot)
              else if (e.event === 'hops') takeHops(JSON.parse(e.data) as LiveHops)
            } catch (err) {
              console.error('podium: a live event could not be read:', err)
            }
          },
        },
        deps,
      )
    })
    return booted
  }

  async function refreshScenario(): Promise<Scenario> {
    const res = await deps.fetch(`${base}${LIVE_PATH}/scenario`, { cache: 'no-store' })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    scenario = (await res.json()) as Scenario
    return scenario
  }

  async function post(req: WorkerRequest): Promise<unknown> {
    let reply: LiveReply
    try {
      const res = await deps.fetch(`${base}${LIVE_PATH}/request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request: req, after: lastHop } satisfies LiveRequestBody),
      })
      reply = (await res.json()) as LiveReply
    } catch {
      throw new Error(translate('live.unreachable'))
    }
    if (!reply.ok) throw new Error(reply.error)
    const value = reply.value as Partial<LiveHops> & Record<string, unknown>
    if (!Array.isArray(value?.hops)) return value
    // The app reads stopped nodes and components, and the proxy mode, from the scenario: take the new one.
    if (req.type === 'node' || req.type === 'component' || req.type === 'proxyMode') await refreshScenario().catch(() => undefined)
    takeHops(value as LiveHops)
    // The hops went to the log with the pushes; the caller gets the rest.
    return { ...value, now, hops: [], podStatus: [], scenario } satisfies Partial<ClusterUpdate>
  }

  return {
    request<R extends WorkerRequest>(req: R): Promise<ReplyMap[R['type']]> {
      type Reply = ReplyMap[R['type']]
      if (req.type === 'boot') return start() as Promise<Reply>
      // The served clock runs by itself: "run ahead" has nothing to fetch (new hops are pushed).
      if (req.type === 'runAhead' && req.ms === undefined) {
        return Promise.resolve({ hops: [], components, now, scenario, podStatus: [] } satisfies ClusterUpdate as unknown as Reply)
      }
      if (!(LIVE_REQUESTS as readonly string[]).includes(req.type)) return Promise.reject(new Error(translate('live.unavailable', { what: req.type })))
      return post(req) as Promise<Reply>
    },
    scenario: refreshScenario,
    terminate() {
      stream?.close()
      bootReject?.(new Error('terminated'))
      bootResolve = bootReject = undefined
      armed = false
      queued.length = 0
    },
  }
}
