/**
 * Live mode: the app shows the cluster `npm run serve` runs instead of its own worker.
 *
 * ```ts
 * const info = await detectLive()      // null on `npm start`'s static preview
 * if (info) enterLive(info)            // before startApp: the next boot connects to the server
 * ```
 */
import { setEngineConnection } from '../worker/client'
import { applyBoot, kick, merge, openDialog } from '../state/actions'
import { messageNotice, useStore } from '../state/store'
import { liveEngine, type LiveEngine } from './client'
import { useLive } from './mode'
import type { LiveInfo } from './protocol'

export { detectLive, hostOf, liveRefusal, refuseInLive, useLive } from './mode'

let current: LiveEngine | undefined

/** From the next boot on, the app's engine is the served one at `base` (same origin by default). */
export function enterLive(info: LiveInfo, base = '') {
  useLive.setState({ mode: 'live', info, connection: 'connecting' })
  setEngineConnection(() => {
    current = liveEngine(base, {
      onHops(u) {
        // Hops come by themselves: nothing to run ahead for, so the store stays "idle".
        merge(u, { idle: true })
        kick()
      },
      onBoot(r) {
        applyBoot(r, true, Number.MAX_SAFE_INTEGER, { notice: messageNotice('info', 'live.restarted'), selectedKey: null, selectedEtcdKey: null })
        showLatest()
      },
      onState(connection) {
        useLive.setState({ connection })
      },
    })
    return current
  })
}

/**
 * Puts the cursor on the latest hop the timeline shows (the backlog's last is mostly a heartbeat,
 * hidden with the background hops), or the start when there is none yet.
 */
export function showLatest() {
  const { hops, showBackground } = useStore.getState()
  let cursor = 0
  for (let i = hops.length - 1; i >= 0; i--) {
    if (showBackground || !hops[i].background) {
      cursor = hops[i].id
      break
    }
  }
  useStore.setState({ cursor })
}

/** Back to a cluster in this browser from the next boot on (a share or lesson link needs its own). */
export function leaveLive() {
  setEngineConnection(null)
  current = undefined
  useLive.setState({ mode: 'browser', connection: 'connecting' })
}

/** Share: in live mode the link carries the served session's scenario as it is now. */
export async function openShare() {
  if (useLive.getState().mode === 'live' && current) {
    try {
      useStore.setState({ scenario: await current.scenario() })
    } catch {
      useStore.setState({ notice: messageNotice('error', 'live.unreachable') })
    }
  }
  openDialog('share')
}
