/**
 * Live mode's endpoints (`/podium/live…`, wire format in app/live/protocol.ts): the app opened from
 * `npm run serve` shows the served cluster instead of its own worker. Hops stream to it as
 * server-sent events, with a backlog on connect and `Last-Event-ID` on reconnect; its console runs
 * the engine's kubectl on the same cluster the real kubectl talks to.
 *
 * ```ts
 * const live = liveEndpoints({ cluster, url: () => server.url, catchUp, clock: () => 'wall' })
 * if (live.owns(path)) return live.handle(req, res, url, body)   // in the request handler
 * live.flush()                                                   // on every clock tick
 * ```
 */
import { randomBytes } from 'node:crypto'
import type http from 'node:http'
import type { Cluster, KeyValueView } from '../src/engine'
import { advanceKeyspace, type Keyspace } from '../app/state/keyspace'
import { componentAction, nodeAction, podStatuses } from '../app/worker/engineOps'
import type { WorkerRequest } from '../app/worker/protocol'
import { eventId, hopIdOf, LIVE_PATH, LIVE_REQUESTS, type LiveBoot, type LiveHops, type LiveInfo, type LiveReply, type LiveRequestBody } from '../app/live/protocol'

export interface LiveOptions {
  cluster: Cluster
  /** The server's address, known once it listens. */
  url: () => string
  seed: number
  nodes: number
  /** `manual` when the clock is stopped (speed 0): the app may then move time itself. */
  clock: () => LiveInfo['clock']
  /** Brings virtual time up to the wall clock before a request runs. */
  catchUp: () => void
  /** Hops sent on connect, at most (older ones are folded into the boot's keyspace). Default 2,000. */
  backlog?: number
}

export interface LiveEndpoints {
  owns(path: string): boolean
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string | undefined): void
  /** Sends new hops to every open stream (call after the clock moved). */
  flush(): void
  close(): void
}

/** At most this many hops per `event: hops`, so one event stays small enough to parse quickly. */
const MAX_EVENT_HOPS = 1_000
/** A comment line this often keeps idle streams (and proxies) open and shows the app the server is there. */
const KEEPALIVE_MS = 15_000
/** Bytes written to an event stream and not yet taken by its reader, before the stream is closed. */
const MAX_STREAM_BACKLOG = 16 * 1024 * 1024
/** The longest time jump the app may ask of a served cluster with a stopped clock (a virtual day). */
const MAX_RUN_AHEAD_MS = 24 * 60 * 60 * 1000

interface Stream {
  res: http.ServerResponse
  after: number
  lastWrite: number
}

