/**
 * The kubelet of one node, with its container runtime. It registers the Node, renews its Lease,
 * watches the pods bound to its node and drives each through the container runtime (CRI):
 * sandbox, image pulls, container start, probes, restarts with CrashLoopBackOff, graceful
 * termination (preStop, SIGTERM, SIGKILL), and reports status through the apiserver.
 * Upstream: pkg/kubelet/kubelet.go, pod_workers.go, kuberuntime/kuberuntime_manager.go,
 * kuberuntime_container.go (killContainer), prober/, images/.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1'
import type { WatchDelivery } from '../apiserver/watch'
import { changesPatch } from '../api/patch'
import { restPath } from '../apiserver/resources'
import { Client, R } from '../client/client'
import { scheduleTimer, type Component, type Ctx, type TimerPayload } from '../client/component'
import { Recorder, newRecorderState, type RecorderState } from '../client/events'
import { Informer, newInformerState, relistOnTimer, type InformerState } from '../client/informer'
import { EPOCH_MS } from '../sim/time'
import type { NodeSpec } from '../types'
import * as M from './model'
import { buildLease, buildNode, nodeIP, podIPPrefix } from './node'
import { buildPodStatus } from './status'
import type { ContainerRt, PodWorker } from './worker'
import { unboundClaims, VOLUME_RETRY_MS } from './volumes'
import { CONFIG_RETRY_MS, ConfigReader, containerEnv, containerMounts, podVolumeFiles } from './config'

/** CRI timings (virtual ms): creating the sandbox, creating and starting a container. */
export const SANDBOX_MS = 300
export const CREATE_MS = 40
export const START_MS = 60
/** Lease renewal period and the node status report period. Upstream: nodeLeaseDuration/4, nodeStatusReportFrequency. */
export const LEASE_RENEW_MS = 10_000
export const NODE_STATUS_MS = 5 * 60_000
/** The status manager's batch sync period, when it retries pod statuses it could not send. Upstream: syncPeriod. */
export const STATUS_SYNC_MS = 10_000
/** The minimum grace the kubelet gives SIGTERM after a long preStop hook. Upstream: minimumGracePeriodInSeconds. */
export const MIN_GRACE_MS = 2_000
/** A container that ran this long without exiting has its back-off reset. */
export const BACKOFF_RESET_MS = 10 * 60_000
/**
 * How soon the pod worker syncs a pod again after a failed sync (an image pull error), when it
 * finds the image in back-off and reports ImagePullBackOff. Upstream retries after a jittered
 * back-off period; Podium uses a fixed 5 s.
 */
export const POD_WORKER_RESYNC_MS = 5_000
/** The pod lifecycle event generator's relist period. */
export const PLEG_RELIST_MS = 1_000
/** How often to ask the model whether a long-running loop has ended yet. */
export const EXIT_POLL_MS = 60_000

export interface KubeletState {
  node: string
  spec: NodeSpec
  index: number
  up: boolean
  /** Incremented when the kubelet stops, so timers from before are ignored. */
  epoch: number
  pods: InformerState
  workers: Map<string, PodWorker>
  /** The node's image cache: image reference → size in bytes. */
  images: Map<string, number>
  nextIp: number
  nextContainer: number
  recorder: RecorderState
  /** When the machine stopped, while it is down. */
  stoppedAt?: number
  /**
   * When the kubelet process alone stopped (`stopComponent('kubelet/<node>')`), while it is
   * down: the machine and the runtime still run, so the containers keep running and serving.
   */
  processStoppedAt?: number
}

export function newKubeletState(spec: NodeSpec, index: number): KubeletState {
  return {
    node: spec.name,
    spec,
    index,
    up: false,
    epoch: 0,
    pods: newInformerState(R.pods, `spec.nodeName=${spec.name}`),
    workers: new Map(),
    images: new Map(),
    nextIp: 2,
    nextContainer: 1,
    recorder: newRecorderState(),
  }
}

type Data = { uid?: string; container?: string; run?: number; epoch: number }

export class Kubelet implements Component {
  readonly id: string
  readonly runtimeId: string
  private readonly client: Client
  private readonly recorder: Recorder
  private readonly informer: Informer

  constructor(
    readonly s: KubeletState,
    private readonly ctx: Ctx,
  ) {
    this.id = `kubelet/${s.node}`
    this.runtimeId = `runtime/${s.node}`
    this.client = new Client(ctx.api, this.id)
    this.recorder = new Recorder(s.recorder, ctx, this.client, { component: 'kubelet', host: s.node })
    this.informer = new Informer(s.pods, R.pods, ctx, this.id, (type, obj, _old, hop) => this.onPod(type, obj as Pod, hop))
  }

  private get now(): number {
    return this.ctx.queue.now
  }

  private timer(delay: number, action: string, data: Omit<Data, 'epoch'>, cause?: number, background?: boolean): void {
    scheduleTimer(this.ctx, delay, { component: this.id, action, data: { ...data, epoch: this.s.epoch }, cause, background })
  }

  private cri(call: string, summary: string, cause: number | undefined, extra: { container?: string; image?: string } = {}): number {
    return this.ctx.trace.record({ t: this.now, from: this.id, to: this.runtimeId, kind: 'cri', summary, detail: { cri: { call, ...extra } }, cause })
  }

  private signal(w: PodWorker, c: ContainerRt, signal: string, summary: string, cause: number | undefined, exitCode?: number): number {
    return this.ctx.trace.record({
      t: this.now,
      from: this.runtimeId,
      to: `pod/${w.namespace}/${w.name}`,
      kind: 'signal',
      summary,
      detail: { cri: { call: signal, container: c.name, signal, ...(exitCode !== undefined ? { exitCode } : {}) } },
      cause,
    })
  }

  // ---- lifecycle of the kubelet itself ---------------------------------------------------------

