/**
 * A simulated cluster: the event loop that runs every component on one virtual clock, the
 * public contract of DESIGN §4, and snapshots of the whole state for time travel.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { ApiServer, type ApiServerState } from './apiserver/apiserver'
import { bootstrapPolicyObjects } from './apiserver/authz/bootstrap'
import { newWatchState, type WatchDelivery } from './apiserver/watch'
import { serveHttp, watchEventLine, type HttpRequest, type HttpResponse, type WatchFormat } from './apiserver/http'
import { R } from './client/client'
import type { Component, Ctx, TimerPayload } from './client/component'
import { ControllerManager, controllerNames, newControllerManagerState, type ControllerManagerState } from './controllers/manager'
import { defaultStorageClass } from './controllers/persistentvolume/persistentvolume'
import type { CloudRoute } from './cloud/route'
import { Kubelet, newKubeletState, type KubeletState } from './kubelet/kubelet'
import { nodeIP } from './kubelet/node'
import { Network, newNetworkState, type ExternalResponse, type NetworkState } from './proxy/network'
import { newKubeProxyState, type ProxyMode } from './proxy/proxy'
import { runKubectl } from './kubectl/kubectl'
import { Scheduler, newSchedulerState, type SchedulerState } from './scheduler/component'
import { EventQueue, newQueueState, type QueueState } from './sim/queue'
import { Random, newRandomState, type RandomState } from './sim/random'
import { EPOCH_MS } from './sim/time'
import { Etcd, newStoreState, type StoreState } from './store/etcd'
import type { ComponentId, Hop } from './trace/hop'
import { Trace, newTraceState, type TraceState } from './trace/trace'
import type { ClusterOptions, KeyValueView, KubectlResult, NodeSpec, Scenario, ScenarioStep, StudentMode } from './types'
import { adminKubeconfig, type Kubeconfig } from './kubectl/kubeconfig'
import { adminTokenEntry, STUDENT, STUDENT_NAMESPACE, studentBindings, studentTokenEntry, TOKEN_ALPHABET } from './apiserver/authz/student'

/** Structured-clone-safe state of a whole cluster, for time travel. */
export interface ClusterSnapshot {
  readonly version: 1
  readonly state: unknown
}

/** A running simulated cluster (DESIGN §4). */
export interface Cluster {
  /** Runs a kubectl command line (the leading `kubectl` is optional) with optional standard input. */
  kubectl(command: string, stdin?: string): KubectlResult
  /** Runs virtual time forward by `ms`, processing everything due. */
  advance(ms: number): void
  /** Runs until nothing but periodic housekeeping is pending, at most `maxMs` of virtual time (default 10 min). */
  settle(maxMs?: number): void
  /** The hop log, or the hops with an id greater than `afterId`. */
  hops(afterId?: number): readonly Hop[]
  /** Virtual ms on the simulation's clock, which counts from 2025-01-06T09:00:00Z (a cluster with a later `epoch` starts that far along). */
  now(): number
  /** The etcd keyspace now, sorted by key. */
  keyspace(): KeyValueView[]
  /** The scenario that reproduces this cluster: its shape, seed and every step taken so far. */
  scenario(): Scenario
  /** Every component on the diagram: control plane and, per node, kubelet, runtime and kube-proxy. */
  components(): ComponentId[]
  addNode(spec: NodeSpec): void
  removeNode(name: string): void
  stopNode(name: string): void
  startNode(name: string): void
  /**
   * Stops a component: `apiserver`, `etcd`, `scheduler`, `controller-manager`,
   * `cloud-controller-manager`, or one node's kubelet process (`kubelet/node-2`), whose
   * containers keep running under the runtime while nothing reports for the node.
   */
  stopComponent(id: ComponentId): void
  startComponent(id: ComponentId): void
  snapshot(): ClusterSnapshot
  restore(s: ClusterSnapshot): void
  /** Switches every node's kube-proxy between iptables and IPVS mode; the next sync rewrites the rules. */
  setProxyMode(mode: ProxyMode): void
  /** A node's kube-proxy rules as the node prints them: `iptables-save` text, or `ipvsadm -Ln` in IPVS mode. */
  proxyRules(node: string): { mode: ProxyMode; text: string }
  /**
   * The cloud's route table as the cloud-controller-manager's route controller keeps it: one
   * route per node, its pod range (spec.podCIDR) → the node's address.
   */
  cloudRoutes(): CloudRoute[]
  /**
   * A request from outside the cluster, e.g. `request('http://203.0.113.10/')` to a LoadBalancer
   * or `request('http://172.18.0.2:30080/')` to a node port: routed by a node's rules to a pod.
   */
  request(url: string): ExternalResponse
  /**
   * One HTTP request to the apiserver as plain data, answered as kube-apiserver answers it
   * (DESIGN §1): what `npm run serve` hands over for real kubectl. Recorded in the scenario when
   * it reaches the apiserver. A watch request (`?watch=true`) that opens returns `watch`: its
   * events are buffered in the cluster's state and taken with `drainWatch`.
   * @example c.http({ method: 'GET', path: '/api/v1/namespaces/default/pods', headers: { accept: 'application/json' } })
   */
  http(req: HttpRequest): HttpResponse
  /** The bearer token of one of kubectl's kubeconfig users (`student`), for a kubeconfig written outside. */
  userToken(user: string): string | undefined
  /** The lines (`{"type":…,"object":…}\n`) an HTTP watch has received since the last drain; undefined once it is closed. */
  drainWatch(id: number): string[] | undefined
  /** Closes an HTTP watch (the client went away, or its timeout passed). */
  closeWatch(id: number): void
}

