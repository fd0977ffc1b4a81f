/**
 * ControllerRevisions: the history of a StatefulSet's or DaemonSet's pod template. Each
 * revision stores the template as a patch (`{"spec":{"template":{…,"$patch":"replace"}}}`), a
 * revision number, and is named `<owner>-<hash>` with the hash also in the
 * `controller.kubernetes.io/hash` label. `kubectl rollout history` and `undo` read them.
 * Upstream: pkg/controller/history/controller_history.go (ControllerRevisionName,
 * HashControllerRevision, NewControllerRevision, FindEqualRevisions, SortControllerRevisions),
 * pkg/controller/statefulset/stateful_set_utils.go (getPatch, newRevision),
 * pkg/controller/daemon/update.go (constructHistory).
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { controllerOf, deepCopy, deepEqual, type KObject } from '../../api/meta'
import type { Client } from '../../client/client'
import { R } from '../../client/client'
import { computeHash } from '../deployment/hash'

/** Label of a revision's hash. Upstream: history.ControllerRevisionHashLabel. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash'
/** Pod label naming the revision a pod was made from. Upstream: apps.ControllerRevisionHashLabelKey. */
export const PodRevisionLabel = 'controller-revision-hash'

/** The patch a revision stores: only the pod template, replacing the whole template on undo. */
export function revisionData(template: PodTemplateSpec | undefined): Record<string, unknown> {
  return { spec: { template: { ...deepCopy(template ?? {}), $patch: 'replace' } } }
}

/** The template stored in a revision's data. */
export function templateOfRevision(rev: ControllerRevision): PodTemplateSpec {
  const t = deepCopy(((rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) as Record<string, unknown>)
  delete t.$patch
  return t as PodTemplateSpec
}

/** The hash of a revision's data (and collision count), safe-encoded like pod-template-hash. */
export function hashRevision(data: unknown, collisionCount?: number): string {
  return computeHash(data, collisionCount)
}

/**
 * A new revision of `owner` (not yet stored): `<owner>-<hash>`, owned by it, labelled with the
 * owner's selector labels and the hash.
 */
export function newRevision(owner: KObject, data: Record<string, unknown>, revision: number, selectorLabels: Record<string, string>, collisionCount?: number): ControllerRevision {
  const hash = hashRevision(data, collisionCount)
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${owner.metadata!.name}-${hash}`,
      namespace: owner.metadata!.namespace,
      labels: { ...selectorLabels, [ControllerRevisionHashLabel]: hash },
      ownerReferences: [{ apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    data,
    revision,
  }
}

/** The revisions a controller owns, oldest first (by revision number, then name). */
export function ownedRevisions(all: KObject[], owner: KObject): ControllerRevision[] {
  return (all as ControllerRevision[])
    .filter((r) => r.metadata?.namespace === owner.metadata?.namespace && controllerOf(r)?.uid === owner.metadata?.uid)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0) || (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
}

/** The next revision number. Upstream: nextRevision. */
export function nextRevisionNumber(revisions: ControllerRevision[]): number {
  return revisions.length ? (revisions[revisions.length - 1].revision ?? 0) + 1 : 1
}

/** Stored revisions with the same data as `candidate`. Upstream: FindEqualRevisions. */
export function equalRevisions(revisions: ControllerRevision[], data: unknown): ControllerRevision[] {
  return revisions.filter((r) => deepEqual(r.data, data))
}

/** What `ensureUpdateRevision` needs: the controller's client, its revision cache and the hop to name. */
export interface RevisionEnv {
  client: Client
  revisions: KObject[]
  cause?: number
  /** `statefulset`, `daemon set`: how hop summaries name the controller. */
  who: string
}

/**
 * The revision for the owner's current template: the newest one when it already has this
 * template, an older one with the same template renumbered as newest (a rollback), or a new
 * one. Returns the owner's revisions (oldest first, including the update revision) and the
 * update revision, or undefined when an API call failed. Upstream: getStatefulSetRevisions,
 * daemon/update.go constructHistory.
 */
export function ensureUpdateRevision(env: RevisionEnv, owner: KObject, template: PodTemplateSpec | undefined, selectorLabels: Record<string, string>, collisionCount = 0): { all: ControllerRevision[]; update: ControllerRevision } | undefined {
  const all = ownedRevisions(env.revisions, owner)
  const data = revisionData(template)
  const equal = equalRevisions(all, data)
  const latest = all[all.length - 1]
  const name = owner.metadata!.name
  if (equal.length && equal[equal.length - 1] === latest) return { all, update: latest }
  if (equal.length) {
    const rev = equal[equal.length - 1]
    const r = env.client.patch(R.controllerrevisions, rev.metadata!.namespace, rev.metadata!.name!, { revision: nextRevisionNumber(all) }, 'merge', {
      cause: env.cause,
      summary: `The ${env.who} controller makes revision ${rev.metadata!.name} of ${name} the newest again (its template is back)`,
    })
    if (r.status !== 200) return undefined
    return { all: [...all.filter((x) => x !== rev), r.body], update: r.body }
  }
  const cand = newRevision(owner, data, nextRevisionNumber(all), selectorLabels, collisionCount)
  const r = env.client.create(R.controllerrevisions, owner.metadata!.namespace, cand as KObject, {
    cause: env.cause,
    summary: `The ${env.who} controller records ${name}'s pod template as ControllerRevision ${cand.metadata!.name} (revision ${cand.revision})`,
  })
  if (r.status === 201) return { all: [...all, r.body], update: r.body }
  const existing = env.revisions.find((x) => x.metadata?.namespace === owner.metadata?.namespace && x.metadata?.name === cand.metadata!.name) as ControllerRevision | undefined
  return existing ? { all, update: existing } : undefined
}

/** Deletes the oldest revisions not in use beyond `limit`. Upstream: truncateHistory / cleanupHistory. */
export function truncateHistory(env: RevisionEnv, all: ControllerRevision[], live: Set<string | undefined>, limit: number): void {
  const history = all.filter((r) => !live.has(r.metadata!.name))
  for (const r of history.slice(0, Math.max(0, history.length - limit))) {
    env.client.delete(R.controllerrevisions, r.metadata!.namespace, r.metadata!.name!, {}, { cause: env.cause, summary: `The ${env.who} controller deletes old revision ${r.metadata!.name} (revisionHistoryLimit ${limit})` })
  }
}