  start(cause?: number): void {
    const wasDown = this.s.stoppedAt !== undefined
    const resumed = !wasDown && this.s.processStoppedAt !== undefined
    this.s.processStoppedAt = undefined
    this.s.up = true
    this.s.epoch++
    if (wasDown) this.afterReboot()
    // A restarted kubelet finds the runtime's containers: what exited meanwhile is seen first
    // (the PLEG's first relist), before the pods' new state from the apiserver.
    if (resumed) this.relistContainers(cause)
    const existing = this.client.get(R.nodes, undefined, this.s.node, { cause, summary: `The kubelet on ${this.s.node} checks whether its Node object exists` })
    if (existing.status === 404) {
      this.client.create(R.nodes, undefined, buildNode(this.s.spec, this.s.index, this.now) as never, { cause, summary: `The kubelet registers its node ${this.s.node} with the apiserver` })
    } else if (existing.status === 200) {
      this.reportNodeStatus(cause, false)
    }
    this.informer.start(cause)
    if (resumed) this.resyncPods(cause)
    this.renewLease(cause)
    this.timer(NODE_STATUS_MS, 'nodeStatus', {}, undefined, true)
    // Pods the machine ran before it went down start again (their containers are gone).
    for (const w of this.s.workers.values()) if (!w.terminating && w.sandbox === 'none') this.timer(0, 'sync', { uid: w.uid })
  }

  /**
   * The machine was off: every container it ran is gone. Their last state is terminated with
   * reason Unknown (exit code 255), as the kubelet reports after a reboot, and pods will start
   * again (or, when deleted meanwhile, finish at once).
   */
  private afterReboot(): void {
    const at = this.s.stoppedAt ?? this.now
    this.s.stoppedAt = undefined
    for (const w of this.s.workers.values()) {
      if (w.sandbox === 'stopped') continue
      w.sandbox = 'none'
      for (const c of w.containers) {
        if (c.state !== 'running') continue
        c.state = 'terminated'
        c.ready = false
        c.current = { exitCode: 255, reason: 'Unknown', startedAt: c.startedAt ?? at, finishedAt: at, containerId: c.containerId ?? '' }
        c.lastProgram = c.program
        c.program = undefined
        c.stopping = undefined
      }
    }
  }

  /**
   * Only the kubelet process stops (`systemctl stop kubelet`): containerd and the containers
   * keep running, but nothing renews the Lease, reports status, probes, restarts or stops a
   * container until the kubelet starts again.
   */
  stopProcess(): void {
    if (!this.s.up) return
    this.s.processStoppedAt = this.now
    this.s.up = false
    this.s.epoch++
    this.informer.stop()
  }

