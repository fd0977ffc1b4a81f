/**
 * Cluster view → React Flow nodes and edges. Pure: the same components, keyspace and time give the
 * same diagram, so stepping back draws exactly the earlier picture (and this file has a unit test).
 *
 * The topology is the real one, hub and spoke: every component talks to the apiserver, only the
 * apiserver talks to etcd, and inside a worker node the kubelet drives its container runtime.
 *
 * ```ts
 * const { nodes, edges } = toFlow({ components, view, statusText: (kv) => podStatus.get(kv.modRevision) ?? '?', expandControllers: false })
 * edgeForHop('apiserver', 'scheduler', edges)   // { id: 'scheduler--apiserver', reverse: true }
 * ```
 */
import type { Edge, Node } from '@xyflow/react'
import type { ComponentId, KeyValueView } from '../../src/engine'
import type { Keyspace } from '../state/keyspace'
import type { MessageKey } from '../i18n'

export interface ComponentData extends Record<string, unknown> {
  component: ComponentId
  title: string
  /** A second line, as a message key ('diagram.hub'), translated when drawn; `subtitleCount` for plurals. */
  subtitle?: MessageKey
  subtitleCount?: number
  /** Where it runs: the control plane, a worker node, or the user's machine. */
  tier: 'user' | 'control' | 'store' | 'worker'
  stopped?: boolean
  /** Drawn as a group holding child boxes (the expanded controller manager). */
  group?: boolean
  /** A small box inside a group. */
  child?: boolean
}

export interface WorkerData extends Record<string, unknown> {
  node: string
  status: string
  capacity: string
  /** The machine is stopped (the user stopped it): its kubelet no longer reports. */
  stopped: boolean
}

export interface PodData extends Record<string, unknown> {
  name: string
  namespace: string
  status: string
  /** For colour: running, waiting, failed, finished, terminating. */
  tone: PodTone
  key: string
}

/** One row of the Services box: what `kubectl get svc` shows, and how many endpoints are ready. */
export interface ServiceRow {
  name: string
  namespace: string
  type: string
  clusterIP: string
  /** `<none>`, `<pending>` (a LoadBalancer the cloud has not answered yet), or the addresses. */
  externalIP: string
  /** `80:31756/TCP` */
  ports: string
  ready: number
  notReady: number
  /** The first port and its node port, to address the Service from outside. */
  port?: number
  nodePort?: number
}

export interface ServicesData extends Record<string, unknown> {
  services: ServiceRow[]
  /** Rows beyond what the box shows. */
  hidden: number
}

export interface TrayData extends Record<string, unknown> {
  count: number
  /** Unscheduled pods beyond what the tray shows. */
  hidden: number
}

export type PodTone = 'running' | 'waiting' | 'failed' | 'finished' | 'terminating'

export type ComponentNode = Node<ComponentData, 'component'>
export type WorkerNode = Node<WorkerData, 'worker'>
export type PodNode = Node<PodData, 'pod'>
export type TrayNode = Node<TrayData, 'tray'>
export type ServicesNode = Node<ServicesData, 'services'>
export type FlowNode = ComponentNode | WorkerNode | PodNode | TrayNode | ServicesNode
export type FlowEdge = Edge<Record<string, never>, 'hop'>

export interface DiagramInput {
  components: readonly ComponentId[]
  view: Keyspace
  /**
   * The kubectl STATUS text of a pod as stored (the engine's `podStatusText`, computed in the
   * worker for every write and looked up here by revision, so no engine code runs on this thread).
   */
  statusText: (kv: KeyValueView) => string
  /** Show each controller of the controller manager as its own box. */
  expandControllers: boolean
  /** Nodes whose machine the user stopped (their agents are drawn stopped). */
  stoppedNodes?: ReadonlySet<string>
  /** Control-plane components the user stopped (state/faults.ts): drawn stopped, their controllers too. */
  stoppedComponents?: ReadonlySet<string>
}

