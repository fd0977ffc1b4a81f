/**
 * User actions, at module level (no hooks): the one table of commands the UI calls. They talk to
 * the engine worker through its typed client and put what it sends into the store.
 */
import type { ClusterOptions, NodeSpec, ProxyMode, Scenario } from '../../src/engine'
import { EngineCrash, connectEngine, type EngineClient } from '../worker/client'
import { refuseInLive, useLive } from '../live/mode'
import type { BootResult, ClusterUpdate, NodeOp } from '../worker/protocol'
import { compactScenario, decodeShareHash, decodeWorkspace, encodeWorkspace, type Workspace } from '../editor/share'
import { hopById, nextVisible, previousVisible, setClockOrigin, visibleAhead } from './playback'
import { initialState, messageNotice, useStore, type ConsoleLine, type State } from './store'
import { translate as t } from '../i18n'
import { faultTitle, type FaultComponent, type KubeletComponent } from './faults'

// UI-only commands (inspector tab, dialogs, theme, editor tabs) live in ./ui; one table for callers.
export * from './ui'

export const DEFAULT_CLUSTER: ClusterOptions = { seed: 1, nodes: 3 }
export const AUTOSAVE_KEY = 'podium:workspace'
/** Milliseconds a hop takes on screen at speed 1. */
export const HOP_MS = 900

let engine: EngineClient | undefined
let playTimer: ReturnType<typeof setTimeout> | undefined
let runningAhead: Promise<void> | undefined

const set = useStore.setState
const get = useStore.getState

// ---------------------------------------------------------------------------------------------
// Engine lifecycle

/**
 * Starts Podium: from a share link in `hash` if there is one, else from the autosaved workspace,
 * else a fresh cluster. `hash` and `storage` are parameters so this is testable.
 */
export async function startApp(hash: string, storage: Pick<Storage, 'getItem'> | undefined): Promise<void> {
  // Live mode (app/live): the served cluster as it is now, at its latest hop; nothing to restore.
  if (useLive.getState().mode === 'live') {
    await boot({}, Number.MAX_SAFE_INTEGER)
    return
  }
  let workspace: Workspace | undefined
  const shared = decodeShareHash(hash)
  if (shared?.ok) workspace = shared.workspace
  else if (shared && !shared.ok) {
    const reason = shared.code === 'damaged' ? t('notice.shareDamaged') : t('notice.shareInvalid', { problem: shared.problem ?? '' })
    set({ notice: messageNotice('error', 'notice.shareBroken', { reason }) })
  }
  if (!workspace && !shared) {
    const saved = safeGet(storage, AUTOSAVE_KEY)
    const restored = saved ? decodeWorkspace(saved) : undefined
    if (restored?.ok) workspace = restored.workspace
  }
  if (workspace) {
    set({ tabs: workspace.tabs.length ? workspace.tabs : initialState().tabs, activeTab: clampTab(workspace.activeTab, workspace.tabs.length), playing: false })
    const ok = await boot({ scenario: workspace.scenario }, workspace.cursor)
    if (ok) {
      if (shared?.ok) set({ notice: messageNotice('info', 'notice.shareOpened') })
      return
    }
  }
  await boot({ options: DEFAULT_CLUSTER }, 0)
}

async function boot(req: { options?: ClusterOptions; scenario?: Scenario }, cursor: number): Promise<boolean> {
  engine?.terminate()
  engine = connectEngine()
  stopTimer()
  set({ status: 'booting', busy: get().busy + 1 })
  try {
    const r = await engine.request({ type: 'boot', ...req })
    applyBoot(r, !!req.scenario || useLive.getState().mode === 'live', cursor)
    return true
  } catch (err) {
    set({ notice: messageNotice('error', 'notice.bootFailed', { error: message(err) }) })
    return false
  } finally {
    set({ busy: Math.max(0, get().busy - 1) })
  }
}

/**
 * Puts a freshly booted cluster in the store. A fresh cluster is at the end of its boot; a replayed
 * one (a scenario, a lesson) started at most at its first hop.
 */