  /**
   * What the apiserver answers when it cannot dial this stopped kubelet's port 10250: for logs
   * (`path`, the kubelet URL path) the HTTP client's error, for exec the dialer's. A Status with
   * no reason, so kubectl prints `Error from server: Get "https://…": dial tcp …: connect: connection refused`.
   */
  dialError(path?: string): { status: number; body: unknown } {
    const addr = `${nodeIP(this.s.index)}:10250`
    const dial = `dial tcp ${addr}: connect: connection refused`
    const message = path === undefined ? `error dialing backend: ${dial}` : `Get "https://${addr}/${path}": ${dial}`
    return { status: 500, body: { status: 500, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } } }
  }

  /** Whether the kubelet process is stopped while its machine runs. */
  get processStopped(): boolean {
    return this.s.processStoppedAt !== undefined
  }

  /**
   * The kubelet starts again on a running machine: the runtime reports the containers that
   * exited while it was away. A stop the old kubelet had begun is started over (the pod worker
   * kills the pod again with its grace period).
   */
  private relistContainers(cause?: number): void {
    for (const w of this.s.workers.values()) {
      if (w.finished) continue
      for (const c of w.containers) {
        if (c.state !== 'running') continue
        const st = c.stopping
        if (st && !st.killed && st.exitAt <= this.now) {
          this.exited(w, c, cause, { code: st.exitCode, reason: st.reason })
          this.backdateExit(c, st.exitAt)
          continue
        }
        c.stopping = undefined
        // A process that could not start ended at once; a loop beyond the model's horizon is asked.
        const at = c.startError ? this.now : (c.exitAt ?? (c.program ? M.exitBy(c.program, this.now)?.at : undefined))
        if (at === undefined || at > this.now) continue
        if (c.exitAt === undefined && !c.startError) c.exitCode = M.exitBy(c.program!, this.now)?.code
        this.exited(w, c, cause)
        this.backdateExit(c, at)
      }
      if (w.terminating && !w.finished && w.containers.some((c) => c.state === 'running')) w.terminating = undefined
    }
  }

  /** The runtime recorded when the process ended, not when the kubelet noticed. */
  private backdateExit(c: ContainerRt, at: number): void {
    const rec = c.current ?? c.last
    if (rec && rec.finishedAt === this.now) rec.finishedAt = at
  }

  /**
   * After the restart's LIST: every pod the kubelet runs is synced again. A pod deleted
   * meanwhile is stopped with its grace period (then its deletion confirmed); the others get
   * their probes, pending starts and restarts back, and a fresh status report.
   */
  private resyncPods(cause?: number): void {
    for (const w of this.s.workers.values()) {
      const pod = this.pod(w)
      if (w.finished || !pod) continue
      if (pod.metadata?.deletionTimestamp) {
        if (!w.terminating) this.beginTermination(w, pod, cause ?? 0)
        continue
      }
      w.statusRetry = false
      if (w.sandbox === 'creating') this.timer(0, 'sandboxReady', { uid: w.uid }, cause)
      if (w.sandbox !== 'ready') continue
      for (const c of w.containers) {
        const spec = this.specOf(pod, c)
        const data = { uid: w.uid, container: c.name, run: c.run }
        if (c.state === 'running') {
          if (c.exitAt !== undefined) this.timer(Math.max(0, c.exitAt - this.now), 'exited', data, cause)
          else if (c.program?.runsForever === 'beyond-horizon') this.timer(EXIT_POLL_MS, 'pollExit', data, cause, true)
          if (spec?.readinessProbe) this.timer(0, 'probe', data, cause)
          if (spec?.livenessProbe) this.timer(0, 'liveness', data, cause)
        } else if (c.state === 'waiting' && c.reason === 'CrashLoopBackOff') this.timer(0, 'restart', { uid: w.uid, container: c.name }, cause)
        else if (c.state === 'waiting' && (c.reason === 'ErrImagePull' || c.reason === 'ImagePullBackOff' || c.reason === 'CreateContainerConfigError')) this.timer(0, 'retryPull', { uid: w.uid, container: c.name }, cause)
      }
      this.startNext(w, pod, cause)
      this.report(w, cause, 'the kubelet started again and syncs the pod')
    }
  }

  /** The machine stops: nothing runs, nothing is reported. */
  stop(): void {
    this.s.stoppedAt = this.now
    this.s.up = false
    this.s.epoch++
    this.informer.stop()
  }

  private renewLease(cause?: number): void {
    const node = this.ctx.api.peek(`/api/v1/nodes/${this.s.node}`) as { metadata?: { uid?: string } } | undefined
    const lease = buildLease(this.s.node, node?.metadata?.uid, this.now)
    const path = `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${this.s.node}`
    const cur = this.ctx.api.peek(path)
    const summary = `The kubelet on ${this.s.node} renews its Lease (heartbeat)`
    if (!cur) this.client.create(R.leases, 'kube-node-lease', lease, { cause, summary, background: true })
    else this.client.update(R.leases, { ...cur, spec: lease.spec }, { cause, summary, background: true })
    this.timer(LEASE_RENEW_MS, 'lease', {}, undefined, true)
  }

  private reportNodeStatus(cause: number | undefined, background: boolean): void {
    const cur = this.ctx.api.peek(`/api/v1/nodes/${this.s.node}`) as Pod | undefined
    if (!cur) return
    const fresh = buildNode(this.s.spec, this.s.index, this.now)
    const prevConds = (cur.status as { conditions?: { type: string; status: string; lastTransitionTime?: string }[] })?.conditions ?? []
    const conditions = fresh.status!.conditions!.map((c) => {
      const p = prevConds.find((x) => x.type === c.type)
      return p && p.status === c.status ? { ...c, lastTransitionTime: p.lastTransitionTime } : c
    })
    const images = [...this.s.images.entries()].map(([name, size]) => ({ names: [name], sizeBytes: size }))
    const status = changesPatch(cur.status, { ...fresh.status, conditions, images }, ['status'])
    if (Object.keys(status).length === 0) return
    this.client.patch(R.nodes, undefined, this.s.node, { status }, 'strategic', { cause, summary: `The kubelet on ${this.s.node} reports node status`, background }, 'status')
  }

  // ---- watch ---------------------------------------------------------------------------------

  onWatch(d: WatchDelivery, hop: number): void {
    if (!this.s.up) return
    if (this.informer.owns(d.watchId)) this.informer.onDelivery(d, hop)
  }

  private onPod(type: string, pod: Pod, hop: number): void {
    const uid = pod.metadata!.uid!
    let w = this.s.workers.get(uid)
    if (type === 'DELETED') {
      if (w) {
        // Force-deleted while still running: the kubelet kills what is left.
        if (!w.finished) this.killAll(w, pod, 0, hop)
        this.s.workers.delete(uid)
      }
      return
    }
    if (!w) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return
      w = this.newWorker(pod)
      this.s.workers.set(uid, w)
    }
    if (pod.metadata?.deletionTimestamp && !w.terminating) {
      this.beginTermination(w, pod, hop)
      return
    }
    if (w.sandbox === 'none') this.syncPod(w, pod, hop)
  }

  private newWorker(pod: Pod): PodWorker {
    const mk = (c: Container, index: number, init: boolean): ContainerRt => ({
      name: c.name,
      init,
      index,
      image: c.image ?? '',
      state: 'waiting',
      reason: init || !(pod.spec?.initContainers?.length) ? 'ContainerCreating' : 'PodInitializing',
      restartCount: 0,
      backoffMs: 0,
      pullBackoffMs: 10_000,
      ready: false,
      started: false,
      livenessFailures: 0,
      readinessFailures: 0,
      readinessOk: !c.readinessProbe,
      run: 0,
    })
    return {
      uid: pod.metadata!.uid!,
      namespace: pod.metadata!.namespace!,
      name: pod.metadata!.name!,
      sandbox: 'none',
      containers: [...(pod.spec?.initContainers ?? []).map((c, i) => mk(c, i, true)), ...(pod.spec?.containers ?? []).map((c, i) => mk(c, i, false))],
      finished: false,
      phase: 'Pending',
      transitions: {},
    }
  }

  private pod(w: PodWorker): Pod | undefined {
    return this.informer.get(`${w.namespace}/${w.name}`) as Pod | undefined
  }

  private specOf(pod: Pod, c: ContainerRt): Container | undefined {
    return (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.[c.index]
  }

  /** Reports the pod's status to the apiserver (the status manager). */
  private report(w: PodWorker, cause: number | undefined, why: string): void {
    const pod = this.pod(w)
    if (!pod) return
    const status = buildPodStatus(pod, w, nodeIP(this.s.index), this.now)
    // Only what changed since the stored status (the status manager reads the pod first), and
    // nothing at all when nothing did.
    const stored = (this.ctx.api.peek(restPath(R.pods, w.namespace, w.name)) as Pod | undefined) ?? pod
    const changes = changesPatch(stored.status, status as Record<string, unknown>, ['status'])
    if (Object.keys(changes).length === 0) return
    const r = this.client.patch(R.pods, w.namespace, w.name, { metadata: { uid: w.uid }, status: changes }, 'strategic', { cause, summary: `The kubelet on ${this.s.node} reports ${w.name}'s status: ${why}` }, 'status')
    // The status manager keeps what it could not send and tries again on its next batch sync.
    // Upstream: pkg/kubelet/status/status_manager.go syncBatch (every 10 s).
    if (r.status >= 500 && !w.statusRetry) {
      w.statusRetry = true
      this.timer(STATUS_SYNC_MS, 'statusSync', { uid: w.uid }, r.hop)
    }
  }

  // ---- starting a pod -------------------------------------------------------------------------

  private syncPod(w: PodWorker, pod: Pod, cause: number): void {
    // Volumes first: a pod whose claims are not Bound waits (kubelet/volumes.ts).
    if (unboundClaims(this.client, pod, this.s.node, cause).length) {
      this.timer(VOLUME_RETRY_MS, 'volumes', { uid: w.uid }, cause)
      return
    }
    // ConfigMap and Secret volumes are set up before the sandbox (kubelet/config.ts); while one
    // is missing the pod stays ContainerCreating and the volume manager tries again.
    const vols = podVolumeFiles(new ConfigReader(this.client, pod, this.s.node, cause), pod)
    if (vols.failures.length) {
      for (const f of vols.failures) this.recorder.event(pod, 'Warning', 'FailedMount', f, cause)
      // The status manager reports the waiting containers once (ContainerCreating).
      if (!w.startTime) {
        w.startTime = this.now
        this.report(w, cause, `waiting for volumes: ${vols.failures.join('; ')}`)
      }
      this.timer(VOLUME_RETRY_MS, 'volumes', { uid: w.uid }, cause, true)
      return
    }
    if (Object.keys(vols.files).length) w.volumeFiles = vols.files
    w.sandbox = 'creating'
    w.startTime = this.now
    const h = this.cri('RunPodSandbox', `The kubelet asks the container runtime to create ${w.name}'s sandbox (pause container and network namespace)`, cause)
    this.timer(SANDBOX_MS, 'sandboxReady', { uid: w.uid }, h)
  }

  private sandboxReady(w: PodWorker, cause?: number): void {
    const pod = this.pod(w)
    if (!pod || w.terminating) return
    w.sandbox = 'ready'
    // The CNI plugin's host-local IPAM hands out addresses from the node's spec.podCIDR.
    const node = this.ctx.api.peek(`/api/v1/nodes/${this.s.node}`) as Node | undefined
    w.ip = `${podIPPrefix(node?.spec?.podCIDR, this.s.index)}${this.s.nextIp++}`
    w.readyToStartAt = this.now
    const h = this.ctx.trace.record({ t: this.now, from: this.runtimeId, to: this.id, kind: 'response', summary: `Sandbox ready: ${w.name} has IP ${w.ip}`, cause })
    this.report(w, h, `sandbox ready with IP ${w.ip}, containers being created`)
    this.startNext(w, pod, h)
  }

  /** Starts the next container that should run: init containers one by one, then the rest in order. */
  private startNext(w: PodWorker, pod: Pod, cause?: number): void {
    if (w.terminating || w.sandbox !== 'ready') return
    const inits = w.containers.filter((c) => c.init)
    const pendingInit = inits.find((c) => !(c.state === 'terminated' && c.current?.exitCode === 0))
    if (pendingInit) {
      if (pendingInit.state === 'waiting' && !pendingInit.reason?.includes('BackOff') && pendingInit.reason !== 'Pulling') this.beginContainer(w, pod, pendingInit, cause)
      return
    }
    const next = w.containers.find((c) => !c.init && c.state === 'waiting' && (c.reason === 'ContainerCreating' || c.reason === 'PodInitializing'))
    if (next) this.beginContainer(w, pod, next, cause)
  }

  /** Image policy, then create and start. */
  private beginContainer(w: PodWorker, pod: Pod, c: ContainerRt, cause?: number): void {
    const spec = this.specOf(pod, c)
    if (!spec) return
    c.reason = 'ContainerCreating'
    const policy = spec.imagePullPolicy ?? 'IfNotPresent'
    const img = M.resolvePull(spec.image ?? '')
    if (!img.ok && img.invalidName) {
      c.reason = 'InvalidImageName'
      c.message = img.message
      this.recorder.event(pod, 'Warning', 'InspectFailed', img.message, cause, `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`)
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: InvalidImageName', cause, `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`)
      this.report(w, cause, `${c.name} has an invalid image name`)
      return
    }
    const cached = img.ok && this.s.images.has(img.fullName)
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    if (policy === 'Never' && !cached) {
      c.reason = 'ErrImageNeverPull'
      c.message = M.imageNeverPullMessage(spec.image ?? '')
      this.recorder.event(pod, 'Warning', 'ErrImageNeverPull', c.message, cause, fieldPath)
      this.report(w, cause, `${c.name}: ErrImageNeverPull`)
      return
    }
    if (cached && policy !== 'Always') {
      this.recorder.event(pod, 'Normal', 'Pulled', M.imageAlreadyPresentMessage(spec.image ?? ''), cause, fieldPath)
      this.timer(0, 'create', { uid: w.uid, container: c.name }, cause)
      return
    }
    this.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${spec.image}"`, cause, fieldPath)
    const h = this.cri('PullImage', `The kubelet asks the runtime to pull image ${spec.image} for ${w.name}`, cause, { container: c.name, image: spec.image })
    const ms = img.ok ? M.pullMs(img.size, cached) : M.PULL_FAILURE_MS
    this.timer(ms, 'pulled', { uid: w.uid, container: c.name }, h)
  }

  private pulled(w: PodWorker, c: ContainerRt, cause?: number): void {
    const pod = this.pod(w)
    if (!pod || w.terminating) return
    const spec = this.specOf(pod, c)!
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    const img = M.resolvePull(spec.image ?? '')
    if (!img.ok) {
      const h = this.ctx.trace.record({ t: this.now, from: this.runtimeId, to: this.id, kind: 'response', summary: `Pull failed: ${img.message}`, cause })
      c.reason = 'ErrImagePull'
      c.message = img.message
      this.recorder.event(pod, 'Warning', 'Failed', `Failed to pull image "${spec.image}": ${img.message}`, h, fieldPath)
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', h, fieldPath)
      this.report(w, h, `${c.name} could not pull its image (ErrImagePull)`)
      // The pod worker's next sync (after a failed sync) finds the image in back-off.
      c.pullFailedAt = this.now
      this.timer(POD_WORKER_RESYNC_MS, 'pullBackoff', { uid: w.uid, container: c.name }, h)
      return
    }
    const h = this.ctx.trace.record({ t: this.now, from: this.runtimeId, to: this.id, kind: 'response', summary: `Image ${spec.image} pulled (${img.size} bytes)`, cause })
    const already = this.s.images.has(img.fullName)
    this.s.images.set(img.fullName, img.size)
    const took = M.pullMs(img.size, already)
    this.recorder.event(pod, 'Normal', 'Pulled', M.pulledImageMessage(spec.image ?? '', took, took, img.size), h, fieldPath)
    this.createContainer(w, pod, c, h)
  }

  private pullBackoff(w: PodWorker, c: ContainerRt, cause?: number): void {
    const pod = this.pod(w)
    if (!pod || w.terminating) return
    const spec = this.specOf(pod, c)!
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    c.reason = 'ImagePullBackOff'
    c.message = M.imagePullBackOffWaitingMessage(spec.image ?? '', c.message)
    this.recorder.event(pod, 'Normal', 'BackOff', M.backOffPullingMessage(spec.image ?? ''), cause, fieldPath)
    this.recorder.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', cause, fieldPath)
    this.report(w, cause, `${c.name} waits before pulling again (ImagePullBackOff)`)
    // Back off before pulling again: 10 s doubling to 5 min, counted from the failure.
    const delay = Math.max(0, (c.pullFailedAt ?? this.now) + c.pullBackoffMs - this.now)
    c.pullBackoffMs = Math.min(c.pullBackoffMs * 2, 300_000)
    this.timer(delay, 'retryPull', { uid: w.uid, container: c.name }, cause)
  }

  private createContainer(w: PodWorker, pod: Pod, c: ContainerRt, cause?: number): void {
    const spec = this.specOf(pod, c)!
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    // generateContainerConfig: the environment from ConfigMaps and Secrets (kubelet/config.ts).
    const cfg = containerEnv(new ConfigReader(this.client, pod, this.s.node, cause), pod, spec, w.ip ?? '', nodeIP(this.s.index))
    if ('error' in cfg) {
      c.reason = 'CreateContainerConfigError'
      c.message = cfg.error
      this.recorder.event(pod, 'Warning', 'Failed', `Error: ${cfg.error}`, cause, fieldPath)
      this.report(w, cause, `${c.name} cannot be created: ${cfg.error} (CreateContainerConfigError)`)
      // The pod worker syncs again after a back-off; background, so settle() does not wait for it.
      this.timer(CONFIG_RETRY_MS, 'retryPull', { uid: w.uid, container: c.name }, cause, true)
      // The other containers of the pod still start (SyncPod starts each in turn).
      if (!c.init) this.startNext(w, pod, cause)
      return
    }
    // Kept only when it differs from the container's literal env (the runtime's default).
    const mounts = containerMounts(spec, w.volumeFiles)
    const refs = spec.envFrom?.length || spec.env?.some((e) => e.valueFrom || e.value?.includes('$('))
    c.config = refs || mounts.length ? { env: cfg.env, mounts } : undefined
    const h = this.cri('CreateContainer', `The kubelet asks the runtime to create container ${c.name} of ${w.name}`, cause, { container: c.name, image: spec.image })
    c.containerId = `containerd://${M.containerId(`${this.s.node}/${w.uid}/${c.name}/${this.s.nextContainer++}`)}`
    const img = M.resolvePull(spec.image ?? '')
    if (img.ok) {
      c.fullImage = img.fullName
      c.imageId = img.imageId
    }
    this.recorder.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, h, fieldPath)
    this.timer(CREATE_MS, 'start', { uid: w.uid, container: c.name }, h)
  }

  private startContainer(w: PodWorker, c: ContainerRt, cause?: number): void {
    const pod = this.pod(w)
    if (!pod || w.terminating) return
    const spec = this.specOf(pod, c)!
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    const h = this.cri('StartContainer', `The kubelet asks the runtime to start container ${c.name}`, cause, { container: c.name })
    const run = M.start({ pod, container: spec, startedAt: this.now + START_MS, podIP: w.ip ?? '', node: this.s.node, env: c.config?.env, mounts: c.config?.mounts })
    c.run++
    c.program = run
    if (run.startError) {
      // The runtime could not start the process: it counts as a run that ended at once.
      c.state = 'running'
      c.startedAt = undefined
      c.startError = run.startError.message
      c.exitCode = run.startError.exitCode
      this.recorder.event(pod, 'Warning', 'Failed', `Error: ${run.startError.message}`, h, fieldPath)
      this.timer(START_MS, 'exited', { uid: w.uid, container: c.name, run: c.run }, h)
      return
    }
    c.state = 'running'
    c.reason = undefined
    c.message = undefined
    c.startedAt = this.now + START_MS
    c.started = true
    c.livenessFailures = 0
    c.readinessFailures = 0
    c.readinessOk = !spec.readinessProbe
    c.ready = !spec.readinessProbe && !c.init
    c.exitAt = run.exit?.at
    c.exitCode = run.exit?.code
    this.recorder.event(pod, 'Normal', 'Started', `Started container ${c.name}`, h, fieldPath)
    const sig = this.signal(w, c, 'start', `Container ${c.name} of ${w.name} starts running`, h)
    if (run.exit) this.timer(run.exit.at - this.now, 'exited', { uid: w.uid, container: c.name, run: c.run }, sig)
    // A loop the model could not see the end of yet: look again as time passes.
    else if (run.runsForever === 'beyond-horizon') this.timer(EXIT_POLL_MS, 'pollExit', { uid: w.uid, container: c.name, run: c.run }, sig, true)
    if (spec.readinessProbe) this.timer(START_MS + (spec.readinessProbe.initialDelaySeconds ?? 0) * 1000, 'probe', { uid: w.uid, container: c.name, run: c.run }, sig)
    if (spec.livenessProbe) this.timer(START_MS + (spec.livenessProbe.initialDelaySeconds ?? 0) * 1000, 'liveness', { uid: w.uid, container: c.name, run: c.run }, sig)
    // The kubelet notices the running container at its next PLEG relist (every second) and
    // reports status then. Upstream: pkg/kubelet/pleg/generic.go (relistPeriod).
    const started = this.now + START_MS
    this.timer(started + (PLEG_RELIST_MS - (started % PLEG_RELIST_MS)) - this.now, 'started', { uid: w.uid, container: c.name, run: c.run }, sig)
  }

  private containerStarted(w: PodWorker, c: ContainerRt, cause?: number): void {
    const pod = this.pod(w)
    if (!pod) return
    this.report(w, cause, `container ${c.name} is running${c.ready ? ' and ready' : ''}`)
    if (!c.init) this.startNext(w, pod, cause)
  }

  // ---- probes ---------------------------------------------------------------------------------

  private probe(w: PodWorker, c: ContainerRt, kind: 'readiness' | 'liveness', cause?: number): void {
    const pod = this.pod(w)
    if (!pod || c.state !== 'running' || w.terminating) return
    const spec = this.specOf(pod, c)!
    const p = kind === 'readiness' ? spec.readinessProbe : spec.livenessProbe
    if (!p) return
    const pr = M.runProbe(c.program!, p, kind === 'readiness' ? 'Readiness' : 'Liveness', this.now, { podIP: w.ip ?? '', namedPorts: M.namedPorts(spec) })
    // An errored probe (`unknown`) keeps the previous result.
    if (pr.result === 'unknown') {
      this.timer((p.periodSeconds ?? 10) * 1000, kind === 'readiness' ? 'probe' : 'liveness', { uid: w.uid, container: c.name, run: c.run }, cause, true)
      return
    }
    const r = { ok: pr.result === 'success', event: pr.event ?? '' }
    const fieldPath = `spec.containers{${c.name}}`
    const period = (p.periodSeconds ?? 10) * 1000
    if (kind === 'readiness') {
      const wasReady = c.ready
      if (r.ok) {
        c.readinessFailures = 0
        c.ready = true
      } else {
        c.readinessFailures++
        this.recorder.event(pod, 'Warning', 'Unhealthy', r.event, cause, fieldPath)
        if (c.readinessFailures >= (p.failureThreshold ?? 3) || !c.started) c.ready = false
      }
      if (wasReady !== c.ready) {
        const h = this.ctx.trace.record({ t: this.now, from: this.id, to: `pod/${w.namespace}/${w.name}`, kind: 'request', summary: `Readiness probe of ${c.name}: ${r.ok ? 'success' : 'failure'}`, cause })
        this.report(w, h, `container ${c.name} is ${c.ready ? 'ready' : 'not ready'}`)
      }
      this.timer(period, 'probe', { uid: w.uid, container: c.name, run: c.run }, cause, true)
      return
    }
    if (r.ok) c.livenessFailures = 0
    else {
      c.livenessFailures++
      this.recorder.event(pod, 'Warning', 'Unhealthy', r.event, cause, fieldPath)
      if (c.livenessFailures >= (p.failureThreshold ?? 3)) {
        const h = this.ctx.trace.record({ t: this.now, from: this.id, to: `pod/${w.namespace}/${w.name}`, kind: 'request', summary: `Liveness probe of ${c.name} failed ${c.livenessFailures} times: restart it`, cause })
        this.recorder.event(pod, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`, h, fieldPath)
        this.stopContainer(w, pod, c, (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, 'liveness', h)
        return
      }
    }
    this.timer(period, 'liveness', { uid: w.uid, container: c.name, run: c.run }, cause, true)
  }

  // ---- exits and restarts -----------------------------------------------------------------------

  private exited(w: PodWorker, c: ContainerRt, cause?: number, signalled?: { code: number; reason?: string; signal?: number }): void {
    const pod = this.pod(w)
    if (!pod) return
    if (c.state === 'running') {
      const code = signalled?.code ?? c.exitCode ?? 0
      c.state = 'terminated'
      c.ready = false
      c.current = {
        exitCode: code,
        reason: c.startError ? 'StartError' : (signalled?.reason ?? (code === 0 ? 'Completed' : 'Error')),
        ...(c.startError ? { message: c.startError } : {}),
        ...(signalled?.signal ? { signal: signalled.signal } : {}),
        // A process that never started reports the zero time (1970-01-01T00:00:00Z).
        startedAt: c.startedAt ?? -EPOCH_MS,
        finishedAt: this.now,
        containerId: c.containerId ?? '',
      }
      c.startError = undefined
    }
    c.stopping = undefined
    const h = this.signal(w, c, 'exit', `Container ${c.name} of ${w.name} exited with code ${c.current?.exitCode}`, cause, c.current?.exitCode)
    if (w.terminating) {
      this.maybeFinish(w, pod, h)
      return
    }
    const policy = pod.spec?.restartPolicy ?? 'Always'
    const code = c.current?.exitCode ?? 0
    const restart = c.init ? code !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && code !== 0)
    if (!restart) {
      this.report(w, h, `container ${c.name} terminated (${c.current?.reason}, exit code ${code})`)
      if (c.init && code === 0) this.startNext(w, pod, h)
      return
    }
    // CrashLoopBackOff: the first restart is immediate, then 10 s doubling to 5 min.
    const ranFor = this.now - (c.startedAt ?? this.now)
    if (ranFor >= BACKOFF_RESET_MS) c.backoffMs = 0
    const delay = c.backoffMs
    c.backoffMs = delay === 0 ? 10_000 : Math.min(delay * 2, 300_000)
    if (delay === 0) {
      this.report(w, h, `container ${c.name} terminated (exit code ${code}); restarting it`)
      this.timer(0, 'restart', { uid: w.uid, container: c.name }, h)
      return
    }
    this.setCrashLoop(w, pod, c, delay, h)
  }

  private setCrashLoop(w: PodWorker, pod: Pod, c: ContainerRt, delay: number, cause?: number): void {
    c.last = c.current
    c.current = undefined
    c.lastProgram = c.program
    c.state = 'waiting'
    c.reason = 'CrashLoopBackOff'
    c.message = M.crashLoopBackOffWaitingMessage(delay, c.name, w.name, w.namespace, w.uid)
    this.recorder.event(pod, 'Warning', 'BackOff', M.backOffRestartingMessage(c.name, w.name, w.namespace, w.uid), cause, `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`)
    this.report(w, cause, `container ${c.name} is in CrashLoopBackOff for ${M.goDuration(delay)}`)
    this.timer(delay, 'restart', { uid: w.uid, container: c.name }, cause)
  }

  private restart(w: PodWorker, c: ContainerRt, cause?: number): void {
    const pod = this.pod(w)
    if (!pod || w.terminating) return
    if (c.current) c.last = c.current
    c.current = undefined
    c.lastProgram = c.program
    c.program = undefined
    c.restartCount++
    c.state = 'waiting'
    c.reason = 'ContainerCreating'
    c.message = undefined
    this.beginContainer(w, pod, c, cause)
  }

  // ---- graceful termination -----------------------------------------------------------------------

  /**
   * The pod has a deletionTimestamp: stop every container within the grace period. The
   * preStop hook runs first; when it outlasts the grace period the runtime still gives SIGTERM
   * 2 more seconds; SIGKILL ends whatever still runs.
   */
  private beginTermination(w: PodWorker, pod: Pod, cause: number): void {
    const grace = (pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000
    w.terminating = { started: this.now, grace }
    const h = this.ctx.trace.record({ t: this.now, from: this.id, to: this.runtimeId, kind: 'cri', summary: `The kubelet starts stopping ${w.name}: grace period ${grace / 1000}s`, detail: { cri: { call: 'KillPod' } }, cause })
    this.killAll(w, pod, grace, h)
  }

  private killAll(w: PodWorker, pod: Pod, grace: number, cause?: number): void {
    let running = 0
    for (const c of w.containers) {
      if (c.state === 'running') {
        running++
        this.stopContainer(w, pod, c, grace, 'delete', cause)
      } else if (c.state === 'waiting') {
        c.state = 'terminated'
        c.current = c.current ?? (c.last ? undefined : undefined)
      }
    }
    if (running === 0) this.maybeFinish(w, pod, cause)
  }

  /**
   * Stops one container as the kubelet and containerd do: preStop hook (bounded by the grace
   * period), the image's stop signal, then SIGKILL when the grace period (at least 2 s after a
   * long hook) runs out. The runtime model says when and how the process ends.
   */
  private stopContainer(w: PodWorker, pod: Pod, c: ContainerRt, graceMs: number, why: 'delete' | 'liveness', cause?: number): void {
    const spec = this.specOf(pod, c)
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    if (why === 'delete') this.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, cause, fieldPath)
    if (!c.program) return
    const r = M.stopContainer(c.program, {
      at: this.now,
      gracePeriodSeconds: Math.floor(graceMs / 1000),
      preStop: spec?.lifecycle?.preStop,
      containerName: c.name,
      podFullName: `${w.name}_${w.namespace}(${w.uid})`,
      podIP: w.ip ?? '',
      namedPorts: spec ? M.namedPorts(spec) : {},
    })
    c.program = r.program
    c.stopping = { why, signal: r.signal, signalAt: r.signalAt, killAt: r.killAt, killed: r.killed, exitAt: r.exit.at, exitCode: r.exit.code, reason: r.exit.reason, why2: r.signalOutcome?.why }
    for (const e of r.events) if (e.reason !== 'Killing') this.recorder.event(pod, e.type as 'Normal' | 'Warning', e.reason, e.message, cause, fieldPath)
    const data = { uid: w.uid, container: c.name, run: c.run }
    if (r.preStop) {
      const h = this.cri('ExecSync', `The kubelet runs ${c.name}'s preStop hook (it may take up to the grace period, ${graceMs / 1000}s)`, cause, { container: c.name })
      this.timer(r.signalAt - this.now, 'sigterm', data, h)
    } else this.timer(r.signalAt - this.now, 'sigterm', data, cause)
  }

  private sigterm(w: PodWorker, c: ContainerRt, cause?: number): void {
    const st = c.stopping
    if (c.state !== 'running' || !st) return
    const data = { uid: w.uid, container: c.name, run: c.run }
    const killIn = (st.killAt - this.now) / 1000
    const h = this.signal(w, c, st.signal, `The runtime sends ${st.signal} to ${c.name} (SIGKILL in ${killIn}s if it is still running)${st.why2 ? `: ${st.why2}` : ''}`, cause)
    if (st.killed) this.timer(st.killAt - this.now, 'sigkill', data, h)
    else this.timer(Math.max(0, st.exitAt - this.now), 'stopped', data, h)
  }

  private sigkill(w: PodWorker, c: ContainerRt, cause?: number): void {
    if (c.state !== 'running' || !c.stopping) return
    const h = this.signal(w, c, 'SIGKILL', `The grace period is over: the runtime sends SIGKILL to ${c.name}`, cause, 137)
    this.exited(w, c, h, { code: 137, reason: 'Error' })
  }

  private stopped(w: PodWorker, c: ContainerRt, cause?: number): void {
    const st = c.stopping
    if (c.state !== 'running' || !st) return
    this.exited(w, c, cause, { code: st.exitCode, reason: st.reason })
  }

  /** All containers stopped: report the final status, remove the sandbox and delete the pod for good. */
  private maybeFinish(w: PodWorker, pod: Pod, cause?: number): void {
    if (w.finished || w.containers.some((c) => c.state === 'running')) return
    w.finished = true
    const h = this.cri('StopPodSandbox', `All containers of ${w.name} stopped: the kubelet removes its sandbox`, cause)
    w.sandbox = 'stopped'
    this.report(w, h, `all containers stopped, phase ${buildPodStatus(pod, w, nodeIP(this.s.index), this.now).phase}`)
    this.client.delete(R.pods, w.namespace, w.name, { gracePeriodSeconds: 0, preconditions: { uid: w.uid } }, { cause: h, summary: `The kubelet deletes ${w.name} for good (grace period 0)` })
  }

  // ---- logs -------------------------------------------------------------------------------------

  logs(ns: string, podName: string, container: string | undefined, opts: Record<string, string>, cause: number): { status: number; body: unknown } {
    const reqHop = this.ctx.trace.record({ t: this.now, from: 'apiserver', to: this.id, kind: 'request', summary: `The apiserver asks the kubelet on ${this.s.node} for ${podName}'s logs`, cause })
    const pod = this.informer.get(`${ns}/${podName}`) as Pod | undefined
    const w = pod ? this.s.workers.get(pod.metadata!.uid!) : undefined
    const fail = (code: number, reason: string, message: string) => {
      this.ctx.trace.record({ t: this.now, from: this.id, to: 'apiserver', kind: 'response', summary: `${code} ${message}`, cause: reqHop })
      return { status: code, body: { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } } }
    }
    if (!pod || !w) return fail(400, 'BadRequest', `container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`)
    const c = w.containers.find((x) => x.name === container)
    if (!c) return fail(400, 'BadRequest', `container ${container} is not valid for pod ${podName}`)
    let text: string
    if (opts.previous === 'true') {
      if (!c.last) return fail(400, 'BadRequest', `previous terminated container "${container}" in pod "${podName}" not found`)
      text = c.lastProgram ? M.logs(c.lastProgram, c.last.finishedAt, opts, c.accessLog) : ''
    } else if (c.state === 'waiting' && !c.last) {
      return fail(400, 'BadRequest', `container "${container}" in pod "${podName}" is waiting to start: ${c.reason ?? 'ContainerCreating'}`)
    } else {
      // A container waiting to restart shows the logs of its last run, as the runtime keeps them.
      const program = c.state === 'waiting' ? c.lastProgram : c.program
      const until = c.state === 'waiting' ? c.last!.finishedAt : c.state === 'terminated' ? (c.current?.finishedAt ?? this.now) : this.now
      text = program ? M.logs(program, until, opts, c.accessLog) : ''
    }
    this.ctx.trace.record({ t: this.now, from: this.id, to: 'apiserver', kind: 'response', summary: `200 OK: ${text.split('\n').filter(Boolean).length} log lines of ${podName}/${container}`, cause: reqHop })
    return { status: 200, body: text }
  }

  // ---- Service traffic (proxy/traffic.ts) -------------------------------------------------------

  /** The pod's IP and its containers' running processes, for traffic and `kubectl exec`. */
  podProcesses(ns: string, podName: string): { ip: string; containers: { name: string; program?: M.Program; running: boolean }[] } | undefined {
    const pod = this.informer.get(`${ns}/${podName}`) as Pod | undefined
    const w = pod ? this.s.workers.get(pod.metadata!.uid!) : undefined
    if (!w) return undefined
    return { ip: w.ip ?? '', containers: w.containers.filter((c) => !c.init).map((c) => ({ name: c.name, program: c.program, running: c.state === 'running' })) }
  }

  /** Appends a line a container's process wrote to stdout while serving a request. */
  appendLog(ns: string, podName: string, container: string, text: string): void {
    const pod = this.informer.get(`${ns}/${podName}`) as Pod | undefined
    const c = pod ? this.s.workers.get(pod.metadata!.uid!)?.containers.find((x) => x.name === container) : undefined
    if (c) (c.accessLog ??= []).push({ t: this.now, stream: 'stdout', text })
  }

  // ---- timers -----------------------------------------------------------------------------------

  onTimer(p: TimerPayload): void {
    const d = p.data as Data
    if (this.s.up && relistOnTimer(p, () => [this.informer])) return
    if (!this.s.up || d.epoch !== this.s.epoch) return
    if (p.action === 'lease') return this.renewLease(p.cause)
    if (p.action === 'nodeStatus') {
      this.reportNodeStatus(p.cause, true)
      this.timer(NODE_STATUS_MS, 'nodeStatus', {}, undefined, true)
      return
    }
    const w = d.uid ? this.s.workers.get(d.uid) : undefined
    if (!w) return
    if (p.action === 'statusSync') {
      w.statusRetry = false
      return this.report(w, p.cause, 'status sync retries what it could not send')
    }
    if (p.action === 'sandboxReady') return this.sandboxReady(w, p.cause)
    if (p.action === 'volumes') {
      const pod = this.pod(w)
      if (pod && w.sandbox === 'none' && !w.terminating) this.syncPod(w, pod, p.cause ?? 0)
      return
    }
    if (p.action === 'sync') {
      const pod = this.pod(w)
      if (!pod || w.terminating || w.sandbox !== 'none') return
      // Restart what the reboot killed, counting the restart.
      for (const c of w.containers) {
        if (c.state !== 'terminated' || c.current?.reason !== 'Unknown') continue
        c.last = c.current
        c.current = undefined
        c.restartCount++
        c.state = 'waiting'
        c.reason = 'ContainerCreating'
      }
      this.syncPod(w, pod, p.cause ?? 0)
      return
    }
    const c = w.containers.find((x) => x.name === d.container)
    if (!c) return
    if (d.run !== undefined && d.run !== c.run) return
    const pod = this.pod(w)
    switch (p.action) {
      case 'pulled':
        return this.pulled(w, c, p.cause)
      case 'pullBackoff':
        return this.pullBackoff(w, c, p.cause)
      case 'retryPull':
        if (pod && !w.terminating) {
          c.reason = 'ContainerCreating'
          this.beginContainer(w, pod, c, p.cause)
        }
        return
      case 'create':
        if (pod && !w.terminating) this.createContainer(w, pod, c, p.cause)
        return
      case 'start':
        return this.startContainer(w, c, p.cause)
      case 'started':
        return this.containerStarted(w, c, p.cause)
      case 'exited':
        if (c.state === 'running') this.exited(w, c, p.cause)
        return
      case 'restart':
        return this.restart(w, c, p.cause)
      case 'probe':
        return this.probe(w, c, 'readiness', p.cause)
      case 'liveness':
        return this.probe(w, c, 'liveness', p.cause)
      case 'sigterm':
        return this.sigterm(w, c, p.cause)
      case 'sigkill':
        return this.sigkill(w, c, p.cause)
      case 'stopped':
        return this.stopped(w, c, p.cause)
      case 'pollExit': {
        if (c.state !== 'running' || !c.program) return
        const ex = M.exitBy(c.program, this.now)
        if (ex) {
          c.exitCode = ex.code
          this.exited(w, c, p.cause)
        } else this.timer(EXIT_POLL_MS, 'pollExit', { uid: w.uid, container: c.name, run: c.run }, p.cause, true)
        return
      }
    }
  }
}