/** An HTTP watch: its encoding and the events received and not yet drained (plain data). */
interface HttpWatch {
  format: WatchFormat
  /** Events with the virtual time they arrived (a Table's AGE is computed as of then). */
  events: { type: string; object: object; t: number }[]
  lastBookmark: number
}

/** Everything that changes, in plain data. */
interface State {
  queue: QueueState
  rng: RandomState
  etcd: StoreState
  trace: TraceState
  apiserver: ApiServerState
  controllerManager: ControllerManagerState
  scheduler: SchedulerState
  kubelets: Map<string, KubeletState>
  /** kube-proxies, CoreDNS and the cloud-controller-manager (proxy/network.ts). */
  network: NetworkState
  scenario: Scenario
  /** Watches opened over HTTP by `http()`, by watch id. */
  httpWatches: Map<number, HttpWatch>
  /** kubectl's kubeconfig: its users and the current one. */
  kubeconfig: Kubeconfig
}

/** Virtual time the cluster has been running before the student arrives (node ages). */
const BOOT_MS = 5 * 60 * 1000

function nodeSpecs(opts: ClusterOptions): NodeSpec[] {
  const n = opts.nodes ?? 3
  if (typeof n === 'number') return Array.from({ length: n }, (_, i) => ({ name: `node-${i + 1}` }))
  return n.map((s) => ({ ...s }))
}

class SimCluster implements Cluster {
  private s!: State
  private queue!: EventQueue
  private etcd!: Etcd
  private trace!: Trace
  private api!: ApiServer
  private ctx!: Ctx
  private cm!: ControllerManager
  private sched!: Scheduler
  private kubelets = new Map<string, Kubelet>()
  private net!: Network
  private byId = new Map<ComponentId, Component>()

  constructor(opts: ClusterOptions) {
    const seed = opts.seed ?? 1
    const nodes = nodeSpecs(opts)
    this.s = {
      queue: newQueueState(),
      rng: newRandomState(seed),
      etcd: newStoreState(),
      trace: newTraceState(opts.maxHops),
      apiserver: { watch: newWatchState(), up: true, authorizationMode: 'Node,RBAC' },
      controllerManager: newControllerManagerState(),
      scheduler: newSchedulerState(),
      kubelets: new Map(),
      network: newNetworkState(opts.proxyMode),
      scenario: { seed, nodes, steps: [], ...(opts.proxyMode ? { proxyMode: opts.proxyMode } : {}), ...(opts.student ? { student: opts.student } : {}), ...(opts.adminToken ? { adminToken: opts.adminToken } : {}), ...(opts.epoch !== undefined ? { epoch: opts.epoch } : {}) },
      httpWatches: new Map(),
      kubeconfig: adminKubeconfig(),
    }
    // The clock counts from EPOCH_MS; a later date is a head start on it, so every timestamp
    // (rfc3339 of the clock) reads the requested date and nothing else changes.
    if (opts.epoch !== undefined) {
      const start = clockStart(opts)
      if (!(start >= 0)) throw new Error(`epoch must be ${new Date(EPOCH_MS + BOOT_MS).toISOString()} or later`)
      this.s.queue.now = start
    }
    nodes.forEach((spec, i) => {
      this.s.kubelets.set(spec.name, newKubeletState(spec, i))
      this.s.network.proxies.set(spec.name, newKubeProxyState(spec.name, nodeIP(i), this.s.network.mode))
    })
    this.wire()
    this.boot()
  }

