/**
 * The Service registry's allocators: a cluster IP from the service CIDR and node ports from the
 * node port range, given out when a Service is created (before validation, as the registry's
 * BeginCreate does) and kept across updates. What is in use is read from etcd, so there is no
 * allocator state to snapshot.
 *
 * Both allocators pick at random (the seeded stream) in the upper "dynamic" band of their range
 * and scan from there, keeping the lower band for addresses and ports users ask for
 * (KEP-3070, KEP-3668): `10.96.0.1` (kubernetes) and `10.96.0.10` (kube-dns) are static.
 * Upstream: pkg/registry/core/service/storage/alloc.go, ipallocator/ipallocator.go,
 * portallocator/allocator.go, ipallocator/bitmap.go calculateRangeOffset.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1'
import type { Random } from '../sim/random'
import type { Etcd } from '../store/etcd'
import type { FieldError } from './status'
import { forbidden, invalidValue } from './validation/field'

/** The service CIDR (kubeadm's and kind's default). */
export const SERVICE_CIDR = '10.96.0.0/12'
/** The node port range (`--service-node-port-range`). */
export const NODE_PORT_MIN = 30000
export const NODE_PORT_MAX = 32767

const BASE = ipToNum('10.96.0.0')
const SIZE = 2 ** 20

export function ipToNum(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)
}

export function numToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')
}

/** Upstream: calculateRangeOffset: min(max(16, size/step), max). */
function rangeOffset(size: number, step: number, max: number): number {
  if (size < 16) return 0
  return Math.min(Math.max(16, Math.floor(size / step)), max)
}

const IP_OFFSET = rangeOffset(SIZE, 16, 256)
const PORT_OFFSET = rangeOffset(NODE_PORT_MAX - NODE_PORT_MIN + 1, 32, 128)

function inUse(etcd: Etcd, self: { namespace?: string; name?: string }): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>()
  const ports = new Set<number>()
  for (const kv of etcd.range('/registry/services/specs/')) {
    const s = kv.value as Service
    if (s.metadata?.namespace === self.namespace && s.metadata?.name === self.name) continue
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) ips.add(ip)
    for (const p of s.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort)
  }
  return { ips, ports }
}

function inRange(ip: string): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false
  const n = ipToNum(ip)
  return n > BASE && n < BASE + SIZE - 1
}

/** A random free address of the dynamic band, else of the static band. */
function nextIP(rng: Random, used: Set<string>): string | undefined {
  const bands: [number, number][] = [
    [BASE + IP_OFFSET, BASE + SIZE - 2],
    [BASE + 1, BASE + IP_OFFSET - 1],
  ]
  for (const [lo, hi] of bands) {
    const n = hi - lo + 1
    const start = rng.int(n)
    for (let i = 0; i < n; i++) {
      const ip = numToIp(lo + ((start + i) % n))
      if (!used.has(ip)) return ip
    }
  }
  return undefined
}

function nextPort(rng: Random, used: Set<number>): number | undefined {
  const bands: [number, number][] = [
    [NODE_PORT_MIN + PORT_OFFSET, NODE_PORT_MAX],
    [NODE_PORT_MIN, NODE_PORT_MIN + PORT_OFFSET - 1],
  ]
  for (const [lo, hi] of bands) {
    const n = hi - lo + 1
    const start = rng.int(n)
    for (let i = 0; i < n; i++) if (!used.has(lo + ((start + i) % n))) return lo + ((start + i) % n)
  }
  return undefined
}

function needsNodePorts(spec: Service['spec']): boolean {
  return spec?.type === 'NodePort' || (spec?.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)
}

/**
 * Gives a new Service its cluster IP and node ports, or says why it cannot (the registry's
 * errors: `spec.clusterIPs: Invalid value: ["10.96.0.1"]: failed to allocate IP 10.96.0.1:
 * provided IP is already allocated`). `old` is the stored Service on update: what it had is
 * kept unless the request changes it (PatchAllocatedValues), and validation then rejects a
 * changed cluster IP.
 */
