/**
 * A test bench for the workload and storage controllers (StatefulSet, DaemonSet, Job, CronJob,
 * PersistentVolume): the real etcd, apiserver, clock, seeded random and hop log, with informer
 * caches for any of the resources in `R` that the test fills with `refresh` (no watches). A test
 * seeds the world, runs one `sync(key)` and reads the requests the controller made.
 * The deployment tests have their own, narrower bench (deployment/testing.ts).
 */
import { keyOf, type KObject } from '../api/meta'
import { ApiServer } from '../apiserver/apiserver'
import type { ApiRequest } from '../apiserver/request'
import { restPath, resourceForKind } from '../apiserver/resources'
import { newWatchState } from '../apiserver/watch'
import { Client, R } from '../client/client'
import type { Ctx } from '../client/component'
import { Recorder, newRecorderState } from '../client/events'
import { Informer, newInformerState } from '../client/informer'
import { EventQueue, newQueueState } from '../sim/queue'
import { Random, newRandomState } from '../sim/random'
import { rfc3339 } from '../sim/time'
import { Etcd, newStoreState } from '../store/etcd'
import { Trace, newTraceState } from '../trace/trace'
import type { ControllerEnv } from './controller'

/** A resource plural that `R` knows. */
export type BenchResource = keyof typeof R

export interface WorkBench {
  queue: EventQueue
  etcd: Etcd
  api: ApiServer
  ctx: Ctx
  informers: Record<string, Informer>
  env: ControllerEnv
  /** Every request the apiserver handled, bodies included. */
  sent: ApiRequest[]
  resources: BenchResource[]
}

/** A bench whose controller sends as `controller-manager/<name>` and records events as `source`. */
export function newWorkBench(name: string, source: string, resources: BenchResource[], seed = 1): WorkBench {
  const queue = new EventQueue(newQueueState())
  const etcd = new Etcd(newStoreState())
  const trace = new Trace(newTraceState())
  const rng = new Random(newRandomState(seed))
  const api = new ApiServer({ watch: newWatchState(), up: true }, etcd, trace, queue, rng)
  const ctx: Ctx = { api, queue, rng, trace }
  api.handle({ verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, from: 'test' })
  const sent: ApiRequest[] = []
  const handle = api.handle.bind(api)
  api.handle = (req) => {
    sent.push(structuredClone(req))
    return handle(req)
  }
  const informers: Record<string, Informer> = {}
  for (const r of resources) informers[r] = new Informer(newInformerState(R[r]), R[r], ctx, 'controller-manager', () => {})
  const client = new Client(api, `controller-manager/${name}`)
  const env: ControllerEnv = { ctx, informers, client, recorder: new Recorder(newRecorderState(), ctx, client, { component: source }), processId: 'controller-manager' }
  return { queue, etcd, api, ctx, informers, env, sent, resources }
}

/** Creates an object as `test` and returns what was stored. */
export function put<T extends object>(b: WorkBench, o: T): T {
  const ko = o as KObject
  const t = resourceForKind(ko.apiVersion!, ko.kind!)!
  const r = b.api.handle({ verb: 'POST', path: restPath(t, t.namespaced ? (ko.metadata?.namespace ?? 'default') : undefined), body: structuredClone(o), from: 'test' })
  if (r.status !== 201) throw new Error(`create ${ko.kind} ${ko.metadata?.name}: ${r.status} ${r.body?.message}`)
  return r.body as T
}

/** Replaces an object's status, as a kubelet or another controller would. */
export function putStatus<T extends object>(b: WorkBench, o: T, status: unknown): T {
  const ko = o as KObject
  const t = resourceForKind(ko.apiVersion!, ko.kind!)!
  const path = restPath(t, ko.metadata!.namespace, ko.metadata!.name)
  const cur = b.api.peek(path) as KObject
  const r = b.api.handle({ verb: 'PUT', path: path + '/status', body: { ...cur, status }, from: 'test' })
  if (r.status !== 200) throw new Error(`status ${ko.kind} ${ko.metadata?.name}: ${r.status} ${r.body?.message}`)
  return r.body as T
}

/** Makes every informer cache equal to etcd, as a relist would. */
export function refreshAll(b: WorkBench): void {
  for (const r of b.resources) {
    const next = new Map<string, KObject>()
    for (const kv of b.etcd.range(`/registry/${R[r].etcd}/`)) next.set(keyOf(kv.value as KObject), kv.value as KObject)
    b.informers[r].s.cache = next
  }
}

/** Stored objects of a resource, by name. */
export function storedOf<T = KObject>(b: WorkBench, resource: BenchResource): Map<string, T> {
  const out = new Map<string, T>()
  for (const kv of b.etcd.range(`/registry/${R[resource].etcd}/`)) out.set((kv.value as KObject).metadata!.name!, kv.value as T)
  return out
}

/** `POST /api/v1/namespaces/default/pods`: the non-event requests `from` made since request `after`. */
export function sentBy(b: WorkBench, from: string, after = 0): string[] {
  return b.sent
    .slice(after)
    .filter((r) => r.from === from && r.verb !== 'GET' && !r.path.endsWith('/events'))
    .map((r) => `${r.verb} ${r.path}`)
}

/** Event `reason: message` lines `from` created since request `after`. */
export function eventsBy(b: WorkBench, from: string, after = 0): string[] {
  return b.sent
    .slice(after)
    .filter((r) => r.from === from && r.verb === 'POST' && r.path.endsWith('/events'))
    .map((r) => {
      const e = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as { reason: string; message: string }
      return `${e.reason}: ${e.message}`
    })
}

/** Marks a pod Running and Ready (or finished), as its kubelet would report it. */
export function podPhase(b: WorkBench, pod: KObject, phase: 'Running' | 'Succeeded' | 'Failed', ready = phase === 'Running', restarts = 0): void {
  const t = rfcNow(b)
  putStatus(b, pod, {
    phase,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: t }],
    containerStatuses: [{ name: 'c', ready, restartCount: restarts, image: '', imageID: '', state: phase === 'Running' ? { running: { startedAt: t } } : { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: t, finishedAt: t } } }],
  })
}

function rfcNow(b: WorkBench): string {
  return rfc3339(b.queue.now)
}

/** The number of requests so far: pass it as `after`. */
export function mark(b: WorkBench): number {
  return b.sent.length
}
