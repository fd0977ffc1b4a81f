/** The header: playback (Step back, Play/Pause, Step forward, speed), the virtual clock, and app actions. */
import { useEffect, useMemo, useRef, useState } from 'react'
import { advanceTime, jumpTime, openDialog, openScenarioFile, reset, setSpeed, skipToEnd, stepBack, stepForward, togglePlay, toggleTheme } from '../state/actions'
import { formatVirtualTime } from '../state/playback'
import { useStore } from '../state/store'
import { useCursorTime, useView } from '../state/view'
import { openLessonPicker, setLang } from '../state/lesson'
import { LANGS, LANGUAGE_NAMES, useT } from '../i18n'
import { openShare } from '../live'
import { ClusterBadge } from '../live/ClusterBadge'
import { refuseInLive, useLiveGuard } from '../live/mode'

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32]

/** The time jumps offered, in virtual ms; `cronjob` runs to the next CronJob run (within a day). */
export const JUMPS = [
  { value: '300000', label: 'time.jump5m' },
  { value: '3600000', label: 'time.jump1h' },
  { value: '21600000', label: 'time.jump6h' },
  { value: 'cronjob', label: 'time.jumpCronJob' },
] as const
const CRONJOB_WINDOW_MS = 25 * 3600 * 1000

/**
 * Longer jumps than +30 s, as one menu button so the header stays one line: a button that opens a
 * small list of buttons (not a <select>: arrowing through a closed select would jump at every key).
 * Choosing one jumps at once (a scenario step); Escape or a click elsewhere closes the list.
 */
function TimeJump() {
  const tr = useT()
  const view = useView()
  const hasCronJobs = useMemo(() => [...view.keys()].some((k) => k.startsWith('/registry/cronjobs/')), [view])
  const [open, setOpen] = useState(false)
  const [pending, setPending] = useState(false)
  const liveGuard = useLiveGuard('advance')
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onDown)
    return () => document.removeEventListener('pointerdown', onDown)
  }, [open])

  const jump = (value: (typeof JUMPS)[number]['value']) => {
    setOpen(false)
    buttonRef.current?.focus()
    setPending(true)
    void (value === 'cronjob' ? jumpTime(CRONJOB_WINDOW_MS, true) : jumpTime(Number(value))).finally(() => setPending(false))
  }

  return (
    <div
      className="time-jump"
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation()
          setOpen(false)
          buttonRef.current?.focus()
        }
      }}
    >
      <button
        type="button"
        className="small"
        ref={buttonRef}
        aria-expanded={open}
        aria-controls={open ? 'time-jump-menu' : undefined}
        title={tr('time.jumpTitle')}
        disabled={pending}
        {...liveGuard}
        onClick={() => !liveGuard['aria-disabled'] && setOpen(!open)}
      >
        {pending ? tr('time.jumping') : tr('time.jumpMenu')}
      </button>
      {open && (
        <div className="time-jump-menu" id="time-jump-menu" role="group" aria-label={tr('time.jump')}>
          {JUMPS.map((j) => (
            <button
              key={j.value}
              type="button"
              className="small"
              disabled={j.value === 'cronjob' && !hasCronJobs}
              title={j.value === 'cronjob' && !hasCronJobs ? tr('time.noCronJobs') : undefined}
              onClick={() => jump(j.value)}
            >
              {tr(j.label)}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

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
  // Live mode (app/live): what the served cluster cannot do stays visible, marked, with its reason.
  const advanceGuard = useLiveGuard('advance')
  const lessonsGuard = useLiveGuard('lessons')
  const resetGuard = useLiveGuard('reset')
  const openGuard = useLiveGuard('openScenario')

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
          <span aria-hidden="true" className="icon"><svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M2 2v12l6-6zM8 2v12l6-6zM13 2h2v12h-2z"/></svg></span>
          <span className="label">{tr('playback.skipToEnd')}</span>
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
        <button type="button" className="small" onClick={() => void advanceTime(30_000)} title={tr('playback.advanceTitle')} {...advanceGuard}>
          +30 s
        </button>
        <TimeJump />
      </div>
      <div className="actions">
        {status !== 'ready' && <span className="muted">{status === 'booting' ? tr('status.booting') : tr('status.recovering')}</span>}
        <ClusterBadge />
        <button type="button" className="primary" onClick={() => void openLessonPicker()} {...lessonsGuard}>
          {tr('toolbar.lessons')}
        </button>
        <div className="lang-switch" role="group" aria-label={tr('toolbar.language')}>
          {LANGS.map((code) => (
            <button key={code} type="button" lang={code} aria-label={LANGUAGE_NAMES[code]} title={LANGUAGE_NAMES[code]} aria-pressed={lang === code} onClick={() => setLang(code)}>
              {code.toUpperCase()}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => void reset()} {...resetGuard}>
          {tr('toolbar.reset')}
        </button>
        <button type="button" onClick={() => refuseInLive('openScenario') || fileRef.current?.click()} {...openGuard}>
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
        <button type="button" onClick={() => void openShare()}>
          {tr('toolbar.share')}
        </button>
        <button type="button" className="compact" onClick={() => openDialog('help')} aria-keyshortcuts="?" title={tr('toolbar.help')}>
          <span aria-hidden="true" className="icon">?</span>
          <span className="label">{tr('toolbar.help')}</span>
        </button>
        <button type="button" className="compact" aria-pressed={theme === 'dark'} onClick={toggleTheme} title={tr('toolbar.darkTheme')}>
          <span aria-hidden="true" className="icon"><svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor"><path d="M6 1a7 7 0 1 0 9 9A6 6 0 0 1 6 1z"/></svg></span>
          <span className="label">{tr('toolbar.darkTheme')}</span>
        </button>
      </div>
    </header>
  )
}