// Layout, in flow units. The diagram is fitted to its region, so only proportions matter.
export const SIZES = {
  component: { w: 170, h: 52 },
  worker: { w: 270, gap: 24, perRow: 6 },
  agent: { w: 78, h: 34 },
  pod: { w: 120, h: 34, gapX: 6, gapY: 8 },
  tray: { w: 210 },
}
/** The expanded controller manager: 5 columns of boxes wide enough for `replicationcontroller`. */
export const CONTROLLER_GRID = { cols: 5, w: 150, h: 24, gap: 6 }
const WORKER_TOP = 330
const SERVICE_ROW_H = 20
const SERVICE_ROWS = 6
const AGENTS_TOP = 36
const PODS_TOP = 82
const HUB_CENTER_X = 385
const TRAY_PODS = 4

interface PodObject {
  metadata?: { name?: string; namespace?: string }
  spec?: { nodeName?: string }
}

interface ServiceObject {
  metadata?: { name?: string; namespace?: string }
  spec?: { type?: string; clusterIP?: string; externalIPs?: string[]; ports?: { port: number; nodePort?: number; protocol?: string }[] }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

interface EndpointsObject {
  subsets?: { addresses?: unknown[]; notReadyAddresses?: unknown[] }[]
}

interface NodeObject {
  metadata?: { name?: string }
  spec?: { unschedulable?: boolean }
  status?: { conditions?: { type: string; status: string }[]; capacity?: Record<string, string> }
}

/** Builds the diagram for one instant of the cluster. */
export function toFlow(input: DiagramInput): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const { components, view } = input
  const nodes: FlowNode[] = []
  const edges: FlowEdge[] = []
  const has = new Set(components)
  const link = (a: string, b: string) => edges.push({ id: `${a}--${b}`, source: a, target: b, type: 'hop' })

  const controllers = components.filter((c) => c.startsWith('controller-manager/')).sort()
  const isStopped = (id: string) => input.stoppedComponents?.has(id) ?? false
  const control = (id: string, x: number, y: number, tier: ComponentData['tier'], subtitle?: MessageKey, w = SIZES.component.w, subtitleCount?: number) =>
    nodes.push({
      id,
      type: 'component',
      position: { x, y },
      width: w,
      height: SIZES.component.h,
      data: { component: id, title: titleOf(id), tier, subtitle, ...(subtitleCount !== undefined ? { subtitleCount } : {}), ...(isStopped(id) ? { stopped: true } : {}) },
      draggable: false,
      selectable: false,
    })

  control('kubectl', 40, 130, 'user', 'diagram.you', 120)
  control('apiserver', HUB_CENTER_X - SIZES.component.w / 2, 130, 'control', 'diagram.hub')
  control('etcd', 610, 130, 'store', 'diagram.kvStore', 140)
  control('scheduler', HUB_CENTER_X - SIZES.component.w / 2, 10, 'control')
  control('cloud-controller-manager', 570, 10, 'control', undefined, 190)
  link('apiserver', 'etcd')
  link('kubectl', 'apiserver')
  link('scheduler', 'apiserver')
  link('cloud-controller-manager', 'apiserver')
  // Cluster DNS watches Services and EndpointSlices through the apiserver, like every component.
  // The cloud provider's API sits outside the cluster; only the cloud-controller-manager talks to it.
  if (has.has('cloud')) {
    control('cloud', 772, 10, 'user', 'diagram.cloudApi', 124)
    link('cloud-controller-manager', 'cloud')
  }
  if (has.has('coredns')) {
    control('coredns', 632, 225, 'control', 'diagram.clusterDns', 118)
    link('coredns', 'apiserver')
  }

  // Services: a compact table under the nodes (a Service is rules on every node, not a process).
  const services = serviceRows(view)
  // Someone outside the cluster: drawn once a Service is reachable from outside (the only way
  // their packets get in).
  if (services.some((s) => s.type === 'LoadBalancer' || s.type === 'NodePort')) {
    control('client', 772, 225, 'user', 'diagram.outside', 124)
  }

