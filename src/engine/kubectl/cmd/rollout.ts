/**
 * `kubectl rollout status|history|undo|restart|pause|resume`, with kubectl 1.33's texts.
 * - status watches the object and prints the status viewer's line on every change, as the
 *   real command prints one line per watch event, until the rollout is done.
 * - history and undo read the Deployment's ReplicaSets: each one is a revision
 *   (`deployment.kubernetes.io/revision`); undo is client side: it patches the deployment's
 *   template back to the chosen ReplicaSet's (without its pod-template-hash label).
 * - restart patches `kubectl.kubernetes.io/restartedAt` into the pod template; pause and resume
 *   patch `spec.paused`.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/rollout/*.go, pkg/polymorphichelpers/
 * {rollout_status.go, history.go, rollback.go, objectpauser.go, objectresumer.go,
 * objectrestarter.go}.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { controllerOf, deepCopy, type KObject } from '../../api/meta'
import { restPath, resourceByPath, type ResourceType } from '../../apiserver/resources'
import { rfc3339 } from '../../sim/time'
import { CommandError, statusError, type Ctx } from '../context'
import { parseDuration } from '../flags'
import { describePodTemplate } from '../printers/describe/workloads'
import type { Writer } from '../printers/describe/writer'
import { labelSelectorString } from '../printers/labels'
import { escapeTerminal } from '../printers/table'
import { DESCRIBE_TABWRITER, tabwrite } from '../printers/tabwriter'
import { objectRef, parseResourceArgs, quotedRef } from '../resolve'
import { revisionHistory, undoToRevision } from './rollout-revisions'

/** The fieldManager of restart, pause and resume (undo sends none). Upstream: rollout_restart.go, rollout_pause.go. */
const ROLLOUT_FIELD_MANAGER = 'kubectl-rollout'

const RevisionAnnotation = 'deployment.kubernetes.io/revision'
const ChangeCauseAnnotation = 'kubernetes.io/change-cause'
const RestartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt'
const HashLabel = 'pod-template-hash'
/** Kept from the deployment, never taken from the ReplicaSet, on rollback. */
const annotationsToSkip = new Set(['kubectl.kubernetes.io/last-applied-configuration', RevisionAnnotation, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to'])

/** How long `rollout status` waits without `--timeout` (kubectl would wait forever). */
const DEFAULT_STATUS_WAIT_MS = 60 * 60 * 1000

const REPLICASETS = resourceByPath('apps', 'v1', 'replicasets')!

const HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

interface Target {
  type: ResourceType
  namespace: string
  name: string
  obj: KObject
}

/** `kubectl rollout SUBCOMMAND ...`. */
export function cmdRollout(c: Ctx, args: string[]): void {
  const [sub, ...rest] = args
  switch (sub) {
    case undefined:
      c.printRaw(HELP)
      return
    case 'status':
      return rolloutStatus(c, rest)
    case 'history':
      return rolloutHistory(c, rest)
    case 'undo':
      return rolloutUndo(c, rest)
    case 'restart':
      return rolloutRestart(c, rest)
    case 'pause':
      return rolloutPause(c, rest, true)
    case 'resume':
      return rolloutPause(c, rest, false)
    default:
      throw new CommandError(`error: unknown command "${sub}" for "kubectl rollout"`)
  }
}

/** GroupKind as Go prints it: `Deployment.apps`, `Pod`. */
function groupKind(t: ResourceType): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind
}

/** `deployments.apps "web"`: how kubectl's patch errors name an object. */
function resourceName(t: ResourceType, name: string): string {
  return quotedRef(t, name)
}

/** Resolves the arguments and reads each object, as the resource builder does (`Latest()`). */
function targets(c: Ctx, args: string[]): Target[] {
  if (args.length === 0) throw new CommandError('error: required resource not specified')
  const parsed = parseResourceArgs(args)
  if ('error' in parsed) throw new CommandError(`error: ${parsed.error}`)
  const out: Target[] = []
  for (const p of parsed) {
    const ns = c.namespace
    if (p.name !== undefined) {
      const r = c.get(p.type, ns, p.name)
      if (r.status !== 200) throw new CommandError(statusError(r))
      out.push({ type: p.type, namespace: ns, name: p.name, obj: r.body })
      continue
    }
    const q: Record<string, string> = {}
    if (c.flags.selector) q.labelSelector = c.flags.selector as string
    const r = c.list(p.type, ns, q)
    if (r.status !== 200) throw new CommandError(statusError(r))
    for (const o of r.body.items as KObject[]) out.push({ type: p.type, namespace: ns, name: o.metadata!.name!, obj: o })
  }
  if (out.length === 0) throw new CommandError(`No resources found in ${c.namespace} namespace.`, 0)
  return out
}

// ---- status ---------------------------------------------------------------------------------

/**
 * The status viewers: the line to print for an object and whether its rollout is done; a
 * CommandError when it failed (progress deadline exceeded). Upstream: rollout_status.go.
 */
export function rolloutStatusText(obj: KObject, revision: number): { text: string; done: boolean } {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(obj as Deployment, revision)
    case 'DaemonSet':
      return daemonSetStatus(obj as DaemonSet)
    case 'StatefulSet':
      return statefulSetStatus(obj as StatefulSet)
  }
  throw new CommandError(`error: no status viewer has been implemented for ${obj.kind}`)
}

