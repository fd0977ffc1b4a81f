/**
 * Simulated Service traffic, hop by hop: a client (a pod, or someone outside the cluster)
 * resolves a name through cluster DNS, its node's kube-proxy rules pick one endpoint (possibly
 * a pod on another node), the pod's process answers as its program does and logs the request.
 * Every step is a `packet` hop in causal order: client → coredns → client (DNS), client →
 * kube-proxy/<node> (the rules matched, DNAT), kube-proxy/<node> → pod/<ns>/<name> (the
 * request), pod → client (the response). Packets take no virtual time here.
 */
import type { Ctx } from '../client/component'
import { serve, type BackendAnswer } from './backend'
import type { CoreDNS, DnsAnswer } from './dns'
import type { KubeProxy } from './proxy'
import { route } from './route'

/** What the traffic simulator needs from the cluster (wired in cluster.ts). */
export interface NetEnv {
  ctx: Ctx
  dns: CoreDNS
  /** Each node's kube-proxy, by node name. */
  proxies: Map<string, KubeProxy>
  /** Running nodes and their addresses. */
  nodes(): { name: string; ip: string }[]
  /** The pod that has this IP, and its node. */
  podAt(ip: string): { namespace: string; name: string; node: string } | undefined
  processes(node: string, namespace: string, pod: string): Parameters<typeof serve>[0] | undefined
  appendLog(node: string, namespace: string, pod: string, container: string, text: string): void
}

/** Who sends the request. */
export type TrafficClient =
  | { kind: 'pod'; namespace: string; name: string; ip: string; node: string }
  | { kind: 'external'; ip: string }

export interface HttpResult {
  /** Set when no HTTP answer came back. */
  error?: { kind: 'resolve' | 'refused' | 'not-http' | 'unreachable'; message?: string }
  host: string
  /** The address the client connected to (after DNS). */
  ip?: string
  port: number
  path: string
  answer?: Extract<BackendAnswer, { kind: 'http' }>
  backend?: { namespace: string; name: string; node: string; ip: string; port: number }
  /** The last hop of the exchange. */
  hop?: number
}

/** `http://web:8080/x` → parts; scheme-less URLs are http. */
export function parseURL(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url)
  if (!m) return undefined
  const scheme = (m[1] ?? 'http').toLowerCase()
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' }
}

function clientId(c: TrafficClient): string {
  return c.kind === 'pod' ? `pod/${c.namespace}/${c.name}` : 'client'
}

const isIP = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h)

/** Resolves `host` for a pod, recording each query and answer. */
export function resolveForPod(env: NetEnv, c: Extract<TrafficClient, { kind: 'pod' }>, host: string, cause?: number): { answer?: DnsAnswer; hop?: number } {
  const r = env.dns.resolve(host, c.namespace)
  let hop = cause
  for (const a of r.tried) {
    const q = env.ctx.trace.record({ t: env.ctx.queue.now, from: clientId(c), to: 'coredns', kind: 'packet', summary: `DNS query from ${c.name}: A ${a.name}?`, detail: { packet: { src: c.ip, dst: '10.96.0.10', dns: { query: a.name } } }, cause: hop })
    const ans = a.addresses.length ? a.addresses.join(', ') : 'NXDOMAIN'
    hop = env.ctx.trace.record({ t: env.ctx.queue.now, from: 'coredns', to: clientId(c), kind: 'packet', summary: `CoreDNS answers ${a.name}: ${ans}`, detail: { packet: { src: '10.96.0.10', dst: c.ip, dns: { query: a.name, answer: ans } } }, cause: q })
  }
  return { answer: r.answer, hop }
}

