/**
 * The lesson runner's side of the worker: loads the lesson files (bundled by Vite as text) and plays
 * the current lesson over its own Cluster with lessons/runner.ts. engine.worker.ts owns the messages;
 * this module owns which lesson and step are current.
 */
import { formatError, loadLessons, playTo, type ActionOutcome, type Lesson, type LessonRunner } from '../../lessons'
import type { LessonCatalog, LessonStepInfo } from './protocol'

/** A lesson request refused before it touched the cluster: not fatal, the engine is fine. */
export class LessonRefusal extends Error {
  override name = 'LessonRefusal'
}

let catalog: LessonCatalog | undefined
let run: LessonRunner | undefined
/** Whether the current step's actions have run. */
let played = false

/** Every lesson file, parsed once. A broken file is reported, the others still load. */
export function lessonCatalog(): LessonCatalog {
  if (!catalog) {
    const files = import.meta.glob('../../lessons/content/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
    const { lessons, errors } = loadLessons(files)
    catalog = { lessons, errors: errors.map(formatError) }
  }
  return catalog
}

function findLesson(id: string): Lesson {
  const lesson = lessonCatalog().lessons.find((l) => l.id === id)
  if (!lesson) throw new LessonRefusal(`There is no lesson "${id}".`)
  if (lesson.waitingFor) throw new LessonRefusal(`The lesson "${lesson.title.en}" is not ready yet: it waits for ${lesson.waitingFor.join(', ')}.`)
  return lesson
}

function current(): LessonRunner {
  if (!run) throw new LessonRefusal('No lesson is open.')
  return run
}

/** A fresh cluster at the start of step `index` (every earlier step played); a narrative step then plays. */
export function openLesson(id: string, index: number): { run: LessonRunner; info: LessonStepInfo } {
  const lesson = findLesson(id)
  const i = Math.max(0, Math.min(index, lesson.steps.length - 1))
  run = playTo(lesson, i)
  return { run, info: startStep(run) }
}

/** The next step, on the live cluster: an unsolved "try it" gets its solution, an unanswered predict plays first. */
export function nextStep(): LessonStepInfo {
  const r = current()
  if (r.index >= r.lesson.steps.length - 1) throw new LessonRefusal('This is the last step of the lesson.')
  const before: ActionOutcome[] = []
  if (r.step.try && !r.passed()) before.push(...r.solve())
  else if (!played) before.push(...r.play())
  r.enter(r.index + 1)
  return startStep(r, before)
}

export function checkStep() {
  const r = current()
  return { results: r.check(), highlights: r.highlights() }
}

/** Plays the predict step's actions and returns the engine's answer. */
export function answerStep() {
  const r = current()
  if (!r.step.predict) throw new LessonRefusal('This step asks for no prediction.')
  const outcomes = played ? [] : r.play()
  played = true
  return { outcome: r.predict(), info: info(r, outcomes) }
}

function startStep(r: LessonRunner, before: ActionOutcome[] = []): LessonStepInfo {
  played = false
  const stepStartHop = r.checkScope.stepStartHop
  let outcomes = before
  if (!r.step.try && !r.step.predict) {
    outcomes = [...before, ...r.play()]
    played = true
  }
  return { ...info(r, outcomes), stepStartHop }
}

function info(r: LessonRunner, outcomes: ActionOutcome[]): LessonStepInfo {
  return {
    lessonId: r.lesson.id,
    index: r.index,
    stepStartHop: r.checkScope.stepStartHop,
    played,
    output: outcomes.flatMap(consoleOutput),
    highlights: r.highlights(),
  }
}

/** What an action shows in the console: kubectl's output, or what the outside client received. */
export function consoleOutput(o: ActionOutcome): LessonStepInfo['output'] {
  if (o.output) return [{ command: `kubectl ${commandOf(o)}`, stdout: o.output.stdout, stderr: o.output.stderr }]
  if ('request' in o.action && o.response) {
    const r = o.response
    const stdout = r.error ? '' : r.body || `HTTP ${r.status ?? ''}`.trim()
    return [{ command: `curl ${o.action.request}`, stdout, stderr: r.error ? `curl: ${r.error}` : '', outside: true }]
  }
  return []
}

function commandOf(o: ActionOutcome): string {
  if (o.command) return o.command.replace(/^kubectl\s+/, '')
  return 'apply' in o.action ? 'apply -f -' : 'kubectl' in o.action ? o.action.kubectl.replace(/^kubectl\s+/, '') : ''
}
