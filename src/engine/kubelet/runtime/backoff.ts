/**
 * The kubelet's back-offs and image pull timing.
 *
 * Both the container restart back-off (CrashLoopBackOff) and the image pull back-off
 * (ImagePullBackOff) are client-go's flowcontrol.Backoff with an initial 10 s, doubling, capped at
 * 300 s, and no jitter. An entry whose last update is more than twice the cap (10 minutes) older
 * than the new event starts over: that is the "reset after 10 minutes of running".
 *
 * Restarts: the first restart is immediate; after each later exit the kubelet waits 10 s, 20 s,
 * 40 s … 300 s, measured from the exit (`IsInBackOffSince(key, finishedAt)`).
 * Pulls: after each failed pull the next attempt waits 10 s, 20 s … 300 s from the failure.
 *
 * Upstream: k8s.io/client-go/util/flowcontrol/backoff.go; pkg/kubelet/kubelet.go (backOffPeriod,
 * MaxContainerBackOff, MaxImageBackOff); pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff;
 * pkg/kubelet/images/image_manager.go.
 */

export const INITIAL_BACKOFF_MS = 10_000
export const MAX_BACKOFF_MS = 300_000

/** One flowcontrol.Backoff entry (per container or per pod+image). Plain data. */
export interface BackoffEntry {
  backoffMs: number
  lastUpdate: number
}

/** Upstream: hasExpired — "consider stable if it's ok for twice the maxDuration". */
function hasExpired(eventTime: number, lastUpdate: number, maxMs: number): boolean {
  return eventTime - lastUpdate > maxMs * 2
}

/** flowcontrol.Backoff.Next: the entry after an event at `eventTime`, recorded at `now`. */
export function backoffNext(entry: BackoffEntry | undefined, eventTime: number, now: number, maxMs = MAX_BACKOFF_MS): BackoffEntry {
  if (!entry || hasExpired(eventTime, entry.lastUpdate, maxMs)) return { backoffMs: INITIAL_BACKOFF_MS, lastUpdate: now }
  return { backoffMs: Math.min(entry.backoffMs * 2, maxMs), lastUpdate: now }
}

/** flowcontrol.Backoff.IsInBackOffSince: whether `now` is still within the back-off counted from `eventTime`. */
export function isInBackOffSince(entry: BackoffEntry | undefined, eventTime: number, now: number, maxMs = MAX_BACKOFF_MS): boolean {
  if (!entry || hasExpired(eventTime, entry.lastUpdate, maxMs)) return false
  return now - eventTime < entry.backoffMs
}

/** flowcontrol.Backoff.IsInBackOffSinceUpdate: whether `now` is within the back-off counted from the last update. */
export function isInBackOffSinceUpdate(entry: BackoffEntry | undefined, now: number, maxMs = MAX_BACKOFF_MS): boolean {
  if (!entry || hasExpired(now, entry.lastUpdate, maxMs)) return false
  return now - entry.lastUpdate < entry.backoffMs
}

/**
 * The kubelet's decision when a container has exited at `finishedAt` (doBackOff): either restart
 * now (and the entry to keep), or wait until `restartAt`.
 *
 * restartDecision(undefined, 5_000, 5_000) → { restartAt: 5_000, entry: { backoffMs: 10_000, … } }
 */
export function restartDecision(entry: BackoffEntry | undefined, finishedAt: number, now: number): { restartAt: number; entry: BackoffEntry; waitMs: number } {
  if (isInBackOffSince(entry, finishedAt, now)) {
    const restartAt = finishedAt + entry!.backoffMs
    return { restartAt, waitMs: entry!.backoffMs, entry: backoffNext(entry, finishedAt, restartAt) }
  }
  return { restartAt: now, waitMs: 0, entry: backoffNext(entry, finishedAt, now) }
}

/**
 * The delays before each restart of a container that keeps exiting right after it starts:
 * crashLoopDelays(8) → [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000].
 * `runMs` is how long each run lasts before it exits.
 */
export function crashLoopDelays(restarts: number, runMs = 0): number[] {
  const delays: number[] = []
  let entry: BackoffEntry | undefined
  let t = 0
  for (let i = 0; i < restarts; i++) {
    const finishedAt = t + runMs
    const d = restartDecision(entry, finishedAt, finishedAt)
    delays.push(d.waitMs)
    entry = d.entry
    t = d.restartAt
  }
  return delays
}

/** The image pull back-off after a failed pull at `failedAt`: the entry to keep and when to try again. */
export function pullBackoffAfterFailure(entry: BackoffEntry | undefined, failedAt: number): { entry: BackoffEntry; retryAt: number } {
  const next = backoffNext(entry, failedAt, failedAt)
  return { entry: next, retryAt: failedAt + next.backoffMs }
}

/** The delays between pull attempts of an image that never pulls: [10_000, 20_000, 40_000, …, 300_000]. */
export function pullBackoffDelays(failures: number, pullMs = 0): number[] {
  const delays: number[] = []
  let entry: BackoffEntry | undefined
  let t = 0
  for (let i = 0; i < failures; i++) {
    const failedAt = t + pullMs
    const r = pullBackoffAfterFailure(entry, failedAt)
    delays.push(r.retryAt - failedAt)
    entry = r.entry
    t = r.retryAt
  }
  return delays
}

/** Simulated registry bandwidth: 50 MB/s (decimal), so a 72 MB nginx image takes about 1.4 s … */
export const PULL_BYTES_PER_SECOND = 50_000_000
/** … plus 400 ms to resolve the reference and fetch the manifest and config. */
export const PULL_LATENCY_MS = 400

/** How long pulling an image of `sizeBytes` takes, in whole ms: 400 ms + size / 50 MB/s. */
export function pullDurationMs(sizeBytes: number): number {
  return PULL_LATENCY_MS + Math.round((sizeBytes / PULL_BYTES_PER_SECOND) * 1000)
}

/** How long a failing pull takes to fail (the registry answers the resolve request): 400 ms. */
export const PULL_FAILURE_MS = PULL_LATENCY_MS
