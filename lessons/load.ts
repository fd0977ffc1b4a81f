/**
 * Reads lesson files: YAML text → a typed, validated Lesson, or a list of errors that name the
 * file, the line, the step and the field. It never throws: a lesson author's typo must show up as
 * a message, not crash the app.
 *
 * ```ts
 * const { lesson, errors } = parseLesson(text, 'lessons/content/02-creating-a-pod.yaml')
 * if (!lesson) console.error(errors.map(formatError).join('\n'))
 * ```
 */
import { LineCounter, parseDocument, isNode } from 'yaml'
import type { NodeSpec } from '../src/engine/index'
import type { Action, AnswerSource, Choice, Highlight, Lesson, Level, Predict, Step, TryIt } from './format'
import { readCheck, readCountQuery, readHopSelector, readObjectRef } from './load-checks'
import { Reader, readText, type Path } from './validate'

/** One problem in a lesson file. */
export interface LessonError {
  file: string
  /** 1-based line in the file, when known. */
  line?: number
  /** 1-based step number, when the problem is inside a step. */
  step?: number
  stepId?: string
  /** The field, relative to the step when there is one: `checks[0].equals`. */
  field: string
  message: string
}

export interface LoadResult {
  lesson?: Lesson
  errors: LessonError[]
}

/** `lessons/content/x.yaml:42: step 3 (bind): checks[0].equals: expected …` */
export function formatError(e: LessonError): string {
  const where = e.line ? `${e.file}:${e.line}` : e.file
  const step = e.step ? ` step ${e.step}${e.stepId ? ` (${e.stepId})` : ''}:` : ''
  return `${where}:${step} ${e.field ? e.field + ': ' : ''}${e.message}`
}

/** Parses and validates one lesson file. */
export function parseLesson(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: true })
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line, field: '', message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    }
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown
  const r = new Reader()
  const lesson = readLesson(r, data, file)
  if (r.issues.length === 0 && lesson) return { lesson, errors: [] }
  const stepIds = Array.isArray((data as { steps?: unknown })?.steps) ? ((data as { steps: { id?: unknown }[] }).steps.map((s) => (typeof s?.id === 'string' ? s.id : undefined))) : []
  const errors = r.issues.map((i): LessonError => {
    const node = lineOf(doc, i.path)
    const line = node !== undefined ? lineCounter.linePos(node).line : undefined
    if (i.path[0] === 'steps' && typeof i.path[1] === 'number') {
      const n = i.path[1]
      return { file, line, step: n + 1, stepId: stepIds[n], field: pathText(i.path.slice(2)), message: i.message }
    }
    return { file, line, field: pathText(i.path), message: i.message }
  })
  return { errors }
}

/** Parses many files (e.g. from Vite's `import.meta.glob(…, { query: '?raw' })`), sorted by number. */
export function loadLessons(files: Record<string, string>): { lessons: Lesson[]; errors: LessonError[] } {
  const lessons: Lesson[] = []
  const errors: LessonError[] = []
  for (const [file, text] of Object.entries(files)) {
    const res = parseLesson(text, file)
    if (res.lesson) lessons.push(res.lesson)
    errors.push(...res.errors)
  }
  const seen = new Map<string, string>()
  for (const l of lessons) {
    const other = seen.get(l.id)
    if (other) errors.push({ file: l.file, field: 'id', message: `duplicate lesson id "${l.id}" (also in ${other})` })
    seen.set(l.id, l.file)
  }
  lessons.sort((a, b) => a.number - b.number || a.id.localeCompare(b.id))
  return { lessons, errors }
}

function pathText(p: Path): string {
  let s = ''
  for (const seg of p) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg
  return s
}

/** The offset of the deepest YAML node that exists along `path` (the key itself for unknown keys). */
function lineOf(doc: ReturnType<typeof parseDocument>, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true)
    if (isNode(node) && node.range) return node.range[0]
    if (n === path.length && n > 0) {
      // An unknown key: find the key node in its parent mapping.
      const parent = doc.getIn(path.slice(0, n - 1), true) as { items?: { key?: { value?: unknown; range?: number[] } }[] } | undefined
      const pair = parent?.items?.find((it) => it.key?.value === path[n - 1])
      if (pair?.key?.range) return pair.key.range[0]
    }
  }
  return undefined
}

// ---- the lesson -------------------------------------------------------------------------------