  if (input.expandControllers && controllers.length) {
    // Controllers as a band of small boxes above the control plane, wide enough for every name
    // (`replicationcontroller`): a tall column beside the scheduler shrank the whole diagram.
    const { cols, w, h, gap } = CONTROLLER_GRID
    const rows = Math.ceil(controllers.length / cols)
    const groupW = cols * (w + gap) + gap
    const groupH = 28 + rows * (h + gap)
    const cmStopped = isStopped('controller-manager')
    nodes.push({
      id: 'controller-manager',
      type: 'component',
      position: { x: HUB_CENTER_X - groupW / 2, y: 0 - groupH },
      width: groupW,
      height: groupH,
      data: { component: 'controller-manager', title: titleOf('controller-manager'), tier: 'control', group: true, ...(cmStopped ? { stopped: true } : {}) },
      draggable: false,
      selectable: false,
    })
    controllers.forEach((c, i) => {
      nodes.push({
        id: c,
        type: 'component',
        parentId: 'controller-manager',
        extent: 'parent',
        position: { x: gap + (i % cols) * (w + gap), y: 26 + Math.floor(i / cols) * (h + gap) },
        width: w,
        height: h,
        data: { component: c, title: titleOf(c), tier: 'control', child: true, ...(cmStopped ? { stopped: true } : {}) },
        draggable: false,
        selectable: false,
      })
      link(c, 'apiserver')
    })
  } else {
    control('controller-manager', 0, 10, 'control', controllers.length ? 'diagram.controllers' : undefined, 200, controllers.length || undefined)
    link('controller-manager', 'apiserver')
  }

  // Worker nodes: registered Node objects, plus nodes whose agents exist but have not registered yet.
  const nodeObjects = new Map<string, NodeObject>()
  for (const kv of view.values()) {
    if (kv.key.startsWith('/registry/minions/')) nodeObjects.set(kv.key.slice('/registry/minions/'.length), kv.value as NodeObject)
  }
  const workerNames = new Set(nodeObjects.keys())
  for (const c of components) if (c.startsWith('kubelet/')) workerNames.add(c.slice('kubelet/'.length))
  const workers = [...workerNames].sort(byNaturalName)

  const pods = [...view.values()]
    .filter((kv) => kv.key.startsWith('/registry/pods/'))
    .map((kv) => ({ key: kv.key, pod: kv.value as PodObject, kv }))
  const podsByNode = new Map<string, typeof pods>()
  const unscheduled: typeof pods = []
  for (const p of pods) {
    const n = p.pod.spec?.nodeName
    if (n && workerNames.has(n)) podsByNode.set(n, [...(podsByNode.get(n) ?? []), p])
    else unscheduled.push(p)
  }

  const podNode = (p: (typeof pods)[number], parentId: string, x: number, y: number): PodNode => {
    const status = input.statusText(p.kv)
    return {
      id: `pod:${p.key}`,
      type: 'pod',
      parentId,
      extent: 'parent',
      position: { x, y },
      width: SIZES.pod.w,
      height: SIZES.pod.h,
      data: {
        name: p.pod.metadata?.name ?? '?',
        namespace: p.pod.metadata?.namespace ?? 'default',
        status,
        tone: podTone(status),
        key: p.key,
      },
      draggable: false,
      selectable: false,
    }
  }
  const podGrid = (i: number) => ({
    x: 12 + (i % 2) * (SIZES.pod.w + SIZES.pod.gapX),
    y: Math.floor(i / 2) * (SIZES.pod.h + SIZES.pod.gapY),
  })

  // The tray of pods no node has been chosen for yet, under kubectl: at most TRAY_PODS shown.
  nodes.push({
    id: 'tray',
    type: 'tray',
    position: { x: -20, y: 200 },
    width: 250,
    height: 30 + 2 * (SIZES.pod.h + SIZES.pod.gapY),
    data: { count: unscheduled.length, hidden: Math.max(0, unscheduled.length - TRAY_PODS) },
    draggable: false,
    selectable: false,
  })
  unscheduled.slice(0, TRAY_PODS).forEach((p, i) => {
    const g = podGrid(i)
    nodes.push(podNode(p, 'tray', g.x, 26 + g.y))
  })

