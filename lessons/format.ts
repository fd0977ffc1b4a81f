/**
 * The lesson format, as types. A lesson is data (one YAML file in lessons/content/), read by
 * load.ts, validated there, and played by runner.ts. README.md documents every field for authors.
 *
 * A lesson is a scenario (DESIGN §3: a cluster shape, a seed, and steps) plus narrative in two
 * languages, highlights for the diagram, declarative checks, "try it" and "predict" steps.
 */
import type { NodeSpec, StudentMode } from '../src/engine/index'

/** Text in both of Podium's languages. Narrative text is Markdown. */
export interface Text {
  en: string
  vi: string
}

export type Level = 'beginner' | 'intermediate' | 'advanced'

export interface Lesson {
  /** Stable id, used in links (`#lesson=creating-a-pod&step=3`) and saved progress. */
  id: string
  /** Order in the lesson picker (1, 2, …). */
  number: number
  title: Text
  summary: Text
  level: Level
  /** Estimated minutes to complete. */
  minutes: number
  cluster: LessonCluster
  steps: Step[]
  /**
   * Present when the lesson needs engine features that do not exist yet: the lesson is an outline,
   * the picker shows it as "coming soon", and tests skip running it.
   */
  waitingFor?: string[]
  /** Where the lesson file came from (set by the loader). */
  file: string
}

export interface LessonCluster {
  seed: number
  /** Worker nodes: the engine's NodeSpec (name, cpu, memory, pods, labels, taints). */
  nodes: NodeSpec[]
  /** Actions run before the first step, silently (the hop log is not cleared). */
  setup: Action[]
  /**
   * A `student` user with limited rights (the engine's ClusterOptions.student): `available` for
   * `kubectl --user=student`, `current` to make it kubectl's user.
   */
  student?: StudentMode
}

/** What the student does in a "try it" step, and what the app can fill in for them. */
export interface TryIt {
  hint: Text
  /** The solution, one click away: a command for the console or a manifest for the editor. */
  solution: Action[]
  /** A manifest to put in the editor when the step starts (optional). */
  starter?: string
}

/** How the student answers a prediction: a multiple choice, or a click on the diagram. */
export type PickKind = 'choice' | 'node' | 'component'

export interface Choice {
  /** Compared with the engine's answer, as text. */
  value: string
  label: Text
}

export interface Predict {
  question: Text
  pick: PickKind
  /** Required for `choice`; for `node` and `component` the diagram is the list of choices. */
  choices: Choice[]
  /** How the engine computes the right answer after the step's actions have run. */
  answer: AnswerSource
  /** Shown with the answer; `{answer}` is replaced by the engine's answer. */
  explain: Text
}

export type AnswerSource =
  /** The node the scheduler bound the pod to (or `none` when it stayed Pending), from the decision hop. */
  | { scheduledNode: string }
  /** How many objects match (same query as a count check). */
  | { count: CountQuery }
  /**
   * Whole seconds between the first `from` hop of the step and the first `to` hop after it; without
   * `from`, from the moment the step started (when its actions began).
   */
  | { duration: { from?: HopSelector; to: HopSelector } }
  /** How many hops of the step match, or with `distinct`, how many different senders or receivers they have. */
  | { hops: { hop: HopSelector; distinct?: 'to' | 'from' } }
  /** An object's field (same query as an object check). */
  | { field: { object: string; field: string } }
  /** The component that received (or, with `side: from`, sent) the first matching hop of the step. */
  | { component: { hop: HopSelector; side: 'to' | 'from' } }

export interface Highlight {
  /** Component ids as on the diagram: `apiserver`, `etcd`, `scheduler`, `kubelet/node-1`, `kubelet/*` … */
  components: string[]
  /** Hops to highlight: the matching hops of this step (or the latest matching hop before it). */
  hops: HopSelector[]
}

export interface Step {
  /** Unique within the lesson; defaults to `step-<n>`. */
  id: string
  title: Text
  /** Markdown. */
  text: Text
  /** What the lesson does when the step plays (for a predict step: after the student answered). */
  actions: Action[]
  highlight: Highlight
  checks: Check[]
  try?: TryIt
  predict?: Predict
}

