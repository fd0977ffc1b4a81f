/**
 * The lesson panel: the current step's text (Markdown), progress, Back / Next, the hops the step
 * talks about, and the step's exercise: "try it" (Hint, Show solution, Check) or "predict" (a
 * radio group, or a click on the diagram; the engine's answer and its reason, the scheduler's
 * decision as a table, once the step's hops have played). In presenter mode it is the caption
 * under the diagram.
 */
import { useEffect, useRef, useState } from 'react'
import type { Hop } from '../../src/engine'
import type { Lesson, Step } from '../../lessons/format'
import { useT } from '../i18n'
import { jumpTo, pause, setInspectorTab } from '../state/actions'
import { answerPrediction, checkStep, currentLesson, currentStep, exitLesson, isFaultAction, lessonHash, nextStep, pickChoice, previousStep, revealNow, showHint, showSolution, toggleOverview } from '../state/lesson'
import { hopById } from '../state/playback'
import { togglePresenterPanel } from '../state/presenter'
import { useStore, type ActiveLesson } from '../state/store'
import { explainHop } from './explain'
import { InlineMarkdown, Markdown } from './Markdown'
import { lessonHighlights } from '../diagram/highlight'
import { predictChoices } from '../diagram/pick'
import { SchedulingTable } from './inspector/SchedulingTable'

/**
 * Brings a verdict into view when it appears (the step text above it may fill the panel). When
 * presenting, the caption is short: the scheduler's decision table, if any, is what must show.
 */
function useRevealed<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (!shown) return
    ref.current?.scrollIntoView({ block: 'nearest' })
    if (useStore.getState().presenter) ref.current?.querySelector('.scheduling')?.scrollIntoView({ block: 'nearest' })
  }, [shown])
  return ref
}

export function LessonPanel() {
  const t = useT()
  const lang = useStore((s) => s.lang)
  const active = useStore((s) => s.lesson)
  const lesson = useStore((s) => currentLesson(s))
  const step = useStore((s) => currentStep(s))
  const presenter = useStore((s) => s.presenter)
  if (!active || !lesson || !step) return null
  const last = active.index === lesson.steps.length - 1
  return (
    <section className="panel lesson" role="region" aria-label={t('lesson.region')} lang={lang}>
      <div className="panel-toolbar lesson-toolbar">
        <h2 className="panel-title lesson-title">
          {lesson.number}. {lesson.title[lang]}
        </h2>
        <button type="button" className="small" onClick={toggleOverview} aria-haspopup="dialog" aria-keyshortcuts="O" title="O">
          {t('lesson.overview')}
        </button>
        {presenter && <PresenterPanelToggles />}
        <button type="button" className="small" onClick={exitLesson} aria-label={t('lesson.close')} title={t('lesson.close')}>
          ×
        </button>
      </div>
      <div className="lesson-body">
        {/* Two columns when presenting: the step's text, and its exercise beside it. */}
        <div className="lesson-main">
          <p className="lesson-progress" aria-live="polite">
            <span>{t('lesson.progress', { n: active.index + 1, total: lesson.steps.length })}</span>
            <progress max={lesson.steps.length} value={active.index + 1} aria-hidden="true" />
          </p>
          <h3 className="lesson-step-title">{step.title[lang]}</h3>
          <Markdown className="markdown lesson-text" text={step.text[lang]} />
        </div>
        {(step.predict || step.try) && (
          <div className="lesson-side">
            {step.predict && <Predict key={active.index} step={step} active={active} />}
            {step.try && <TryIt key={active.index} step={step} active={active} />}
          </div>
        )}
        <StepHops active={active} />
      </div>
      <div className="lesson-nav">
        <button type="button" onClick={() => void previousStep()} disabled={active.index === 0 || active.pending} aria-keyshortcuts="PageUp">
          {t('lesson.back')}
        </button>
        <CopyLink lesson={lesson} index={active.index} />
        <button type="button" className="primary" onClick={() => void nextStep()} disabled={active.pending} aria-keyshortcuts="PageDown">
          {last ? t('lesson.finish') : t('lesson.next')}
        </button>
      </div>
    </section>
  )
}

/** Presenter mode: bring the console or the editor back, to type in front of the class (also C and E). */
function PresenterPanelToggles() {
  const t = useT()
  const shows = useStore((s) => s.presenterShows)
  return (
    <>
      <button type="button" className="small" aria-pressed={shows.console} aria-keyshortcuts="C" title="C" onClick={() => togglePresenterPanel('console')}>
        {t('presenter.console')}
      </button>
      <button type="button" className="small" aria-pressed={shows.editor} aria-keyshortcuts="E" title="E" onClick={() => togglePresenterPanel('editor')}>
        {t('presenter.editor')}
      </button>
    </>
  )
}

function CopyLink({ lesson, index }: { lesson: Lesson; index: number }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      className="small"
      onClick={async () => {
        const link = location.href.split('#')[0] + lessonHash(lesson.id, index)
        try {
          await navigator.clipboard.writeText(link)
          setCopied(true)
          setTimeout(() => setCopied(false), 1500)
        } catch {
          prompt(t('lesson.share'), link)
        }
      }}
    >
      {copied ? t('lesson.copied') : t('lesson.share')}
    </button>
  )
}

