import type { Taint } from 'kubernetes-types/core/v1'

/** A worker node to create when the cluster starts. */
export interface NodeSpec {
  name: string
  /** CPU capacity as a quantity (`'4'`, `'3500m'`). Default `'2'`. */
  cpu?: string
  /** Memory capacity as a quantity (`'8Gi'`). Default `'4Gi'`. */
  memory?: string
  /** Maximum pods. Default 110. */
  pods?: number
  labels?: Record<string, string>
  taints?: Taint[]
}

export interface ClusterOptions {
  /** Seed of every random choice (names, IPs, tie-breaks). Default 1. */
  seed?: number
  /** A number of identical nodes (`node-1` …) or each node's spec. Default 3. */
  nodes?: number | NodeSpec[]
  /** The most hops the log keeps (the oldest go first). Default 50,000. */
  maxHops?: number
  /** kube-proxy's mode on every node (`--proxy-mode`). Default `iptables`. */
  proxyMode?: 'iptables' | 'ipvs'
  /**
   * A `student` user with limited rights: a bearer token in the apiserver's token file, a
   * kubeconfig user entry `student` (`kubectl --user=student`), `edit` in namespace `dev` (created)
   * and `view` in `default`. `'current'` also makes it kubectl's current user.
   */
  student?: StudentMode
  /**
   * A static bearer token for `kubernetes-admin` (group `kubeadm:cluster-admins`) in the
   * apiserver's token file: the credential `npm run serve` writes into the kubeconfig of the
   * real kubectl, whose requests then authenticate like any other client's.
   */
  adminToken?: string
  /**
   * The date the cluster's clock reads when createCluster returns, in ms since the Unix epoch
   * (its five minutes of boot lie before it). Default 2025-01-06T09:05:00Z, so runs and share
   * links print the same dates; a cluster served to the real kubectl passes the wall clock, so
   * the ages kubectl computes itself (`describe`, `rollout history`) are right. Not earlier than
   * the default.
   */
  epoch?: number
}

/** ClusterOptions.student: the student user exists, or kubectl also acts as it by default. */
export type StudentMode = 'available' | 'current'

/** What a kubectl command printed, as a real terminal would show it. */
export interface KubectlResult {
  stdout: string
  stderr: string
  exitCode: number
}

/** One key of the etcd keyspace with its MVCC metadata. */
export interface KeyValueView {
  key: string
  createRevision: number
  modRevision: number
  version: number
  value: object
}

/** A step of a scenario: what a user did, replayable byte for byte (DESIGN §3). */
export type ScenarioStep =
  | { kubectl: string; stdin?: string }
  | { advance: number }
  | { settle: true }
  | { stopNode: string }
  | { startNode: string }
  | { addNode: NodeSpec }
  | { removeNode: string }
  | { stopComponent: string }
  | { startComponent: string }
  | { proxyMode: 'iptables' | 'ipvs' }
  | { request: string }
  /** An HTTP request to the apiserver (`npm run serve`, real kubectl). */
  | { http: { method: string; path: string; query?: string; headers?: Record<string, string>; body?: string } }
  /** An HTTP watch closed by its client. */
  | { closeWatch: number }

/** A cluster shape, a seed and what happened to it. Lessons, share links and tests use this. */
export interface Scenario {
  seed: number
  nodes: NodeSpec[]
  /** kube-proxy's mode at start, when not iptables. */
  proxyMode?: 'iptables' | 'ipvs'
  /** The student user (ClusterOptions.student), when the cluster starts with one. */
  student?: StudentMode
  /** ClusterOptions.adminToken, when the cluster is served to the real kubectl. */
  adminToken?: string
  /** ClusterOptions.epoch, when the cluster did not start at the default date. */
  epoch?: number
  steps: ScenarioStep[]
}
