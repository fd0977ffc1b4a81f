/**
 * Guided lessons: the commands the lesson picker and panel call. The runner itself lives in the
 * engine worker (it needs a Cluster); these put what it reports into the store, play the step's
 * hops on the diagram, keep progress in localStorage and the lesson link in the address bar.
 *
 * ```ts
 * await startLesson('creating-a-pod', 2)   // step 3, on a fresh lesson cluster
 * await nextStep(); await checkStep()
 * ```
 */
import type { Action, Lesson, Step } from '../../lessons/format'
import { LANG_KEY, applyLang, translate, type Lang } from '../i18n'
import type { LessonStepInfo } from '../worker/protocol'
import { appendConsole, applyBoot, call, kick, merge, onRecover, openDialog, openTab, setInspectorTab } from './actions'
import { setPresenter } from './presenter'
import { messageNotice, useStore, type ActiveLesson, type ConsoleLine, type State } from './store'
import { refuseInLive } from '../live/mode'

export { togglePresenter, toggleOverview } from './presenter'

export const LESSON_PARAM = 'lesson'
export const STEP_PARAM = 'step'
export const PROGRESS_KEY = 'podium:lessons'

const set = useStore.setState
const get = useStore.getState

/** Saved progress per lesson: the furthest step reached (0-based) and whether it was finished. */
export type Progress = Record<string, { step: number; done: boolean }>

// ---------------------------------------------------------------------------------------------
// Links

/** `#lesson=creating-a-pod&step=3` → `{ id, step: 2 }` (the link's step is 1-based); null without a lesson. */
export function parseLessonHash(hash: string): { id: string; step: number } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const id = params.get(LESSON_PARAM)
  if (id === null) return null
  const n = Number(params.get(STEP_PARAM) ?? '1')
  return { id: id.trim(), step: Number.isInteger(n) && n >= 1 ? n - 1 : 0 }
}

export function lessonHash(id: string, index: number): string {
  return `#${LESSON_PARAM}=${encodeURIComponent(id)}&${STEP_PARAM}=${index + 1}`
}

/** The lesson a link names: by id, or by its number (`#lesson=2`). */
export function findLesson(lessons: readonly Lesson[], idOrNumber: string): Lesson | undefined {
  return lessons.find((l) => l.id === idOrNumber) ?? lessons.find((l) => String(l.number) === idOrNumber)
}

function showInAddressBar(hash: string) {
  if (typeof history === 'undefined') return
  history.replaceState(null, '', location.pathname + location.search + hash)
}

// ---------------------------------------------------------------------------------------------
// Progress

export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Progress {
  try {
    const p = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? '{}') as unknown
    return p && typeof p === 'object' ? (p as Progress) : {}
  } catch {
    return {}
  }
}

function saveProgress(id: string, step: number, done = false) {
  const p = loadProgress()
  const was = p[id] ?? { step: 0, done: false }
  p[id] = { step: Math.max(was.step, step), done: was.done || done }
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(p))
  } catch {
    // Storage full or disabled: progress is best effort.
  }
}

// ---------------------------------------------------------------------------------------------
// Catalog

let loading: Promise<Lesson[]> | undefined

/** The lessons, from the worker (loaded once). */
export function loadLessonCatalog(): Promise<Lesson[]> {
  const have = get().lessons
  if (have) return Promise.resolve(have)
  loading ??= (async () => {
    try {
      const r = await call((e) => e.request({ type: 'lessons' }))
      if (!r) return []
      set({ lessons: r.lessons, lessonErrors: r.errors })
      return r.lessons
    } finally {
      loading = undefined
    }
  })()
  return loading
}

export async function openLessonPicker() {
  if (refuseInLive('lessons')) return
  openDialog('lessons')
  await loadLessonCatalog()
}

export function currentLesson(s: State = get()): Lesson | undefined {
  return s.lesson ? s.lessons?.find((l) => l.id === s.lesson!.id) : undefined
}

export function currentStep(s: State = get()): Step | undefined {
  const l = currentLesson(s)
  return l && s.lesson ? l.steps[s.lesson.index] : undefined
}

