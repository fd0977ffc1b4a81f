/** The header: playback (Step back, Play/Pause, Step forward, speed), the virtual clock, and app actions. */
import { useRef } from 'react'
import { advanceTime, openDialog, openScenarioFile, reset, setSpeed, skipToEnd, stepBack, stepForward, togglePlay, toggleTheme } from '../state/actions'
import { formatVirtualTime } from '../state/playback'
import { useStore } from '../state/store'
import { useCursorTime } from '../state/view'
import { openLessonPicker, setLang } from '../state/lesson'
import { useT, type Lang } from '../i18n'

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32]
const LANGS: [Lang, string][] = [
  ['en', 'English'],
  ['vi', 'Tiếng Việt'],
]

export function Toolbar() {
  const playing = useStore((s) => s.playing)
  const speed = useStore((s) => s.speed)
  const cursor = useStore((s) => s.cursor)
  const lastHop = useStore((s) => (s.hops.length ? s.hops[s.hops.length - 1].id : 0))
  const theme = useStore((s) => s.theme)
  const status = useStore((s) => s.status)
  const t = useCursorTime()
  const fileRef = useRef<HTMLInputElement>(null)
  const lang = useStore((s) => s.lang)
  const tr = useT()

  return (
    <header className="toolbar">
      <h1 className="brand">
        Podium <span className="muted">Kubernetes, hop by hop</span>
      </h1>
      <div className="playback" role="group" aria-label="Playback">
        <button type="button" onClick={stepBack} aria-keyshortcuts="ArrowLeft" title="Step back (←)">
          <span aria-hidden="true" className="icon"><svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M3 2h2v12H3zM14 2v12L6 8z"/></svg></span>
          <span className="label">Step back</span>
        </button>
        <button type="button" className="primary play" onClick={togglePlay} aria-keyshortcuts="Space" title={playing ? 'Pause (Space)' : 'Play (Space)'}>
          <span aria-hidden="true" className="icon">
            {playing ? (
              <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M3 2h4v12H3zM9 2h4v12H9z" /></svg>
            ) : (
              <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M3 2v12l11-6z" /></svg>
            )}
          </span>
          <span className="label">{playing ? 'Pause' : 'Play'}</span>
        </button>
        <button type="button" onClick={() => void stepForward()} aria-keyshortcuts="ArrowRight" title="Step forward (→)">
          <span aria-hidden="true" className="icon"><svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M11 2h2v12h-2zM2 2v12l8-6z"/></svg></span>
          <span className="label">Step forward</span>
        </button>
        <button type="button" className="small" onClick={() => void skipToEnd()} title="Jump to the latest hop (End)" aria-keyshortcuts="End">
          Skip to end
        </button>
        <label className="speed">
          <span className="sr-only">Speed</span>
          <select aria-label="Speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span className="clock" role="timer" aria-label="Virtual clock">
          <span>t = {formatVirtualTime(t)}</span>
          <span className="muted">
            hop {cursor} / {lastHop}
          </span>
        </span>
        <button type="button" className="small" onClick={() => void advanceTime(30_000)} title="Run virtual time 30 seconds forward">
          +30 s
        </button>
      </div>
      <div className="actions">
        {status !== 'ready' && <span className="muted">{status === 'booting' ? 'Starting…' : 'Recovering…'}</span>}
        <button type="button" className="primary" onClick={() => void openLessonPicker()}>
          {tr('toolbar.lessons')}
        </button>
        <div className="lang-switch" role="group" aria-label={tr('toolbar.language')}>
          {LANGS.map(([code, name]) => (
            <button key={code} type="button" lang={code} aria-label={name} title={name} aria-pressed={lang === code} onClick={() => setLang(code)}>
              {code.toUpperCase()}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => void reset()}>
          Reset
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          Open scenario
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Scenario file"
          onChange={async (e) => {
            const f = e.target.files?.[0]
            if (f) await openScenarioFile(await f.text())
            e.target.value = ''
          }}
        />
        <button type="button" onClick={() => openDialog('share')}>
          Share
        </button>
        <button type="button" onClick={() => openDialog('help')} aria-keyshortcuts="?">
          Help
        </button>
        <button type="button" aria-pressed={theme === 'dark'} onClick={toggleTheme}>
          Dark theme
        </button>
      </div>
    </header>
  )
}
