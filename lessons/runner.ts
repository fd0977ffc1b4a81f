/**
 * Plays lessons headless over the engine's public surface: creates the lesson's cluster, performs
 * a step's actions, evaluates its checks, applies a "try it" solution, and computes a prediction's
 * answer. The app drives the same functions from its worker; the tests drive them from Node.
 *
 * ```ts
 * const run = new LessonRunner(lesson)
 * run.enter(0); run.play()          // narrative step: its actions run
 * run.check()                       // [{ pass, reason: { en, vi } }]
 * run.enter(3); run.solve()         // "try it": the solution the app can fill in
 * run.enter(5); run.play(); run.predict()   // predict: answer revealed after the step plays
 * ```
 */
import { createCluster, type Cluster, type ExternalResponse, type KubectlResult } from '../src/engine/index'
import { evaluateChecks, type CheckScope } from './checks'
import type { Action, CheckResult, Lesson, PredictOutcome, Step } from './format'
import { computePrediction } from './predict'
import { expand, lastHopId, matchHop, readOnly } from './query'

export interface ActionOutcome {
  action: Action
  ok: boolean
  /** What kubectl printed, for `apply` and `kubectl` actions (the app shows it in the console). */
  output?: KubectlResult
  /** The kubectl command as run, with `${…}` references filled in. */
  command?: string
  /** For `request` actions: what the outside client received (`curl URL` on the student's machine). */
  response?: ExternalResponse
  error?: string
}

/** Creates the lesson's cluster and runs its setup actions. */
export function createLessonCluster(lesson: Lesson): Cluster {
  const c = createCluster({ seed: lesson.cluster.seed, nodes: lesson.cluster.nodes, ...(lesson.cluster.student ? { student: lesson.cluster.student } : {}) })
  const failed = performActions(c, lesson.cluster.setup).find((o) => !o.ok)
  if (failed) throw new Error(`${lesson.file}: setup failed: ${failed.error}`)
  return c
}

/** Performs actions in order; a failing kubectl command (unless `mayFail`) is reported, not thrown. */
export function performActions(c: Cluster, actions: readonly Action[]): ActionOutcome[] {
  return actions.map((a) => performAction(c, a))
}

export function performAction(c: Cluster, a: Action): ActionOutcome {
  try {
    if ('apply' in a) return kubectlOutcome(a, c.kubectl('apply -f -', a.apply), false)
    if ('kubectl' in a) {
      // `${pods -l app=web:items[0].metadata.name}` names an object the lesson cannot know in advance.
      const command = a.kubectl.includes('${') ? readOnly(c, () => expand(c, a.kubectl)) : a.kubectl
      return { ...kubectlOutcome(a, c.kubectl(command, a.stdin), a.mayFail ?? false), command }
    }
    if ('advance' in a) c.advance(a.advance)
    else if ('settle' in a) c.settle()
    else if ('until' in a) {
      if (!advanceUntil(c, a)) return { action: a, ok: false, error: `no matching hop within ${a.within} ms` }
    } else if ('stopNode' in a) c.stopNode(a.stopNode)
    else if ('startNode' in a) c.startNode(a.startNode)
    else if ('removeNode' in a) c.removeNode(a.removeNode)
    else if ('addNode' in a) c.addNode(a.addNode)
    else if ('stopComponent' in a) c.stopComponent(a.stopComponent)
    else if ('startComponent' in a) c.startComponent(a.startComponent)
    else if ('proxyMode' in a) c.setProxyMode(a.proxyMode)
    else if ('request' in a) {
      const response = c.request(a.request)
      return response.error ? { action: a, ok: false, response, error: `curl: ${response.error}` } : { action: a, ok: true, response }
    }
    return { action: a, ok: true }
  } catch (e) {
    return { action: a, ok: false, error: (e as Error).message }
  }
}

function kubectlOutcome(action: Action, output: KubectlResult, mayFail: boolean): ActionOutcome {
  const ok = mayFail || output.exitCode === 0
  return ok ? { action, ok, output } : { action, ok, output, error: output.stderr.trim() || `exit code ${output.exitCode}` }
}

