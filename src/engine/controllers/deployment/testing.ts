/**
 * A small test bench for controllers: the real etcd, apiserver, clock, seeded random and hop log,
 * with informer caches the test fills and refreshes itself (no watches), so a test can seed the
 * world, run one `sync(key)`, and read the requests the controller made from the hop log.
 * Used by the deployment and garbage-collector tests.
 */
import type { Deployment } from 'kubernetes-types/apps/v1'
import { keyOf, type KObject } from '../../api/meta'
import { ApiServer } from '../../apiserver/apiserver'
import type { ApiRequest } from '../../apiserver/request'
import { restPath, type ResourceType } from '../../apiserver/resources'
import { newWatchState } from '../../apiserver/watch'
import { Client, R } from '../../client/client'
import type { Ctx } from '../../client/component'
import { Recorder, newRecorderState } from '../../client/events'
import { Informer, newInformerState, type InformerEvent } from '../../client/informer'
import { EventQueue, newQueueState } from '../../sim/queue'
import { Random, newRandomState } from '../../sim/random'
import { Etcd, newStoreState } from '../../store/etcd'
import type { Hop } from '../../trace/hop'
import { Trace, newTraceState } from '../../trace/trace'
import type { ControllerEnv } from '../controller'

export const BENCH_RESOURCES = ['pods', 'replicasets', 'deployments', 'replicationcontrollers'] as const

export interface Bench {
  queue: EventQueue
  etcd: Etcd
  trace: Trace
  api: ApiServer
  ctx: Ctx
  informers: Record<string, Informer>
  env: ControllerEnv
  /** Every request the apiserver handled, bodies included (hops leave DELETE bodies out). */
  sent: ApiRequest[]
  /** Informer events the last `refresh` produced, for controllers whose handlers a test drives. */
  onEvent?: (resource: string, type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number) => void
}

/** A bench whose controller client sends as `controller-manager/<name>`. */
export function newBench(name: string, source: string, seed = 1): Bench {
  const queue = new EventQueue(newQueueState())
  const etcd = new Etcd(newStoreState())
  const trace = new Trace(newTraceState())
  const rng = new Random(newRandomState(seed))
  const api = new ApiServer({ watch: newWatchState(), up: true }, etcd, trace, queue, rng)
  const ctx: Ctx = { api, queue, rng, trace }
  api.handle({ verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, from: 'test' })
  const informers: Record<string, Informer> = {}
  const bench = { queue, etcd, trace, api, ctx, informers, sent: [] as ApiRequest[] } as Bench
  const handle = api.handle.bind(api)
  api.handle = (req) => {
    bench.sent.push(structuredClone(req))
    return handle(req)
  }
  for (const r of BENCH_RESOURCES) informers[r] = new Informer(newInformerState(R[r]), R[r], ctx, 'controller-manager', () => {})
  const client = new Client(api, `controller-manager/${name}`)
  bench.env = { ctx, informers, client, recorder: new Recorder(newRecorderState(), ctx, client, { component: source }), processId: 'controller-manager' }
  return bench
}

function typeOf(b: Bench, o: KObject): ResourceType {
  const r = BENCH_RESOURCES.find((x) => R[x].kind === o.kind)
  if (!r) throw new Error(`no informer for ${o.kind}`)
  void b
  return R[r]
}

/** Creates an object through the apiserver (as `test`) and returns what was stored. */
export function create<T extends object>(b: Bench, o: T): T {
  const ko = o as KObject
  const t = typeOf(b, ko)
  const r = b.api.handle({ verb: 'POST', path: restPath(t, ko.metadata?.namespace ?? 'default'), body: structuredClone(o), from: 'test' })
  if (r.status !== 201) throw new Error(`create ${ko.kind} ${ko.metadata?.name}: ${r.status} ${r.body?.message}`)
  return r.body as T
}

/** Replaces an object's status (as a ReplicaSet controller or kubelet would). */
export function setStatus<T extends object>(b: Bench, o: T, status: unknown): T {
  const ko = o as KObject
  const t = typeOf(b, ko)
  const cur = b.etcd.get(`/registry/${t.etcd}/${ko.metadata!.namespace}/${ko.metadata!.name}`)!.value as KObject
  const r = b.api.handle({ verb: 'PUT', path: restPath(t, ko.metadata!.namespace, ko.metadata!.name, 'status'), body: { ...cur, status }, from: 'test' })
  if (r.status !== 200) throw new Error(`status ${ko.kind} ${ko.metadata?.name}: ${r.status} ${r.body?.message}`)
  return r.body as T
}

