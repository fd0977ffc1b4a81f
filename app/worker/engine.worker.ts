/// <reference lib="webworker" />
/**
 * The engine's home: the simulated cluster runs here, never on the UI thread. The engine never
 * runs by itself: a user action is answered at once with the hops it made (so the first hop is on
 * screen quickly), then the UI asks for `runAhead`, which advances virtual time by RUN_AHEAD_MS or
 * until RUN_AHEAD_HOPS foreground hops were made, whichever comes first, because some things never
 * settle (CrashLoopBackOff, heartbeats) while the UI plays the log at the user's pace.
 */
import { createCluster, podStatusText, runScenario, type Cluster, type Hop, type KeyValueView } from '../../src/engine'
import type { BootResult, ClusterUpdate, KubectlReply, RequestReply, LessonAnswerReply, LessonBootReply, LessonUpdateReply, NodeOp, WorkerMessage, WorkerReply, WorkerRequest } from './protocol'
import { answerStep, checkStep, LessonRefusal, lessonCatalog, nextStep, openLesson } from './lessonHost'

const RUN_AHEAD_MS = 30_000
const RUN_AHEAD_HOPS = 200
const CHUNK_MS = 1_000
/**
 * At most this many hops per run-ahead reply: a Deployment of 200 pods makes thousands of hops in
 * one virtual second, and deserialising them all at once would block the UI thread for ~300 ms.
 * The rest stays queued here and goes with the next request.
 */
const MAX_REPLY_HOPS = 1_000

let cluster: Cluster | undefined
let sentUpTo = 0

function update(c: Cluster, baseline: KeyValueView[] = [], limit = Infinity): ClusterUpdate {
  const unsent = c.hops(sentUpTo)
  const hops = unsent.length > limit ? unsent.slice(0, limit) : [...unsent]
  if (hops.length) sentUpTo = hops[hops.length - 1].id
  return { hops, components: c.components(), now: c.now(), scenario: c.scenario(), podStatus: podStatuses(hops, baseline) }
}

/** STATUS texts of the pods in the baseline and written by the hops, by etcd revision. */
function podStatuses(hops: readonly Hop[], baseline: KeyValueView[]): [number, string][] {
  const out: [number, string][] = []
  for (const kv of baseline) if (kv.key.startsWith('/registry/pods/')) out.push([kv.modRevision, podStatusText(kv.value)])
  for (const h of hops) {
    const w = h.detail?.etcd
    if (w?.after && w.key.startsWith('/registry/pods/')) out.push([w.revision, podStatusText(w.after)])
  }
  return out
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

function nodeAction(c: Cluster, a: NodeOp) {
  switch (a.op) {
    case 'add':
      return c.addNode(a.spec)
    case 'remove':
      return c.removeNode(a.name)
    case 'stop':
      return c.stopNode(a.name)
    case 'start':
      return c.startNode(a.name)
  }
}

function handle(req: WorkerRequest): unknown {
  switch (req.type) {
    case 'boot': {
      sentUpTo = 0
      let baseline
      if (req.scenario) {
        // The baseline is the keyspace before the first step: the same shape and seed, no steps.
        baseline = runScenario({ ...req.scenario, steps: [] }).keyspace()
        cluster = runScenario(req.scenario)
      } else {
        cluster = createCluster(req.options)
        baseline = cluster.keyspace()
      }
      return { ...update(cluster, baseline), baseline } satisfies BootResult
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
    case 'lessons':
      return lessonCatalog()
    case 'lessonOpen': {
      // Entering a lesson (or going back) resets the cluster: the lesson's cluster, replayed to the step.
      const { run, info } = openLesson(req.id, req.step)
      cluster = run.cluster
      sentUpTo = 0
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
    reply = { id, ok: false, error: message, fatal: !(err instanceof LessonRefusal) }
  }
  ;(self as unknown as DedicatedWorkerGlobalScope).postMessage(reply)
}
