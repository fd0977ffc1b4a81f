/**
 * `npm run serve`: the engine in Node behind a real HTTP(S) socket on loopback, so the real
 * kubectl binary drives the simulated cluster. Virtual time follows wall time: a loop advances
 * the engine by the real milliseconds elapsed (times `speed`), and every request is handled
 * synchronously by the engine between two ticks. The engine stays pure; sockets, the wall clock
 * and files live here.
 *
 * ```ts
 * const s = await startServer({ port: 0 })      // an ephemeral port
 * s.url                                         // http://127.0.0.1:40123
 * await s.close()
 * ```
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { extname, isAbsolute, join, normalize, relative, resolve } from 'node:path'
import { createCluster, servedResources, type Cluster } from '../src/engine'
import { buildOpenApi, type OpenApiDocs } from './openapi'
import { decodeKubernetesProtobuf, findKubectl, schemaFromBinary, type Schema } from './protobuf'
import { liveEndpoints } from './live'

export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number
  /** Loopback only: `127.0.0.1` (default) or `::1`. Anything else is refused. */
  host?: string
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string; key: string }
  /** Virtual ms per real ms. Default 1; 0 stops the clock (it moves only when the cluster is advanced by hand). */
  speed?: number
  /** The cluster to serve; default `createCluster({ seed, nodes })`. */
  cluster?: Cluster
  seed?: number
  nodes?: number
  /** The default cluster has the `student` user (ClusterOptions.student), for the kubeconfig's `student` context. */
  student?: boolean
  /** When the default cluster starts (ms since the Unix epoch); default the engine's fixed date. `npm run serve` passes the wall clock. */
  epoch?: number
  /** Folder of the built app served on the same origin (default `dist/`). */
  staticDir?: string
  /** The kubectl binary whose embedded protobuf descriptors decode protobuf bodies (default: `KUBECTL`, then PATH). */
  kubectlBinary?: string
  /** Milliseconds between clock ticks. Default 20. */
  tickMs?: number
}

export interface PodiumServer {
  url: string
  port: number
  cluster: Cluster
  /** Changes the clock's speed from now on (0 stops it), e.g. for a test that wants a still cluster. */
  setSpeed(speed: number): void
  /** The HTTPS certificate (PEM), for the kubeconfig's certificate-authority-data. */
  caCert?: string
  /**
   * The bearer tokens of the kubeconfig's users: `admin` authenticates as kubernetes-admin
   * (absent when a cluster passed in has no ClusterOptions.adminToken: requests without a token
   * act as the admin), `student` as the student user when the cluster has one.
   */
  credentials: { admin?: string; student?: string }
  close(): Promise<void>
}

/** The largest body read (kube-apiserver's limit, 3 MiB). */
export const MAX_BODY = 3 * 1024 * 1024
/** A watch whose client does not read is dropped past this much unsent data. */
const MAX_WATCH_BACKLOG = 16 * 1024 * 1024
/** kube-apiserver's `--min-request-timeout` (a watch lasts up to twice this, randomized upstream). */
const WATCH_TIMEOUT_S = 1800

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code })
}

