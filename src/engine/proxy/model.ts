/**
 * What kube-proxy knows: every Service port with its virtual addresses, and the endpoints the
 * EndpointSlices give it, reduced to the ones it would send traffic to. Both rule renderers
 * (iptables.ts, ipvs.ts) and the traffic router (traffic.ts) read this one model.
 * Upstream: pkg/proxy/servicechangetracker.go, endpointschangetracker.go, endpointslicecache.go,
 * topology.go (CategorizeEndpoints), iptables/proxier.go (servicePortChainName, probability).
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { base32, sha256 } from './sha256'

/** One port of one Service, as kube-proxy's ServicePortName plus what it programs. */
export interface ServicePortInfo {
  namespace: string
  name: string
  /** The Service port's name, '' when unnamed. */
  portName: string
  /** `default/web` or `default/web:http` (ServicePortName.String()). */
  svcPortName: string
  protocol: string
  clusterIP: string
  port: number
  nodePort?: number
  loadBalancerIPs: string[]
  externalIPs: string[]
  externalPolicyLocal: boolean
  sessionAffinity: 'None' | 'ClientIP'
}

/** One endpoint of a Service port. */
export interface EndpointInfo {
  ip: string
  port: number
  ready: boolean
  serving: boolean
  terminating: boolean
  nodeName?: string
  /** The pod behind it (`default/web-abc`), when the slice says. */
  pod?: { namespace: string; name: string }
}

/** kube-proxy's whole view, plain data (snapshot-safe). */
export interface ProxyTable {
  services: ServicePortInfo[]
  /** By svcPortName: the endpoints kube-proxy uses (ready, or serving-terminating as fallback). */
  endpoints: Record<string, EndpointInfo[]>
}

/** The cluster's pod network (kind's default), for the masquerade rule `! -s 10.244.0.0/16`. */
export const CLUSTER_CIDR = '10.244.0.0/16'

/** `default/web:http` → the 16-character hash kube-proxy puts in chain names. Upstream: portProtoHash. */
export function portProtoHash(svcPortName: string, protocol: string): string {
  return base32(sha256(svcPortName + protocol.toLowerCase())).slice(0, 16)
}

/** `KUBE-SVC-…`. Upstream: servicePortChainName. */
export function servicePortChainName(svcPortName: string, protocol: string): string {
  return 'KUBE-SVC-' + portProtoHash(svcPortName, protocol)
}

/** `KUBE-EXT-…` (external traffic: NodePort, LoadBalancer). Upstream: serviceExternalChainName. */
export function serviceExternalChainName(svcPortName: string, protocol: string): string {
  return 'KUBE-EXT-' + portProtoHash(svcPortName, protocol)
}

/** `KUBE-SEP-…` for one endpoint `ip:port`. Upstream: servicePortEndpointChainName. */
export function servicePortEndpointChainName(svcPortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + base32(sha256(svcPortName + protocol.toLowerCase() + endpoint)).slice(0, 16)
}

/** The probability kube-proxy writes for the i-th of n rules (`%0.10f` of 1/(n-i)). Upstream: proxier.probability. */
export function ruleProbability(remaining: number): string {
  return (1 / remaining).toFixed(10)
}

/**
 * The probability as the kernel stores it (a 31-bit fraction) and iptables-save prints it
 * (`%.11f`): `0.3333333333` → `0.33333333349`. Upstream: iptables extensions/libxt_statistic.c.
 */
export function savedProbability(written: string): { text: string; value: number } {
  const stored = Math.round(0x80000000 * Number(written))
  const value = stored / 0x80000000
  return { text: value.toFixed(11), value }
}

/** `ip:port`, as kube-proxy's endpoint String(). */
export function endpointString(ep: { ip: string; port: number }): string {
  return ep.ip.includes(':') ? `[${ep.ip}]:${ep.port}` : `${ep.ip}:${ep.port}`
}

/** Service ports kube-proxy programs: not headless, not ExternalName. */
export function servicePorts(svc: Service): ServicePortInfo[] {
  const spec = svc.spec ?? {}
  if (spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') return []
  const ns = svc.metadata?.namespace ?? 'default'
  const name = svc.metadata?.name ?? ''
  const lbs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((x): x is string => !!x)
  return (spec.ports ?? []).map((p) => ({
    namespace: ns,
    name,
    portName: p.name ?? '',
    svcPortName: `${ns}/${name}${p.name ? ':' + p.name : ''}`,
    protocol: p.protocol ?? 'TCP',
    clusterIP: spec.clusterIP!,
    port: p.port,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
    loadBalancerIPs: spec.type === 'LoadBalancer' ? lbs : [],
    externalIPs: spec.externalIPs ?? [],
    externalPolicyLocal: spec.externalTrafficPolicy === 'Local',
    sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
  }))
}

/**
 * Builds the table from Services and EndpointSlices. Endpoints are sorted by `ip:port`, as the
 * EndpointSlice cache returns them; only ready ones are used, or, when none is ready, the
 * serving ones that are terminating (KEP-1669).
 */
export function buildTable(services: readonly Service[], slices: readonly EndpointSlice[]): ProxyTable {
  const ports: ServicePortInfo[] = []
  for (const s of services) ports.push(...servicePorts(s))
  ports.sort((a, b) => (a.svcPortName + '/' + a.protocol < b.svcPortName + '/' + b.protocol ? -1 : 1))
  const bySvc = new Map<string, EndpointSlice[]>()
  for (const sl of slices) {
    const svc = sl.metadata?.labels?.['kubernetes.io/service-name']
    if (!svc) continue
    const k = `${sl.metadata?.namespace}/${svc}`
    bySvc.set(k, [...(bySvc.get(k) ?? []), sl])
  }
  const endpoints: Record<string, EndpointInfo[]> = {}
  for (const sp of ports) {
    const all = new Map<string, EndpointInfo>()
    for (const sl of bySvc.get(`${sp.namespace}/${sp.name}`) ?? []) {
      const port = (sl.ports ?? []).find((p) => (p.name ?? '') === sp.portName && (p.protocol ?? 'TCP') === sp.protocol)
      if (!port?.port) continue
      for (const e of sl.endpoints ?? []) {
        const ip = e.addresses?.[0]
        if (!ip) continue
        const c = e.conditions ?? {}
        const ready = c.ready !== false
        const info: EndpointInfo = {
          ip,
          port: port.port,
          ready,
          serving: c.serving ?? ready,
          terminating: c.terminating ?? false,
          ...(e.nodeName ? { nodeName: e.nodeName } : {}),
          ...(e.targetRef?.kind === 'Pod' ? { pod: { namespace: e.targetRef.namespace ?? sp.namespace, name: e.targetRef.name ?? '' } } : {}),
        }
        all.set(endpointString(info), info)
      }
    }
    const sorted = [...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e)
    let use = sorted.filter((e) => e.ready)
    if (use.length === 0) use = sorted.filter((e) => e.serving && e.terminating)
    endpoints[sp.svcPortName + '/' + sp.protocol] = use
  }
  return { services: ports, endpoints }
}

/** The endpoints of a service port in the table. */
export function endpointsOf(t: ProxyTable, sp: ServicePortInfo): EndpointInfo[] {
  return t.endpoints[sp.svcPortName + '/' + sp.protocol] ?? []
}
