/// <reference lib="webworker" />
/**
 * The engine's home: the simulated cluster runs here, never on the UI thread. The engine never
 * runs by itself: a user action is answered at once with the hops it made (so the first hop is on
 * screen quickly), then the UI asks for `runAhead`, which advances virtual time by RUN_AHEAD_MS or
 * until RUN_AHEAD_HOPS foreground hops were made, whichever comes first, because some things never
 * settle (CrashLoopBackOff, heartbeats) while the UI plays the log at the user's pace.
 */
import { clockStart, createCluster, runScenario, type Cluster, type KeyValueView } from '../../src/engine'
import type { BootResult, ClusterUpdate, JumpReply, KubectlReply, RequestReply, LessonAnswerReply, LessonBootReply, LessonUpdateReply, WorkerMessage, WorkerReply, WorkerRequest } from './protocol'
import { componentAction, nodeAction, podStatuses } from './engineOps'
import { answerStep, checkStep, LessonRefusal, lessonCatalog, nextStep, openLesson } from './lessonHost'
import { keepHop, summarizeBackground, type SummarizedRange } from './summarize'

const RUN_AHEAD_MS = 30_000
const RUN_AHEAD_HOPS = 200
const CHUNK_MS = 1_000
/**
 * At most this many hops per run-ahead reply: a Deployment of 200 pods makes thousands of hops in
 * one virtual second, and deserialising them all at once would block the UI thread for ~300 ms.
 * The rest stays queued here and goes with the next request.
 */
const MAX_REPLY_HOPS = 1_000

/** "Next CronJob run" looks this far ahead, a minute at a time (a daily schedule fires within a day). */
const CRONJOB_STEP_MS = 60_000

/** A request refused before it touched the cluster: an error for the user, not a crash. */
class Refusal extends Error {
  override name = 'Refusal'
}

let cluster: Cluster | undefined
let sentUpTo = 0
/** The hops of a long jump still to send, summarized (./summarize.ts). */
let summarizedRange: SummarizedRange | undefined

function update(c: Cluster, baseline: KeyValueView[] = [], limit = Infinity): ClusterUpdate {
  const unsent = c.hops(sentUpTo)
  const r = summarizedRange
  const eligible = r ? unsent.filter((h) => keepHop(h, r)) : unsent
  const hops = eligible.slice(0, limit)
  if (eligible.length > limit) sentUpTo = hops[hops.length - 1].id
  else if (unsent.length) sentUpTo = unsent[unsent.length - 1].id
  if (r && sentUpTo >= r.upTo) summarizedRange = undefined
  return { hops, components: c.components(), now: c.now(), scenario: c.scenario(), podStatus: podStatuses(hops, baseline) }
}

/** Summarizes the hops after hop `after` when there are too many background ones; how many are left out. */
function summarize(c: Cluster, after: number): number {
  const { range, left } = summarizeBackground(c.hops(after), after)
  if (range) summarizedRange = range
  return left
}

/** Advances a minute at a time until a CronJob creates a Job, at most `maxMs`; whether one did. */
function advanceToCronJob(c: Cluster, maxMs: number): boolean {
  const start = c.now()
  let scanned = lastHopId(c)
  while (c.now() - start < maxMs) {
    c.advance(Math.min(CRONJOB_STEP_MS, maxMs - (c.now() - start)))
    const fresh = c.hops(scanned)
    if (fresh.length) scanned = fresh[fresh.length - 1].id
    if (fresh.some((h) => h.from === 'controller-manager/cronjob' && h.detail?.http?.method === 'POST' && /\/jobs$/.test(h.detail.http.path))) return true
  }
  return false
}

/** Advances in chunks until `ms` of virtual time passed or enough foreground hops were made. */
function runAhead(c: Cluster, ms = RUN_AHEAD_MS) {
  const start = c.now()
  const firstId = lastHopId(c)
  while (c.now() - start < ms) {
    c.advance(Math.min(CHUNK_MS, ms - (c.now() - start)))
    const fresh = c.hops(firstId)
    let foreground = 0
    for (const h of fresh) if (!h.background) foreground++
    if (foreground >= RUN_AHEAD_HOPS) break
  }
}

function lastHopId(c: Cluster): number {
  const all = c.hops()
  return all.length ? all[all.length - 1].id : 0
}

