/**
 * The node lifecycle controller: every 5 s it checks each node's heartbeat (its Lease and its
 * Ready condition). A node silent for longer than the grace period (50 s in v1.33) gets its
 * conditions set to Unknown, the `node.kubernetes.io/unreachable` NoSchedule and NoExecute
 * taints, and its pods marked not ready; pods that do not tolerate the NoExecute taint are
 * evicted once their toleration runs out (300 s with the default tolerations), so their
 * controllers replace them elsewhere. A node that reports again loses the taints.
 * Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth,
 * doNoExecuteTaintingPass, markPodsNotReady), pkg/controller/tainteviction.
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { parseTime, rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** Upstream: --node-monitor-period. */
export const NODE_MONITOR_PERIOD_MS = 5_000
/** Upstream: --node-monitor-grace-period (50 s since v1.32; 40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
const MONITOR_KEY = '\u0000monitor'

export interface NodeLifecycleState extends ControllerState {
  monitoring: boolean
  /** Pods already evicted (their keys), so each is deleted once. */
  evicted: string[]
}

function heartbeat(node: Node, lease: KObject | undefined): number {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
  const fromStatus = parseTime(ready?.lastHeartbeatTime)
  const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime
  return Math.max(fromStatus, renew ? parseTime(renew) : -Infinity)
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.operator === 'Exists') return !t.key || t.key === taint.key
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '')
}

export class NodeLifecycleController extends Controller<NodeLifecycleState> {
  readonly watches = ['nodes']

  constructor(s: NodeLifecycleState, env: ControllerEnv) {
    super('nodelifecycle', s, env)
    s.monitoring ??= false
    s.evicted ??= []
  }

  onEvent(_resource: string, type: InformerEvent, _obj: KObject, _old: KObject | undefined, hop: number): void {
    if (type !== 'DELETED' && !this.s.monitoring) {
      this.s.monitoring = true
      this.enqueueAfter(MONITOR_KEY, NODE_MONITOR_PERIOD_MS, hop, true)
    }
  }

  sync(key: string, cause?: number): void {
    if (key !== MONITOR_KEY) return
    const now = this.ctx.queue.now
    for (const node of this.env.informers.nodes.list() as Node[]) {
      const name = node.metadata!.name!
      const lease = this.env.informers.leases?.get(`kube-node-lease/${name}`)
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
      const silent = now - heartbeat(node, lease) > NODE_MONITOR_GRACE_PERIOD_MS
      const tainted = (node.spec?.taints ?? []).some((t) => t.key === TAINT_UNREACHABLE)
      if (silent && ready?.status !== 'Unknown') this.markUnknown(node, cause)
      else if (!silent && ready?.status === 'True' && tainted) this.untaint(node, cause)
      else if (ready?.status === 'Unknown' && !tainted) this.taint(node, cause)
    }
    this.evictPods(cause)
    this.enqueueAfter(MONITOR_KEY, NODE_MONITOR_PERIOD_MS, cause, true)
  }

  private markUnknown(node: Node, cause?: number): void {
    const name = node.metadata!.name!
    const t = rfc3339(this.ctx.queue.now)
    const conditions = (node.status?.conditions ?? []).map((c) => ({
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: t,
    }))
    const r = this.env.client.patch(R.nodes, undefined, name, { status: { conditions } }, 'strategic', {
      cause,
      summary: `The node lifecycle controller marks ${name} Unknown: no heartbeat for ${NODE_MONITOR_GRACE_PERIOD_MS / 1000}s`,
    }, 'status')
    if (r.status !== 200) return
    this.env.recorder.event(node as KObject, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, r.hop)
    this.taint(r.body as Node, r.hop)
    // Upstream markPodsNotReady: the node's pods stop being Ready (and leave Services).
    for (const pod of this.env.informers.pods.list() as Pod[]) {
      if (pod.spec?.nodeName !== name || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue
      const conds = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: t } : c))
      this.env.client.patch(R.pods, pod.metadata!.namespace, pod.metadata!.name!, { status: { conditions: conds } }, 'strategic', {
        cause: r.hop,
        summary: `The node lifecycle controller marks ${pod.metadata!.name} not ready: its node ${name} is unreachable`,
      }, 'status')
    }
  }

  private taint(node: Node, cause?: number): void {
    const name = node.metadata!.name!
    const added = rfc3339(this.ctx.queue.now)
    const keep = (node.spec?.taints ?? []).filter((t) => t.key !== TAINT_UNREACHABLE)
    const taints = [...keep, { key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: added }, { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: added }]
    this.env.client.patch(R.nodes, undefined, name, { spec: { taints } }, 'merge', {
      cause,
      summary: `The node lifecycle controller taints ${name} ${TAINT_UNREACHABLE} (NoSchedule, NoExecute)`,
    })
  }

  private untaint(node: Node, cause?: number): void {
    const name = node.metadata!.name!
    const taints = (node.spec?.taints ?? []).filter((t) => t.key !== TAINT_UNREACHABLE)
    this.env.client.patch(R.nodes, undefined, name, { spec: { taints: taints.length ? taints : null } }, 'merge', {
      cause,
      summary: `${name} reports again: the node lifecycle controller removes the ${TAINT_UNREACHABLE} taints`,
    })
    this.env.recorder.event(node as KObject, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, cause)
  }

  /** Taint-based eviction: pods not tolerating a NoExecute taint go when their tolerationSeconds run out. */
  private evictPods(cause?: number): void {
    const now = this.ctx.queue.now
    const nodes = new Map((this.env.informers.nodes.list() as Node[]).map((n) => [n.metadata!.name!, n]))
    for (const pod of this.env.informers.pods.list() as Pod[]) {
      const node = pod.spec?.nodeName ? nodes.get(pod.spec.nodeName) : undefined
      if (!node || pod.metadata?.deletionTimestamp) continue
      const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`
      if (this.s.evicted.includes(key)) continue
      let due = -Infinity
      let evict = false
      for (const taint of (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute')) {
        const tol = (pod.spec?.tolerations ?? []).filter((t) => tolerates(t, taint))
        const since = parseTime(taint.timeAdded)
        if (tol.length === 0) {
          evict = true
          due = Math.max(due, since)
          continue
        }
        const secs = tol.map((t) => t.tolerationSeconds).filter((x): x is number => x !== undefined && x !== null)
        if (secs.length === 0) continue // tolerated forever
        evict = true
        due = Math.max(due, since + Math.min(...secs) * 1000)
      }
      if (!evict || due > now) continue
      this.s.evicted.push(key)
      if (this.s.evicted.length > 4096) this.s.evicted.shift()
      const r = this.env.client.delete(R.pods, pod.metadata!.namespace, pod.metadata!.name!, {}, {
        cause,
        summary: `The taint eviction controller deletes ${pod.metadata!.name}: its node ${node.metadata!.name} is unreachable and its toleration ran out`,
      })
      if (r.status === 200) this.env.recorder.event(pod as KObject, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, r.hop)
    }
  }
}