function kindOf(step: Step): ActiveLesson['kind'] {
  return step.try ? 'try' : step.predict ? 'predict' : 'narrative'
}

// ---------------------------------------------------------------------------------------------
// Playing a lesson

/**
 * Opens a lesson at step `index` (0-based) on a fresh lesson cluster, replayed to that step; a
 * narrative step then plays its hops. Also how Back works (the runner replays, it never un-plays).
 */
export async function startLesson(id: string, index = 0): Promise<boolean> {
  const lessons = await loadLessonCatalog()
  const lesson = findLesson(lessons, id)
  if (!lesson) {
    set({ notice: messageNotice('error', 'lesson.badLink', { id }) })
    return false
  }
  if (lesson.waitingFor) {
    set({ notice: messageNotice('error', 'lesson.notReady', { title: lesson.title[get().lang], what: lesson.waitingFor.join(', ') }) })
    return false
  }
  const i = Math.max(0, Math.min(index, lesson.steps.length - 1))
  markPending()
  // 'booting' stops run-ahead requests: one queued behind lessonOpen would run the lesson's fresh
  // cluster 30 s ahead, past the hops its next steps wait for.
  const was = get().status
  set({ status: 'booting' })
  const r = await call((e) => e.request({ type: 'lessonOpen', id: lesson.id, step: i }))
  if (!r) {
    if (get().status === 'booting') set({ status: was })
    clearPending()
    return false
  }
  applyBoot(r, true, r.step.stepStartHop, {
    dialog: null,
    notice: null,
    playing: true,
    consoleLines: [],
    selectedKey: null,
    selectedEtcdKey: null,
    lesson: enterStep(lesson, r.step),
  })
  afterStep(lesson, r.step)
  return true
}

/** The next step, on the live cluster; after the last step the lesson is done. */
export async function nextStep() {
  const s = get()
  const lesson = currentLesson(s)
  if (!lesson || !s.lesson || s.lesson.pending) return
  if (s.lesson.index >= lesson.steps.length - 1) {
    saveProgress(lesson.id, s.lesson.index, true)
    set({ notice: messageNotice('info', 'lesson.done') })
    return
  }
  markPending()
  const r = await call((e) => e.request({ type: 'lessonNext' }))
  if (!r) return clearPending()
  merge(r, { idle: false, cursor: Math.max(get().cursor, r.step.stepStartHop), playing: true, lesson: enterStep(lesson, r.step) })
  afterStep(lesson, r.step)
  kick()
}

export async function previousStep() {
  const s = get()
  if (!s.lesson || s.lesson.index === 0 || s.lesson.pending) return
  await startLesson(s.lesson.id, s.lesson.index - 1)
}

export async function checkStep() {
  const s = get()
  const lesson = currentLesson(s)
  if (!lesson || !s.lesson) return
  markPending()
  const r = await call((e) => e.request({ type: 'lessonCheck' }))
  const now = get().lesson
  if (!now) return
  if (!r) return clearPending()
  set({ lesson: { ...now, checks: r.results, highlights: r.highlights, pending: false } })
  if (r.results.every((c) => c.pass)) saveProgress(lesson.id, now.index, now.index === lesson.steps.length - 1)
}

/** Selects a prediction's choice (in the list, or by clicking its box on the diagram) before it is sent. */
export function pickChoice(value: string) {
  const l = get().lesson
  if (l && l.kind === 'predict' && l.chosen === null && !l.pending) set({ lesson: { ...l, picked: value } })
}

/**
 * The student's prediction (`value`, or the choice picked): the step's actions run in the worker,
 * then its hops play; the answer shows at their end.
 */
export async function answerPrediction(value = get().lesson?.picked) {
  const s = get()
  if (!s.lesson || s.lesson.outcome || s.lesson.pending || value == null) return
  set({ lesson: { ...s.lesson, picked: value, chosen: value, pending: true } })
  const r = await call((e) => e.request({ type: 'lessonAnswer' }))
  const now = get().lesson
  if (!now) return
  if (!r) return clearPending()
  const last = r.hops.length ? r.hops[r.hops.length - 1].id : get().cursor
  merge(r, {
    idle: false,
    playing: true,
    lesson: { ...now, played: true, outcome: r.outcome, highlights: r.step.highlights, revealAt: Math.max(last, ...r.outcome.hops), pending: false },
  })
  consoleOutput(r.step)
  kick()
}

