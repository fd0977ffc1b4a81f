/**
 * How one node's kube-proxy rules send a new connection: which rules it matches and which
 * endpoint it ends at. iptables mode walks KUBE-SERVICES → KUBE-SVC-… (each `statistic`
 * rule taken with its stored probability, drawn from the seeded stream) → KUBE-SEP-… DNAT;
 * IPVS mode picks the virtual server's next real server round-robin.
 * Upstream: the kernel's netfilter / IPVS, following the rules of iptables.ts and ipvs.ts.
 */
import type { Random } from '../sim/random'
import { clusterIPRule, endpointChainRules, endpointJumpRule, loadBalancerRule, nodePortRule } from './iptables'
import { vsKey, virtualServers } from './ipvs'
import { CLUSTER_CIDR, endpointsOf, endpointString, ruleProbability, savedProbability, serviceExternalChainName, servicePortChainName, type EndpointInfo, type ServicePortInfo } from './model'
import type { KubeProxyState } from './proxy'

export interface RouteResult {
  /** The service port the destination belongs to, if any. */
  service?: ServicePortInfo
  /** Where the connection goes; undefined when rejected or not a Service address. */
  endpoint?: EndpointInfo
  /** The rules (iptables-save lines) or IPVS entries the connection matched, in order. */
  rules: string[]
  /** The Service has no endpoints: the node rejects the connection. */
  rejected?: boolean
  /** The source address is masqueraded (SNAT to the node) on the way. */
  masquerade: boolean
}

function inClusterCIDR(ip: string): boolean {
  return ip.startsWith('10.244.')
}

/** Routes a new TCP/UDP connection from `src` to `dst:port` through a node's current rules. */
export function route(s: KubeProxyState, rng: Random, src: string, dst: string, port: number, protocol = 'TCP'): RouteResult {
  const t = s.table
  const matchVip = (sp: ServicePortInfo) => sp.protocol === protocol && ((sp.clusterIP === dst && sp.port === port) || (sp.loadBalancerIPs.includes(dst) && sp.port === port) || (dst === s.nodeIP && sp.nodePort === port))
  const sp = t.services.find(matchVip)
  if (!sp) return { rules: [], masquerade: false }
  const eps = endpointsOf(t, sp)
  const kind: 'cluster IP' | 'loadbalancer IP' | 'nodePort' = sp.clusterIP === dst ? 'cluster IP' : sp.loadBalancerIPs.includes(dst) ? 'loadbalancer IP' : 'nodePort'
  const external = kind !== 'cluster IP'
  if (s.mode === 'ipvs') {
    const vs = virtualServers(t, s.nodeIP).find((v) => v.protocol === protocol && v.address === dst && v.port === port)!
    const key = vsKey(vs)
    if (vs.reals.length === 0) return { service: sp, rules: [`${key} rr (no real servers)`], rejected: true, masquerade: false }
    const i = (s.rr[key] ?? 0) % vs.reals.length
    s.rr[key] = i + 1
    const ep = vs.reals[i]
    return { service: sp, endpoint: ep, rules: [`${key} rr`, `  -> ${endpointString(ep)} Masq 1`], masquerade: external || !inClusterCIDR(src) }
  }
  const line = (r: { chain: string; spec: string }) => `-A ${r.chain} ${r.spec}`
  const p = sp.protocol.toLowerCase()
  if (eps.length === 0) {
    const rule = kind === 'nodePort'
      ? `-A KUBE-EXTERNAL-SERVICES -p ${p} -m comment --comment "${sp.svcPortName} has no endpoints" -m addrtype --dst-type LOCAL -m ${p} --dport ${sp.nodePort} -j REJECT --reject-with icmp-port-unreachable`
      : `-A ${kind === 'cluster IP' ? 'KUBE-SERVICES' : 'KUBE-EXTERNAL-SERVICES'} -d ${dst}/32 -p ${p} -m comment --comment "${sp.svcPortName} has no endpoints" -m ${p} --dport ${port} -j REJECT --reject-with icmp-port-unreachable`
    return { service: sp, rules: [`filter ${rule}`], rejected: true, masquerade: false }
  }
  const rules: string[] = []
  let masquerade = false
  const svcChain = servicePortChainName(sp.svcPortName, sp.protocol)
  if (kind === 'cluster IP') rules.push(line(clusterIPRule(sp)))
  else {
    if (kind === 'loadbalancer IP') rules.push(line(loadBalancerRule(sp, dst)))
    else {
      rules.push('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS')
      rules.push(line(nodePortRule(sp)))
    }
    const ext = serviceExternalChainName(sp.svcPortName, sp.protocol)
    rules.push(`-A ${ext} -m comment --comment "masquerade traffic for ${sp.svcPortName} external destinations" -j KUBE-MARK-MASQ`, `-A ${ext} -j ${svcChain}`)
    masquerade = true
  }
  if (kind === 'cluster IP' && !inClusterCIDR(src)) {
    rules.push(`-A ${svcChain} ! -s ${CLUSTER_CIDR} -d ${sp.clusterIP}/32 -p ${p} -m comment --comment "${sp.svcPortName} cluster IP" -m ${p} --dport ${sp.port} -j KUBE-MARK-MASQ`)
    masquerade = true
  }
  let chosen = eps.length - 1
  for (let i = 0; i < eps.length - 1; i++) {
    if (rng.next() < savedProbability(ruleProbability(eps.length - i)).value) {
      chosen = i
      break
    }
  }
  const ep = eps[chosen]
  rules.push(line(endpointJumpRule(sp, ep, chosen, eps.length)))
  rules.push(line(endpointChainRules(sp, ep)[1]))
  return { service: sp, endpoint: ep, rules, masquerade }
}