  // Worker boxes in rows under the hub.
  // Rows of at least 3 boxes, roughly square overall, so a big cluster still fits the region.
  const perRow = Math.min(SIZES.worker.perRow, Math.max(3, Math.ceil(Math.sqrt(workers.length))))
  let rowTop = WORKER_TOP
  for (let r = 0; r * perRow < workers.length; r++) {
    const row = workers.slice(r * perRow, (r + 1) * perRow)
    const rowWidth = row.length * SIZES.worker.w + (row.length - 1) * SIZES.worker.gap
    let rowHeight = 0
    row.forEach((name, i) => {
      const nodePods = (podsByNode.get(name) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1))
      const height = PODS_TOP + Math.max(1, Math.ceil(nodePods.length / 2)) * (SIZES.pod.h + SIZES.pod.gapY) + 4
      rowHeight = Math.max(rowHeight, height)
      const id = `node/${name}`
      const obj = nodeObjects.get(name)
      nodes.push({
        id,
        type: 'worker',
        position: { x: HUB_CENTER_X - rowWidth / 2 + i * (SIZES.worker.w + SIZES.worker.gap), y: rowTop },
        width: SIZES.worker.w,
        height,
        data: { node: name, status: nodeStatus(obj), capacity: capacityText(obj), stopped: input.stoppedNodes?.has(name) ?? false },
        draggable: false,
        selectable: false,
      })
      const agents = [`kubelet/${name}`, `runtime/${name}`, `kube-proxy/${name}`]
      agents.forEach((agent, j) => {
        nodes.push({
          id: agent,
          type: 'component',
          parentId: id,
          extent: 'parent',
          position: { x: 12 + j * (SIZES.agent.w + 8), y: AGENTS_TOP },
          width: SIZES.agent.w,
          height: SIZES.agent.h,
          data: { component: agent, title: titleOf(agent), tier: 'worker', stopped: (input.stoppedNodes?.has(name) ?? false) || isStopped(agent) || (!has.has(agent) && has.size > 0) },
          draggable: false,
          selectable: false,
        })
      })
      link(`kubelet/${name}`, 'apiserver')
      link(`kube-proxy/${name}`, 'apiserver')
      link(`kubelet/${name}`, `runtime/${name}`)
      nodePods.forEach((p, k) => {
        const g = podGrid(k)
        nodes.push(podNode(p, id, g.x, PODS_TOP + g.y))
      })
    })
    rowTop += rowHeight + 30
  }
  if (services.length) {
    const shown = services.slice(0, SERVICE_ROWS)
    const width = 390
    nodes.push({
      id: 'services',
      type: 'services',
      position: { x: HUB_CENTER_X - width / 2, y: rowTop - 10 },
      width,
      height: 28 + shown.length * SERVICE_ROW_H + (services.length > shown.length ? 16 : 0),
      data: { services: shown, hidden: services.length - shown.length },
      draggable: false,
      selectable: false,
    })
  }
  return { nodes, edges }
}

/**
 * The diagram component a hop's endpoint is drawn on: controllers fold into the controller manager
 * when it is collapsed; anything unknown (a container, say) lands on the nearest known box.
 */
export function diagramComponent(id: ComponentId, nodeIds: ReadonlySet<string>): string | undefined {
  if (nodeIds.has(id)) return id
  // A container process (`pod/<namespace>/<name>`): the pod's box.
  if (id.startsWith('pod/')) {
    const pod = `pod:/registry/pods/${id.slice(4)}`
    return nodeIds.has(pod) ? pod : undefined
  }
  if (id.startsWith('controller-manager/')) return nodeIds.has('controller-manager') ? 'controller-manager' : undefined
  const node = id.split('/')[1]
  if (node && nodeIds.has(`runtime/${node}`)) return `runtime/${node}`
  return undefined
}

