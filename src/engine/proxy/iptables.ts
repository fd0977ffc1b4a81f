/**
 * kube-proxy's iptables mode: the rules it writes for a node, as `iptables-save` prints them
 * (matches normalised to `! -s … -d … -p … -m comment … -m tcp --dport …`, chains sorted,
 * rules grouped by chain, probabilities as the kernel stores them: `0.33333333349`).
 * Upstream: pkg/proxy/iptables/proxier.go syncProxyRules, writeServiceToEndpointRules.
 */
import {
  CLUSTER_CIDR,
  endpointsOf,
  endpointString,
  ruleProbability,
  savedProbability,
  serviceExternalChainName,
  servicePortChainName,
  servicePortEndpointChainName,
  type EndpointInfo,
  type ProxyTable,
  type ServicePortInfo,
} from './model'

/** One rule: its chain and the text after `-A <chain> `. */
export interface IptRule {
  table: 'filter' | 'nat'
  chain: string
  spec: string
}

/** The mark KUBE-MARK-MASQ sets and KUBE-POSTROUTING masquerades (`--masquerade-bit 14`). */
export const MASQ_MARK = '0x4000/0x4000'

/** iptables-save quotes a comment that has spaces. */
function comment(text: string): string {
  return /^[A-Za-z0-9_./:\->]+$/.test(text) && !text.includes(' ') ? `-m comment --comment ${text}` : `-m comment --comment "${text}"`
}

function proto(p: string): string {
  return p.toLowerCase()
}

/** `-d 10.96.0.1/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80`. */
function vipMatch(sp: ServicePortInfo, ip: string, what: string): string {
  const p = proto(sp.protocol)
  return `-d ${ip}/32 -p ${p} ${comment(`${sp.svcPortName} ${what}`)} -m ${p} --dport ${sp.port}`
}

/** The rule in KUBE-SVC-… that jumps to the i-th of n endpoints (with its probability unless last). */
export function endpointJumpRule(sp: ServicePortInfo, ep: EndpointInfo, i: number, n: number): IptRule {
  const prob = i < n - 1 ? ` -m statistic --mode random --probability ${savedProbability(ruleProbability(n - i)).text}` : ''
  const sep = servicePortEndpointChainName(sp.svcPortName, sp.protocol, endpointString(ep))
  return { table: 'nat', chain: servicePortChainName(sp.svcPortName, sp.protocol), spec: `${comment(`${sp.svcPortName} -> ${endpointString(ep)}`)}${prob} -j ${sep}` }
}

/** The two rules of a KUBE-SEP-… chain: masquerade hairpin traffic, then DNAT. */
export function endpointChainRules(sp: ServicePortInfo, ep: EndpointInfo): IptRule[] {
  const chain = servicePortEndpointChainName(sp.svcPortName, sp.protocol, endpointString(ep))
  const p = proto(sp.protocol)
  return [
    { table: 'nat', chain, spec: `-s ${ep.ip}/32 ${comment(sp.svcPortName)} -j KUBE-MARK-MASQ` },
    { table: 'nat', chain, spec: `-p ${p} ${comment(sp.svcPortName)} -m ${p} -j DNAT --to-destination ${endpointString(ep)}` },
  ]
}

/** The KUBE-SERVICES rule that catches a service port's cluster IP. */
export function clusterIPRule(sp: ServicePortInfo): IptRule {
  return { table: 'nat', chain: 'KUBE-SERVICES', spec: `${vipMatch(sp, sp.clusterIP, 'cluster IP')} -j ${servicePortChainName(sp.svcPortName, sp.protocol)}` }
}

/** The KUBE-SERVICES rule that catches a load balancer IP. */
export function loadBalancerRule(sp: ServicePortInfo, ip: string): IptRule {
  return { table: 'nat', chain: 'KUBE-SERVICES', spec: `${vipMatch(sp, ip, 'loadbalancer IP')} -j ${serviceExternalChainName(sp.svcPortName, sp.protocol)}` }
}

/** The KUBE-NODEPORTS rule of a service port. */
export function nodePortRule(sp: ServicePortInfo): IptRule {
  const p = proto(sp.protocol)
  return { table: 'nat', chain: 'KUBE-NODEPORTS', spec: `-p ${p} ${comment(sp.svcPortName)} -m ${p} --dport ${sp.nodePort} -j ${serviceExternalChainName(sp.svcPortName, sp.protocol)}` }
}