/** Jumps playback to the end of the predict step's hops, revealing the answer. */
export function revealNow() {
  const l = get().lesson
  if (l?.outcome) set({ cursor: Math.max(get().cursor, l.revealAt) })
}

export function showHint() {
  const l = get().lesson
  if (l) set({ lesson: { ...l, hintShown: true } })
}

/**
 * Fills the editor (a manifest) or the console's input (a command) with the step's solution; a
 * fault to undo (start a component or a machine) opens the inspector's Faults tab, where its button is.
 */
export function showSolution() {
  const s = get()
  const step = currentStep(s)
  if (!s.lesson || !step?.try) return
  for (const a of step.try.solution) {
    if ('apply' in a) openTab('solution.yaml', a.apply)
    else if ('kubectl' in a) set({ consoleFill: { text: a.kubectl, n: (s.consoleFill?.n ?? 0) + 1 } })
    else if (isFaultAction(a)) setInspectorTab('faults')
  }
  set({ lesson: { ...get().lesson!, solutionShown: true } })
}

/** Jumps to step `index` (0-based) of the open lesson, replayed on a fresh cluster (the steps overview). */
export async function goToStep(index: number) {
  const s = get()
  if (!s.lesson || s.lesson.pending) return
  if (s.dialog === 'steps') set({ dialog: null })
  if (index !== s.lesson.index) await startLesson(s.lesson.id, index)
}

/** An action the inspector's Faults tab performs: stop or start a component or a machine. */
export function isFaultAction(a: Action): boolean {
  return 'stopComponent' in a || 'startComponent' in a || 'stopNode' in a || 'startNode' in a
}

export function exitLesson() {
  setPresenter(false)
  set({ lesson: null })
  showInAddressBar('')
  kick()
}

export function setLang(lang: Lang) {
  set({ lang })
  applyLang(lang)
  try {
    localStorage.setItem(LANG_KEY, lang)
  } catch {
    // Private mode: the language is not remembered.
  }
}

function markPending() {
  const l = get().lesson
  if (l) set({ lesson: { ...l, pending: true } })
}

function clearPending() {
  const l = get().lesson
  if (l) set({ lesson: { ...l, pending: false } })
}

function enterStep(lesson: Lesson, info: LessonStepInfo): ActiveLesson {
  const step = lesson.steps[info.index]
  return {
    id: lesson.id,
    index: info.index,
    kind: kindOf(step),
    stepStartHop: info.stepStartHop,
    played: info.played,
    highlights: info.highlights,
    checks: null,
    hintShown: false,
    solutionShown: false,
    picked: null,
    chosen: null,
    outcome: null,
    revealAt: 0,
    pending: false,
  }
}

function afterStep(lesson: Lesson, info: LessonStepInfo) {
  const step = lesson.steps[info.index]
  if (step.try?.starter) openTab('starter.yaml', step.try.starter)
  consoleOutput(info)
  saveProgress(lesson.id, info.index)
  showInAddressBar(lessonHash(lesson.id, info.index))
}

function consoleOutput(info: LessonStepInfo) {
  const lines: ConsoleLine[] = []
  for (const o of info.output) {
    // A request from outside the cluster is typed as the console types it: `curl URL   # from outside…`.
    lines.push({ kind: 'command', text: o.outside ? `$ ${o.command}   # ${translate('console.fromOutside')}` : `$ ${o.command}` })
    if (o.stdout) lines.push({ kind: 'stdout', text: o.stdout.replace(/\n$/, '') })
    if (o.stderr) lines.push({ kind: 'stderr', text: o.stderr.replace(/\n$/, '') })
  }
  appendConsole(...lines)
}

// The lesson runner lived in the crashed worker: replay the lesson to the step in the new one.
onRecover(async () => {
  const l = get().lesson
  if (l) await startLesson(l.id, l.index)
})