export function applyBoot(r: BootResult, replayed: boolean, cursor: number, extra: Partial<State> = {}) {
  setClockOrigin(r.clockStart ?? 0)
  const last = r.hops.length ? r.hops[r.hops.length - 1].id : 0
  set({
    status: 'ready',
    podStatus: new Map(r.podStatus),
    baseline: r.baseline,
    hops: r.hops,
    components: r.components,
    now: r.now,
    startTime: replayed ? (r.hops[0]?.t ?? r.now) : r.now,
    scenario: r.scenario,
    cursor: Math.min(cursor, last),
    idle: false,
    chainOf: null,
    ...extra,
  })
  kick()
}

/** Called after the worker was rebuilt (the lesson runner lived in the old one). */
let afterRecover: (() => Promise<void>) | undefined
export function onRecover(fn: () => Promise<void>) {
  afterRecover = fn
}

/** Rebuilds the worker from the last good scenario after the engine failed. */
async function recover(err: unknown) {
  const scenario = get().scenario
  const cursor = get().cursor
  set({
    status: 'recovering',
    notice: messageNotice('error', 'notice.crashed', { error: message(err) }),
  })
  const notice = get().notice
  const ok = scenario ? await boot({ scenario }, cursor) : false
  if (!ok) await boot({ options: DEFAULT_CLUSTER }, 0)
  set({ notice })
  await afterRecover?.()
}

export function merge(u: ClusterUpdate, extra: Partial<State> = {}) {
  const s = get()
  const hops = u.hops.length ? s.hops.concat(u.hops) : s.hops
  const podStatus = u.podStatus.length ? new Map([...s.podStatus, ...u.podStatus]) : s.podStatus
  set({ hops, podStatus, components: u.components, now: u.now, scenario: u.scenario, ...extra })
}

/** A request to the worker: counted as busy; an engine crash recovers, other errors become a notice. */
export async function call<T>(fn: (e: EngineClient) => Promise<T>): Promise<T | undefined> {
  if (!engine) return undefined
  set({ busy: get().busy + 1 })
  try {
    return await fn(engine)
  } catch (err) {
    if (err instanceof EngineCrash) {
      void recover(err)
      return undefined
    }
    set({ notice: { kind: 'error', text: message(err) } })
    return undefined
  } finally {
    set({ busy: Math.max(0, get().busy - 1) })
  }
}

// ---------------------------------------------------------------------------------------------
// kubectl

/** Runs a kubectl command line typed by the user (with or without the leading `kubectl`). */
export async function runCommand(line: string, stdin?: string, echo = line): Promise<boolean> {
  const command = line.trim().replace(/^kubectl(\s+|$)/, '')
  if (!command) return false
  appendConsole({ kind: 'command', text: `$ kubectl ${echo.trim().replace(/^kubectl\s+/, '')}` })
  const r = await call((e) => e.request({ type: 'kubectl', command, stdin }))
  if (!r) return false
  // The command's own hops are here; what follows from them comes with the next run-ahead.
  merge(r, { idle: false })
  const lines: ConsoleLine[] = []
  if (r.result.stdout) lines.push({ kind: 'stdout', text: r.result.stdout.replace(/\n$/, '') })
  if (r.result.stderr) lines.push({ kind: 'stderr', text: r.result.stderr.replace(/\n$/, '') })
  appendConsole(...lines)
  kick()
  return r.result.exitCode === 0
}

/**
 * Apply: `kubectl apply -f <tab name>` with the active editor tab's text, so errors name the file
 * as kubectl names it (`error parsing pod.yaml: …`); `-f -` (STDIN) for a name a shell would split.
 */
export function applyEditor(): Promise<boolean> {
  const { tabs, activeTab } = get()
  const tab = tabs[activeTab]
  if (!tab) return Promise.resolve(false)
  const file = /^[\w.-]+$/.test(tab.name) ? tab.name : '-'
  return runCommand(`apply -f ${file}`, tab.text, `apply -f ${tab.name}`)
}

