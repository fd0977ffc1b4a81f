/** The header: playback (Step back, Play/Pause, Step forward, speed), the virtual clock, and app actions. */
import { useRef } from 'react'
import { advanceTime, openDialog, openScenarioFile, reset, setSpeed, skipToEnd, stepBack, stepForward, togglePlay, toggleTheme } from '../state/actions'
import { formatVirtualTime } from '../state/playback'
import { useStore } from '../state/store'
import { useCursorTime } from '../state/view'
import { openLessonPicker, setLang } from '../state/lesson'
import { LANGS, LANGUAGE_NAMES, useT } from '../i18n'

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32]

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
        Podium <span className="muted">{tr('app.tagline')}</span>
      </h1>
      <div className="playback" role="group" aria-label={tr('playback.group')}>
        <button type="button" onClick={stepBack} aria-keyshortcuts="ArrowLeft" title={tr('playback.stepBackTitle')}>
          <span aria-hidden="true" className="icon"><svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M3 2h2v12H3zM14 2v12L6 8z"/></svg></span>
          <span className="label">{tr('playback.stepBack')}</span>
        </button>
        <button type="button" className="primary play" onClick={togglePlay} aria-keyshortcuts="Space" title={playing ? tr('playback.pauseTitle') : tr('playback.playTitle')}>
          <span aria-hidden="true" className="icon">
            {playing ? (
              <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M3 2h4v12H3zM9 2h4v12H9z" /></svg>
            ) : (
              <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M3 2v12l11-6z" /></svg>
            )}
          </span>
          <span className="label">{playing ? tr('playback.pause') : tr('playback.play')}</span>
        </button>
        <button type="button" onClick={() => void stepForward()} aria-keyshortcuts="ArrowRight" title={tr('playback.stepForwardTitle')}>
          <span aria-hidden="true" className="icon"><svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M11 2h2v12h-2zM2 2v12l8-6z"/></svg></span>
          <span className="label">{tr('playback.stepForward')}</span>
        </button>
        <button type="button" className="small" onClick={() => void skipToEnd()} title={tr('playback.skipToEndTitle')} aria-keyshortcuts="End">
          {tr('playback.skipToEnd')}
        </button>
        <label className="speed">
          <span className="sr-only">{tr('playback.speed')}</span>
          <select aria-label={tr('playback.speed')} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span className="clock" role="timer" aria-label={tr('playback.clock')}>
          <span>t = {formatVirtualTime(t)}</span>
          <span className="muted">
            {tr('playback.hopCounter', { cursor, last: lastHop })}
          </span>
        </span>
        <button type="button" className="small" onClick={() => void advanceTime(30_000)} title={tr('playback.advanceTitle')}>
          +30 s
        </button>
      </div>
      <div className="actions">
        {status !== 'ready' && <span className="muted">{status === 'booting' ? tr('status.booting') : tr('status.recovering')}</span>}
        <button type="button" className="primary" onClick={() => void openLessonPicker()}>
          {tr('toolbar.lessons')}
        </button>
        <div className="lang-switch" role="group" aria-label={tr('toolbar.language')}>
          {LANGS.map((code) => (
            <button key={code} type="button" lang={code} aria-label={LANGUAGE_NAMES[code]} title={LANGUAGE_NAMES[code]} aria-pressed={lang === code} onClick={() => setLang(code)}>
              {code.toUpperCase()}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => void reset()}>
          {tr('toolbar.reset')}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          {tr('toolbar.openScenario')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label={tr('toolbar.scenarioFile')}
          onChange={async (e) => {
            const f = e.target.files?.[0]
            if (f) await openScenarioFile(await f.text())
            e.target.value = ''
          }}
        />
        <button type="button" onClick={() => openDialog('share')}>
          {tr('toolbar.share')}
        </button>
        <button type="button" onClick={() => openDialog('help')} aria-keyshortcuts="?">
          {tr('toolbar.help')}
        </button>
        <button type="button" aria-pressed={theme === 'dark'} onClick={toggleTheme}>
          {tr('toolbar.darkTheme')}
        </button>
      </div>
    </header>
  )
}
