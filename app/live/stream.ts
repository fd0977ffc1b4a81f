/**
 * Reads the served engine's event stream (`/podium/live/events`) with `fetch`, and reconnects
 * when it drops: after the delay the server asked for (`retry:`), doubling up to 10 s, sending
 * `Last-Event-ID` so the server sends only what was missed. A stream silent for longer than
 * the server's keepalive is taken as dead. Timers and fetch are injectable for tests.
 */
import { SseParser, type SseEvent } from './sse'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

export interface StreamDeps {
  fetch: typeof fetch
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (t: unknown) => void
}

export interface StreamHandlers {
  onEvent(e: SseEvent): void
  onState(s: ConnectionState): void
}

export const defaultDeps = (): StreamDeps => ({
  fetch: (...a) => fetch(...a),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
})

/** No byte for this long (the server writes a keepalive every 15 s): the connection is dead. */
export const SILENCE_MS = 40_000
const MAX_DELAY_MS = 10_000

export interface LiveStream {
  close(): void
}

export function openStream(url: string, h: StreamHandlers, deps: StreamDeps = defaultDeps()): LiveStream {
  let closed = false
  let lastId: string | undefined
  let retry = 1_000
  let failures = 0
  let controller: AbortController | undefined
  let timer: unknown
  let wake: (() => void) | undefined

  const sleep = (ms: number) =>
    new Promise<void>((ok) => {
      wake = ok
      timer = deps.setTimeout(ok, ms)
    })

  async function readOnce(): Promise<void> {
    controller = new AbortController()
    const ctl = controller
    let watchdog: unknown
    const feedDog = () => {
      deps.clearTimeout(watchdog)
      watchdog = deps.setTimeout(() => ctl.abort(), SILENCE_MS)
    }
    try {
      feedDog()
      const res = await deps.fetch(url, { headers: lastId ? { 'last-event-id': lastId, accept: 'text/event-stream' } : { accept: 'text/event-stream' }, signal: ctl.signal, cache: 'no-store' })
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
      h.onState('connected')
      failures = 0
      const parser = new SseParser()
      const reader = res.body.getReader()
      const decoder = new TextDecoder()
      for (;;) {
        const { done, value } = await reader.read()
        if (done || closed) break
        feedDog()
        for (const e of parser.feed(decoder.decode(value, { stream: true }))) {
          if (e.id !== undefined) lastId = e.id
          h.onEvent(e)
        }
        if (parser.retry !== undefined) retry = parser.retry
      }
    } finally {
      deps.clearTimeout(watchdog)
    }
  }

  void (async () => {
    h.onState('connecting')
    while (!closed) {
      try {
        await readOnce()
      } catch {
        // Refused, reset or aborted: counted below as a drop.
      }
      if (closed) break
      h.onState('disconnected')
      await sleep(Math.min(MAX_DELAY_MS, retry * 2 ** Math.min(failures++, 4)))
    }
  })()

  return {
    close() {
      closed = true
      controller?.abort()
      deps.clearTimeout(timer)
      wake?.()
    },
  }
}