function deploymentStatus(d: Deployment, revision: number): { text: string; done: boolean } {
  const name = d.metadata!.name
  if (revision > 0) {
    const v = d.metadata?.annotations?.[RevisionAnnotation]
    const rev = v === undefined ? 0 : Number(v)
    if (Number.isNaN(rev)) throw new CommandError(`error: cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${v}": invalid syntax`)
    if (revision !== rev) throw new CommandError(`error: desired revision (${revision}) is different from the running revision (${rev})`)
  }
  const st = d.status ?? {}
  if ((d.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = st.conditions?.find((x) => x.type === 'Progressing')
    if (cond?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`error: deployment "${name}" exceeded its progress deadline`)
    const want = d.spec?.replicas
    const updated = st.updatedReplicas ?? 0
    if (want !== undefined && updated < want) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false }
    if ((st.replicas ?? 0) > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false }
    if ((st.availableReplicas ?? 0) < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false }
    return { text: `deployment "${name}" successfully rolled out\n`, done: true }
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false }
}

function daemonSetStatus(ds: DaemonSet): { text: string; done: boolean } {
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CommandError('error: rollout status is only available for RollingUpdate strategy type')
  const st = ds.status ?? ({} as NonNullable<DaemonSet['status']>)
  const name = ds.metadata!.name
  if ((ds.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    if ((st.updatedNumberScheduled ?? 0) < (st.desiredNumberScheduled ?? 0)) return { text: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${st.desiredNumberScheduled ?? 0} new pods have been updated...\n`, done: false }
    if ((st.numberAvailable ?? 0) < (st.desiredNumberScheduled ?? 0)) return { text: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${st.desiredNumberScheduled ?? 0} updated pods are available...\n`, done: false }
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true }
  }
  return { text: 'Waiting for daemon set spec update to be observed...\n', done: false }
}