/** A read-only kubectl command for the inspector: leaves no hop and no scenario step. */
export async function query(command: string) {
  return call((e) => e.request({ type: 'query', command }))
}

export function addHistory(line: string) {
  const history = get().history.filter((h) => h !== line)
  set({ history: [...history, line].slice(-100) })
}

export function appendConsole(...lines: ConsoleLine[]) {
  if (!lines.length) return
  set({ consoleLines: [...get().consoleLines, ...lines].slice(-500) })
}

export function clearConsole() {
  set({ consoleLines: [] })
}

// ---------------------------------------------------------------------------------------------
// Cluster shape

export async function nodeAction(action: NodeOp) {
  const r = await call((e) => e.request({ type: 'node', action }))
  if (!r) return
  merge(r, { idle: false })
  const key = ({ add: 'console.nodeAdded', remove: 'console.nodeRemoved', stop: 'console.nodeStopped', start: 'console.nodeStarted' } as const)[action.op]
  appendConsole({ kind: 'info', text: t(key, { name: action.op === 'add' ? action.spec.name : action.name }) })
  kick()
}

// ---------------------------------------------------------------------------------------------
// Networking: kube-proxy rules, proxy mode, requests from outside the cluster

/** A node's kube-proxy rules as the engine has them now (the end of the log, not the cursor). */
export async function loadProxyRules(node: string) {
  return call((e) => e.request({ type: 'proxyRules', node }))
}

/** Switches every node's kube-proxy to iptables or IPVS: a scenario step, so share links keep it. */
export async function setProxyMode(mode: ProxyMode) {
  const r = await call((e) => e.request({ type: 'proxyMode', mode }))
  if (!r) return false
  merge(r, { idle: false })
  appendConsole({ kind: 'info', text: t('console.proxyMode', { mode: mode === 'ipvs' ? 'IPVS' : 'iptables' }) })
  kick()
  return true
}

/**
 * `curl <url>` from a machine outside the cluster (to a LoadBalancer IP or a node port): the
 * console shows the answer, the packet hops join the log.
 */
export async function sendOutsideRequest(url: string) {
  appendConsole({ kind: 'command', text: `$ curl ${url}   # ${t('console.fromOutside')}` })
  const r = await call((e) => e.request({ type: 'request', url }))
  if (!r) return false
  merge(r, { idle: false })
  const { response } = r
  if (response.error) appendConsole({ kind: 'stderr', text: `curl: ${response.error}` })
  else appendConsole({ kind: 'stdout', text: response.body.replace(/\n$/, '') || `HTTP ${response.status}` })
  kick()
  return !response.error
}

export function addNode(spec: NodeSpec) {
  return nodeAction({ op: 'add', spec })
}

/** Runs virtual time forward (for example to watch a CrashLoopBackOff back-off). */
export async function advanceTime(ms: number) {
  if (refuseInLive('advance')) return
  const atEnd = cursorAtEnd()
  const r = await call((e) => e.request({ type: 'runAhead', ms }))
  if (!r) return
  merge(r, { idle: false, ...cursorAfterJump(r.hops, atEnd) })
  kick()
}

// ---------------------------------------------------------------------------------------------
// Faults and time jumps (scenario steps, so share links and reloads reproduce them)

/** Stops or starts kube-apiserver, etcd, kube-scheduler or kube-controller-manager. */
export async function componentAction(id: FaultComponent | KubeletComponent, op: 'stop' | 'start') {
  const r = await call((e) => e.request({ type: 'component', id, op }))
  if (!r) return false
  merge(r, { idle: false })
  const name = faultTitle(id, (node) => t('faults.kubeletOn', { node }))
  appendConsole({ kind: 'info', text: t(op === 'stop' ? 'faults.console.stopped' : 'faults.console.started', { name }) })
  kick()
  return true
}

/**
 * Jumps virtual time by `ms` at once, or to the first CronJob run within `ms`. A long jump's
 * heartbeats are summarized by the worker; the console says how many were left out.
 */