const LESSON_KEYS = ['id', 'number', 'title', 'summary', 'level', 'minutes', 'cluster', 'steps', 'waitingFor'] as const
const LEVELS: readonly Level[] = ['beginner', 'intermediate', 'advanced']

function readLesson(r: Reader, v: unknown, file: string): Lesson | undefined {
  const o = r.object(v, [], LESSON_KEYS, 'a lesson (a mapping with id, title, steps …)')
  if (!o) return undefined
  const id = r.string(o.id, ['id'])
  if (id !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) r.fail(['id'], `use lowercase words joined by dashes, like "creating-a-pod"; got "${id}"`)
  const waitingFor = o.waitingFor === undefined ? undefined : r.list(o.waitingFor, ['waitingFor']).map((w, i) => r.string(w, ['waitingFor', i]) ?? '')
  const stepsRaw = r.list(o.steps, ['steps'], false)
  if (Array.isArray(o.steps) && stepsRaw.length === 0) r.fail(['steps'], 'a lesson needs at least one step')
  const steps = stepsRaw.map((s, i) => readStep(r, s, ['steps', i], i))
  const ids = new Set<string>()
  steps.forEach((s, i) => {
    if (ids.has(s.id)) r.fail(['steps', i, 'id'], `duplicate step id "${s.id}"`)
    ids.add(s.id)
  })
  return {
    id: id ?? '',
    number: r.number(o.number, ['number'], { integer: true, min: 1 }) ?? 0,
    title: readText(r, o.title, ['title']),
    summary: readText(r, o.summary, ['summary']),
    level: r.oneOf(o.level, ['level'], LEVELS) ?? 'beginner',
    minutes: r.number(o.minutes, ['minutes'], { min: 1 }) ?? 0,
    cluster: readCluster(r, o.cluster, ['cluster']),
    steps,
    ...(waitingFor ? { waitingFor } : {}),
    file,
  }
}


const NODE_KEYS = ['name', 'cpu', 'memory', 'pods', 'labels', 'taints'] as const

function readCluster(r: Reader, v: unknown, path: Path): Lesson['cluster'] {
  const o = r.object(v, path, ['seed', 'nodes', 'setup', 'student'])
  const seed = r.number(o?.seed, [...path, 'seed'], { integer: true, min: 0 }) ?? 1
  let nodes: NodeSpec[] = []
  if (typeof o?.nodes === 'number') {
    const n = r.number(o.nodes, [...path, 'nodes'], { integer: true, min: 1 }) ?? 1
    nodes = Array.from({ length: n }, (_, i) => ({ name: `node-${i + 1}` }))
  } else if (o) {
    nodes = r.list(o.nodes, [...path, 'nodes'], false).map((n, i) => readNodeSpec(r, n, [...path, 'nodes', i]))
    if (Array.isArray(o.nodes) && nodes.length === 0) r.fail([...path, 'nodes'], 'a cluster needs at least one node')
  }
  const setup = r.list(o?.setup, [...path, 'setup']).map((a, i) => readAction(r, a, [...path, 'setup', i]))
  const student = o?.student === undefined ? undefined : r.oneOf(o.student, [...path, 'student'], ['available', 'current'] as const)
  return { seed, nodes, setup, ...(student ? { student } : {}) }
}

function readNodeSpec(r: Reader, v: unknown, path: Path): NodeSpec {
  const o = r.object(v, path, NODE_KEYS)
  const spec: NodeSpec = { name: r.string(o?.name, [...path, 'name']) ?? '' }
  if (o?.cpu !== undefined) spec.cpu = String(o.cpu)
  if (o?.memory !== undefined) spec.memory = r.string(o.memory, [...path, 'memory'])
  if (o?.pods !== undefined) spec.pods = r.number(o.pods, [...path, 'pods'], { integer: true, min: 1 })
  if (o?.labels !== undefined) {
    const l = r.object(o.labels, [...path, 'labels'], Object.keys(r.isObject(o.labels) ? o.labels : {}))
    if (l) spec.labels = Object.fromEntries(Object.entries(l).map(([k, val]) => [k, String(val)]))
  }
  if (o?.taints !== undefined) {
    spec.taints = r.list(o.taints, [...path, 'taints']).map((t, i) => {
      const tp = [...path, 'taints', i]
      const to = r.object(t, tp, ['key', 'value', 'effect'])
      const effect = r.oneOf(to?.effect, [...tp, 'effect'], ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const) ?? 'NoSchedule'
      const key = r.string(to?.key, [...tp, 'key']) ?? ''
      return to?.value !== undefined ? { key, value: String(to.value), effect } : { key, effect }
    })
  }
  return spec
}

