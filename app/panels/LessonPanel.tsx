/**
 * The lesson panel: the current step's text (Markdown), progress, Back / Next, the hops the step
 * talks about, and the step's exercise: "try it" (Hint, Show solution, Check) or "predict" (a
 * radio group; the engine's answer and its reason once the step's hops have played).
 */
import { useEffect, useRef, useState } from 'react'
import type { Hop } from '../../src/engine'
import type { Choice, Lesson, Step } from '../../lessons/format'
import { useT } from '../i18n'
import { jumpTo, pause, setInspectorTab } from '../state/actions'
import { answerPrediction, checkStep, currentLesson, currentStep, exitLesson, lessonHash, nextStep, previousStep, revealNow, showHint, showSolution } from '../state/lesson'
import { hopById } from '../state/playback'
import { useStore, type ActiveLesson } from '../state/store'
import { explainHop } from './explain'
import { Markdown } from './Markdown'
import { lessonHighlights } from '../diagram/highlight'

/** Brings a verdict into view when it appears (the step text above it may fill the panel). */
function useRevealed<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [shown])
  return ref
}

/** Choices for a "click on the diagram" prediction that lists none: the diagram's boxes, as radios. */
const COMPONENT_CHOICES = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller-manager', 'cloud-controller-manager']

function choicesOf(step: Step, components: readonly string[]): Choice[] {
  const p = step.predict!
  if (p.choices.length) return p.choices
  const names =
    p.pick === 'node'
      ? components.filter((c) => c.startsWith('kubelet/')).map((c) => c.slice('kubelet/'.length))
      : COMPONENT_CHOICES
  return names.map((n) => ({ value: n, label: { en: n, vi: n } }))
}

export function LessonPanel() {
  const t = useT()
  const lang = useStore((s) => s.lang)
  const active = useStore((s) => s.lesson)
  const lesson = useStore((s) => currentLesson(s))
  const step = useStore((s) => currentStep(s))
  if (!active || !lesson || !step) return null
  const last = active.index === lesson.steps.length - 1
  return (
    <section className="panel lesson" role="region" aria-label={t('lesson.region')} lang={lang}>
      <div className="panel-toolbar lesson-toolbar">
        <h2 className="panel-title lesson-title">
          {lesson.number}. {lesson.title[lang]}
        </h2>
        <button type="button" className="small" onClick={exitLesson} aria-label={t('lesson.close')} title={t('lesson.close')}>
          ×
        </button>
      </div>
      <div className="lesson-body">
        <p className="lesson-progress" aria-live="polite">
          <span>{t('lesson.progress', { n: active.index + 1, total: lesson.steps.length })}</span>
          <progress max={lesson.steps.length} value={active.index + 1} aria-hidden="true" />
        </p>
        <h3 className="lesson-step-title">{step.title[lang]}</h3>
        <Markdown className="markdown lesson-text" text={step.text[lang]} />
        {step.predict && <Predict key={active.index} step={step} active={active} />}
        {step.try && <TryIt key={active.index} step={step} active={active} />}
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
  const [picked, setPicked] = useState<string | null>(null)
  const p = step.predict!
  const choices = choicesOf(step, components)
  const answered = active.chosen !== null
  const outcome = active.outcome
  const revealed = outcome !== null && cursor >= active.revealAt
  const chosen = active.chosen ?? picked
  const label = (v: string) => choices.find((c) => c.value === v)?.label[lang] ?? v
  const verdictRef = useRevealed<HTMLDivElement>(revealed)
  return (
    <div className="lesson-box lesson-predict">
      <p className="lesson-box-kind">{t('lesson.predict')}</p>
      <div role="radiogroup" aria-label={p.question[lang]} className="choices">
        <p className="choices-question">{p.question[lang]}</p>
        {choices.map((c) => (
          <label key={c.value} className={`choice${revealed && outcome?.answer === c.value ? ' choice-right' : ''}`}>
            <input type="radio" name={`predict-${step.id}`} value={c.value} checked={chosen === c.value} disabled={answered} onChange={() => setPicked(c.value)} />
            <span>{c.label[lang]}</span>
          </label>
        ))}
      </div>
      {!answered && (
        <button type="button" className="primary" disabled={picked === null || active.pending} onClick={() => picked && void answerPrediction(picked)}>
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
            <pre className="reason">{outcome.reason[lang]}</pre>
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
      {active.solutionShown && <p className="muted small-text">{toEditor ? t('lesson.solutionEditor') : t('lesson.solutionConsole')}</p>}
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