export async function jumpTime(ms: number, untilCronJob = false) {
  if (refuseInLive('advance')) return false
  const atEnd = cursorAtEnd()
  const r = await call((e) => e.request({ type: 'jump', ms, untilCronJob }))
  if (!r) return false
  merge(r, { idle: false, ...cursorAfterJump(r.hops, atEnd) })
  const lines: ConsoleLine[] = [{ kind: 'info', text: t('time.console.jumped', { duration: durationText(r.jumped) }) }]
  if (untilCronJob && !r.cronJobRan) lines.push({ kind: 'info', text: t('time.console.noCronJob', { duration: durationText(ms) }) })
  if (r.summarized) lines.push({ kind: 'info', text: t('time.console.summarized', { count: r.summarized }) })
  appendConsole(...lines)
  kick()
  return true
}

function cursorAtEnd(): boolean {
  const s = get()
  return !nextVisible(s.hops, s.cursor, s.showBackground)
}

/**
 * After time ran forward with only background hops (heartbeats) and nothing left to play, the
 * cursor moves to the last of them, so the clock and the caption show that the time passed.
 */
function cursorAfterJump(hops: ClusterUpdate['hops'], atEnd: boolean): Partial<State> {
  return atEnd && hops.length && hops.every((h) => h.background) ? { cursor: hops[hops.length - 1].id } : {}
}

/** The cloud's route table as the engine has it now (the end of the log, not the cursor). */
export async function loadCloudRoutes() {
  return call((e) => e.request({ type: 'cloudRoutes' }))
}

/** `57600000` → `16 h`, `330000` → `5 min 30 s`. */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000)
  const parts = [[Math.floor(s / 3600), t('time.unit.h')], [Math.floor((s % 3600) / 60), t('time.unit.min')], [s % 60, t('time.unit.s')]] as const
  return parts.filter(([n]) => n > 0).map(([n, u]) => `${n} ${u}`).join(' ') || `0 ${t('time.unit.s')}`
}

/** A fresh default cluster; the editor tabs stay. */
export async function reset() {
  if (refuseInLive('reset')) return
  set({ cursor: 0, hops: [], consoleLines: [], notice: null, selectedKey: null, selectedEtcdKey: null, lesson: null })
  await boot({ options: DEFAULT_CLUSTER }, 0)
  appendConsole({ kind: 'info', text: t('console.fresh') })
}

/** Opens a scenario file (the download offered when a link would be too long). */
export async function openScenarioFile(text: string) {
  if (refuseInLive('openScenario')) return
  let ws: Workspace
  try {
    const parsed = JSON.parse(text) as Workspace
    const check = decodeWorkspace(encodeWorkspace(parsed))
    if (!check.ok) throw new Error(check.error)
    ws = check.workspace
  } catch (err) {
    set({ notice: messageNotice('error', 'notice.badScenarioFile', { error: message(err) }) })
    return
  }
  set({ tabs: ws.tabs, activeTab: clampTab(ws.activeTab, ws.tabs.length), playing: false })
  await boot({ scenario: ws.scenario }, ws.cursor)
}

// ---------------------------------------------------------------------------------------------
// Playback

/** Duration of one hop on screen at the current speed. */
export function hopDuration(): number {
  return HOP_MS / get().speed
}

export function play() {
  set({ playing: true })
  kick()
}

export function pause() {
  set({ playing: false })
  stopTimer()
}

export function togglePlay() {
  if (get().playing) pause()
  else play()
}

export async function stepForward() {
  const s = get()
  let next = nextVisible(s.hops, s.cursor, s.showBackground)
  if (!next) {
    await fetchAhead()
    const t = get()
    next = nextVisible(t.hops, t.cursor, t.showBackground)
  }
  if (next) set({ cursor: next.id })
  maybeFetchAhead()
}

/** Jumps to the latest hop, running the engine ahead until it has nothing new to show (bounded). */
export async function skipToEnd() {
  for (let i = 0; i < 20 && !get().idle && !lessonHoldsTime(); i++) await fetchAhead()
  const s = get()
  for (let i = s.hops.length - 1; i >= 0; i--) {
    if (s.showBackground || !s.hops[i].background) {
      set({ cursor: Math.max(s.cursor, s.hops[i].id) })
      break
    }
  }
  if (get().playing) restartTimer()
}

