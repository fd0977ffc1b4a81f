/**
 * Cluster DNS: CoreDNS's `kubernetes` plugin, modelled as one system component (`coredns`)
 * rather than as pods. Like the real plugin it lists and watches Services and EndpointSlices
 * through the apiserver, and answers from its cache:
 * - `<svc>.<ns>.svc.cluster.local` → the cluster IP, or for a headless Service the addresses
 *   of its ready endpoints;
 * - `<hostname>.<svc>.<ns>.svc.cluster.local` → that endpoint (StatefulSet pods);
 * - anything else in `cluster.local` → NXDOMAIN.
 * A pod's resolver (resolv.conf from the kubelet, dnsPolicy ClusterFirst) tries the search
 * domains `<ns>.svc.cluster.local svc.cluster.local cluster.local` first for names with fewer
 * than 5 dots (`ndots:5`). Its Service `kube-system/kube-dns` has the cluster IP 10.96.0.10.
 * Upstream: coredns/coredns plugin/kubernetes (kubernetes.go Records, handler.go),
 * pkg/kubelet/network/dns/dns.go (search list, ndots).
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { WatchDelivery } from '../apiserver/watch'
import { R } from '../client/client'
import type { Component, Ctx, TimerPayload } from '../client/component'
import { Informer, newInformerState, relistOnTimer, type InformerState } from '../client/informer'

/** The cluster's DNS domain (`--cluster-domain`). */
export const CLUSTER_DOMAIN = 'cluster.local'
/** kube-dns's cluster IP (`--cluster-dns`), the nameserver in every pod's resolv.conf. */
export const CLUSTER_DNS_IP = '10.96.0.10'

export interface CoreDNSState {
  up: boolean
  services: InformerState
  slices: InformerState
}

export function newCoreDNSState(): CoreDNSState {
  return { up: false, services: newInformerState(R.services), slices: newInformerState(R.endpointslices) }
}

/** What one query returned. */
export interface DnsAnswer {
  /** The name asked, fully qualified (no trailing dot). */
  name: string
  /** A records; empty for NXDOMAIN. */
  addresses: string[]
}

/** The names a pod's resolver tries for `host`, in order. Upstream: glibc/musl with ndots:5. */
export function searchList(host: string, namespace: string): string[] {
  const h = host.replace(/\.$/, '')
  if (host.endsWith('.')) return [h]
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
  const dots = h.split('.').length - 1
  const withSearch = search.map((s) => `${h}.${s}`)
  return dots >= 5 ? [h, ...withSearch] : [...withSearch, h]
}

export class CoreDNS implements Component {
  readonly id = 'coredns'
  private readonly services: Informer
  private readonly slices: Informer

  constructor(
    readonly s: CoreDNSState,
    ctx: Ctx,
  ) {
    this.services = new Informer(s.services, R.services, ctx, this.id, () => {})
    this.slices = new Informer(s.slices, R.endpointslices, ctx, this.id, () => {})
  }

  start(cause?: number): void {
    this.s.up = true
    this.services.start(cause)
    this.slices.start(cause)
  }

  stop(): void {
    this.s.up = false
    this.services.stop()
    this.slices.stop()
  }

  onWatch(d: WatchDelivery, hop: number): void {
    if (!this.s.up) return
    if (this.services.owns(d.watchId)) this.services.onDelivery(d, hop)
    else if (this.slices.owns(d.watchId)) this.slices.onDelivery(d, hop)
  }

  onTimer(p: TimerPayload): void {
    if (this.s.up) relistOnTimer(p, () => [this.services, this.slices])
  }

  /** The A records of one fully qualified name. */
  lookup(fqdn: string): DnsAnswer {
    const name = fqdn.toLowerCase().replace(/\.$/, '')
    const none = { name, addresses: [] }
    const suffix = `.svc.${CLUSTER_DOMAIN}`
    if (!name.endsWith(suffix)) return none
    const parts = name.slice(0, -suffix.length).split('.')
    if (parts.length < 2 || parts.length > 3) return none
    const [host, svcName, ns] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]]
    const svc = this.services.get(`${ns}/${svcName}`) as Service | undefined
    if (!svc) return none
    if (svc.spec?.type === 'ExternalName') return none
    const headless = svc.spec?.clusterIP === 'None'
    if (!headless && host === undefined) return { name, addresses: svc.spec?.clusterIP ? [svc.spec.clusterIP] : [] }
    const addrs: string[] = []
    for (const sl of this.slices.list() as EndpointSlice[]) {
      if (sl.metadata?.namespace !== ns || sl.metadata?.labels?.['kubernetes.io/service-name'] !== svcName) continue
      for (const e of sl.endpoints ?? []) {
        const ready = e.conditions?.ready !== false || svc.spec?.publishNotReadyAddresses === true
        if (!ready) continue
        if (host !== undefined && e.hostname !== host) continue
        for (const a of e.addresses) if (!addrs.includes(a)) addrs.push(a)
      }
    }
    if (host !== undefined && !headless) return none
    return { name, addresses: addrs.sort() }
  }

  /** Resolves `host` as a pod in `namespace` would: the first name of its search list that exists. */
  resolve(host: string, namespace: string): { tried: DnsAnswer[]; answer?: DnsAnswer } {
    const tried: DnsAnswer[] = []
    for (const n of searchList(host, namespace)) {
      const a = this.lookup(n)
      tried.push(a)
      if (a.addresses.length) return { tried, answer: a }
    }
    return { tried }
  }
}
