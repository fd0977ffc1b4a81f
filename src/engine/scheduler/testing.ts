/**
 * Builders for pods and nodes in scheduler tests, after upstream's
 * pkg/scheduler/testing/wrappers.go (st.MakePod().Name("p").Req(...).Obj()).
 */
import type { Container, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from 'kubernetes-types/core/v1'

/** A fluent Pod builder; `obj()` returns a fresh object each time. */
export class PodWrapper {
  private p: Pod
  constructor(name = 'pod') {
    this.p = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name }, spec: { containers: [] } }
  }
  name(n: string): this {
    this.p.metadata = { ...this.p.metadata, name: n, uid: n }
    return this
  }
  namespace(ns: string): this {
    this.p.metadata!.namespace = ns
    return this
  }
  labels(l: Record<string, string>): this {
    this.p.metadata!.labels = { ...(this.p.metadata!.labels ?? {}), ...l }
    return this
  }
  priority(p: number): this {
    this.p.spec!.priority = p
    return this
  }
  /** A container with these requests (`Req` in upstream wrappers). */
  req(requests: Record<string, string>, image = 'busybox'): this {
    this.p.spec!.containers.push({ name: `c${this.p.spec!.containers.length}`, image, resources: { requests } })
    return this
  }
  /** A container without requests. */
  container(image = 'busybox'): this {
    this.p.spec!.containers.push({ name: `c${this.p.spec!.containers.length}`, image })
    return this
  }
  initReq(requests: Record<string, string>, sidecar = false): this {
    const c: Container = { name: `i${this.p.spec!.initContainers?.length ?? 0}`, image: 'busybox', resources: { requests } }
    if (sidecar) c.restartPolicy = 'Always'
    this.p.spec!.initContainers = [...(this.p.spec!.initContainers ?? []), c]
    return this
  }
  overhead(o: Record<string, string>): this {
    this.p.spec!.overhead = o
    return this
  }
  node(n: string): this {
    this.p.spec!.nodeName = n
    return this
  }
  nodeSelector(s: Record<string, string>): this {
    this.p.spec!.nodeSelector = s
    return this
  }
  toleration(t: Toleration): this {
    this.p.spec!.tolerations = [...(this.p.spec!.tolerations ?? []), t]
    return this
  }
  spread(c: TopologySpreadConstraint): this {
    this.p.spec!.topologySpreadConstraints = [...(this.p.spec!.topologySpreadConstraints ?? []), c]
    return this
  }
  hostPort(port: number, protocol = 'TCP', hostIP?: string): this {
    this.p.spec!.containers.push({ name: `c${this.p.spec!.containers.length}`, image: 'busybox', ports: [{ containerPort: port, hostPort: port, protocol, hostIP }] })
    return this
  }
  /** Sets the (read-only in the API types) status. */
  status(st: NonNullable<Pod['status']>): this {
    this.p = { ...this.p, status: st }
    return this
  }
  /** Mutates the spec directly for anything else. */
  with(f: (p: Pod) => void): this {
    f(this.p)
    return this
  }
  obj(): Pod {
    return structuredClone(this.p)
  }
}

/** `st.MakePod()`. */
export function makePod(name = 'pod'): PodWrapper {
  return new PodWrapper(name)
}

/** A fluent Node builder. */
export class NodeWrapper {
  private n: Node
  constructor(name = 'node') {
    this.n = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {}, status: {} }
  }
  labels(l: Record<string, string>): this {
    this.n.metadata!.labels = { ...(this.n.metadata!.labels ?? {}), ...l }
    return this
  }
  /** Allocatable (and capacity) resources; `pods` defaults to 110. */
  capacity(r: Record<string, string>): this {
    const res = { pods: '110', ...r }
    this.n.status!.capacity = res
    this.n.status!.allocatable = res
    return this
  }
  taint(t: Taint): this {
    this.n.spec!.taints = [...(this.n.spec!.taints ?? []), t]
    return this
  }
  unschedulable(u = true): this {
    this.n.spec!.unschedulable = u
    return this
  }
  images(images: Record<string, number>): this {
    this.n.status!.images = Object.entries(images).map(([name, size]) => ({ names: [name], sizeBytes: size }))
    return this
  }
  with(f: (n: Node) => void): this {
    f(this.n)
    return this
  }
  obj(): Node {
    return structuredClone(this.n)
  }
}

/** `st.MakeNode()`. */
export function makeNode(name = 'node'): NodeWrapper {
  return new NodeWrapper(name)
}
