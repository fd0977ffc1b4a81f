/**
 * kube-proxy's IPVS mode: one virtual server per Service address (cluster IP, each node
 * address for a NodePort, each load balancer IP), scheduler `rr`, one real server per endpoint
 * (masquerading, weight 1), listed as `ipvsadm -Ln` prints them.
 * Upstream: pkg/proxy/ipvs/proxier.go syncService / syncEndpoint; ipvsadm.c print_service_entry.
 */
import { endpointsOf, endpointString, type EndpointInfo, type ProxyTable, type ServicePortInfo } from './model'

/** One IPVS virtual server and its real servers. */
export interface VirtualServer {
  protocol: string
  address: string
  port: number
  scheduler: 'rr'
  /** What it stands for: `default/web cluster IP`, `default/web nodePort`, `default/web loadbalancer IP`. */
  svcPortName: string
  kind: 'cluster IP' | 'nodePort' | 'loadbalancer IP'
  reals: EndpointInfo[]
}

/** `TCP  10.96.0.1:443`: the key of a virtual server (also its round-robin counter's key). */
export function vsKey(vs: { protocol: string; address: string; port: number }): string {
  return `${vs.protocol}  ${vs.address}:${vs.port}`
}

function num(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)
}

/** The virtual servers of a node whose address is `nodeIP`. */
export function virtualServers(t: ProxyTable, nodeIP: string): VirtualServer[] {
  const out: VirtualServer[] = []
  const add = (sp: ServicePortInfo, address: string, port: number, kind: VirtualServer['kind']) =>
    out.push({ protocol: sp.protocol, address, port, scheduler: 'rr', svcPortName: sp.svcPortName, kind, reals: endpointsOf(t, sp) })
  for (const sp of t.services) {
    add(sp, sp.clusterIP, sp.port, 'cluster IP')
    if (sp.nodePort) add(sp, nodeIP, sp.nodePort, 'nodePort')
    for (const ip of sp.loadBalancerIPs) add(sp, ip, sp.port, 'loadbalancer IP')
  }
  return out.sort((a, b) => (a.protocol !== b.protocol ? (a.protocol < b.protocol ? -1 : 1) : num(a.address) - num(b.address) || a.port - b.port))
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length)
}

/** The text of `ipvsadm -Ln`. */
export function ipvsadmList(vss: readonly VirtualServer[]): string {
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn']
  for (const vs of vss) {
    lines.push(`${vsKey(vs)} ${vs.scheduler}`)
    for (const r of vs.reals) lines.push(`  -> ${pad(endpointString(r), 28)} ${pad('Masq', 7)} ${pad('1', 6)} ${pad('0', 10)} ${pad('0', 10)}`)
  }
  return lines.join('\n') + '\n'
}