/** Milliseconds. Written in lessons as `1500`, `500ms`, `30s`, `2m`. */
export type Millis = number

export type Action =
  | { apply: string }
  | { kubectl: string; stdin?: string; mayFail?: boolean }
  | { advance: Millis }
  | { settle: true }
  /** Runs virtual time forward until a matching hop has happened (to the end of that millisecond). */
  | { until: HopSelector; within: Millis }
  | { stopNode: string }
  | { startNode: string }
  | { removeNode: string }
  | { addNode: NodeSpec }
  | { stopComponent: string }
  | { startComponent: string }
  /** Switches every node's kube-proxy to iptables or IPVS mode. */
  | { proxyMode: 'iptables' | 'ipvs' }
  /** A request from outside the cluster (`curl URL` on the student's machine), e.g. to a LoadBalancer IP. */
  | { request: string }

/**
 * Selects hops. Every given field must match. Strings compare exactly, except `from` and `to`,
 * which accept `*` as a wildcard (`kubelet/*`), and the `…Matches` fields, which are regular
 * expressions.
 */
export interface HopSelector {
  from?: string
  to?: string
  kind?: 'request' | 'response' | 'watch' | 'cri' | 'signal' | 'rules' | 'packet'
  method?: string
  pathMatches?: string
  status?: number
  summaryMatches?: string
  /** etcd writes: `put` or `delete`, and the key. */
  etcdOp?: 'put' | 'delete'
  keyMatches?: string
  /** Watch events: ADDED, MODIFIED, DELETED. */
  watchType?: string
  /** CRI calls and signals: `RunPodSandbox`, `PullImage`, `StartContainer`, `ExecSync`, `exit` … */
  call?: string
  signal?: string
  /** A field of the object the hop carries (etcd write after, watch object, or HTTP body). */
  object?: { field: string } & Comparison
  /** Include background housekeeping hops (Lease renewals, heartbeats). Default false. */
  background?: boolean
}

/** Comparisons; a check uses exactly one. Strings may embed `${pod/name:field.path}`. */
export interface Comparison {
  equals?: string | number | boolean
  notEquals?: string | number | boolean
  contains?: string
  notContains?: string
  matches?: string
  exists?: boolean
  atLeast?: number
  atMost?: number
}

export interface CountQuery {
  /** A resource as kubectl names it: `pods`, `replicasets`, `deployments` … */
  resource: string
  /** A label selector as for `kubectl get -l`. */
  selector?: string
  /** `running`, `ready`, `pending`, `terminating`, `scheduled`, or a field comparison. */
  where?: CountFilter
}

export type CountFilter = 'running' | 'ready' | 'pending' | 'terminating' | 'scheduled' | ({ field: string } & Comparison)

/** Optional on every check: how the app describes it to the student ("The pod is Running"). */
interface Labelled {
  says?: Text
}

export type Check =
  | (Labelled & Comparison & { object: string; field?: string })
  | (Labelled & Comparison & { count: CountQuery })
  | (Labelled & { hop: HopSelector; absent?: boolean; atLeast?: number; since: 'step' | 'lesson' })
  | (Labelled & Comparison & { kubectl: string; stdin?: string; exitCode?: number })
  | (Labelled & Comparison & { etcd: string; field?: string })
  /** A node's kube-proxy rules as the node prints them (`iptables-save`, or `ipvsadm -Ln` in IPVS mode). */
  | (Labelled & Comparison & { proxyRules: string })

/** The outcome of one check, with a reason a student understands, in both languages. */
export interface CheckResult {
  pass: boolean
  says?: Text
  reason: Text
}

/** A predict step's answer as the engine computed it. */
export interface PredictOutcome {
  /** The engine's answer (`node-2`, `4`, `32`, …). */
  answer: string
  /** The choice whose value equals the answer, if any. */
  choice?: Choice
  /** Why, from the engine (decision table summary, hop times, object counts). */
  reason: Text
  /** The lesson's explanation, with `{answer}` filled in. */
  explain: Text
  /** For `scheduledNode`: the scheduler's decision, to show as a table. */
  scheduling?: import('../src/engine/index').SchedulingDecision
  /** The hops the answer was read from (to highlight). */
  hops: number[]
}