function requireCluster(): Cluster {
  if (!cluster) throw new Error('The cluster has not started yet.')
  return cluster
}

function handle(req: WorkerRequest): unknown {
  switch (req.type) {
    case 'boot': {
      sentUpTo = 0
      summarizedRange = undefined
      let baseline
      if (req.scenario) {
        // The baseline is the keyspace before the first step: the same shape and seed, no steps.
        baseline = runScenario({ ...req.scenario, steps: [] }).keyspace()
        cluster = runScenario(req.scenario)
        // A replayed long jump (a reload, a share link) is summarized as it was when it happened.
        summarize(cluster, 0)
      } else {
        cluster = createCluster(req.options)
        baseline = cluster.keyspace()
      }
      const start = clockStart(cluster.scenario())
      return { ...update(cluster, baseline), baseline, ...(start ? { clockStart: start } : {}) } satisfies BootResult
    }
    case 'kubectl': {
      const c = requireCluster()
      const result = c.kubectl(req.command, req.stdin)
      return { ...update(c), result } satisfies KubectlReply
    }
    case 'query': {
      const c = requireCluster()
      const before = c.snapshot()
      try {
        return c.kubectl(req.command)
      } finally {
        c.restore(before)
      }
    }
    case 'node': {
      const c = requireCluster()
      nodeAction(c, req.action)
      return update(c)
    }
    case 'proxyRules':
      return requireCluster().proxyRules(req.node)
    case 'proxyMode': {
      const c = requireCluster()
      c.setProxyMode(req.mode)
      return update(c)
    }
    case 'request': {
      const c = requireCluster()
      const response = c.request(req.url)
      return { ...update(c), response } satisfies RequestReply
    }
    case 'runAhead': {
      const c = requireCluster()
      // Hops still queued from an earlier run-ahead go first; time moves on only when they are out.
      if (c.hops(sentUpTo).length < MAX_REPLY_HOPS) runAhead(c, req.ms)
      return update(c, [], MAX_REPLY_HOPS)
    }
    case 'component': {
      const c = requireCluster()
      if (!componentAction(c, req.id, req.op)) throw new Refusal(`${req.id} cannot be stopped or started`)
      return update(c)
    }
    case 'jump': {
      const c = requireCluster()
      const start = c.now()
      const after = lastHopId(c)
      let cronJobRan = false
      if (req.untilCronJob) cronJobRan = advanceToCronJob(c, req.ms)
      else c.advance(req.ms)
      const summarized = summarize(c, after)
      return { ...update(c, [], MAX_REPLY_HOPS), jumped: c.now() - start, cronJobRan, summarized } satisfies JumpReply
    }
    case 'cloudRoutes':
      return requireCluster().cloudRoutes()
    case 'lessons':
      return lessonCatalog()
    case 'lessonOpen': {
      // Entering a lesson (or going back) resets the cluster: the lesson's cluster, replayed to the step.
      const { run, info } = openLesson(req.id, req.step)
      cluster = run.cluster
      sentUpTo = 0
      summarizedRange = undefined
      const baseline = runScenario({ ...run.cluster.scenario(), steps: [] }).keyspace()
      return { ...update(run.cluster, baseline), baseline, step: info } satisfies LessonBootReply
    }
    case 'lessonNext': {
      const step = nextStep()
      return { ...update(requireCluster()), step } satisfies LessonUpdateReply
    }
    case 'lessonCheck':
      return checkStep()
    case 'lessonAnswer': {
      const { outcome, info } = answerStep()
      return { ...update(requireCluster()), step: info, outcome } satisfies LessonAnswerReply
    }
  }
}

self.onmessage = (e: MessageEvent<WorkerMessage>) => {
  const { id, request } = e.data
  let reply: WorkerReply
  try {
    reply = { id, ok: true, value: handle(request) }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    // A failed boot or any exception from the engine leaves state we cannot trust; a lesson request
    // refused before it touched the cluster (unknown lesson, last step) does not.
    reply = { id, ok: false, error: message, fatal: !(err instanceof LessonRefusal || err instanceof Refusal) }
  }
  ;(self as unknown as DedicatedWorkerGlobalScope).postMessage(reply)
}
