/**
 * `kubectl describe deployment` and `kubectl describe replicaset`, with the shared
 * `Pod Template:` section.
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describeDeployment, describeReplicaSet,
 * DescribePodTemplate, printReplicaSetsByLabels, getPodStatusForController) and
 * kubectl/pkg/util/deployment (FindNewReplicaSet, FindOldReplicaSets, EqualIgnoreHash).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Event, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { formatLabelSelector, labelSelectorString } from '../labels'
import { describeEvents, printAnnotationsMultiline, printController, printLabelsMultiline, printTolerationsMultiline, rfc1123z } from './common'
import { describeContainers } from './containers'
import { goSort } from './gosort'
import { describeTopologySpreadConstraints } from './pod'
import { describeVolumes } from './volumes'
import { LEVEL_0, LEVEL_1, tabbedString, type Writer } from './writer'

/** DescribePodTemplate: the `Pod Template:` section of controllers. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: Writer): void {
  w.write(LEVEL_0, 'Pod Template:\n')
  if (!template) {
    w.write(LEVEL_1, '<unset>')
    return
  }
  const meta = template.metadata ?? {}
  const spec = template.spec ?? { containers: [] }
  printLabelsMultiline(w, '  Labels', meta.labels)
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations)
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`)
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers ?? [], undefined, undefined, w, '  ')
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ')
  describeVolumes(spec.volumes, w, '  ')
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ')
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations, '  ')
}

/** Pods Status counts of the pods a controller owns (getPodStatusForController). */
export function podStatusCounts(pods: readonly Pod[], ownerUid: string | undefined): string {
  let running = 0
  let waiting = 0
  let succeeded = 0
  let failed = 0
  for (const pod of pods) {
    const ref = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true)
    if (!ref || ref.uid !== ownerUid) continue
    if (pod.status?.phase === 'Running') running++
    else if (pod.status?.phase === 'Pending') waiting++
    else if (pod.status?.phase === 'Succeeded') succeeded++
    else if (pod.status?.phase === 'Failed') failed++
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`
}

/**
 * The text of `kubectl describe replicaset`; `pods` are the namespace's pods matching its selector.
 * @example describeReplicaSet(rs, pods, events, now)
 */
export function describeReplicaSet(rs: ReplicaSet, pods: readonly Pod[], events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const meta = rs.metadata ?? {}
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    const controlledBy = printController(meta)
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`)
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`)
    w.write(LEVEL_0, 'Pods Status:\t')
    w.write(LEVEL_0, `${podStatusCounts(pods, meta.uid)}\n`)
    describePodTemplate(rs.spec?.template, w)
    const conditions = rs.status?.conditions ?? []
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
      w.write(LEVEL_1, '----\t------\t------\n')
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
    }
    if (events) describeEvents(events, w, now)
  })
}

/** Semantic.DeepEqual of two JSON values: empty maps and lists equal absent ones. */
function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
  if (empty(a) && empty(b)) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]))
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) if (!semanticEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
    return true
  }
  return a === b
}

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as PodTemplateSpec
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash']
  return copy
}

/**
 * The new and old ReplicaSets of a deployment among `replicaSets` (those it controls), as
 * GetAllReplicaSets finds them: sorted by creation time then name, the oldest with the
 * deployment's template (ignoring pod-template-hash) is new, all others are old.
 */
export function deploymentReplicaSets(d: Deployment, replicaSets: readonly ReplicaSet[]): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const owned = replicaSets.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata?.uid))
  const time = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0
  goSort(owned, (a, b) => (time(a) === time(b) ? (a.metadata?.name ?? '') < (b.metadata?.name ?? '') : time(a) < time(b)))
  const target = withoutHash(d.spec?.template)
  const newRS = owned.find((rs) => semanticEqual(withoutHash(rs.spec?.template), target))
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) }
}

const replicaSetsByLabels = (list: readonly ReplicaSet[]): string =>
  list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>'

/**
 * The text of `kubectl describe deployment`; `replicaSets` are the namespace's ReplicaSets
 * matching the deployment's selector (new and old are worked out here).
 */
export function describeDeployment(d: Deployment, replicaSets: readonly ReplicaSet[], events: readonly Event[] | null, now: number): string {
  const { newRS, oldRSs } = deploymentReplicaSets(d, replicaSets)
  return tabbedString((w) => {
    const meta = d.metadata ?? {}
    const spec = d.spec
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec?.selector)}\n`)
    const s = d.status ?? {}
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
    )
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`)
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`)
    const ru = spec?.strategy?.rollingUpdate
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? "<nil>"} max unavailable, ${ru.maxSurge ?? "<nil>"} max surge\n`)
    describePodTemplate(spec?.template, w)
    const conditions = s.conditions ?? []
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
      w.write(LEVEL_1, '----\t------\t------\n')
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
    }
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`)
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`)
    }
    if (events) describeEvents(events, w, now)
  })
}