export function stepBack() {
  const s = get()
  set({ cursor: previousVisible(s.hops, s.cursor, s.showBackground) })
}

/** Jumps to a hop (from the timeline). */
export function jumpTo(id: number) {
  set({ cursor: id })
  if (get().playing) restartTimer()
}

export function setSpeed(speed: number) {
  set({ speed })
}

export function setShowBackground(showBackground: boolean) {
  set({ showBackground })
}

export function toggleChain(id: number) {
  set({ chainOf: get().chainOf === id ? null : id })
}

/**
 * In a lesson, the lesson moves virtual time (its steps' actions), except in a "try it" step, where
 * the student acts and time runs ahead as usual: running ahead in a narrative step would play the
 * next step's hops before the student got there.
 */
function lessonHoldsTime(s: State = get()): boolean {
  return s.lesson !== null && s.lesson.kind !== 'try'
}

/** Continues playing when there is something to play and no timer is pending. */
export function kick() {
  if (get().playing && !playTimer) playTimer = setTimeout(tick, hopDuration())
  maybeFetchAhead()
}

function restartTimer() {
  stopTimer()
  kick()
}

function stopTimer() {
  if (playTimer) clearTimeout(playTimer)
  playTimer = undefined
}

function tick() {
  playTimer = undefined
  const s = get()
  if (!s.playing) return
  const next = nextVisible(s.hops, s.cursor, s.showBackground)
  if (next) {
    set({ cursor: next.id })
    playTimer = setTimeout(tick, hopDuration())
  }
  maybeFetchAhead()
}

/** Asks the worker to run further ahead when playback nears the end of the log. */
function maybeFetchAhead() {
  const s = get()
  if (s.status !== 'ready' || s.idle || runningAhead || lessonHoldsTime(s)) return
  if (visibleAhead(s.hops, s.cursor, s.showBackground) < 20) void fetchAhead()
}

/** Runs the engine ahead; concurrent callers share the request in flight. */
function fetchAhead(): Promise<void> {
  if (lessonHoldsTime()) return Promise.resolve()
  runningAhead ??= (async () => {
    try {
      const r = await call((e) => e.request({ type: 'runAhead' }))
      if (r) merge(r, { idle: r.hops.every((h) => h.background) })
    } finally {
      runningAhead = undefined
    }
    kick()
  })()
  return runningAhead
}

// ---------------------------------------------------------------------------------------------
// Workspace: share links and autosave

/** The workspace now: the compacted scenario, the cursor and the editor tabs. */
export function currentWorkspace(): Workspace | undefined {
  const s = get()
  if (!s.scenario) return undefined
  return { v: 1, scenario: compactScenario(s.scenario), cursor: s.cursor, tabs: s.tabs, activeTab: s.activeTab }
}

/** Saves the workspace locally whenever it changes (debounced). Returns the unsubscribe function. */
export function startAutosave(storage: Pick<Storage, 'setItem'>, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.status !== 'ready') return
    if (s.scenario === prev.scenario && s.cursor === prev.cursor && s.tabs === prev.tabs && s.activeTab === prev.activeTab) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      const ws = currentWorkspace()
      if (ws) safeSet(storage, AUTOSAVE_KEY, encodeWorkspace(ws))
    }, delayMs)
  })
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}

/** The hop the cursor is on. */
export function currentHop(s: State = get()) {
  return hopById(s.hops, s.cursor)
}

function clampTab(i: number, n: number) {
  return Math.max(0, Math.min(i, Math.max(0, n - 1)))
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function safeGet(storage: Pick<Storage, 'getItem'> | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

function safeSet(storage: Pick<Storage, 'setItem'>, key: string, value: string) {
  try {
    storage.setItem(key, value)
  } catch {
    // Storage full or disabled: autosave is best effort.
  }
}