/** The edge a hop travels along, and whether it runs against the edge's drawn direction. */
export function edgeForHop(
  from: ComponentId,
  to: ComponentId,
  edges: readonly FlowEdge[],
  nodeIds: ReadonlySet<string>,
): { id: string; reverse: boolean } | undefined {
  const a = diagramComponent(from, nodeIds)
  const b = diagramComponent(to, nodeIds)
  if (!a || !b || a === b) return undefined
  for (const e of edges) {
    if (e.source === a && e.target === b) return { id: e.id, reverse: false }
    if (e.source === b && e.target === a) return { id: e.id, reverse: true }
  }
  return undefined
}

/**
 * The edge a hop travels along, adding a temporary one for traffic that has no wire drawn: a
 * packet from a pod to CoreDNS, to its node's kube-proxy, from kube-proxy to a backend pod on any
 * node, a response straight back to the client. Control-plane hops keep the hub-and-spoke edges.
 *
 * ```ts
 * routeHop({ from: 'kube-proxy/node-2', to: 'pod/default/web-1', kind: 'packet' }, edges, ids)
 * // { id: 'packet:kube-proxy/node-2>pod:/registry/pods/default/web-1', reverse: false, extra: {…} }
 * ```
 */
export function routeHop(
  hop: { from: ComponentId; to: ComponentId; kind: string },
  edges: readonly FlowEdge[],
  nodeIds: ReadonlySet<string>,
): { id: string; reverse: boolean; extra?: FlowEdge } | undefined {
  const drawn = edgeForHop(hop.from, hop.to, edges, nodeIds)
  if (drawn || hop.kind !== 'packet') return drawn
  const a = diagramComponent(hop.from, nodeIds)
  const b = diagramComponent(hop.to, nodeIds)
  if (!a || !b || a === b) return undefined
  const id = `packet:${a}>${b}`
  return { id, reverse: false, extra: { id, source: a, target: b, type: 'hop', className: 'edge-traffic' } }
}

