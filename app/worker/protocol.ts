/**
 * Messages between the UI thread and the engine worker. Plain data only (structured clone).
 * Every request gets exactly one reply with the same `id`.
 */
import type { ClusterOptions, ComponentId, Hop, KeyValueView, KubectlResult, NodeSpec, Scenario } from '../../src/engine'

export type NodeOp =
  | { op: 'add'; spec: NodeSpec }
  | { op: 'remove'; name: string }
  | { op: 'stop'; name: string }
  | { op: 'start'; name: string }

export type WorkerRequest =
  /** Start a cluster: fresh from options, or rebuilt from a scenario (share link, reload, crash). */
  | { type: 'boot'; options?: ClusterOptions; scenario?: Scenario }
  /** A user's kubectl command: recorded in the scenario, its hops appended to the log. */
  | { type: 'kubectl'; command: string; stdin?: string }
  /** A read-only kubectl command for the inspector: run, then the cluster is restored, so no hop or step remains. */
  | { type: 'query'; command: string }
  | { type: 'node'; action: NodeOp }
  /** Run virtual time forward so the hop log stays ahead of the playback cursor. */
  | { type: 'runAhead'; ms?: number }

/** What changed in the cluster: new hops and the state the UI mirrors. */
export interface ClusterUpdate {
  hops: Hop[]
  components: ComponentId[]
  now: number
  scenario: Scenario
  /**
   * The kubectl STATUS text (`podStatusText`) of every pod written by these hops (or, at boot, in
   * the baseline), by etcd revision: the UI labels pods without running engine code itself.
   */
  podStatus: [revision: number, status: string][]
}

export interface BootResult extends ClusterUpdate {
  /** The etcd keyspace right after boot, before the first hop. */
  baseline: KeyValueView[]
}

export interface KubectlReply extends ClusterUpdate {
  result: KubectlResult
}

export interface ReplyMap {
  boot: BootResult
  kubectl: KubectlReply
  query: KubectlResult
  node: ClusterUpdate
  runAhead: ClusterUpdate
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  /** `fatal`: the engine threw; its state can no longer be trusted and the worker must be rebuilt. */
  | { id: number; ok: false; error: string; fatal: boolean }

export type WorkerMessage = { id: number; request: WorkerRequest }
