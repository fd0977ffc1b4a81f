/** The loader reports a lesson author's mistakes with the file, line, step and field, never by throwing. */
import { describe, expect, it } from 'vitest'
import { formatError, loadLessons, parseLesson } from './load'
import { parseDuration } from './validate'

const GOOD = `id: tiny
number: 1
title: { en: Tiny, vi: Nhỏ xíu }
summary: { en: A tiny lesson., vi: Một bài học nhỏ. }
level: beginner
minutes: 2
cluster:
  seed: 1
  nodes: 1
steps:
  - id: run
    title: { en: Run a Pod, vi: Chạy một Pod }
    text: { en: Run nginx., vi: Chạy nginx. }
    actions:
      - kubectl: run web --image=nginx:1.27
      - settle: true
    checks:
      - object: pod/web
        field: status.phase
        equals: Running
`

/** Errors of a lesson made from GOOD with one replacement, formatted as the app shows them. */
function errorsOf(text: string): string[] {
  const r = parseLesson(text, 'lessons/content/tiny.yaml')
  expect(r.lesson).toBeUndefined()
  return r.errors.map(formatError)
}

describe('parseLesson', () => {
  it('reads a valid lesson into typed data', () => {
    const { lesson, errors } = parseLesson(GOOD, 'tiny.yaml')
    expect(errors).toEqual([])
    expect(lesson!.cluster).toEqual({ seed: 1, nodes: [{ name: 'node-1' }], setup: [] })
    expect(lesson!.steps[0].actions).toEqual([{ kubectl: 'run web --image=nginx:1.27' }, { settle: true }])
    expect(lesson!.steps[0].checks).toEqual([{ object: 'pod/web', field: 'status.phase', equals: 'Running' }])
    expect(lesson!.steps[0].highlight).toEqual({ components: [], hops: [] })
  })

  it('reports YAML syntax errors with their line', () => {
    expect(errorsOf(GOOD.replace('minutes: 2', 'minutes: 2\n  oops: [1, 2'))[0]).toMatch(/^lessons\/content\/tiny\.yaml:6: YAML syntax: /)
  })

  it('names the step, the field and the line of a typo, with a suggestion', () => {
    expect(errorsOf(GOOD.replace('    checks:', '    chekcs:'))).toEqual([
      'lessons/content/tiny.yaml:18: step 1 (run): chekcs: unknown field "chekcs" (did you mean "checks"?); allowed: id, title, text, actions, highlight, checks, try, predict',
    ])
  })

  it('requires both languages', () => {
    expect(errorsOf(GOOD.replace('{ en: Run nginx., vi: Chạy nginx. }', '{ en: Run nginx. }'))).toEqual(['lessons/content/tiny.yaml:13: step 1 (run): text.vi: required'])
  })

  it('checks durations, regular expressions and comparisons', () => {
    const bad = GOOD.replace('      - settle: true', "      - advance: soon\n      - until: { from: scheduler, pathMatches: '(' }").replace('        equals: Running', '        equals: Running\n        contains: Run')
    expect(errorsOf(bad)).toEqual([
      'lessons/content/tiny.yaml:16: step 1 (run): actions[1].advance: expected a duration like 1500, 500ms, 30s or 2m, got "soon"',
      expect.stringMatching(/^lessons\/content\/tiny\.yaml:17: step 1 \(run\): actions\[2\]\.until\.pathMatches: not a valid regular expression: /),
      'lessons/content/tiny.yaml:19: step 1 (run): checks[0]: use one comparison per check; got equals, contains',
    ])
  })

  it('rejects an action with two verbs and an unknown check', () => {
    const bad = GOOD.replace('      - settle: true', '      - settle: true\n        advance: 1s').replace('      - object: pod/web', '      - pod: web')
    expect(errorsOf(bad)).toEqual([
      'lessons/content/tiny.yaml:16: step 1 (run): actions[1]: give one action per list item; got advance and settle',
      'lessons/content/tiny.yaml:19: step 1 (run): checks[0]: expected a check: a mapping with one of object, count, hop, kubectl, etcd, proxyRules',
    ])
  })

  it('explains what a try-it step and a predict step need', () => {
    const tryNoCheck = GOOD.replace(/    actions:[\s\S]*$/, '    try:\n      hint: { en: Use kubectl run., vi: Dùng kubectl run. }\n      solution:\n        - kubectl: run web --image=nginx:1.27\n')
    expect(errorsOf(tryNoCheck)).toEqual(['lessons/content/tiny.yaml:11: step 1 (run): checks: a "try" step needs at least one check: it passes when its checks hold'])
    const predictOneChoice = GOOD.replace(
      '    actions:',
      '    predict:\n      question: { en: Where?, vi: Ở đâu? }\n      choices:\n        - { value: node-1, label: { en: node-1, vi: node-1 } }\n      answer: { scheduledNode: web }\n    actions:',
    )
    expect(errorsOf(predictOneChoice)).toEqual([
      'lessons/content/tiny.yaml:17: step 1 (run): predict.choices: a multiple-choice prediction needs at least two choices',
      'lessons/content/tiny.yaml:18: step 1 (run): predict.answer.scheduledNode: expected kind/name, like pod/nginx or deployment/web; got "web"',
    ])
  })

  it('reports lesson-level mistakes without a step', () => {
    expect(errorsOf(GOOD.replace('level: beginner', 'level: beginer').replace('id: tiny', 'id: Tiny Lesson'))).toEqual([
      'lessons/content/tiny.yaml:1: id: use lowercase words joined by dashes, like "creating-a-pod"; got "Tiny Lesson"',
      'lessons/content/tiny.yaml:5: level: expected one of beginner, intermediate, advanced, got "beginer" (did you mean "beginner"?)',
    ])
  })

  it('never throws, whatever the text', () => {
    for (const text of ['', '42', '- a\n- b', 'steps: 3', 'id: x\nsteps:\n  - 7\n  - { actions: [ { nothing: 1 } ] }', '{{{']) {
      const r = parseLesson(text, 'x.yaml')
      expect(r.lesson).toBeUndefined()
      expect(r.errors.length).toBeGreaterThan(0)
    }
  })

  it('finds duplicate lesson and step ids', () => {
    const dupStep = GOOD + GOOD.slice(GOOD.indexOf('  - id: run'))
    expect(errorsOf(dupStep)).toContain('lessons/content/tiny.yaml:21: step 2 (run): id: duplicate step id "run"')
    const r = loadLessons({ 'a.yaml': GOOD, 'b.yaml': GOOD })
    expect(r.errors.map(formatError)).toEqual(['b.yaml: id: duplicate lesson id "tiny" (also in a.yaml)'])
  })
})

describe('parseDuration', () => {
  it('reads milliseconds and units', () => {
    expect([parseDuration('1500'), parseDuration('500ms'), parseDuration('30s'), parseDuration('2m'), parseDuration('1m30s'), parseDuration('soon')]).toEqual([1500, 500, 30_000, 120_000, 90_000, undefined])
  })
})
