/**
 * kube-proxy, one per node (component `kube-proxy/<node>`). It lists and watches Services and
 * EndpointSlices through the apiserver and, at most once per `--iptables-min-sync-period`
 * (1 s), rebuilds its node's rules from them, in iptables mode (KUBE-SERVICES / KUBE-SVC-… /
 * KUBE-SEP-…) or IPVS mode (virtual and real servers). Each sync that changes something is a
 * `rules` hop from `kube-proxy/<node>` to itself carrying the lines added and removed.
 * Upstream: cmd/kube-proxy/app/server.go, pkg/proxy/iptables/proxier.go, pkg/proxy/ipvs/proxier.go,
 * pkg/util/async/bounded_frequency_runner.go.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { WatchDelivery } from '../apiserver/watch'
import { R } from '../client/client'
import { scheduleTimer, type Component, type Ctx, type TimerPayload } from '../client/component'
import { Informer, newInformerState, relistOnTimer, type InformerState } from '../client/informer'
import { EPOCH_MS } from '../sim/time'
import { iptablesRules, iptablesSave, saveLines } from './iptables'
import { ipvsadmList, virtualServers } from './ipvs'
import { buildTable, type ProxyTable } from './model'

/** The proxy modes a cluster can run kube-proxy in. */
export type ProxyMode = 'iptables' | 'ipvs'

/** Upstream: --iptables-min-sync-period / --ipvs-min-sync-period default. */
export const MIN_SYNC_PERIOD_MS = 1_000

export interface KubeProxyState {
  node: string
  nodeIP: string
  up: boolean
  mode: ProxyMode
  services: InformerState
  slices: InformerState
  /** The table as of the last sync: what the node's rules say now. */
  table: ProxyTable
  /** The rule lines of the last sync (for the diff of the next one). */
  lines: string[]
  lastSync: number
  syncPending: boolean
  /** The hop that most recently asked for a sync. */
  cause?: number
  /** IPVS round-robin position per virtual server. */
  rr: Record<string, number>
}

export function newKubeProxyState(node: string, nodeIP: string, mode: ProxyMode = 'iptables'): KubeProxyState {
  return {
    node,
    nodeIP,
    up: false,
    mode,
    services: newInformerState(R.services),
    slices: newInformerState(R.endpointslices),
    table: { services: [], endpoints: {} },
    lines: [],
    lastSync: -Infinity,
    syncPending: false,
    rr: {},
  }
}

/** The rule lines of a table in a mode: iptables-save `-A` lines, or ipvsadm lines. */
export function ruleLines(mode: ProxyMode, table: ProxyTable, nodeIP: string): string[] {
  if (mode === 'ipvs') return ipvsadmList(virtualServers(table, nodeIP)).trimEnd().split('\n').slice(3)
  const rules = iptablesRules(table)
  return [...saveLines(rules, 'filter').map((l) => `filter ${l}`), ...saveLines(rules, 'nat').map((l) => `nat ${l}`)]
}

export class KubeProxy implements Component {
  readonly id: string
  private readonly services: Informer
  private readonly slices: Informer

  constructor(
    readonly s: KubeProxyState,
    private readonly ctx: Ctx,
  ) {
    this.id = `kube-proxy/${s.node}`
    const onChange = (_t: string, _o: unknown, _old: unknown, hop: number) => this.requestSync(hop)
    this.services = new Informer(s.services, R.services, ctx, this.id, onChange)
    this.slices = new Informer(s.slices, R.endpointslices, ctx, this.id, onChange)
  }

  start(cause?: number): void {
    this.s.up = true
    this.services.start(cause)
    this.slices.start(cause)
    this.requestSync(cause)
  }

  stop(): void {
    this.s.up = false
    this.services.stop()
    this.slices.stop()
  }

  /** Switches between iptables and IPVS; the next sync rewrites the node's rules. */
  setMode(mode: ProxyMode): void {
    if (this.s.mode === mode) return
    this.s.mode = mode
    this.s.lines = []
    this.requestSync(undefined)
  }

  /** The node's rules as a tool on it prints them: `iptables-save` or `ipvsadm -Ln`. */
  rulesText(): string {
    if (this.s.mode === 'ipvs') return ipvsadmList(virtualServers(this.s.table, this.s.nodeIP))
    return iptablesSave(iptablesRules(this.s.table), EPOCH_MS + this.ctx.queue.now)
  }

  onWatch(d: WatchDelivery, hop: number): void {
    if (!this.s.up) return
    if (this.services.owns(d.watchId)) this.services.onDelivery(d, hop)
    else if (this.slices.owns(d.watchId)) this.slices.onDelivery(d, hop)
  }

  /** A change arrived: sync now, or when the minimum sync period since the last one has passed. */
  private requestSync(cause: number | undefined): void {
    if (cause !== undefined) this.s.cause = cause
    if (this.s.syncPending) return
    this.s.syncPending = true
    const delay = Math.max(0, this.s.lastSync + MIN_SYNC_PERIOD_MS - this.ctx.queue.now)
    scheduleTimer(this.ctx, delay, { component: this.id, action: 'sync' })
  }

  onTimer(p: TimerPayload): void {
    if (this.s.up && relistOnTimer(p, () => [this.services, this.slices])) return
    if (p.action !== 'sync') return
    this.s.syncPending = false
    if (!this.s.up) return
    this.syncProxyRules()
  }

  /** Rebuilds the node's rules from the caches. Upstream: Proxier.syncProxyRules. */
  syncProxyRules(): void {
    this.s.lastSync = this.ctx.queue.now
    const table = buildTable(this.services.list() as Service[], this.slices.list() as EndpointSlice[])
    this.s.table = table
    const lines = ruleLines(this.s.mode, table, this.s.nodeIP)
    const before = new Set(this.s.lines)
    const after = new Set(lines)
    const added = lines.filter((l) => !before.has(l))
    const removed = this.s.lines.filter((l) => !after.has(l))
    this.s.lines = lines
    if (added.length === 0 && removed.length === 0) return
    const what = this.s.mode === 'ipvs' ? 'IPVS virtual servers' : 'iptables rules'
    this.ctx.trace.record({
      t: this.ctx.queue.now,
      from: this.id,
      to: this.id,
      kind: 'rules',
      summary: `kube-proxy on ${this.s.node} syncs its ${what}: ${added.length} lines added, ${removed.length} removed`,
      detail: { rules: { mode: this.s.mode, added, removed } },
      cause: this.s.cause,
    })
  }
}