/** The Services in the view as `kubectl get svc` shows them, with their endpoints' readiness. */
export function serviceRows(view: Keyspace): ServiceRow[] {
  const rows: ServiceRow[] = []
  for (const kv of view.values()) {
    if (!kv.key.startsWith('/registry/services/specs/')) continue
    const svc = kv.value as ServiceObject
    const name = svc.metadata?.name ?? '?'
    const namespace = svc.metadata?.namespace ?? 'default'
    const ep = view.get(`/registry/services/endpoints/${namespace}/${name}`)?.value as EndpointsObject | undefined
    let ready = 0
    let notReady = 0
    for (const sub of ep?.subsets ?? []) {
      ready += sub.addresses?.length ?? 0
      notReady += sub.notReadyAddresses?.length ?? 0
    }
    rows.push({
      name,
      namespace,
      type: svc.spec?.type ?? 'ClusterIP',
      clusterIP: svc.spec?.clusterIP ?? '<none>',
      externalIP: externalIP(svc),
      ports: (svc.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
      ready,
      notReady,
      port: svc.spec?.ports?.[0]?.port,
      nodePort: svc.spec?.ports?.[0]?.nodePort,
    })
  }
  // The user's Services first, the cluster's own (kube-system) last.
  const rank = (r: ServiceRow) => (r.namespace === 'kube-system' ? 1 : 0)
  return rows.sort((x, y) => rank(x) - rank(y) || (x.namespace === y.namespace ? byNaturalName(x.name, y.name) : byNaturalName(x.namespace, y.namespace)))
}

/** The EXTERNAL-IP column: `<pending>` for a LoadBalancer without an address yet (kubectl's rule). */
function externalIP(svc: ServiceObject): string {
  const ips = [...(svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? ''), ...(svc.spec?.externalIPs ?? [])].filter(Boolean)
  if (ips.length) return ips.join(',')
  return svc.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>'
}

/** The nodes stopped by the scenario's steps so far (stopNode without a later startNode). */
export function stoppedNodes(steps: readonly object[]): Set<string> {
  const stopped = new Set<string>()
  for (const step of steps) {
    if ('stopNode' in step) stopped.add(step.stopNode as string)
    if ('startNode' in step) stopped.delete(step.startNode as string)
    if ('removeNode' in step) stopped.delete(step.removeNode as string)
  }
  return stopped
}

/** Colour family of a kubectl STATUS text. */
export function podTone(status: string): PodTone {
  if (status === 'Running') return 'running'
  if (status === 'Terminating') return 'terminating'
  if (status === 'Completed' || status === 'Succeeded') return 'finished'
  if (/BackOff|Err|Error|Failed|OOMKilled|Evicted|Unknown|Invalid|Crash/.test(status)) return 'failed'
  return 'waiting'
}

function nodeStatus(obj: NodeObject | undefined): string {
  if (!obj) return 'NotRegistered'
  const ready = obj.status?.conditions?.find((c) => c.type === 'Ready')
  const base = ready?.status === 'True' ? 'Ready' : ready?.status === 'Unknown' || ready?.status === 'False' ? 'NotReady' : 'Unknown'
  return obj.spec?.unschedulable ? `${base},SchedulingDisabled` : base
}

function capacityText(obj: NodeObject | undefined): string {
  const c = obj?.status?.capacity
  return c ? `${c.cpu ?? '?'} CPU · ${c.memory ?? '?'}` : ''
}

function titleOf(id: string): string {
  if (id === 'apiserver') return 'kube-apiserver'
  if (id === 'scheduler') return 'kube-scheduler'
  if (id === 'controller-manager') return 'kube-controller-manager'
  if (id.startsWith('controller-manager/')) return id.slice('controller-manager/'.length)
  if (id.startsWith('runtime/')) return 'runtime'
  if (id.startsWith('kubelet/')) return 'kubelet'
  if (id.startsWith('kube-proxy/')) return 'kube-proxy'
  if (id === 'coredns') return 'CoreDNS'
  return id
}

/**
 * Keeps the previous node and edge objects where nothing changed, so React Flow (and the memoised
 * boxes) re-render only what a hop changed: with 200 pods a step touches one or two of them.
 */
export function reuseUnchanged(prev: { nodes: FlowNode[]; edges: FlowEdge[] }, next: { nodes: FlowNode[]; edges: FlowEdge[] }) {
  const oldNodes = new Map(prev.nodes.map((n) => [n.id, n]))
  const nodes = next.nodes.map((n) => {
    const o = oldNodes.get(n.id)
    return o && sameNode(o, n) ? o : n
  })
  const oldEdges = new Map(prev.edges.map((e) => [e.id, e]))
  const edges = next.edges.map((e) => oldEdges.get(e.id) ?? e)
  const unchanged = nodes.length === prev.nodes.length && nodes.every((n, i) => n === prev.nodes[i])
  const edgesUnchanged = edges.length === prev.edges.length && edges.every((e, i) => e === prev.edges[i])
  return { nodes: unchanged ? prev.nodes : nodes, edges: edgesUnchanged ? prev.edges : edges }
}

function sameNode(a: FlowNode, b: FlowNode): boolean {
  if (a.type !== b.type || a.parentId !== b.parentId || a.width !== b.width || a.height !== b.height) return false
  if (a.position.x !== b.position.x || a.position.y !== b.position.y) return false
  const ad = a.data as Record<string, unknown>
  const bd = b.data as Record<string, unknown>
  if (a.type === 'services') return JSON.stringify(ad) === JSON.stringify(bd)
  const keys = Object.keys(bd)
  return keys.length === Object.keys(ad).length && keys.every((k) => ad[k] === bd[k])
}

/** `node-2` before `node-10`. */
export function byNaturalName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}