function statefulSetStatus(sts: StatefulSet): { text: string; done: boolean } {
  const strategy = sts.spec?.updateStrategy
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CommandError('error: rollout status is only available for RollingUpdate strategy type')
  const st = sts.status ?? ({} as NonNullable<StatefulSet['status']>)
  if (!st.observedGeneration || (sts.metadata?.generation ?? 0) > st.observedGeneration) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false }
  const want = sts.spec?.replicas
  if (want !== undefined && (st.readyReplicas ?? 0) < want) return { text: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false }
  const partition = strategy?.rollingUpdate?.partition
  if (strategy?.rollingUpdate) {
    if (want !== undefined && partition !== undefined && (st.updatedReplicas ?? 0) < want - partition) {
      return { text: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...\n`, done: false }
    }
    return { text: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true }
  }
  if (st.updateRevision !== st.currentRevision) return { text: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false }
  return { text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true }
}

/**
 * Lists the object, watches it, and prints the status line for the listed object and then for
 * every change the watch brings, until the rollout is done (or, with `--watch=false`, once).
 */
function rolloutStatus(c: Ctx, args: string[]): void {
  const revision = (c.flags.revision as number | undefined) ?? 0
  if (args.length === 0) throw new CommandError('error: required resource not specified')
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`)
  const ts = targets(c, args)
  if (ts.length !== 1) throw new CommandError(`error: rollout status is only supported on individual resources and resource collections - ${ts.length} resources were found`)
  const t = ts[0]
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.type.kind)) throw new CommandError(`error: no status viewer has been implemented for ${groupKind(t.type)}`)
  const fieldSelector = `metadata.name=${t.name}`
  const list = c.request('GET', restPath(t.type, t.namespace), { query: { fieldSelector }, summary: `kubectl rollout status: list ${t.type.resource} (${fieldSelector})` })
  if (list.status !== 200) throw new CommandError(statusError(list))
  const first = (list.body.items as KObject[])[0]
  if (!first) throw new CommandError(`error: object has been deleted`)
  const timeoutMs = c.flags.timeout ? parseDuration(c.flags.timeout as string) : 0
  if (timeoutMs === undefined) throw new CommandError(`error: invalid argument "${c.flags.timeout}" for "--timeout" flag: time: invalid duration "${c.flags.timeout}"`)
  const show = (o: KObject): boolean => {
    const s = rolloutStatusText(o, revision)
    c.printRaw(s.text)
    return s.done
  }
  if (show(first) || c.flags.watch === false) return
  const api = c.host.api
  const w = api.watch('kubectl', t.type, { namespace: t.namespace, fieldSelector, resourceVersion: list.body.metadata?.resourceVersion })
  const path = restPath(t.type, t.namespace, t.name)
  let seen = first.metadata?.resourceVersion
  let failure: CommandError | undefined
  let deleted = false
  try {
    const ok = c.host.waitFor(() => {
      const o = api.peek(path) as KObject | undefined
      if (!o || o.metadata?.uid !== first.metadata?.uid) {
        deleted = true
        return true
      }
      if (o.metadata?.resourceVersion === seen) return false
      seen = o.metadata?.resourceVersion
      try {
        return show(o)
      } catch (e) {
        if (!(e instanceof CommandError)) throw e
        failure = e
        return true
      }
    }, timeoutMs || DEFAULT_STATUS_WAIT_MS)
    if (failure) throw failure
    if (deleted) throw new CommandError('error: object has been deleted')
    if (!ok) throw new CommandError('error: timed out waiting for the condition')
  } finally {
    if ('id' in w) api.stopWatch(w.id)
  }
}

// ---- history --------------------------------------------------------------------------------

/** The deployment's ReplicaSets (selected by its selector, controlled by it), as kubectl's GetAllReplicaSets reads them. */
function replicaSetsOf(c: Ctx, d: Deployment): ReplicaSet[] {
  const sel = labelSelectorString(d.spec?.selector)
  const r = c.request('GET', restPath(REPLICASETS, d.metadata!.namespace), { query: sel ? { labelSelector: sel } : {}, summary: `kubectl reads the ReplicaSets of deployment ${d.metadata!.name} (its revisions)` })
  if (r.status !== 200) throw new CommandError(`error: failed to retrieve replica sets from deployment ${d.metadata!.name}: ${r.body?.message}`)
  return (r.body.items as ReplicaSet[]).filter((rs) => controllerOf(rs)?.uid === d.metadata?.uid)
}

function revisionOf(o: { metadata?: { annotations?: Record<string, string> } }): number | undefined {
  const v = o.metadata?.annotations?.[RevisionAnnotation]
  if (v === undefined) return 0
  return /^-?\d+$/.test(v) ? Number(v) : undefined
}