/** Every rule kube-proxy writes for `table`, in the order it writes them. */
export function iptablesRules(t: ProxyTable): IptRule[] {
  const nat: IptRule[] = []
  const filter: IptRule[] = []
  const N = (chain: string, spec: string) => nat.push({ table: 'nat', chain, spec })
  const F = (chain: string, spec: string) => filter.push({ table: 'filter', chain, spec })
  // Jumps from the built-in chains and the fixed chains.
  F('INPUT', '-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS')
  F('INPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES')
  F('FORWARD', '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD')
  F('FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  F('FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES')
  F('OUTPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  F('KUBE-FORWARD', `-m comment --comment "kubernetes forwarding rules" -m mark --mark ${MASQ_MARK} -j ACCEPT`)
  F('KUBE-FORWARD', '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT')
  N('PREROUTING', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  N('OUTPUT', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  N('POSTROUTING', '-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING')
  N('KUBE-MARK-MASQ', `-j MARK --set-xmark ${MASQ_MARK}`)
  N('KUBE-POSTROUTING', `-m mark ! --mark ${MASQ_MARK} -j RETURN`)
  N('KUBE-POSTROUTING', '-j MARK --set-xmark 0x4000/0x0')
  N('KUBE-POSTROUTING', '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully')
  for (const sp of t.services) {
    const eps = endpointsOf(t, sp)
    const p = proto(sp.protocol)
    const svcChain = servicePortChainName(sp.svcPortName, sp.protocol)
    const extChain = serviceExternalChainName(sp.svcPortName, sp.protocol)
    const external = sp.nodePort !== undefined || sp.loadBalancerIPs.length > 0
    if (eps.length === 0) {
      F('KUBE-SERVICES', `${vipMatch(sp, sp.clusterIP, 'has no endpoints')} -j REJECT --reject-with icmp-port-unreachable`)
      for (const ip of sp.loadBalancerIPs) F('KUBE-EXTERNAL-SERVICES', `${vipMatch(sp, ip, 'has no endpoints')} -j REJECT --reject-with icmp-port-unreachable`)
      if (sp.nodePort) F('KUBE-EXTERNAL-SERVICES', `-p ${p} ${comment(`${sp.svcPortName} has no endpoints`)} -m addrtype --dst-type LOCAL -m ${p} --dport ${sp.nodePort} -j REJECT --reject-with icmp-port-unreachable`)
      continue
    }
    nat.push(clusterIPRule(sp))
    for (const ip of sp.loadBalancerIPs) nat.push(loadBalancerRule(sp, ip))
    if (sp.nodePort) nat.push(nodePortRule(sp))
    if (external) {
      N(extChain, `${comment(`masquerade traffic for ${sp.svcPortName} external destinations`)} -j KUBE-MARK-MASQ`)
      N(extChain, `-j ${svcChain}`)
    }
    N(svcChain, `! -s ${CLUSTER_CIDR} ${vipMatch(sp, sp.clusterIP, 'cluster IP')} -j KUBE-MARK-MASQ`)
    eps.forEach((ep, i) => nat.push(endpointJumpRule(sp, ep, i, eps.length)))
    for (const ep of eps) nat.push(...endpointChainRules(sp, ep))
  }
  N('KUBE-SERVICES', '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS')
  return [...filter, ...nat]
}

const BUILTIN: Record<string, string[]> = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] }
const FIXED: Record<string, string[]> = {
  filter: ['KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-SERVICES'],
  nat: ['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES'],
}

/** `Mon Jan  6 09:05:00 2025`: C's ctime, as iptables-save's header prints the time. */
function ctime(epochMs: number): string {
  const d = new Date(epochMs)
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]
  const hh = (n: number) => String(n).padStart(2, '0')
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${hh(d.getUTCHours())}:${hh(d.getUTCMinutes())}:${hh(d.getUTCSeconds())} ${d.getUTCFullYear()}`
}

/** The rule lines only (`-A CHAIN …`), in iptables-save order: what a diff compares. */
export function saveLines(rules: readonly IptRule[], table: 'filter' | 'nat'): string[] {
  const mine = rules.filter((r) => r.table === table)
  const chains = [...new Set([...FIXED[table], ...mine.map((r) => r.chain)])].filter((c) => !BUILTIN[table].includes(c)).sort()
  const order = [...BUILTIN[table], ...chains]
  const lines: string[] = []
  for (const c of order) for (const r of mine) if (r.chain === c) lines.push(`-A ${c} ${r.spec}`)
  return lines
}

/** The full `iptables-save` text of a node at virtual epoch time `epochMs`. */
export function iptablesSave(rules: readonly IptRule[], epochMs: number): string {
  const out: string[] = []
  for (const table of ['filter', 'nat'] as const) {
    const mine = rules.filter((r) => r.table === table)
    const chains = [...new Set([...FIXED[table], ...mine.map((r) => r.chain)])].filter((c) => !BUILTIN[table].includes(c)).sort()
    out.push(`# Generated by iptables-save v1.8.9 on ${ctime(epochMs)}`, `*${table}`)
    for (const c of BUILTIN[table]) out.push(`:${c} ACCEPT [0:0]`)
    for (const c of chains) out.push(`:${c} - [0:0]`)
    out.push(...saveLines(rules, table), 'COMMIT', `# Completed on ${ctime(epochMs)}`)
  }
  return out.join('\n') + '\n'
}