/** Changes an object's spec or metadata with a merge patch (as a user would). */
export function patch<T extends object>(b: Bench, o: T, p: unknown): T {
  const ko = o as KObject
  const t = typeOf(b, ko)
  const r = b.api.handle({ verb: 'PATCH', path: restPath(t, ko.metadata!.namespace, ko.metadata!.name), body: p, patchType: 'merge', from: 'test' })
  if (r.status !== 200) throw new Error(`patch ${ko.kind} ${ko.metadata?.name}: ${r.status} ${r.body?.message}`)
  return r.body as T
}

/** Deletes an object (as a user would), with optional DeleteOptions. */
export function del(b: Bench, o: KObject, options: Record<string, unknown> = {}): void {
  const t = typeOf(b, o)
  b.api.handle({ verb: 'DELETE', path: restPath(t, o.metadata!.namespace, o.metadata!.name), body: options, from: 'test' })
}

/**
 * Makes every informer cache equal to etcd, as a relist would, and hands each difference to
 * `b.onEvent` (ADDED, MODIFIED, DELETED).
 */
export function refresh(b: Bench): void {
  for (const r of BENCH_RESOURCES) {
    const inf = b.informers[r]
    const old = inf.s.cache
    const next = new Map<string, KObject>()
    for (const kv of b.etcd.range(`/registry/${R[r].etcd}/`)) next.set(keyOf(kv.value as KObject), kv.value as KObject)
    inf.s.cache = next
    for (const [k, o] of next) {
      const prev = old.get(k)
      if (!prev) b.onEvent?.(r, 'ADDED', o, undefined, 0)
      else if (prev.metadata?.resourceVersion !== o.metadata?.resourceVersion) b.onEvent?.(r, 'MODIFIED', o, prev, 0)
    }
    for (const [k, o] of old) if (!next.has(k)) b.onEvent?.(r, 'DELETED', o, o, 0)
  }
}

/** Every request hop sent by `from` after hop `after`, e.g. `PUT /apis/apps/v1/namespaces/default/replicasets/web-1`. */
export function requestHops(b: Bench, from: string, after = 0): Hop[] {
  return b.trace.s.hops.filter((h) => h.id > after && h.kind === 'request' && h.from === from)
}

export function requests(b: Bench, from: string, after = 0): string[] {
  return requestHops(b, from, after).map((h) => `${h.detail?.http?.method} ${h.detail?.http?.path}`)
}

/** Messages of the Events `from` created, oldest first (read from the requests: hops may leave bodies out). */
export function eventMessages(b: Bench, from: string, afterRequest = 0): string[] {
  return b.sent
    .slice(afterRequest)
    .filter((r) => r.from === from && r.verb === 'POST' && r.path.endsWith('/events'))
    .map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body).message as string)
}

/** The id of the last hop so far: pass it as `after` to see only what comes next. */
export function mark(b: Bench): number {
  return b.trace.s.hops.length ? b.trace.s.hops[b.trace.s.hops.length - 1].id : 0
}

/** Stored objects of a resource, by name. */
export function stored<T = KObject>(b: Bench, resource: (typeof BENCH_RESOURCES)[number]): Map<string, T> {
  const out = new Map<string, T>()
  for (const kv of b.etcd.range(`/registry/${R[resource].etcd}/`)) out.set((kv.value as KObject).metadata!.name!, kv.value as T)
  return out
}

/** A Deployment as `kubectl create deployment web --image=nginx:1.27 --replicas=n` makes it. */
export function makeDeployment(name: string, replicas: number, image = 'nginx:1.27', extra: { strategy?: unknown; revisionHistoryLimit?: number; progressDeadlineSeconds?: number; minReadySeconds?: number; paused?: boolean } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split(':')[0].split('/').pop()!, image }] } },
      ...(extra as object),
    },
  } as Deployment
}

/** Advances the bench's clock (nothing runs: tests drive syncs themselves). */
export function advance(b: Bench, ms: number): void {
  b.queue.advanceTo(b.queue.now + ms)
}
