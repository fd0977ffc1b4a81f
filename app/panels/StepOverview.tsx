/**
 * The overview of the open lesson's steps (O, or "Steps" on the lesson panel): every step's title,
 * the current one marked; choosing a step goes there (the lesson replays up to it). Escape or O
 * closes it. In presenter mode this is how a teacher jumps back to an earlier slide.
 */
import { useEffect, useRef } from 'react'
import { useT } from '../i18n'
import { openDialog } from '../state/actions'
import { currentLesson, goToStep, loadProgress } from '../state/lesson'
import { useStore } from '../state/store'
import { Dialog } from './Dialog'

export function StepOverview() {
  const t = useT()
  const lang = useStore((s) => s.lang)
  const lesson = useStore((s) => currentLesson(s))
  const index = useStore((s) => s.lesson?.index ?? 0)
  const current = useRef<HTMLButtonElement>(null)
  // Focus starts on the current step, so ↑ / ↓ (Tab) and Enter choose from there.
  useEffect(() => current.current?.focus(), [])
  if (!lesson) return null
  const seen = loadProgress()[lesson.id]?.step ?? index
  return (
    <Dialog title={t('overview.title')} onClose={() => openDialog(null)}>
      <div
        className="step-overview"
        onKeyDown={(e) => {
          // O closes the list it opened; ↑ / ↓ move between the steps.
          if (e.key === 'o' || e.key === 'O') {
            e.preventDefault()
            openDialog(null)
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            const items = [...e.currentTarget.querySelectorAll('button')]
            const at = items.indexOf(document.activeElement as HTMLButtonElement)
            const next = items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]
            e.preventDefault()
            next?.focus()
          }
        }}
      >
        <p className="muted">
          <strong>
            {lesson.number}. {lesson.title[lang]}
          </strong>
          {' · '}
          {t('overview.intro')}
        </p>
        <ol className="step-overview-list" aria-label={t('overview.title')}>
          {lesson.steps.map((step, i) => {
            const kind = step.predict ? t('overview.kind.predict') : step.try ? t('overview.kind.try') : null
            return (
              <li key={step.id}>
                <button
                  type="button"
                  ref={i === index ? current : undefined}
                  className={`step-overview-item${i === index ? ' current' : ''}`}
                  aria-current={i === index ? 'step' : undefined}
                  onClick={() => void goToStep(i)}
                >
                  <span className="step-overview-n">{i + 1}</span>
                  <span className="step-overview-title">{step.title[lang]}</span>
                  {kind && <span className="pill">{kind}</span>}
                  {i === index ? <span className="pill pill-ok">{t('overview.current')}</span> : i < seen ? <span className="muted small-text">{t('overview.done')}</span> : null}
                </button>
              </li>
            )
          })}
        </ol>
      </div>
    </Dialog>
  )
}