/** One HTTP GET (or HEAD) from `client` to `url`, through DNS, kube-proxy and a backend pod. */
export function httpRequest(env: NetEnv, client: TrafficClient, url: string, opts: { method?: string; userAgent: string; cause?: number }): HttpResult {
  const u = parseURL(url)!
  const base: HttpResult = { host: u.host, port: u.port, path: u.path }
  const now = env.ctx.queue.now
  const trace = env.ctx.trace
  let cause = opts.cause
  let ip = u.host
  if (!isIP(u.host)) {
    if (client.kind !== 'pod') return { ...base, error: { kind: 'resolve' } }
    const r = resolveForPod(env, client, u.host, cause)
    cause = r.hop
    if (!r.answer) return { ...base, error: { kind: 'resolve' }, hop: cause }
    ip = r.answer.addresses[0]
  }
  // The node whose rules see the connection first: the client's, or one the cloud load balancer picks.
  let node = client.kind === 'pod' ? client.node : undefined
  const nodes = env.nodes()
  if (!node) {
    const target = nodes.find((n) => n.ip === ip)
    node = target?.name ?? (nodes.length ? nodes[env.ctx.rng.int(nodes.length)].name : undefined)
    if (!node) return { ...base, ip, error: { kind: 'unreachable' } }
    if (!target) cause = trace.record({ t: now, from: 'client', to: `kube-proxy/${node}`, kind: 'packet', summary: `The cloud load balancer ${ip} forwards the connection to ${node}`, detail: { packet: { src: client.ip, dst: ip } }, cause })
  }
  const proxy = env.proxies.get(node)
  const src = client.ip
  let dst = { ip, port: u.port }
  let masquerade = false
  if (proxy) {
    const r = route(proxy.s, env.ctx.rng, src, ip, u.port)
    if (r.service) {
      const target = r.endpoint ? `DNAT to ${r.endpoint.ip}:${r.endpoint.port}` : 'REJECT (no endpoints)'
      cause = trace.record({
        t: now,
        from: clientId(client),
        to: `kube-proxy/${node}`,
        kind: 'packet',
        summary: `${node}'s ${proxy.s.mode} rules catch ${ip}:${u.port} (${r.service.svcPortName}): ${target}`,
        detail: { packet: { src, dst: `${ip}:${u.port}`, rules: r.rules } },
        cause,
      })
      if (r.rejected || !r.endpoint) return { ...base, ip, error: { kind: 'refused' }, hop: cause }
      dst = { ip: r.endpoint.ip, port: r.endpoint.port }
      masquerade = r.masquerade
    }
  }
  const pod = env.podAt(dst.ip)
  if (!pod) return { ...base, ip, error: { kind: 'unreachable' }, hop: cause }
  const from = cause !== undefined && trace.last?.to === `kube-proxy/${node}` ? `kube-proxy/${node}` : clientId(client)
  const remoteAddr = masquerade ? (nodes.find((n) => n.name === node)?.ip ?? src) : src
  const method = opts.method ?? 'GET'
  const cross = pod.node !== node ? `, from ${node} to ${pod.node}` : ''
  const reqHop = trace.record({ t: now, from, to: `pod/${pod.namespace}/${pod.name}`, kind: 'packet', summary: `${method} ${u.path} reaches ${pod.name} (${dst.ip}:${dst.port}${cross})`, detail: { packet: { src: remoteAddr, dst: `${dst.ip}:${dst.port}`, url } }, cause })
  const procs = env.processes(pod.node, pod.namespace, pod.name) ?? []
  const ans = serve(procs, dst.port, { method, path: u.path, host: u.host, userAgent: opts.userAgent, remoteAddr }, now)
  const backend = { ...pod, ip: dst.ip, port: dst.port }
  if (ans.kind === 'refused') {
    const hop = trace.record({ t: now, from: `pod/${pod.namespace}/${pod.name}`, to: clientId(client), kind: 'packet', summary: `Nothing listens on ${dst.ip}:${dst.port}: connection refused`, detail: { packet: { src: dst.ip, dst: src } }, cause: reqHop })
    return { ...base, ip, backend, error: { kind: 'refused' }, hop }
  }
  if (ans.kind === 'not-http') {
    const hop = trace.record({ t: now, from: `pod/${pod.namespace}/${pod.name}`, to: clientId(client), kind: 'packet', summary: `${pod.name} does not speak HTTP on port ${dst.port}`, detail: { packet: { src: dst.ip, dst: src } }, cause: reqHop })
    return { ...base, ip, backend, error: { kind: 'not-http', message: ans.error }, hop }
  }
  if (ans.accessLog) env.appendLog(pod.node, pod.namespace, pod.name, ans.container, ans.accessLog)
  const hop = trace.record({
    t: now,
    from: `pod/${pod.namespace}/${pod.name}`,
    to: clientId(client),
    kind: 'packet',
    summary: `${pod.name} answers HTTP/1.1 ${ans.status} ${ans.reason} (${ans.server})`,
    detail: { packet: { src: dst.ip, dst: remoteAddr, status: ans.status, url } },
    cause: reqHop,
  })
  return { ...base, ip, backend, answer: ans, hop }
}