function Predict({ step, active }: { step: Step; active: ActiveLesson }) {
  const t = useT()
  const lang = useStore((s) => s.lang)
  const components = useStore((s) => s.components)
  const cursor = useStore((s) => s.cursor)
  const p = step.predict!
  const choices = predictChoices(p, components)
  const picked = active.picked
  const answered = active.chosen !== null
  const outcome = active.outcome
  const revealed = outcome !== null && cursor >= active.revealAt
  const chosen = active.chosen ?? picked
  const label = (v: string) => choices.find((c) => c.value === v)?.label[lang] ?? v
  const verdictRef = useRevealed<HTMLDivElement>(revealed)
  return (
    <div className="lesson-box lesson-predict">
      <p className="lesson-box-kind">{t('lesson.predict')}</p>
      <div role="radiogroup" aria-labelledby={`question-${step.id}`} className="choices">
        <p className="choices-question" id={`question-${step.id}`}>
          <InlineMarkdown text={p.question[lang]} />
        </p>
        {p.pick !== 'choice' && !answered && <p className="muted small-text choices-hint">{t(p.pick === 'node' ? 'lesson.pickNodeHint' : 'lesson.pickComponentHint')}</p>}
        {choices.map((c) => (
          <label key={c.value} className={`choice${revealed && outcome?.answer === c.value ? ' choice-right' : ''}`}>
            <input type="radio" name={`predict-${step.id}`} value={c.value} checked={chosen === c.value} disabled={answered} onChange={() => pickChoice(c.value)} />
            <span>{c.label[lang]}</span>
          </label>
        ))}
      </div>
      {!answered && (
        <button type="button" className="primary" disabled={picked === null || active.pending} onClick={() => void answerPrediction()}>
          {t('lesson.answer')}
        </button>
      )}
      {answered && !revealed && (
        <p className="muted" role="status">
          {t('lesson.answerWaiting')}{' '}
          {outcome && (
            <button type="button" className="small" onClick={revealNow}>
              {t('lesson.revealNow')}
            </button>
          )}
        </p>
      )}
      {revealed && outcome && (
        <div ref={verdictRef} className={`verdict ${outcome.answer === active.chosen ? 'verdict-pass' : 'verdict-fail'}`} role="status">
          <p className="verdict-title">
            {outcome.answer === active.chosen
              ? t('lesson.right', { answer: label(outcome.answer) })
              : t('lesson.wrong', { answer: label(outcome.answer), chosen: label(active.chosen ?? '') })}
          </p>
          <Markdown text={outcome.explain[lang]} />
          <details open>
            <summary>{t('lesson.reason')}</summary>
            {/* A scheduledNode answer's reason is the decision table in words: the table replaces it. */}
            {!(outcome.scheduling && 'scheduledNode' in p.answer) && <pre className="reason">{outcome.reason[lang]}</pre>}
            {outcome.scheduling && <SchedulingTable decision={outcome.scheduling} />}
          </details>
        </div>
      )}
    </div>
  )
}

function TryIt({ step, active }: { step: Step; active: ActiveLesson }) {
  const t = useT()
  const lang = useStore((s) => s.lang)
  const tr = step.try!
  const toEditor = tr.solution.some((a) => 'apply' in a)
  const toFaults = tr.solution.some(isFaultAction)
  const checks = active.checks
  const pass = checks !== null && checks.every((c) => c.pass)
  const verdictRef = useRevealed<HTMLDivElement>(checks)
  return (
    <div className="lesson-box lesson-try">
      <p className="lesson-box-kind">{t('lesson.tryIt')}</p>
      <div className="lesson-try-actions">
        <button type="button" onClick={showHint} aria-expanded={active.hintShown}>
          {t('lesson.hint')}
        </button>
        <button type="button" onClick={showSolution}>
          {t('lesson.solution')}
        </button>
        <button type="button" className="primary" onClick={() => void checkStep()} disabled={active.pending}>
          {active.pending ? t('lesson.checking') : t('lesson.check')}
        </button>
      </div>
      {active.hintShown && <Markdown className="markdown lesson-hint" text={tr.hint[lang]} />}
      {active.solutionShown && <p className="muted small-text">{toEditor ? t('lesson.solutionEditor') : toFaults ? t('lesson.solutionFaults') : t('lesson.solutionConsole')}</p>}
      {checks && (
        <div ref={verdictRef} className={`verdict ${pass ? 'verdict-pass' : 'verdict-fail'}`} role="status">
          <p className="verdict-title">{pass ? t('lesson.passed') : t('lesson.failed')}</p>
          <ul className="check-list">
            {checks.map((c, i) => (
              <li key={i} className={c.pass ? 'check-pass' : 'check-fail'}>
                <span aria-hidden="true">{c.pass ? '✓' : '✗'} </span>
                {c.says ? <strong>{c.says[lang]}: </strong> : null}
                {c.reason[lang]}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

/** The hops the step is about, each one click from the diagram (the packet shows on its edge). */
function StepHops({ active }: { active: ActiveLesson }) {
  const t = useT()
  const hops = useStore((s) => s.hops)
  const cursor = useStore((s) => s.cursor)
  const lang = useStore((s) => s.lang)
  const list = lessonHighlights({ lesson: active }).hops.map((id) => hopById(hops, id)).filter((h): h is Hop => !!h)
  if (!list.length) return null
  return (
    <div className="lesson-hops">
      <h4>{t('lesson.hops')}</h4>
      <ul>
        {list.map((h) => (
          <li key={h.id}>
            <button
              type="button"
              className={`link-button${cursor === h.id ? ' current' : ''}`}
              aria-label={`${t('lesson.showHop', { id: h.id })}: ${explainHop(h, lang)}`}
              aria-current={cursor === h.id ? 'step' : undefined}
              onClick={() => {
                pause()
                jumpTo(h.id)
                setInspectorTab('hop')
              }}
            >
              <span className="hop-meta">#{h.id}</span> {explainHop(h, lang)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