interface OpenWatch {
  res: http.ServerResponse
  timer: NodeJS.Timeout
}

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServerOptions = {}): Promise<PodiumServer> {
  const host = opts.host ?? '127.0.0.1'
  if (!LOOPBACK.has(host)) throw new Error(`refusing to listen on ${host}: the served cluster is a classroom toy (plain tokens, no audit), so it binds to loopback only`)
  // The admin's token is new for every server (the kubeconfig carries it; the engine's token file checks it).
  const c = opts.cluster ?? createCluster({ seed: opts.seed ?? 1, nodes: opts.nodes ?? 3, adminToken: randomBytes(24).toString('base64url'), ...(opts.student ? { student: 'available' as const } : {}), ...(opts.epoch !== undefined ? { epoch: opts.epoch } : {}) })
  const adminToken = c.scenario().adminToken
  const studentToken = c.userToken('student')
  let speed = opts.speed ?? 1
  const staticDir = resolve(opts.staticDir ?? 'dist')
  let openapi: OpenApiDocs | undefined
  let protoSchema: Schema | null | undefined
  /** Decodes a protobuf body with the schema read from the kubectl binary (once); undefined when it cannot. */
  function protobufToJson(b: Buffer): string | undefined {
    if (protoSchema === undefined) {
      const bin = opts.kubectlBinary ?? findKubectl()
      try {
        protoSchema = bin ? schemaFromBinary(bin) : null
      } catch (e) {
        console.error(`podium: could not read protobuf descriptors from ${bin}:`, e)
        protoSchema = null
      }
    }
    if (!protoSchema) return undefined
    try {
      return decodeKubernetesProtobuf(protoSchema, b)
    } catch (e) {
      console.error('podium: protobuf body not decoded:', (e as Error).message)
      return undefined
    }
  }
  const docs = () => (openapi ??= buildOpenApi(servedResources()))
  const watches = new Map<number, OpenWatch>()
  const hopStreams = new Set<{ res: http.ServerResponse; after: number }>()
  // Live mode (server/live.ts): the app opened from here shows this cluster instead of its own.
  let serverUrl = ''
  const live = liveEndpoints({ cluster: c, url: () => serverUrl, seed: opts.seed ?? 1, nodes: opts.nodes ?? 3, clock: () => (speed === 0 ? 'manual' : 'wall'), catchUp })

  // ---- the clock ------------------------------------------------------------------------------
  let last = performance.now()
  let carry = 0
  function catchUp(): void {
    const now = performance.now()
    carry += (now - last) * speed
    last = now
    const ms = Math.floor(carry)
    if (ms >= 1) {
      carry -= ms
      c.advance(ms)
    }
  }
  function flush(): void {
    for (const [id, w] of watches) {
      const lines = c.drainWatch(id)
      if (!lines) {
        endWatch(id)
        continue
      }
      if (lines.length) w.res.write(lines.join(''))
      // A client that stops reading is dropped, as the apiserver drops slow watchers.
      if (w.res.writableLength > MAX_WATCH_BACKLOG) endWatch(id)
    }
    for (const s of hopStreams) {
      const hops = c.hops(s.after)
      if (!hops.length) continue
      s.after = hops[hops.length - 1].id
      s.res.write(hops.map((h) => `data: ${JSON.stringify(h)}\n\n`).join(''))
      // A client that stopped reading is let go rather than buffered for without end.
      if (s.res.writableLength > MAX_WATCH_BACKLOG) {
        hopStreams.delete(s)
        s.res.end()
      }
    }
    live.flush()
  }
  function endWatch(id: number): void {
    const w = watches.get(id)
    if (!w) return
    watches.delete(id)
    clearTimeout(w.timer)
    c.closeWatch(id)
    w.res.end()
  }
  const ticker = setInterval(() => {
    try {
      catchUp()
      flush()
    } catch (e) {
      console.error('podium: tick failed:', e)
    }
  }, opts.tickMs ?? 20)

  // ---- requests -------------------------------------------------------------------------------
  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string | undefined): void {
    if (!fromLoopback(req)) {
      // Another site's page in the teacher's browser (or a DNS name rebound to 127.0.0.1) must not
      // drive the class's cluster: only loopback Host and Origin headers are served.
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end(status(403, 'Forbidden', 'Podium serves only clients on this machine: the Host or Origin header names another site'))
      return
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v
    if (path === '/openapi/v2' || path.startsWith('/openapi/v3')) return serveOpenApi(req, res, path)
    if (path === '/podium/hops') return serveHops(req, res, url)
    if (live.owns(path)) return live.handle(req, res, url, body)
    const isApi = path === '/version' || path === '/api' || path === '/apis' || path.startsWith('/api/') || path.startsWith('/apis/') || path === '/healthz' || path === '/livez' || path === '/readyz'
    if (!isApi) {
      if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(req, res, path)) return
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(status(404, 'NotFound', 'the server could not find the requested resource'))
      return
    }
    if (body !== undefined && (headers['content-type'] ?? '').includes('protobuf')) {
      // kubectl's typed clients send protobuf: hand the engine the JSON it encodes (protobuf.ts).
      const json = protobufToJson(Buffer.from(body, 'latin1'))
      if (json !== undefined) {
        body = json
        headers['content-type'] = 'application/json'
      }
    }
    catchUp()
    const r = c.http({ method: req.method ?? 'GET', path, query: url.search.slice(1), headers, ...(body !== undefined ? { body } : {}) })
    if (r.watch !== undefined) {
      const id = r.watch
      res.writeHead(200, { 'content-type': r.headers['content-type'] ?? 'application/json', 'cache-control': 'no-cache' })
      res.flushHeaders()
      // setTimeout fires at once past 2^31 ms: a huge timeoutSeconds is capped, not an instant close.
      const timeout = Math.min(Number(url.searchParams.get('timeoutSeconds')) || WATCH_TIMEOUT_S, 2 * WATCH_TIMEOUT_S)
      watches.set(id, { res, timer: setTimeout(() => endWatch(id), timeout * 1000) })
      res.on('close', () => endWatch(id))
      res.on('error', () => endWatch(id))
      flush()
      return
    }
    res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(r.body) })
    res.end(r.body)
  }

  function serveOpenApi(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    const d = docs()
    if (path === '/openapi/v2') {
      const accept = req.headers.accept ?? ''
      if (accept && !/application\/json|\*\/\*/.test(accept)) {
        res.writeHead(406, { 'content-type': 'application/json' })
        return void res.end(status(406, 'NotAcceptable', 'only the following media types are accepted: application/json'))
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(d.v2)
    }
    if (path === '/openapi/v3' || path === '/openapi/v3/') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(d.v3Index)
    }
    const doc = d.v3.get(path.slice('/openapi/v3/'.length))
    if (!doc) {
      res.writeHead(404, { 'content-type': 'application/json' })
      return void res.end(status(404, 'NotFound', 'the server could not find the requested resource'))
    }
    res.writeHead(200, { 'content-type': 'application/json', etag: `"${doc.hash}"`, 'cache-control': 'public, immutable' })
    res.end(doc.json)
  }

  /** `/podium/hops`: new hops as server-sent events, for an app watching the served engine. */
  function serveHops(_req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const after = Number(url.searchParams.get('after') ?? '0') || 0
    const s = { res, after }
    hopStreams.add(s)
    res.on('close', () => hopStreams.delete(s))
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
    if (!existsSync(staticDir)) return false
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return false
    }
    let file = normalize(join(staticDir, decoded))
    // Inside the app's folder only: not a sibling that merely starts with the same name (dist-old/).
    const rel = relative(staticDir, file)
    if (rel.startsWith('..') || isAbsolute(rel)) return false
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (!(req.headers.accept ?? '').includes('text/html')) return false
      file = join(staticDir, 'index.html')
      if (!existsSync(file)) return false
    }
    const data = readFileSync(file)
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-length': data.length })
    res.end(req.method === 'HEAD' ? undefined : data)
    return true
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    const respondError = (e: unknown) => {
      console.error('podium: request failed:', e)
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(status(500, 'InternalError', `Internal error occurred: ${(e as Error)?.message ?? e}`))
      } else res.destroy()
    }
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > MAX_BODY) {
        tooLarge = true
        chunks.length = 0
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' })
        res.end(status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`))
        // Stop reading: the rest of the upload is discarded with the connection.
        req.unpipe()
        setTimeout(() => req.destroy(), 1000).unref()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (tooLarge) return
      try {
        const hasBody = size > 0 || req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH'
        // Protobuf bodies keep their bytes (one char per byte); everything else is UTF-8 text.
        const binary = (req.headers['content-type'] ?? '').includes('protobuf')
        handle(req, res, hasBody ? Buffer.concat(chunks).toString(binary ? 'latin1' : 'utf8') : undefined)
      } catch (e) {
        respondError(e)
      }
    })
    req.on('error', () => res.destroy())
  }

  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, listener) : http.createServer(listener)
  // Slow clients: a request must arrive whole within a minute (watches are responses, not requests).
  server.requestTimeout = 60_000
  server.headersTimeout = 30_000
  server.keepAliveTimeout = 65_000
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 8080, host, () => ok())
  })
  const port = (server.address() as AddressInfo).port
  const scheme = opts.tls ? 'https' : 'http'
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`
  serverUrl = url
  return {
    url,
    port,
    cluster: c,
    setSpeed: (n) => {
      catchUp()
      speed = n
      carry = 0
    },
    ...(opts.tls ? { caCert: opts.tls.cert } : {}),
    credentials: { ...(adminToken ? { admin: adminToken } : {}), ...(studentToken ? { student: studentToken } : {}) },
    close: () =>
      new Promise<void>((ok) => {
        clearInterval(ticker)
        for (const id of [...watches.keys()]) endWatch(id)
        for (const s of hopStreams) s.res.end()
        live.close()
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** Whether a host (`127.0.0.1:8080`, `[::1]:8080`, `localhost`) names this machine's loopback. */
function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return LOOPBACK_NAMES.has(name.toLowerCase())
}

/** A request whose Host (and Origin, when a browser sends one) is loopback. */
export function fromLoopback(req: Pick<http.IncomingMessage, 'headers'>): boolean {
  const host = req.headers.host
  if (host !== undefined && !isLoopbackHost(host)) return false
  const origin = req.headers.origin
  if (origin === undefined || origin === 'null') return origin === undefined
  try {
    return isLoopbackHost(new URL(origin).host)
  } catch {
    return false
  }
}