export function allocateService(svc: Service, etcd: Etcd, rng: Random, old?: Service): FieldError[] {
  const spec = (svc.spec ??= {})
  const used = inUse(etcd, { namespace: svc.metadata?.namespace, name: svc.metadata?.name })
  const errs: FieldError[] = []
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP
    delete spec.clusterIPs
    return errs
  }
  if (old && old.spec?.type !== 'ExternalName') {
    // PatchAllocatedValues: a request without the cluster IP keeps the allocated one.
    if (!spec.clusterIP && old.spec?.clusterIP) spec.clusterIP = old.spec.clusterIP
    if (!spec.clusterIPs && old.spec?.clusterIPs) spec.clusterIPs = [...old.spec.clusterIPs]
    if (needsNodePorts(spec) && needsNodePorts(old.spec)) {
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue
        const prev = (old.spec?.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))
        if (prev?.nodePort) p.nodePort = prev.nodePort
      }
    }
  }
  // normalizeClusterIPs: clusterIPs follows clusterIP (also when an update changes only clusterIP).
  const oldIPs = old?.spec?.clusterIPs ?? []
  if (old && spec.clusterIP && spec.clusterIP !== old.spec?.clusterIP && (spec.clusterIPs ?? []).join() === oldIPs.join()) spec.clusterIPs = [spec.clusterIP, ...oldIPs.slice(1)]
  if (spec.clusterIP && (!spec.clusterIPs || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP]
  else if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0]
  // On update a changed cluster IP is validation's to reject (validateServiceUpdate).
  const hadIP = !!old?.spec?.clusterIP && old.spec.type !== 'ExternalName'
  if (spec.clusterIP && spec.clusterIP !== 'None' && !hadIP) {
    const ip = spec.clusterIP
    if (!inRange(ip)) {
      errs.push(invalidValue('spec.clusterIPs', spec.clusterIPs, `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`))
    } else if (used.ips.has(ip)) {
      errs.push(invalidValue('spec.clusterIPs', spec.clusterIPs, `failed to allocate IP ${ip}: provided IP is already allocated`))
    }
  } else if (!spec.clusterIP && !hadIP) {
    const ip = nextIP(rng, used.ips)
    if (!ip) errs.push(invalidValue('spec.clusterIPs', [], 'failed to allocate a serviceIP: range is full'))
    else {
      spec.clusterIP = ip
      spec.clusterIPs = [ip]
    }
  }
  // The default IP family settings of a single-stack IPv4 cluster.
  spec.ipFamilies ??= ['IPv4']
  spec.ipFamilyPolicy ??= 'SingleStack'
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
  if (needsNodePorts(spec)) {
    const taken = new Set(used.ports)
    ;(spec.ports ?? []).forEach((p: ServicePort, i) => {
      if (p.nodePort) {
        const kept = old?.spec?.ports?.some((q) => q.nodePort === p.nodePort)
        if (kept) {
          taken.add(p.nodePort)
          return
        }
        if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
          errs.push(invalidValue(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`))
        } else if (taken.has(p.nodePort)) errs.push(invalidValue(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'))
        else taken.add(p.nodePort)
        return
      }
      const port = nextPort(rng, taken)
      if (port === undefined) errs.push(invalidValue(`spec.ports[${i}].nodePort`, 0, 'range is full'))
      else {
        p.nodePort = port
        taken.add(port)
      }
    })
  } else if (spec.type === 'ClusterIP') {
    ;(spec.ports ?? []).forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"))
    })
  }
  return errs
}

/** Service update rules beyond create's (ValidateServiceUpdate): the cluster IP may not change. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const a = svc.spec?.clusterIPs ?? []
  const b = old.spec?.clusterIPs ?? []
  if (old.spec?.type === 'ExternalName' || svc.spec?.type === 'ExternalName') return []
  if (b.length > 0 && a.length > 0 && a[0] !== b[0]) return [invalidValue('spec.clusterIPs[0]', a, 'may not change once set')]
  if (b.length > 0 && a.length === 0) return [invalidValue('spec.clusterIPs[0]', a, 'primary clusterIP can not be unset')]
  return []
}