export function liveEndpoints(opts: LiveOptions): LiveEndpoints {
  const c = opts.cluster
  const session = randomBytes(6).toString('hex')
  const backlog = opts.backlog ?? 2_000
  // The keyspace as of hop `foldedTo`: the start of every boot's backlog, folded forward as the log grows.
  const startBaseline = c.keyspace()
  let folded: Keyspace = new Map(startBaseline.map((kv) => [kv.key, kv]))
  let foldedTo = lastHopId()
  const firstHop = foldedTo
  const origin = c.now()
  /** The first hop the engine's log held, to tell when it has since dropped its oldest. */
  let firstLogged: number | undefined = c.hops()[0]?.id
  const streams = new Set<Stream>()

  function lastHopId(): number {
    const all = c.hops()
    return all.length ? all[all.length - 1].id : 0
  }

  function info(): LiveInfo {
    return { podium: 'live', session, url: opts.url(), seed: opts.seed, nodes: opts.nodes, clock: opts.clock() }
  }

  /**
   * Keeps the folded keyspace within `backlog` hops of the log's end, so the hops it needs are still
   * in the engine's log (which drops its oldest hops past 50,000) when an app boots.
   */
  function fold() {
    firstLogged ??= c.hops()[0]?.id
    const start = Math.max(foldedTo, lastHopId() - backlog)
    if (start > foldedTo) {
      folded = advanceKeyspace(folded, c.hops(foldedTo), foldedTo, start)
      foldedTo = start
    }
    return start
  }

  /** The boot payload: the keyspace before the last `backlog` hops, those hops, the scenario. */
  function boot(): LiveBoot {
    const start = fold()
    const baseline: KeyValueView[] = [...folded.values()]
    const hops = [...c.hops(start)]
    return { baseline, hops, components: c.components(), now: c.now(), scenario: c.scenario(), podStatus: podStatuses(hops, baseline), origin }
  }

  /** The hops after `after` (never those before the server started) and the state beside them. */
  function update(after: number, limit = Infinity): LiveHops {
    const all = c.hops(Math.max(after, firstHop))
    const hops = all.length > limit ? all.slice(0, limit) : [...all]
    return { hops, components: c.components(), now: c.now(), podStatus: podStatuses(hops, []) }
  }

  function send(s: Stream, event: string, id: number, data: unknown) {
    s.res.write(`event: ${event}\nid: ${eventId(session, id)}\ndata: ${JSON.stringify(data)}\n\n`)
    s.after = id
    s.lastWrite = Date.now()
  }

  function flushStream(s: Stream) {
    // Most ticks make no hop: check that before building an update.
    while (s.after < lastHopId()) {
      const u = update(s.after, MAX_EVENT_HOPS)
      if (!u.hops.length) break
      send(s, 'hops', u.hops[u.hops.length - 1].id, u)
    }
    if (Date.now() - s.lastWrite > KEEPALIVE_MS) {
      s.res.write(': keepalive\n\n')
      s.lastWrite = Date.now()
    }
    // An app that stopped reading (a laptop asleep) is let go; it resumes with Last-Event-ID.
    if (s.res.writableLength > MAX_STREAM_BACKLOG) {
      streams.delete(s)
      s.res.end()
    }
  }

  function serveEvents(req: http.IncomingMessage, res: http.ServerResponse) {
    opts.catchUp()
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' })
    const lastId = req.headers['last-event-id']
    const resumeFrom = hopIdOf(typeof lastId === 'string' ? lastId : undefined, session)
    const s: Stream = { res, after: 0, lastWrite: Date.now() }
    // Reconnect after a drop: retry after a second (the app keeps what it has meanwhile).
    res.write('retry: 1000\n\n')
    // A resume needs every hop after the last one received: once the log has dropped its oldest
    // (past 50,000), a client further behind than the log's start boots afresh.
    const oldest = c.hops()[0]?.id
    const trimmed = oldest !== undefined && firstLogged !== undefined && oldest > firstLogged
    if (resumeFrom !== undefined && resumeFrom >= firstHop && !(trimmed && resumeFrom < oldest - 1) && resumeFrom <= lastHopId()) s.after = resumeFrom
    else {
      const b = boot()
      send(s, 'boot', b.hops.length ? b.hops[b.hops.length - 1].id : foldedTo, b)
    }
    streams.add(s)
    res.on('close', () => streams.delete(s))
    res.on('error', () => streams.delete(s))
    flushStream(s)
  }

  function answer(r: WorkerRequest, after: number): unknown {
    // Replies carry no scenario (it only grows, and can be large): the app keeps its own copy.
    const u = () => update(after)
    switch (r.type) {
      case 'kubectl': {
        const result = c.kubectl(r.command, r.stdin)
        return { ...u(), result }
      }
      case 'query': {
        // Read-only for the inspector: the cluster is put back, so no hop or scenario step remains.
        const before = c.snapshot()
        try {
          return c.kubectl(r.command)
        } finally {
          c.restore(before)
        }
      }
      case 'node':
        nodeAction(c, r.action)
        return u()
      case 'component':
        if (!componentAction(c, r.id, r.op)) throw new Error(`${r.id} cannot be stopped or started`)
        return u()
      case 'cloudRoutes':
        return c.cloudRoutes()
      case 'proxyRules':
        return c.proxyRules(r.node)
      case 'proxyMode':
        c.setProxyMode(r.mode)
        return u()
      case 'request': {
        const response = c.request(r.url)
        return { ...u(), response }
      }
      case 'runAhead':
        if (r.ms !== undefined) {
          if (opts.clock() === 'wall') throw new Error('The served cluster’s time follows the wall clock; it cannot be moved from the app.')
          c.advance(Math.min(Math.max(0, r.ms), MAX_RUN_AHEAD_MS))
        }
        return u()
      default:
        throw new Error(`"${r.type}" is not available on the served cluster.`)
    }
  }

  function json(res: http.ServerResponse, code: number, value: unknown) {
    const body = JSON.stringify(value)
    res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  return {
    owns: (path) => path === LIVE_PATH || path.startsWith(`${LIVE_PATH}/`),
    handle(req, res, url, body) {
      const route = `${req.method ?? 'GET'} ${url.pathname}`
      if (route === `GET ${LIVE_PATH}`) return json(res, 200, info())
      if (route === `GET ${LIVE_PATH}/events`) return serveEvents(req, res)
      if (route === `GET ${LIVE_PATH}/scenario`) return json(res, 200, c.scenario())
      if (route === `POST ${LIVE_PATH}/request`) {
        // JSON only: a form or text/plain post (which a foreign page can send without asking) is refused.
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return json(res, 415, { ok: false, error: 'The body must be sent as application/json.' } satisfies LiveReply)
        }
        let parsed: LiveRequestBody
        try {
          parsed = JSON.parse(body ?? '') as LiveRequestBody
          if (!parsed?.request || typeof parsed.request.type !== 'string') throw new Error('no request')
        } catch {
          return json(res, 400, { ok: false, error: 'The body must be JSON: {"request": {"type": …}, "after": <hop id>}.' } satisfies LiveReply)
        }
        if (!(LIVE_REQUESTS as readonly string[]).includes(parsed.request.type)) {
          return json(res, 409, { ok: false, error: `"${parsed.request.type}" is not available on the served cluster.` } satisfies LiveReply)
        }
        opts.catchUp()
        let reply: LiveReply
        try {
          reply = { ok: true, value: answer(parsed.request, Number(parsed.after) || 0) }
        } catch (e) {
          reply = { ok: false, error: e instanceof Error ? e.message : String(e) }
        }
        json(res, reply.ok ? 200 : 409, reply)
        for (const s of streams) flushStream(s)
        return
      }
      json(res, 404, { ok: false, error: `No such live endpoint: ${route}` })
    },
    flush() {
      fold()
      for (const s of streams) flushStream(s)
    },
    close() {
      for (const s of streams) s.res.end()
      streams.clear()
    },
  }
}
