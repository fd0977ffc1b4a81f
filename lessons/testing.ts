/**
 * Helpers for the lesson tests: read every lesson file from disk (Node only; the app uses Vite's
 * import.meta.glob), and play a whole lesson as a student who follows every step.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Lesson } from './format'
import { LessonRunner, highlightedHops } from './runner'

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'content')

export function lessonFiles(): Record<string, string> {
  const files: Record<string, string> = {}
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.yaml')).sort()) files[`lessons/content/${f}`] = readFileSync(join(DIR, f), 'utf8')
  return files
}

interface Played {
  /** Per step: its checks' verdicts and reasons, the prediction, the highlighted hops. */
  log: string[]
  failures: string[]
  hops: string
  /** The engine's answer to each predict step, by `lesson/step`. */
  answers: Record<string, string>
}

/** Plays a whole lesson as a student who follows every step (solving each "try it"). */
export function play(lesson: Lesson): Played {
  const run = new LessonRunner(lesson)
  const log: string[] = []
  const failures: string[] = []
  const answers: Record<string, string> = {}
  lesson.steps.forEach((step, i) => {
    const where = `${lesson.id} step ${i + 1} (${step.id})`
    run.enter(i)
    const outcomes = step.try ? run.solve() : run.play()
    for (const o of outcomes) if (!o.ok) failures.push(`${where}: action ${JSON.stringify(o.action).slice(0, 80)} failed: ${o.error}`)
    for (const r of run.check()) {
      log.push(`${where}: ${r.pass ? 'pass' : 'FAIL'} ${r.reason.en}`)
      if (!r.pass) failures.push(`${where}: ${r.reason.en}`)
      expect(r.reason.vi, `${where}: Vietnamese reason`).not.toBe('')
    }
    if (step.predict) {
      const p = run.predict()
      log.push(`${where}: predict ${p.answer}`)
      answers[`${lesson.id}/${step.id}`] = p.answer
      const values = step.predict.choices.map((c) => c.value)
      if (values.length && !p.choice) failures.push(`${where}: the engine's answer "${p.answer}" is none of the choices ${values.join(', ')}`)
      if (p.answer === 'none' || p.answer === 'unknown') failures.push(`${where}: the engine gave no answer: ${p.reason.en}`)
      if (step.predict.pick === 'node' && !lesson.cluster.nodes.some((n) => n.name === p.answer)) failures.push(`${where}: "${p.answer}" is not a node`)
      if (step.predict.pick === 'component' && !run.cluster.components().includes(p.answer) && !/^controller-manager\//.test(p.answer)) failures.push(`${where}: "${p.answer}" is not a component`)
    }
    for (const sel of step.highlight.hops) {
      const one = { ...step, highlight: { components: [], hops: [sel] } }
      if (!highlightedHops(run.cluster, one, run.checkScope).length) failures.push(`${where}: highlight ${JSON.stringify(sel)} matches no hop`)
    }
  })
  return { log, failures, hops: JSON.stringify(run.cluster.hops()), answers }
}
