/**
 * Lessons: the format (format.ts), the loader and validator (load.ts) and the headless runner
 * (runner.ts). The app imports from here; lesson files live in lessons/content/*.yaml.
 */
export type * from './format'
export { parseLesson, loadLessons, formatError, type LessonError, type LoadResult } from './load'
export { LessonRunner, playTo, createLessonCluster, performActions, performAction, applySolution, highlightedHops, type ActionOutcome } from './runner'
export { evaluateChecks, type CheckScope } from './checks'
export { computePrediction, explainDecision } from './predict'
export { matchHop } from './query'
