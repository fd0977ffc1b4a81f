/**
 * Messages between the UI thread and the engine worker. Plain data only (structured clone).
 * Every request gets exactly one reply with the same `id`.
 */
import type { CloudRoute, ClusterOptions, ComponentId, ExternalResponse, Hop, KeyValueView, KubectlResult, NodeSpec, ProxyMode, Scenario } from '../../src/engine'
import type { CheckResult, Lesson, PredictOutcome } from '../../lessons/format'

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
  /** A node's kube-proxy rules as the engine has them now (read-only): `iptables-save` or `ipvsadm -Ln` text. */
  | { type: 'proxyRules'; node: string }
  /** Switches every kube-proxy to iptables or IPVS (a scenario step); the next sync rewrites the rules. */
  | { type: 'proxyMode'; mode: ProxyMode }
  /** A request from outside the cluster (`http://<LoadBalancer IP>/`, `http://<node IP>:<nodePort>/`): a scenario step. */
  | { type: 'request'; url: string }
  /** Run virtual time forward so the hop log stays ahead of the playback cursor. */
  | { type: 'runAhead'; ms?: number }
  /** A fault (a scenario step): stop or start kube-apiserver, etcd, kube-scheduler, kube-controller-manager, cloud-controller-manager or `kubelet/<node>`. */
  | { type: 'component'; id: string; op: 'stop' | 'start' }
  /**
   * Jumps virtual time by `ms` at once (a scenario step), or with `untilCronJob` to the first
   * CronJob run within `ms`. A long jump's background hops are summarized (see JumpReply).
   */
  | { type: 'jump'; ms: number; untilCronJob?: boolean }
  /** The cloud's route table (route controller) as the engine has it now (read-only). */
  | { type: 'cloudRoutes' }
  // Lessons: the runner (lessons/runner.ts) needs a Cluster, so it lives here with the engine.
  /** The lesson files, loaded and validated in the worker (the UI only renders them). */
  | { type: 'lessons' }
  /** Resets the cluster to the lesson's and replays to the start of `step` (0-based); a narrative step then plays. */
  | { type: 'lessonOpen'; id: string; step: number }
  /** The next step on the live cluster (an unsolved "try it" gets its solution first; an unanswered predict plays). */
  | { type: 'lessonNext' }
  /** Evaluates the current step's checks (read-only: no hop, no scenario step). */
  | { type: 'lessonCheck' }
  /** The student answered the current predict step: its actions run, then the engine's answer. */
  | { type: 'lessonAnswer' }

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
  /** Where the cluster's clock started (engine `clockStart`); absent: 0. The app shows times from here. */
  clockStart?: number
}

export interface KubectlReply extends ClusterUpdate {
  result: KubectlResult
}

/** Where the lesson is, after a lesson request. */
export interface LessonStepInfo {
  lessonId: string
  /** 0-based. */
  index: number
  /** Hops with a greater id belong to this step. */
  stepStartHop: number
  /** The step's actions have run (narrative: at once; predict: after the answer). */
  played: boolean
  /**
   * What the step's actions (or an applied solution) printed, for the console: the command line as
   * typed (`kubectl get pods`, or `curl http://…/` with `outside` for a request from outside the cluster).
   */
  output: { command: string; stdout: string; stderr: string; outside?: boolean }[]
  highlights: { components: string[]; hops: number[] }
}

export interface LessonCatalog {
  lessons: Lesson[]
  /** Lesson files that could not be loaded, as `file:line: step …: message`. */
  errors: string[]
}

export interface LessonBootReply extends BootResult {
  step: LessonStepInfo
}

export interface LessonUpdateReply extends ClusterUpdate {
  step: LessonStepInfo
}

export interface LessonCheckReply {
  results: CheckResult[]
  highlights: LessonStepInfo['highlights']
}

export interface LessonAnswerReply extends LessonUpdateReply {
  outcome: PredictOutcome
}

export interface RequestReply extends ClusterUpdate {
  response: ExternalResponse
}

export interface JumpReply extends ClusterUpdate {
  /** Virtual ms the jump took (less than asked when a CronJob ran first). */
  jumped: number
  /** Whether a CronJob created a Job during the jump. */
  cronJobRan: boolean
  /**
   * Background hops (heartbeats, lease renewals) left out of the log: a long jump makes tens of
   * thousands; the last write to each etcd key is kept, so the view at the end is exact.
   */
  summarized: number
}

export interface ReplyMap {
  boot: BootResult
  kubectl: KubectlReply
  query: KubectlResult
  node: ClusterUpdate
  proxyRules: { mode: ProxyMode; text: string }
  proxyMode: ClusterUpdate
  request: RequestReply
  runAhead: ClusterUpdate
  component: ClusterUpdate
  jump: JumpReply
  cloudRoutes: CloudRoute[]
  lessons: LessonCatalog
  lessonOpen: LessonBootReply
  lessonNext: LessonUpdateReply
  lessonCheck: LessonCheckReply
  lessonAnswer: LessonAnswerReply
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  /** `fatal`: the engine threw; its state can no longer be trusted and the worker must be rebuilt. */
  | { id: number; ok: false; error: string; fatal: boolean }

export type WorkerMessage = { id: number; request: WorkerRequest }
