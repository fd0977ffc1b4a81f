import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/base.css'
import './styles.css'
import { App } from './App'
import { startApp, startAutosave } from './state/actions'
import { SHARE_PARAM } from './editor/share'
import { initialLang } from './i18n'
import { parseLessonHash, setLang, startLesson } from './state/lesson'
import { detectLive, enterLive, leaveLive, refuseInLive, showLatest } from './live'

/** Reads a share link once: later reloads restore the autosaved work instead of the link. */
function takeShareHash(): string {
  const hash = location.hash
  if (new URLSearchParams(hash.slice(1)).has(SHARE_PARAM)) history.replaceState(null, '', location.pathname + location.search)
  return hash
}

setLang(initialLang())
const hash = takeShareHash()
// A lesson link (`#lesson=creating-a-pod&step=3`) opens that lesson at that step once the engine runs.
const lessonLink = parseLessonHash(hash)
// A share or lesson link pasted into the address bar of an open Podium changes only the hash: open it too.
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(location.hash.slice(1)).has(SHARE_PARAM)) {
    // A shared scenario replays in a cluster of its own: this browser's, even on a served page.
    leaveLive()
    void startApp(takeShareHash(), undefined)
  }
  const link = parseLessonHash(location.hash)
  if (link && !refuseInLive('lessons')) void startLesson(link.id, link.step)
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

void (async () => {
  // Opened from `npm run serve`: show the served cluster (live mode), unless a share or lesson
  // link asks for a cluster of its own. The static preview has no /podium/live: the worker stays.
  const live = lessonLink || new URLSearchParams(hash.slice(1)).has(SHARE_PARAM) ? null : await detectLive()
  if (live) enterLive(live)
  await startApp(lessonLink ? '' : hash, localStorage)
  if (live) showLatest()
  if (lessonLink && !(await startLesson(lessonLink.id, lessonLink.step))) history.replaceState(null, '', location.pathname + location.search)
  // The served session is the server's to keep: autosave only the browser's own cluster.
  if (!live) startAutosave(localStorage)
  // Fetch the lazy chunks the inspector needs now, so Podium keeps working if the network goes away.
  requestIdleCallback(() => void import('yaml'))
})()