function rolloutHistory(c: Ctx, args: string[]): void {
  const revision = (c.flags.revision as number | undefined) ?? 0
  if (args.length === 0) throw new CommandError('error: required resource not specified')
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`)
  for (const t of targets(c, args)) {
    if (t.type.kind !== 'Deployment' && t.type.kind !== 'DaemonSet' && t.type.kind !== 'StatefulSet') {
      throw new CommandError(`error: no history viewer has been implemented for "${groupKind(t.type)}"`)
    }
    const g = c.get(t.type, t.namespace, t.name)
    if (g.status !== 200) throw new CommandError(`error: failed to retrieve ${t.type.kind.toLowerCase()} ${t.name}: ${g.body?.message}`)
    const d = g.body as Deployment
    // DaemonSets and StatefulSets keep their revisions as ControllerRevisions (rollout-revisions.ts).
    const history = t.type.kind === 'Deployment' ? new Map<number, PodTemplateSpec>() : revisionHistory(c, g.body)
    for (const rs of t.type.kind === 'Deployment' ? replicaSetsOf(c, d) : []) {
      const v = revisionOf(rs)
      if (v === undefined) continue
      const tmpl = deepCopy(rs.spec!.template!)
      const cause = rs.metadata?.annotations?.[ChangeCauseAnnotation]
      tmpl.metadata ??= {}
      tmpl.metadata.annotations ??= {}
      if (cause) tmpl.metadata.annotations[ChangeCauseAnnotation] = cause
      history.set(v, tmpl)
    }
    let info: string
    if (history.size === 0) info = 'No rollout history found.'
    else if (revision > 0) {
      const tmpl = history.get(revision)
      if (!tmpl) throw new CommandError('error: unable to find the specified revision')
      info = printTemplate(tmpl)
    } else {
      const revs = [...history.keys()].sort((a, b) => a - b)
      let text = 'REVISION\tCHANGE-CAUSE\n'
      for (const r of revs) text += `${r}\t${history.get(r)!.metadata?.annotations?.[ChangeCauseAnnotation] || '<none>'}\n`
      info = tabwrite(text, DESCRIBE_TABWRITER)
    }
    const withRevision = revision > 0 ? `with revision #${revision}` : ''
    c.printRaw(`${objectRef(t.type, t.name)} ${withRevision}\n${info}\n`)
  }
}

// ---- undo -----------------------------------------------------------------------------------

/** Go's semantic equality on JSON: nil and empty maps and lists are equal. */
function semantic(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(semantic)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) {
      const x = semantic((v as Record<string, unknown>)[k])
      if (x === undefined || x === null || (Array.isArray(x) && x.length === 0) || (typeof x === 'object' && !Array.isArray(x) && Object.keys(x as object).length === 0)) continue
      out[k] = x
    }
    return out
  }
  return v
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const c = deepCopy(t ?? {}) as PodTemplateSpec
  if (c.metadata?.labels) delete c.metadata.labels[HashLabel]
  return c
}

function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return JSON.stringify(semantic(withoutHash(a))) === JSON.stringify(semantic(withoutHash(b)))
}

/** The RS of `toRevision`, or of the revision before the newest when 0. Upstream: deploymentRevision. */
function deploymentRevision(c: Ctx, d: Deployment, toRevision: number): ReplicaSet {
  let latest: ReplicaSet | undefined
  let latestRev = -1
  let previous: ReplicaSet | undefined
  let previousRev = -1
  for (const rs of replicaSetsOf(c, d)) {
    const v = revisionOf(rs)
    if (v === undefined) continue
    if (toRevision === 0) {
      if (latestRev < v) {
        previousRev = latestRev
        previous = latest
        latestRev = v
        latest = rs
      } else if (previousRev < v) {
        previousRev = v
        previous = rs
      }
    } else if (toRevision === v) return rs
  }
  if (toRevision > 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`)
  if (!previous) throw new CommandError(`error: no rollout history found for deployment "${d.metadata!.name}"`)
  return previous
}

function rolloutUndo(c: Ctx, args: string[]): void {
  const toRevision = (c.flags['to-revision'] as number | undefined) ?? 0
  for (const t of targets(c, args)) {
    if (t.type.kind === 'DaemonSet' || t.type.kind === 'StatefulSet') {
      c.print(`${objectRef(t.type, t.name)} ${undoToRevision(c, t.type, t.obj, toRevision)}`)
      continue
    }
    if (t.type.kind !== 'Deployment') {
      throw new CommandError(`error: no rollbacker has been implemented for "${groupKind(t.type)}"`)
    }
    if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`)
    const g = c.get(t.type, t.namespace, t.name)
    if (g.status !== 200) throw new CommandError(`error: failed to retrieve Deployment ${t.name}: ${g.body?.message}`)
    const d = g.body as Deployment
    const rs = deploymentRevision(c, d, toRevision)
    if (d.spec?.paused) throw new CommandError(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${t.name}' and try again`)
    if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) {
      c.print(`${objectRef(t.type, t.name)} skipped rollback (current template already matches revision ${toRevision})`)
      continue
    }
    const template = withoutHash(rs.spec?.template)
    const annotations: Record<string, string> = {}
    for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (annotationsToSkip.has(k)) annotations[k] = v
    for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!annotationsToSkip.has(k)) annotations[k] = v
    // Upstream replaces /metadata/annotations; "add" does the same and also works when the
    // deployment has no annotations yet.
    const patch = [
      { op: 'replace', path: '/spec/template', value: template },
      { op: d.metadata?.annotations ? 'replace' : 'add', path: '/metadata/annotations', value: annotations },
    ]
    const r = c.request('PATCH', restPath(t.type, t.namespace, t.name), {
      body: patch,
      patchType: 'json',
      summary: `kubectl rollout undo ${objectRef(t.type, t.name)}: put back the pod template of revision ${revisionOf(rs)} (ReplicaSet ${rs.metadata!.name})`,
    })
    if (r.status !== 200) throw new CommandError(`error: failed restoring revision ${toRevision}: ${r.body?.message}`)
    c.print(`${objectRef(t.type, t.name)} rolled back`)
  }
}

