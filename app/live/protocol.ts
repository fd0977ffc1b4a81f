/**
 * Live mode's wire format, shared by the served engine (server/live.ts) and the app (app/live/):
 *
 * - `GET /podium/live`: {@link LiveInfo} (JSON). Only `npm run serve` answers it; the static
 *   preview (`npm start`) has no such endpoint, so the app keeps its own worker there.
 * - `GET /podium/live/events`: server-sent events. First `event: boot` (a {@link LiveBoot}: the
 *   keyspace as of the start of the backlog, the backlog's hops, the scenario), then `event: hops`
 *   ({@link LiveHops}) as the cluster makes them. Every event's id is `<session>.<last hop id>`; a
 *   reconnect sending `Last-Event-ID` of the same session gets only the hops after it, one of
 *   another session (the server restarted) gets a fresh `boot`.
 * - `POST /podium/live/request`: {@link LiveRequestBody} → {@link LiveReply}: the console's
 *   kubectl and the other requests the served cluster can honour ({@link LIVE_REQUESTS}).
 * - `GET /podium/live/scenario`: the served session's scenario (for Share).
 */
import type { BootResult, ClusterUpdate, WorkerRequest } from '../worker/protocol'

export const LIVE_PATH = '/podium/live'

export interface LiveInfo {
  podium: 'live'
  /** Changes each time the server starts: a reconnect to another session starts over. */
  session: string
  /** Where the server listens, `http://127.0.0.1:8080`. */
  url: string
  seed: number
  nodes: number
  /** `wall`: virtual time follows the wall clock (the app cannot move it); `manual`: it moves only when asked. */
  clock: 'wall' | 'manual'
}

/**
 * An `event: boot` payload. `origin`: the virtual ms at which the served cluster started; the app
 * shows times from it, so a cluster whose clock starts at today's date (`npm run serve` passes
 * the wall clock as its epoch) reads `t = 0:42` rather than hours since the simulation's own date.
 */
export interface LiveBoot extends BootResult {
  origin: number
}

/** An `event: hops` payload: a ClusterUpdate without the scenario (it only grows; Share fetches it). */
export type LiveHops = Omit<ClusterUpdate, 'scenario'>

/** The requests the served cluster honours; any other is refused with a reason. */
export const LIVE_REQUESTS = ['kubectl', 'query', 'node', 'component', 'proxyRules', 'proxyMode', 'request', 'cloudRoutes', 'runAhead'] as const

export interface LiveRequestBody {
  request: WorkerRequest
  /** The last hop the app has: the reply carries the hops after it. */
  after: number
}

export type LiveReply = { ok: true; value: unknown } | { ok: false; error: string }

/** `<session>.<hop id>`, the id of every event. */
export function eventId(session: string, hopId: number): string {
  return `${session}.${hopId}`
}

/** The hop id in an event id of `session`, or undefined for another session or a malformed id. */
export function hopIdOf(id: string | undefined, session: string): number | undefined {
  if (!id) return undefined
  const dot = id.lastIndexOf('.')
  if (dot < 0 || id.slice(0, dot) !== session) return undefined
  const n = Number(id.slice(dot + 1))
  return Number.isInteger(n) && n >= 0 ? n : undefined
}
