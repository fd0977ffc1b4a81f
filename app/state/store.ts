/**
 * The app's one zustand store, built from slices (cluster, playback, ui, workspace). It holds plain
 * snapshots the worker sent, never live engine objects. Actions live at module level in
 * ./actions.ts and call `useStore.setState`; components select narrowly.
 */
import { create } from 'zustand'
import type { ComponentId, Hop, KeyValueView, Scenario } from '../../src/engine'
import type { EditorTab } from '../editor/share'
import type { CheckResult, Lesson, PredictOutcome } from '../../lessons/format'
import { translate, type Lang, type MessageKey, type Vars } from '../i18n'

export interface Notice {
  kind: 'error' | 'info'
  /** The text in the language of the moment it was made (errors from the engine are only this). */
  text: string
  /** The message, when it is one of the app's: the bar shows it in the current language. */
  key?: MessageKey
  vars?: Vars
}

/** A notice made of one of the app's messages (it follows a language switch). */
export function messageNotice(kind: Notice['kind'], key: MessageKey, vars?: Vars): Notice {
  return { kind, text: translate(key, vars), key, vars }
}

export interface ConsoleLine {
  kind: 'command' | 'stdout' | 'stderr' | 'info'
  text: string
}

export interface ClusterSlice {
  status: 'booting' | 'ready' | 'recovering'
  components: ComponentId[]
  /** The etcd keyspace right after boot; the view at any hop is this plus the hops' writes. */
  baseline: KeyValueView[]
  hops: Hop[]
  /** Virtual ms the engine has reached (it runs ahead of the playback cursor). */
  now: number
  /** Virtual ms of the start (cursor 0): the end of the cluster's boot. */
  startTime: number
  scenario: Scenario | null
  /** The last run-ahead produced no foreground hop: nothing more to play until the user acts. */
  idle: boolean
  /** kubectl STATUS text of each pod write, by etcd revision (computed in the worker). */
  podStatus: ReadonlyMap<number, string>
  /** Requests in flight to the worker. */
  busy: number
  notice: Notice | null
}

export interface PlaybackSlice {
  /** Id of the current hop; 0 is before the first hop. */
  cursor: number
  playing: boolean
  /** Hops per second. */
  speed: number
  showBackground: boolean
  /** The hop whose causal chain is highlighted in the timeline, if any. */
  chainOf: number | null
}

export type InspectorTab = 'hop' | 'objects' | 'etcd' | 'scheduler' | 'nodes' | 'services' | 'proxy' | 'faults' | 'access'

export interface UiSlice {
  theme: 'light' | 'dark'
  inspectorTab: InspectorTab
  /** `steps`: the lesson's overview (a list of its steps, O). */
  dialog: 'share' | 'help' | 'lessons' | 'steps' | null
  expandControllers: boolean
  consoleLines: ConsoleLine[]
  history: string[]
  /** Key of the object selected in the inspector (`/registry/pods/default/nginx`). */
  selectedKey: string | null
  selectedEtcdKey: string | null
}

/** The lesson being followed, as the worker last reported it. */
export interface ActiveLesson {
  id: string
  /** 0-based step index. */
  index: number
  kind: 'narrative' | 'try' | 'predict'
  stepStartHop: number
  played: boolean
  highlights: { components: string[]; hops: number[] }
  /** The last "Check" of a try-it step. */
  checks: CheckResult[] | null
  hintShown: boolean
  solutionShown: boolean
  /** Predict: the choice selected (in the list or on the diagram) but not sent yet. */
  picked: string | null
  /** Predict: the student's choice, and the engine's answer once the step played. */
  chosen: string | null
  outcome: PredictOutcome | null
  /** The answer is revealed when playback reaches this hop (the end of the step's hops). */
  revealAt: number
  /** A lesson request is in flight. */
  pending: boolean
}

export interface LessonSlice {
  /** Every lesson file (from the worker), null until loaded. */
  lessons: Lesson[] | null
  lessonErrors: string[]
  lesson: ActiveLesson | null
  lang: Lang
  presenter: boolean
  /** What presenter mode shows besides the diagram and the lesson: both hidden until asked for (C, E). */
  presenterShows: { console: boolean; editor: boolean }
  /** A command for the console's input line ("Show solution"); `n` makes a repeat fill visible. */
  consoleFill: { text: string; n: number } | null
}

export interface WorkspaceSlice {
  tabs: EditorTab[]
  activeTab: number
}

export type State = ClusterSlice & PlaybackSlice & UiSlice & WorkspaceSlice & LessonSlice

export const NGINX_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`

function initialTheme(): 'light' | 'dark' {
  if (typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark') return 'dark'
  return 'light'
}

export const initialState = (): State => ({
  status: 'booting',
  components: [],
  baseline: [],
  hops: [],
  now: 0,
  startTime: 0,
  scenario: null,
  idle: false,
  podStatus: new Map(),
  busy: 0,
  notice: null,

  cursor: 0,
  playing: true,
  speed: 1,
  showBackground: false,
  chainOf: null,

  theme: initialTheme(),
  inspectorTab: 'hop',
  dialog: null,
  expandControllers: false,
  consoleLines: [],
  history: [],
  selectedKey: null,
  selectedEtcdKey: null,

  tabs: [{ name: 'pod.yaml', text: NGINX_POD }],
  activeTab: 0,

  lessons: null,
  lessonErrors: [],
  lesson: null,
  // main.tsx sets the saved or browser language before the first render.
  lang: 'en',
  presenter: false,
  presenterShows: { console: false, editor: false },
  consoleFill: null,
})

export const useStore = create<State>()(() => initialState())
