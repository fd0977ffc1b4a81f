/**
 * Which cluster the app shows: its own worker ("in this browser", the default) or the one
 * `npm run serve` runs (live mode, found by `GET /podium/live`). A small store of its own, read by
 * the badge and by the controls live mode cannot honour.
 */
import { create } from 'zustand'
import { useT, type MessageKey } from '../i18n'
import { messageNotice, useStore } from '../state/store'
import { LIVE_PATH, type LiveInfo } from './protocol'
import type { ConnectionState } from './stream'

export interface LiveState {
  mode: 'browser' | 'live'
  info: LiveInfo | null
  connection: ConnectionState
}

export const useLive = create<LiveState>()(() => ({ mode: 'browser', info: null, connection: 'connecting' }))

/** What live mode cannot do, each with its reason. */
export type LiveRefusal = 'reset' | 'lessons' | 'openScenario' | 'advance'

const REASONS: Record<LiveRefusal, MessageKey> = {
  reset: 'live.refuseReset',
  lessons: 'live.refuseLessons',
  openScenario: 'live.refuseOpenScenario',
  advance: 'live.refuseAdvance',
}

/** The reason `what` is not available now, or null when it is (always, in the browser's own cluster). */
export function liveRefusal(what: LiveRefusal, s: LiveState = useLive.getState()): MessageKey | null {
  if (s.mode !== 'live') return null
  // A stopped served clock moves only when asked: the app may ask.
  if (what === 'advance' && s.info?.clock === 'manual') return null
  return REASONS[what]
}

/** In live mode, says why `what` cannot be done (a notice) and returns true; otherwise false. */
export function refuseInLive(what: LiveRefusal): boolean {
  const key = liveRefusal(what)
  if (!key) return false
  useStore.setState({ notice: messageNotice('info', key) })
  return true
}

/** The served engine's description, or null where there is none (the static preview, offline). */
export async function detectLive(fetchFn: typeof fetch = fetch, base = ''): Promise<LiveInfo | null> {
  try {
    const res = await fetchFn(`${base}${LIVE_PATH}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
    // A static server answers unknown paths with index.html (200, text/html): not live.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/json')) return null
    const info = (await res.json()) as LiveInfo
    return info?.podium === 'live' && typeof info.session === 'string' ? info : null
  } catch {
    return null
  }
}

/** `127.0.0.1:8080` from the server's URL. */
export function hostOf(info: LiveInfo | null): string {
  if (!info) return ''
  try {
    return new URL(info.url).host
  } catch {
    return info.url
  }
}

/** Props for a control live mode cannot honour: marked disabled (still focusable), its reason as the title. */
export function useLiveGuard(what: LiveRefusal): { 'aria-disabled'?: true; title?: string } {
  const key = useLive((s) => liveRefusal(what, s))
  const t = useT()
  return key ? { 'aria-disabled': true, title: t(key) } : {}
}
