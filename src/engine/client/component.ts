/**
 * What every simulated process shares: the apiserver (its only way to the cluster), the
 * simulation queue, the seeded random stream and the hop log. Components keep all their state
 * in plain data objects so the cluster can snapshot and restore them.
 */
import type { ApiServer } from '../apiserver/apiserver'
import type { WatchDelivery } from '../apiserver/watch'
import type { EventQueue } from '../sim/queue'
import type { Random } from '../sim/random'
import type { ComponentId } from '../trace/hop'
import type { Trace } from '../trace/trace'

export interface Ctx {
  api: ApiServer
  queue: EventQueue
  rng: Random
  trace: Trace
}

/** The payload of a `timer` simulation event: something a component asked to do later. */
export interface TimerPayload {
  component: ComponentId
  action: string
  data?: unknown
  cause?: number
  background?: boolean
}

export interface Component {
  readonly id: ComponentId
  /** Lists and watches what it needs. Called at start and when the component restarts. */
  start(cause?: number): void
  /** A watch event arrived (the hop is already recorded). */
  onWatch(d: WatchDelivery, hop: number): void
  /** A timer it scheduled fired. */
  onTimer(p: TimerPayload): void
}

/** Schedules `action` on `component` after `delay` virtual ms. */
export function scheduleTimer(ctx: Ctx, delay: number, p: TimerPayload): void {
  ctx.queue.schedule(delay, 'timer', p, { bg: p.background })
}