  /** Builds the component objects around the current plain state (at start and after restore). */
  private wire(): void {
    this.queue = new EventQueue(this.s.queue)
    this.etcd = new Etcd(this.s.etcd)
    this.trace = new Trace(this.s.trace)
    const rng = new Random(this.s.rng)
    this.api = new ApiServer(this.s.apiserver, this.etcd, this.trace, this.queue, rng)
    this.ctx = { api: this.api, queue: this.queue, rng, trace: this.trace }
    this.cm = new ControllerManager(this.s.controllerManager, this.ctx)
    this.sched = new Scheduler(this.s.scheduler, this.ctx)
    this.kubelets = new Map()
    this.byId = new Map<ComponentId, Component>([
      [this.cm.id, this.cm],
      [this.sched.id, this.sched],
    ])
    for (const [name, ks] of this.s.kubelets) this.wireKubelet(name, ks)
    this.net = new Network(this.s.network, this.ctx, this.etcd, () => this.kubelets)
    for (const c of this.net.components()) this.byId.set(c.id, c)
    this.api.execProvider = (ns, pod, container, argv, cause) => this.net.exec(ns, pod, container, argv, cause)
    this.api.stall = (ms) => void this.runUntil(() => false, ms)
    this.api.dryRunCopy = (req) => {
      // A throwaway cluster on a copy of the state: the request runs whole there and is forgotten.
      const copy = Object.create(SimCluster.prototype) as SimCluster
      Object.assign(copy, { s: structuredClone(this.s), kubelets: new Map(), byId: new Map() })
      copy.wire()
      copy.api.dryRunCopy = undefined
      return copy.api.handle(req)
    }
    this.api.logProvider = (ns, pod, container, opts, cause) => {
      const podObj = this.etcd.get(`/registry/pods/${ns}/${pod}`)?.value as { spec?: { nodeName?: string } } | undefined
      const node = podObj?.spec?.nodeName
      const k = node ? this.kubelets.get(node) : undefined
      if (!podObj) return { status: 404, body: { status: 404, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `pods "${pod}" not found`, reason: 'NotFound', details: { name: pod, kind: 'pods' }, code: 404 } } }
      if (!k) return { status: 400, body: { status: 400, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `pod ${pod} does not have a host assigned`, reason: 'BadRequest', code: 400 } } }
      if (k.processStopped) {
        this.ctx.trace.record({ t: this.queue.now, from: 'apiserver', to: k.id, kind: 'request', summary: `The apiserver asks the kubelet on ${node} for ${pod}'s logs: nobody answers, the kubelet is stopped`, cause })
        return k.dialError(`containerLogs/${ns}/${pod}/${container ?? (podObj as Pod).spec?.containers?.[0]?.name ?? ''}`)
      }
      return k.logs(ns, pod, container, opts, cause)
    }
  }

  private wireKubelet(name: string, ks: KubeletState): void {
    const k = new Kubelet(ks, this.ctx)
    this.kubelets.set(name, k)
    this.byId.set(k.id, k)
  }

  /** Creates the system namespaces, starts every component, and lets the cluster run a while. */
  private boot(): void {
    // The apiserver's rbac/bootstrap-roles hook and kubeadm's bindings (apiserver/authz/bootstrap.ts).
    for (const o of bootstrapPolicyObjects()) {
      const b = o.body as { kind: string; metadata: { name: string } }
      this.api.handle({ verb: 'POST', path: o.path, body: o.body, from: 'apiserver', summary: `bootstrap: ${b.kind} ${b.metadata.name}` })
    }
    const student = this.s.scenario.student
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', ...(student ? [STUDENT_NAMESPACE] : [])]) {
      this.api.handle({ verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, from: 'apiserver', summary: `bootstrap: namespace ${ns}` })
    }
    if (student) this.addStudent(student)
    const adminToken = this.s.scenario.adminToken
    if (adminToken) this.s.apiserver.tokenFile = [...(this.s.apiserver.tokenFile ?? []), adminTokenEntry(adminToken)]
    // The default StorageClass (controllers/persistentvolume): claims without a class get it.
    this.api.handle({ verb: 'POST', path: '/apis/storage.k8s.io/v1/storageclasses', body: defaultStorageClass(), from: 'apiserver', summary: 'bootstrap: default StorageClass standard' })
    // The kubernetes and kube-dns Services (proxy/network.ts).
    this.net.bootstrap(this.api)
    for (const k of this.kubelets.values()) k.start()
    this.cm.start()
    this.sched.start()
    for (const c of this.net.components()) c.start()
    this.run(BOOT_MS)
    // The student arrives at a running cluster: the boot's hops are not part of their story.
    // Ids keep counting, so causes that point into the boot stay unambiguous (older than any hop kept).
    this.s.trace.hops = []
  }

  /** The student user (apiserver/authz/student.ts): token file line, kubeconfig entry, RoleBindings. */
  private addStudent(mode: StudentMode): void {
    const entry = studentTokenEntry(this.ctx.rng.string(32, TOKEN_ALPHABET), this.ctx.rng.uuid())
    this.s.apiserver.tokenFile = [...(this.s.apiserver.tokenFile ?? []), entry]
    this.s.kubeconfig.users[STUDENT] = { token: entry.token }
    if (mode === 'current') this.s.kubeconfig.currentUser = STUDENT
    for (const b of studentBindings()) this.api.handle({ verb: 'POST', path: b.path, body: b.body, from: 'apiserver', summary: `setup: RoleBinding ${(b.body as { metadata: { name: string } }).metadata.name}` })
  }

  // ---- the event loop -------------------------------------------------------------------------

  private dispatch(type: string, payload: unknown): void {
    if (type === 'watch') {
      const d = payload as WatchDelivery
      const r = this.api.deliver(d)
      const hw = r && this.s.httpWatches.get(d.watchId)
      if (hw) hw.events.push({ type: d.type, object: d.object, t: this.queue.now })
      else if (r) this.byId.get(r.reg.subscriber)?.onWatch(d, r.hop)
    } else if (type === 'timer') {
      const p = payload as TimerPayload
      this.byId.get(p.component)?.onTimer(p)
    }
  }

  /** Processes every event due within the next `ms`. */
  private run(ms: number): void {
    const end = this.queue.now + ms
    for (;;) {
      const next = this.queue.peek()
      if (!next || next.t > end) break
      const e = this.queue.pop()!
      this.dispatch(e.type, e.payload)
    }
    this.queue.advanceTo(end)
  }

  /** Processes events until `done()` or `maxMs` pass. */
  private runUntil(done: () => boolean, maxMs: number): boolean {
    const end = this.queue.now + maxMs
    if (done()) return true
    for (;;) {
      const next = this.queue.peek()
      if (!next || next.t > end) break
      const e = this.queue.pop()!
      this.dispatch(e.type, e.payload)
      if (done()) return true
    }
    this.queue.advanceTo(end)
    return done()
  }

  private record(step: ScenarioStep): void {
    const steps = this.s.scenario.steps
    const last = steps[steps.length - 1]
    if ('advance' in step && last && 'advance' in last) last.advance += step.advance
    else steps.push(step)
  }

  // ---- the contract ---------------------------------------------------------------------------

  kubectl(command: string, stdin?: string): KubectlResult {
    this.record(stdin === undefined ? { kubectl: command } : { kubectl: command, stdin })
    return runKubectl(command, stdin, {
      api: this.api,
      now: () => this.queue.now,
      waitFor: (done, timeoutMs) => this.runUntil(done, timeoutMs),
      busy: () => this.queue.busy,
      exists: (key) => this.etcd.get(key) !== undefined,
      kubeconfig: this.s.kubeconfig,
    })
  }

  advance(ms: number): void {
    if (!(ms > 0)) return
    this.record({ advance: ms })
    this.run(ms)
  }

  settle(maxMs = 10 * 60 * 1000): void {
    this.record({ settle: true })
    this.runUntil(() => !this.queue.busy, maxMs)
  }

  hops(afterId = 0): readonly Hop[] {
    const hops = this.s.trace.hops
    if (afterId <= 0) return hops
    // Ids are dense and increasing from the first hop kept.
    const first = hops[0]?.id ?? 1
    return hops.slice(Math.max(0, afterId - first + 1))
  }

  now(): number {
    return this.queue.now
  }

  keyspace(): KeyValueView[] {
    return this.etcd.all().map((kv) => ({ key: kv.key, createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version, value: kv.value }))
  }

  scenario(): Scenario {
    return structuredClone(this.s.scenario)
  }

  components(): ComponentId[] {
    const ids: ComponentId[] = ['kubectl', 'apiserver', 'etcd', 'controller-manager', ...controllerNames().map((n) => `controller-manager/${n}`), 'scheduler', 'cloud-controller-manager']
    for (const name of this.s.kubelets.keys()) ids.push(`kubelet/${name}`, `runtime/${name}`, `kube-proxy/${name}`)
    // The cloud provider's API, outside the cluster: the cloud-controller-manager programs routes
    // and load balancers through it.
    ids.push('coredns', 'cloud')
    return ids
  }

  addNode(spec: NodeSpec): void {
    if (this.s.kubelets.has(spec.name)) throw new Error(`node ${spec.name} already exists`)
    this.record({ addNode: spec })
    // The next machine index: after a removal, the count would reuse a live node's address.
    const index = Math.max(-1, ...[...this.s.kubelets.values()].map((k) => k.index)) + 1
    const ks = newKubeletState(spec, index)
    this.s.kubelets.set(spec.name, ks)
    this.wireKubelet(spec.name, ks)
    this.kubelets.get(spec.name)!.start()
    const proxy = this.net.addNode(spec.name, ks.index)
    this.byId.set(proxy.id, proxy)
    proxy.start()
  }

  removeNode(name: string): void {
    const k = this.kubelets.get(name)
    if (!k) throw new Error(`node ${name} does not exist`)
    this.record({ removeNode: name })
    k.stop()
    this.api.handle({ verb: 'DELETE', path: `/api/v1/nodes/${name}`, from: 'cloud-controller-manager', summary: `The cloud-controller-manager deletes node ${name}: its VM is gone` })
    this.kubelets.delete(name)
    this.byId.delete(k.id)
    this.s.kubelets.delete(name)
    this.net.removeNode(name)
    this.byId.delete(`kube-proxy/${name}`)
  }

  stopNode(name: string): void {
    const k = this.kubelets.get(name)
    if (!k) throw new Error(`node ${name} does not exist`)
    this.record({ stopNode: name })
    k.stop()
    this.net.proxies.get(name)?.stop()
  }

  startNode(name: string): void {
    const k = this.kubelets.get(name)
    if (!k) throw new Error(`node ${name} does not exist`)
    this.record({ startNode: name })
    k.start()
    this.net.proxies.get(name)?.start()
  }

  stopComponent(id: ComponentId): void {
    this.record({ stopComponent: id })
    if (id === 'apiserver') this.s.apiserver.up = false
    else if (id === 'etcd') this.s.apiserver.etcdDown = true
    else if (id === 'controller-manager') this.cm.stop()
    else if (id === 'scheduler') this.sched.stop()
    else if (id === 'cloud-controller-manager') this.net.cloud.stop()
    else if (id.startsWith('kubelet/')) this.kubeletOf(id).stopProcess()
    else throw new Error(`unknown component ${id}`)
  }

  /** The kubelet a `kubelet/<node>` id names: stopping it alone leaves the node's containers running. */
  private kubeletOf(id: ComponentId): Kubelet {
    const k = this.kubelets.get(id.slice('kubelet/'.length))
    if (!k) throw new Error(`unknown component ${id}`)
    return k
  }

  startComponent(id: ComponentId): void {
    this.record({ startComponent: id })
    if (id === 'apiserver') this.s.apiserver.up = true
    else if (id === 'etcd') this.s.apiserver.etcdDown = false
    else if (id === 'controller-manager') this.cm.start()
    else if (id === 'scheduler') this.sched.start()
    else if (id === 'cloud-controller-manager') this.net.cloud.start()
    else if (id.startsWith('kubelet/')) {
      const k = this.kubeletOf(id)
      if (k.processStopped) k.start()
    } else throw new Error(`unknown component ${id}`)
  }

  setProxyMode(mode: ProxyMode): void {
    if (mode !== 'iptables' && mode !== 'ipvs') throw new Error(`unknown proxy mode ${mode}`)
    this.record({ proxyMode: mode })
    this.net.setMode(mode)
  }

  proxyRules(node: string): { mode: ProxyMode; text: string } {
    const p = this.net.proxies.get(node)
    if (!p) throw new Error(`node ${node} does not exist`)
    return { mode: p.s.mode, text: p.rulesText() }
  }

  cloudRoutes(): CloudRoute[] {
    return this.net.cloud.cloudRoutes()
  }

  request(url: string): ExternalResponse {
    this.record({ request: url })
    return this.net.request(url)
  }

  http(req: HttpRequest): HttpResponse {
    // `?dryRun=All` on an update, patch or delete: the apiserver runs the whole request and
    // stores nothing. The handlers store as they go, so run it on a copy of the state and put
    // the state back: nothing changes and nothing is recorded.
    if (req.method !== 'GET' && req.method !== 'POST' && (/(^|&)dryRun=All(&|$)/.test(req.query ?? '') || (req.method === 'DELETE' && /"dryRun"\s*:\s*\[\s*"All"/.test(req.body ?? '')))) {
      const saved = structuredClone(this.s)
      try {
        return this.serve(req).response
      } finally {
        this.s = saved
        this.wire()
      }
    }
    const { response, stateful } = this.serve(req)
    if (stateful) this.record({ http: req })
    return response
  }

  private serve(req: HttpRequest): { response: HttpResponse; stateful: boolean } {
    return serveHttp(req, {
      api: this.api,
      now: this.queue.now,
      revision: this.etcd.revision,
      openWatch: (type, opts, format, initial) => {
        const r = this.api.watch('kubectl', type, opts)
        if (!('id' in r)) return r
        this.s.httpWatches.set(r.id, { format, events: initial.map((object) => ({ type: 'ADDED', object, t: this.queue.now })), lastBookmark: this.queue.now })
        return r.id
      },
    })
  }

  userToken(user: string): string | undefined {
    return this.s.kubeconfig.users[user]?.token
  }

  drainWatch(id: number): string[] | undefined {
    const w = this.s.httpWatches.get(id)
    if (!w) return undefined
    const now = this.queue.now
    const lines = w.events.map((e) => watchEventLine(e.type, e.object, w.format, e.t))
    w.events = []
    // Bookmarks about once a minute, when the client allows them (allowWatchBookmarks=true).
    if (w.format.bookmarks && now - w.lastBookmark >= 60_000) {
      w.lastBookmark = now
      lines.push(JSON.stringify({ type: 'BOOKMARK', object: { kind: w.format.kind, apiVersion: w.format.apiVersion, metadata: { resourceVersion: String(this.etcd.revision) } } }) + '\n')
    }
    return lines
  }

  closeWatch(id: number): void {
    if (!this.s.httpWatches.has(id)) return
    this.record({ closeWatch: id })
    this.s.httpWatches.delete(id)
    this.api.stopWatch(id)
  }

  snapshot(): ClusterSnapshot {
    return { version: 1, state: structuredClone(this.s) }
  }

  restore(snap: ClusterSnapshot): void {
    if (snap?.version !== 1) throw new Error('unsupported snapshot version')
    this.s = structuredClone(snap.state as State)
    this.s.httpWatches ??= new Map()
    this.wire()
  }

  /** Replays one scenario step (used by runScenario). */
  apply(step: ScenarioStep): void {
    if ('kubectl' in step) this.kubectl(step.kubectl, step.stdin)
    else if ('advance' in step) this.advance(step.advance)
    else if ('settle' in step) this.settle()
    else if ('stopNode' in step) this.stopNode(step.stopNode)
    else if ('startNode' in step) this.startNode(step.startNode)
    else if ('addNode' in step) this.addNode(step.addNode)
    else if ('removeNode' in step) this.removeNode(step.removeNode)
    else if ('stopComponent' in step) this.stopComponent(step.stopComponent)
    else if ('startComponent' in step) this.startComponent(step.startComponent)
    else if ('proxyMode' in step) this.setProxyMode(step.proxyMode)
    else if ('request' in step) this.request(step.request)
    else if ('http' in step) this.http(step.http)
    else if ('closeWatch' in step) this.closeWatch(step.closeWatch)
  }
}

/** Creates a cluster: `createCluster({ seed: 1, nodes: 3 })`. */
export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new SimCluster(opts)
}

/** Rebuilds a cluster from a scenario, byte for byte. */
/**
 * Where a cluster's clock starts: 0 for the default date, later for a cluster created with an
 * `epoch` (a served cluster starts at the wall-clock date). A clock shown to students counts from here.
 */
export function clockStart(opts: { epoch?: number }): number {
  return opts.epoch === undefined ? 0 : Math.floor(opts.epoch) - EPOCH_MS - BOOT_MS
}

export function runScenario(s: Scenario): Cluster {
  const c = new SimCluster({ seed: s.seed, nodes: s.nodes, ...(s.proxyMode ? { proxyMode: s.proxyMode } : {}), ...(s.student ? { student: s.student } : {}), ...(s.adminToken ? { adminToken: s.adminToken } : {}), ...(s.epoch !== undefined ? { epoch: s.epoch } : {}) })
  for (const step of s.steps) c.apply(step)
  return c
}