/** Advances one virtual millisecond at a time until a matching hop appears (or `within` passes). */
function advanceUntil(c: Cluster, a: Extract<Action, { until: unknown }>): boolean {
  let seen = lastHopId(c)
  const found = () => {
    const fresh = c.hops(seen)
    if (fresh.length) seen = fresh[fresh.length - 1].id
    return fresh.some((h) => matchHop(h, a.until))
  }
  for (let t = 0; t < a.within; t++) {
    c.advance(1)
    if (found()) return true
  }
  return false
}

/** Applies a "try it" step's solution, then lets the cluster settle, as a student would wait. */
export function applySolution(c: Cluster, step: Step): ActionOutcome[] {
  if (!step.try) return []
  const out = performActions(c, step.try.solution)
  if (!step.try.solution.some((a) => 'settle' in a || 'advance' in a || 'until' in a)) c.settle()
  return out
}

/** The ids of the hops a step highlights: its own matching hops, or the latest matching hop before it. */
export function highlightedHops(c: Cluster, step: Step, scope: CheckScope): number[] {
  const ids = new Set<number>()
  for (const sel of step.highlight.hops) {
    const mine = c.hops(scope.stepStartHop).filter((h) => matchHop(h, sel))
    if (mine.length) mine.forEach((h) => ids.add(h.id))
    else {
      const before = c.hops(scope.lessonStartHop).filter((h) => h.id <= scope.stepStartHop && matchHop(h, sel))
      if (before.length) ids.add(before[before.length - 1].id)
    }
  }
  return [...ids].sort((a, b) => a - b)
}

/** One lesson being played: the cluster, the current step and where each step's hops begin. */
export class LessonRunner {
  readonly cluster: Cluster
  /** The current step's index, -1 before the first. */
  index = -1
  private scope: CheckScope

  constructor(readonly lesson: Lesson) {
    this.cluster = createLessonCluster(lesson)
    const start = lastHopId(this.cluster)
    this.scope = { stepStartHop: start, lessonStartHop: start, stepStartTime: this.cluster.now() }
  }

  get step(): Step {
    const s = this.lesson.steps[this.index]
    if (!s) throw new Error(`no step ${this.index + 1} in lesson ${this.lesson.id}`)
    return s
  }

  /** Makes step `i` current: hops from now on are this step's. Does not run its actions. */
  enter(i: number): Step {
    this.index = i
    this.scope = { ...this.scope, stepStartHop: lastHopId(this.cluster), stepStartTime: this.cluster.now() }
    return this.step
  }

  /** Runs the current step's actions (for a predict step, after the student answered). */
  play(): ActionOutcome[] {
    return performActions(this.cluster, this.step.actions)
  }

  /** Evaluates the current step's checks. */
  check(): CheckResult[] {
    return evaluateChecks(this.cluster, this.step.checks, this.scope)
  }

  /** Whether every check of the current step holds (a step without checks passes). */
  passed(): boolean {
    return this.check().every((r) => r.pass)
  }

  /** Applies the current "try it" step's solution. */
  solve(): ActionOutcome[] {
    return applySolution(this.cluster, this.step)
  }

  /** The current predict step's answer, computed from the engine (call after `play`). */
  predict(): PredictOutcome {
    const p = this.step.predict
    if (!p) throw new Error(`step ${this.step.id} is not a predict step`)
    return computePrediction(this.cluster, p, this.scope)
  }

  highlights(): { components: string[]; hops: number[] } {
    return { components: this.step.highlight.components, hops: highlightedHops(this.cluster, this.step, this.scope) }
  }

  /** Where the current step's and the lesson's hops begin (hop ids greater than these). */
  get checkScope(): CheckScope {
    return { ...this.scope }
  }
}

/**
 * A fresh run positioned at the start of step `i` (for a link to a lesson at a step, or Back):
 * every earlier step has played, with the solution of each "try it" step applied.
 */
export function playTo(lesson: Lesson, i: number): LessonRunner {
  const run = new LessonRunner(lesson)
  for (let k = 0; k < i && k < lesson.steps.length; k++) {
    run.enter(k)
    if (run.step.try) run.solve()
    else run.play()
  }
  if (i < lesson.steps.length) run.enter(i)
  return run
}
