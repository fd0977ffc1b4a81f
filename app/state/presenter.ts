/**
 * Presenter mode: the lesson as a slide show. Entering asks the browser for full screen (refused
 * in some contexts, e.g. an iframe or a test: presenter mode works the same without it); leaving,
 * by Escape, the button or the end of the lesson, gives full screen back. While presenting,
 * Escape is kept for the page (Keyboard Lock, where the browser has it) so it first closes the
 * steps overview, then leaves; when the browser takes full screen away itself, presenter mode
 * follows.
 */
import { useStore } from './store'

const set = useStore.setState
const get = useStore.getState

/** The slice of the Fullscreen and Keyboard Lock APIs used here (absent in jsdom and some browsers). */
interface FullscreenDoc {
  fullscreenElement?: Element | null
  documentElement: { requestFullscreen?: () => Promise<void> }
  exitFullscreen?: () => Promise<void>
}
interface KeyboardLock {
  lock?: (keys: string[]) => Promise<void>
  unlock?: () => void
}

/** Whether we asked for the full screen we are in (so leaving presenter mode only undoes our own). */
let ours = false

function doc(): FullscreenDoc | undefined {
  return typeof document === 'undefined' ? undefined : (document as unknown as FullscreenDoc)
}

function keyboard(): KeyboardLock | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator as unknown as { keyboard?: KeyboardLock }).keyboard
}

function enterFullscreen() {
  const d = doc()
  if (!d || d.fullscreenElement || !d.documentElement.requestFullscreen) return
  // Must run inside the key press or click that entered presenter mode (a user gesture).
  d.documentElement
    .requestFullscreen()
    .then(() => {
      ours = true
      return keyboard()?.lock?.(['Escape'])
    })
    .catch(() => {
      // Refused (no gesture, an iframe, a headless browser): present in the window instead.
    })
}

function leaveFullscreen() {
  const d = doc()
  keyboard()?.unlock?.()
  if (ours && d?.fullscreenElement && d.exitFullscreen) d.exitFullscreen().catch(() => {})
  ours = false
}

/** Shows or hides the console or the editor in presenter mode (for typing a command live in front of the class). */
export function togglePresenterPanel(panel: 'console' | 'editor') {
  const shows = get().presenterShows
  set({ presenterShows: { ...shows, [panel]: !shows[panel] } })
}

/** Turns presenter mode on or off, with the browser's full screen. */
export function setPresenter(on: boolean) {
  if (get().presenter === on) return
  set(on ? { presenter: true } : { presenter: false, dialog: get().dialog === 'steps' ? null : get().dialog })
  if (on) enterFullscreen()
  else leaveFullscreen()
}

export function togglePresenter() {
  setPresenter(!get().presenter)
}

/** Opens or closes the overview of the lesson's steps (O); only in a lesson. */
export function toggleOverview() {
  const s = get()
  if (s.dialog === 'steps') set({ dialog: null })
  else if (s.lesson && !s.dialog) set({ dialog: 'steps' })
}

/**
 * The browser left full screen by itself (Escape held, F11, the browser's own control): an open
 * overview just closes (that Escape was meant for it); otherwise presenter mode ends too.
 */
export function onFullscreenChange() {
  const d = doc()
  if (d?.fullscreenElement || !ours) return
  ours = false
  if (!get().presenter) return
  if (get().dialog === 'steps') set({ dialog: null })
  else set({ presenter: false })
}

if (typeof document !== 'undefined') document.addEventListener('fullscreenchange', onFullscreenChange)