// ---- steps ------------------------------------------------------------------------------------

const STEP_KEYS = ['id', 'title', 'text', 'actions', 'highlight', 'checks', 'try', 'predict'] as const

function readStep(r: Reader, v: unknown, path: Path, index: number): Step {
  const o = r.object(v, path, STEP_KEYS, 'a step (a mapping with title, text …)')
  const id = o?.id === undefined ? `step-${index + 1}` : (r.string(o.id, [...path, 'id']) ?? `step-${index + 1}`)
  const step: Step = {
    id,
    title: readText(r, o?.title, [...path, 'title']),
    text: readText(r, o?.text, [...path, 'text']),
    actions: r.list(o?.actions, [...path, 'actions']).map((a, i) => readAction(r, a, [...path, 'actions', i])),
    highlight: readHighlight(r, o?.highlight, [...path, 'highlight']),
    checks: r.list(o?.checks, [...path, 'checks']).map((c, i) => readCheck(r, c, [...path, 'checks', i])),
  }
  if (o?.try !== undefined) step.try = readTry(r, o.try, [...path, 'try'])
  if (o?.predict !== undefined) step.predict = readPredict(r, o.predict, [...path, 'predict'])
  if (step.try && step.predict) r.fail([...path, 'predict'], 'a step is either "try" or "predict", not both')
  if (step.try && step.checks.length === 0) r.fail([...path, 'checks'], 'a "try" step needs at least one check: it passes when its checks hold')
  if (step.try && step.actions.length > 0) r.fail([...path, 'actions'], 'a "try" step has no actions: the student acts; put the answer in try.solution')
  return step
}

function readHighlight(r: Reader, v: unknown, path: Path): Highlight {
  if (v === undefined || v === null) return { components: [], hops: [] }
  const o = r.object(v, path, ['components', 'hops'])
  return {
    components: r.list(o?.components, [...path, 'components']).map((c, i) => r.string(c, [...path, 'components', i]) ?? ''),
    hops: r.list(o?.hops, [...path, 'hops']).map((h, i) => readHopSelector(r, h, [...path, 'hops', i])),
  }
}

function readTry(r: Reader, v: unknown, path: Path): TryIt {
  const o = r.object(v, path, ['hint', 'solution', 'starter'])
  const solution = r.list(o?.solution, [...path, 'solution'], false).map((a, i) => readAction(r, a, [...path, 'solution', i]))
  if (Array.isArray(o?.solution) && solution.length === 0) r.fail([...path, 'solution'], 'give at least one action')
  const t: TryIt = { hint: readText(r, o?.hint, [...path, 'hint']), solution }
  if (o?.starter !== undefined) t.starter = r.string(o.starter, [...path, 'starter'])
  return t
}

function readPredict(r: Reader, v: unknown, path: Path): Predict {
  const o = r.object(v, path, ['question', 'pick', 'choices', 'answer', 'explain'])
  const pick = r.oneOf(o?.pick ?? 'choice', [...path, 'pick'], ['choice', 'node', 'component'] as const) ?? 'choice'
  const choices = r.list(o?.choices, [...path, 'choices']).map((c, i): Choice => {
    const co = r.object(c, [...path, 'choices', i], ['value', 'label'])
    const value = co?.value
    if (typeof value !== 'string' && typeof value !== 'number') r.fail([...path, 'choices', i, 'value'], 'required: text or a number')
    return { value: String(value ?? ''), label: readText(r, co?.label, [...path, 'choices', i, 'label']) }
  })
  if (pick === 'choice' && choices.length < 2) r.fail([...path, 'choices'], 'a multiple-choice prediction needs at least two choices')
  return {
    question: readText(r, o?.question, [...path, 'question']),
    pick,
    choices,
    answer: readAnswer(r, o?.answer, [...path, 'answer']),
    explain: readText(r, o?.explain, [...path, 'explain'], true),
  }
}