// ---- restart, pause, resume -----------------------------------------------------------------

function rolloutRestart(c: Ctx, args: string[]): void {
  for (const t of targets(c, args)) {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.type.kind)) {
      c.error(`error: ${resourceName(t.type, t.name)} restarting is not supported`)
      continue
    }
    if (t.type.kind === 'Deployment' && t.obj.spec?.paused) {
      c.error(`error: ${resourceName(t.type, t.name)} can't restart paused deployment (run rollout resume first)`)
      continue
    }
    const at = rfc3339(c.host.now())
    if (t.obj.spec?.template?.metadata?.annotations?.[RestartedAtAnnotation] === at) {
      c.error(`error: failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`)
      continue
    }
    const r = c.request('PATCH', restPath(t.type, t.namespace, t.name), {
      body: { spec: { template: { metadata: { annotations: { [RestartedAtAnnotation]: at } } } } },
      query: { fieldManager: ROLLOUT_FIELD_MANAGER },
      patchType: 'strategic',
      summary: `kubectl rollout restart ${objectRef(t.type, t.name)}: stamp the pod template with restartedAt ${at}, so every pod is replaced`,
    })
    if (r.status !== 200) {
      c.error(`error: failed to patch: ${statusError(r).replace(/^Error from server \(\w+\): /, '')}`)
      continue
    }
    c.print(`${objectRef(t.type, t.name)} restarted`)
  }
}

function rolloutPause(c: Ctx, args: string[], pause: boolean): void {
  for (const t of targets(c, args)) {
    if (t.type.kind !== 'Deployment') {
      c.error(`error: ${resourceName(t.type, t.name)} ${pause ? 'pausing' : 'resuming'} is not supported`)
      continue
    }
    const paused = t.obj.spec?.paused === true
    if (pause && paused) {
      c.error(`error: ${resourceName(t.type, t.name)} is already paused`)
      continue
    }
    if (!pause && !paused) {
      c.error(`error: ${resourceName(t.type, t.name)} is not paused`)
      continue
    }
    const r = c.request('PATCH', restPath(t.type, t.namespace, t.name), {
      body: { spec: { paused: pause ? true : null } },
      query: { fieldManager: ROLLOUT_FIELD_MANAGER },
      patchType: 'strategic',
      summary: pause ? `kubectl rollout pause ${objectRef(t.type, t.name)}: set spec.paused, so template changes wait` : `kubectl rollout resume ${objectRef(t.type, t.name)}: clear spec.paused, so the rollout continues`,
    })
    if (r.status !== 200) {
      c.error(`error: failed to patch: ${statusError(r).replace(/^Error from server \(\w+\): /, '')}`)
      continue
    }
    c.print(`${objectRef(t.type, t.name)} ${pause ? 'paused' : 'resumed'}`)
  }
}

// ---- the pod template of a revision --------------------------------------------------------

/**
 * `rollout history --revision` prints DescribePodTemplate through a PrefixWriter straight into a
 * buffer: unlike `kubectl describe`, no tabwriter aligns it, so the tabs stay in the text.
 * Upstream: polymorphichelpers/history.go printTemplate.
 */
class RawPrefixWriter implements Writer {
  out = ''
  write(level: number, text: string): void {
    this.out += escapeTerminal('  '.repeat(level) + text)
  }
  writeLine(...values: string[]): void {
    this.out += escapeTerminal(values.join(' ') + '\n')
  }
}

/** `Pod Template:` and what follows, with raw tabs, as `rollout history --revision=N` prints it. */
export function printTemplate(t: PodTemplateSpec): string {
  const w = new RawPrefixWriter()
  describePodTemplate(t, w)
  return w.out
}
