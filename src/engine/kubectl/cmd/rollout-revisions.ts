/**
 * `rollout history` and `rollout undo` for DaemonSets and StatefulSets, whose revisions are
 * ControllerRevisions (`<name>-<hash>`, `revision` N, the pod template as a patch).
 * Upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go
 * (DaemonSetHistoryViewer, StatefulSetHistoryViewer, controlledHistories, applyDaemonSetHistory),
 * rollback.go (DaemonSetRollbacker, StatefulSetRollbacker, findHistory).
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { controllerOf, deepCopy, deepEqual, type KObject } from '../../api/meta'
import { restPath, resourceByPath, type ResourceType } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { labelSelectorString } from '../printers/labels'

const REVISIONS = resourceByPath('apps', 'v1', 'controllerrevisions')!
const ChangeCauseAnnotation = 'kubernetes.io/change-cause'

/** The object's ControllerRevisions, oldest first. Upstream: controlledHistories. */
export function controlledHistories(c: Ctx, obj: KObject): ControllerRevision[] {
  const sel = labelSelectorString(obj.spec?.selector)
  const r = c.request('GET', restPath(REVISIONS, obj.metadata!.namespace), { query: sel ? { labelSelector: sel } : {}, summary: `kubectl reads the ControllerRevisions of ${obj.kind!.toLowerCase()} ${obj.metadata!.name} (its revisions)` })
  if (r.status !== 200) throw new CommandError(statusError(r))
  return (r.body.items as ControllerRevision[]).filter((x) => controllerOf(x)?.uid === obj.metadata?.uid).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))
}

/** The template a revision holds, with the revision's change-cause annotation. */
export function revisionTemplate(rev: ControllerRevision): PodTemplateSpec {
  const t = deepCopy(((rev.data as { spec?: { template?: Record<string, unknown> } })?.spec?.template ?? {}) as Record<string, unknown>)
  delete t.$patch
  const tmpl = t as PodTemplateSpec
  const cause = rev.metadata?.annotations?.[ChangeCauseAnnotation]
  if (cause) {
    tmpl.metadata ??= {}
    tmpl.metadata.annotations = { ...(tmpl.metadata.annotations ?? {}), [ChangeCauseAnnotation]: cause }
  }
  return tmpl
}

/** Revision number → template, as `rollout history` lists them. */
export function revisionHistory(c: Ctx, obj: KObject): Map<number, PodTemplateSpec> {
  const out = new Map<number, PodTemplateSpec>()
  for (const rev of controlledHistories(c, obj)) out.set(rev.revision ?? 0, revisionTemplate(rev))
  return out
}

/**
 * Rolls a DaemonSet or StatefulSet back to revision `toRevision` (0: the one before the newest)
 * by patching the revision's template in. Upstream: DaemonSetRollbacker.Rollback.
 */
export function undoToRevision(c: Ctx, t: ResourceType, obj: KObject, toRevision: number): string {
  const name = obj.metadata!.name!
  const history = controlledHistories(c, obj)
  let rev: ControllerRevision | undefined
  if (toRevision === 0) {
    if (history.length <= 1) throw new CommandError('error: no last revision to roll back to')
    rev = history[history.length - 2]
  } else {
    rev = history.find((h) => h.revision === toRevision)
    if (!rev) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`)
  }
  const tmpl = revisionTemplate(rev)
  if (deepEqual(stripNulls(tmpl), stripNulls(obj.spec?.template))) return `skipped rollback (current template already matches revision ${toRevision})`
  const r = c.request('PATCH', restPath(t, obj.metadata!.namespace, name), {
    body: rev.data,
    patchType: 'strategic',
    summary: `kubectl rollout undo ${t.resource}/${name}: put back the pod template of revision ${rev.revision} (ControllerRevision ${rev.metadata!.name})`,
  })
  if (r.status !== 200) throw new CommandError(`error: failed restoring revision ${toRevision}: ${r.body?.message}`)
  return 'rolled back'
}

function stripNulls(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? {}, (_k, x) => (x === null ? undefined : x)))
}