function readAnswer(r: Reader, v: unknown, path: Path): AnswerSource {
  const o = r.object(v, path, ['scheduledNode', 'count', 'duration', 'field', 'component', 'hops'], 'an answer source (scheduledNode, count, duration, field, component or hops)')
  const keys = o ? Object.keys(o) : []
  if (o && keys.length !== 1) r.fail(path, `give exactly one of scheduledNode, count, duration, field, component, hops; got ${keys.join(', ') || 'none'}`)
  if (o?.scheduledNode !== undefined) return { scheduledNode: readObjectRef(r, o.scheduledNode, [...path, 'scheduledNode']) }
  if (o?.count !== undefined) return { count: readCountQuery(r, o.count, [...path, 'count']) }
  if (o?.duration !== undefined) {
    const d = r.object(o.duration, [...path, 'duration'], ['from', 'to'])
    const to = readHopSelector(r, d?.to, [...path, 'duration', 'to'])
    return { duration: d?.from === undefined ? { to } : { from: readHopSelector(r, d.from, [...path, 'duration', 'from']), to } }
  }
  if (o?.hops !== undefined) {
    const h = r.object(o.hops, [...path, 'hops'], ['hop', 'distinct'])
    const hop = readHopSelector(r, h?.hop, [...path, 'hops', 'hop'])
    const distinct = h?.distinct === undefined ? undefined : r.oneOf(h.distinct, [...path, 'hops', 'distinct'], ['to', 'from'] as const)
    return { hops: distinct ? { hop, distinct } : { hop } }
  }
  if (o?.field !== undefined) {
    const f = r.object(o.field, [...path, 'field'], ['object', 'field'])
    return { field: { object: readObjectRef(r, f?.object, [...path, 'field', 'object']), field: r.string(f?.field, [...path, 'field', 'field']) ?? '' } }
  }
  const c = r.object(o?.component, [...path, 'component'], ['hop', 'side'])
  return { component: { hop: readHopSelector(r, c?.hop, [...path, 'component', 'hop']), side: r.oneOf(c?.side ?? 'to', [...path, 'component', 'side'], ['to', 'from'] as const) ?? 'to' } }
}

// ---- actions ----------------------------------------------------------------------------------

const ACTION_KINDS = ['apply', 'kubectl', 'advance', 'settle', 'until', 'stopNode', 'startNode', 'removeNode', 'addNode', 'stopComponent', 'startComponent', 'proxyMode', 'request'] as const

function readAction(r: Reader, v: unknown, path: Path): Action {
  const o = r.object(v, path, [...ACTION_KINDS, 'stdin', 'mayFail', 'within'], `an action (one of ${ACTION_KINDS.join(', ')})`)
  const kinds = o ? ACTION_KINDS.filter((k) => k in o) : []
  if (o && kinds.length !== 1) {
    r.fail(path, kinds.length ? `give one action per list item; got ${kinds.join(' and ')}` : `expected one of ${ACTION_KINDS.join(', ')}`)
    return { settle: true }
  }
  if (!o) return { settle: true }
  const kind = kinds[0]
  const p = [...path, kind]
  const extra = (allowed: string[]) => {
    for (const k of ['stdin', 'mayFail', 'within']) if (k in o && !allowed.includes(k)) r.fail([...path, k], `"${k}" does not go with "${kind}"`)
  }
  switch (kind) {
    case 'apply':
      extra([])
      return { apply: r.string(o.apply, p) ?? '' }
    case 'kubectl': {
      extra(['stdin', 'mayFail'])
      const a: Action = { kubectl: (r.string(o.kubectl, p) ?? '').replace(/^kubectl\s+/, '') }
      if (o.stdin !== undefined) a.stdin = r.string(o.stdin, [...path, 'stdin'])
      if (o.mayFail !== undefined) a.mayFail = r.boolean(o.mayFail, [...path, 'mayFail'])
      return a
    }
    case 'advance':
      extra([])
      return { advance: r.duration(o.advance, p) ?? 0 }
    case 'settle':
      extra([])
      if (o.settle !== true) r.fail(p, 'write "settle: true"')
      return { settle: true }
    case 'until':
      extra(['within'])
      return { until: readHopSelector(r, o.until, p), within: o.within === undefined ? 120_000 : (r.duration(o.within, [...path, 'within']) ?? 0) }
    case 'addNode':
      extra([])
      return { addNode: readNodeSpec(r, o.addNode, p) }
    case 'proxyMode':
      extra([])
      return { proxyMode: r.oneOf(o.proxyMode, p, ['iptables', 'ipvs'] as const) ?? 'iptables' }
    case 'request': {
      extra([])
      const url = r.string(o.request, p) ?? ''
      if (url && !/^http:\/\/\S+$/.test(url)) r.fail(p, `expected an http:// URL, like http://203.0.113.10/; got "${url}"`)
      return { request: url }
    }
    default:
      extra([])
      return { [kind]: r.string(o[kind], p) ?? '' } as Action
  }
}
