/**
 * Hops: every message between two components, in causal order. The hop log is the single source
 * of the app's animation, its timeline, step-through and the lessons' checks (DESIGN §2).
 */

/**
 * A component of the cluster, as drawn on the architecture diagram:
 * `kubectl`, `apiserver`, `etcd`, `scheduler`, `controller-manager` (and its controllers as
 * `controller-manager/<name>`), `cloud-controller-manager`, and per node `kubelet/<node>`,
 * `runtime/<node>`, `kube-proxy/<node>`.
 */
export type ComponentId = string

export type HopKind =
  /** An HTTP request to the apiserver (or a gRPC call to etcd). */
  | 'request'
  /** The answer to a request. */
  | 'response'
  /** A watch event pushed from the apiserver (or from etcd to the apiserver). */
  | 'watch'
  /** A CRI call from a kubelet to its container runtime. */
  | 'cri'
  /** Something the runtime does to a container process: start, SIGTERM, SIGKILL, exit. */
  | 'signal'
  /** kube-proxy programs its node's rules (iptables or IPVS): from and to `kube-proxy/<node>`. */
  | 'rules'
  /**
   * Simulated Service traffic: a DNS query or answer (to or from `coredns`), a packet a node's
   * rules rewrite (`kube-proxy/<node>` to itself), a request reaching a pod and its response
   * (`pod/<ns>/<name>`, `client` for traffic from outside the cluster).
   */
  | 'packet'

/** An etcd write carried by a hop: the key, the new revision, and the value before and after. */
export interface EtcdWrite {
  op: 'put' | 'delete'
  key: string
  revision: number
  /** The object before the write (absent on create). */
  before?: object
  /** The object after the write (absent on delete). */
  after?: object
}

export interface HttpDetail {
  method: string
  path: string
  /** Query string as sent (`?watch=true&fieldSelector=spec.nodeName%3Dnode-1`). */
  query?: string
  status?: number
  /** The request or response body (an object), when it helps to show it. */
  body?: unknown
}

/** One node's row in a scheduling decision. */
export interface NodeVerdict {
  node: string
  /** Whether the node passed every filter. */
  feasible: boolean
  /** The first filter plugin that rejected the node, and its reason. */
  filter?: { plugin: string; reason: string }
  /** Per score plugin: raw score, normalised score (0–100) and weight. */
  scores?: { plugin: string; raw: number; normalized: number; weight: number }[]
  /** Weighted total. */
  total?: number
}

/** Why the scheduler chose (or could not choose) a node. */
export interface SchedulingDecision {
  pod: string
  /** The chosen node, or undefined when the pod is unschedulable. */
  node?: string
  /** How many nodes were examined (the adaptive percentage of nodes to score). */
  nodesEvaluated: number
  nodesTotal: number
  verdicts: NodeVerdict[]
  /** The FailedScheduling message when no node fits. */
  message?: string
}

export interface HopDetail {
  http?: HttpDetail
  /**
   * What the apiserver did with a request, stage by stage: authentication, authorization,
   * admission plugins, validation (on the response hop).
   */
  pipeline?: string[]
  etcd?: EtcdWrite
  /** For watch hops: ADDED, MODIFIED, DELETED, BOOKMARK, and the object. */
  watch?: { type: string; object: object }
  scheduling?: SchedulingDecision
  /** For CRI and signal hops: the call and its arguments. */
  cri?: { call: string; container?: string; image?: string; signal?: string; exitCode?: number }
  /** For `rules` hops: the proxy mode and the rule lines added and removed by this sync. */
  rules?: { mode: 'iptables' | 'ipvs'; added: string[]; removed: string[] }
  /**
   * For `packet` hops: addresses, the DNS question and answer, the rules a packet matched (as
   * the node's rule text shows them), the HTTP status.
   */
  packet?: { src?: string; dst?: string; dns?: { query: string; answer?: string }; rules?: string[]; status?: number; url?: string }
}

export interface Hop {
  id: number
  /** Virtual milliseconds since the cluster's epoch. */
  t: number
  from: ComponentId
  to: ComponentId
  kind: HopKind
  /** One line a student understands. */
  summary: string
  detail?: HopDetail
  /** The hop that led to this one. */
  cause?: number
  /**
   * Periodic housekeeping (Lease renewals, node status heartbeats, resync): true or absent.
   * The timeline can hide these so the flow a student is following stands out.
   */
  background?: true
}
