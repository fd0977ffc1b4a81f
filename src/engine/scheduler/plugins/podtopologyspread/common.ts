/**
 * PodTopologySpread shared pieces: parsed constraints, node inclusion policies, pod counting and
 * the system default constraints.
 *
 * Upstream: pkg/scheduler/framework/plugins/podtopologyspread/common.go and plugin.go
 * (systemDefaultConstraints), pkg/scheduler/framework/plugins/helper/spread.go (DefaultSelector).
 */
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod, ReplicationController, Service, TopologySpreadConstraint as V1Constraint } from 'kubernetes-types/core/v1'
import { type RequiredNodeAffinity, requiredNodeAffinityMatches } from '../../nodeaffinity'
import {
  labelSelectorAsSelector,
  type Labels,
  type Requirement,
  type Selector,
  selectorAdd,
  selectorFromSet,
  selectorIsEmpty,
  selectorMatches,
} from '../../labels'
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../../taints'
import type { NodeInfo, PodInfo } from '../../types'

/** `v1.LabelHostname`: per-node counts are taken in Score rather than PreScore. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname'
/** `v1.LabelTopologyZone`. */
export const LABEL_ZONE = 'topology.kubernetes.io/zone'

/** A parsed constraint (`topologySpreadConstraint`). */
export interface Constraint {
  maxSkew: number
  topologyKey: string
  selector: Selector
  /** A canonical text of the selector, the key of NodeInfo.matchCountCache. */
  selectorKey: string
  minDomains: number
  nodeAffinityPolicy: string
  nodeTaintsPolicy: string
}

/**
 * The v1.33 system default constraints (`DefaultingType: System`), applied when a pod has no
 * constraints of its own and belongs to a Service, ReplicaSet, ReplicationController or StatefulSet.
 */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly V1Constraint[] = Object.freeze([
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
])

/** The objects `DefaultSelector` looks at; the scheduler component passes its informer caches. */
export interface SpreadListers {
  services?: readonly Service[]
  replicationControllers?: readonly ReplicationController[]
  replicaSets?: readonly ReplicaSet[]
  statefulSets?: readonly StatefulSet[]
}

/**
 * `filterTopologySpreadConstraints`: the constraints with the given whenUnsatisfiable, with
 * matchLabelKeys merged into the selector (MatchLabelKeysInPodTopologySpread, beta and on in
 * v1.33), minDomains defaulting to 1, nodeAffinityPolicy to Honor and nodeTaintsPolicy to Ignore.
 */
export function filterTopologySpreadConstraints(
  constraints: readonly V1Constraint[],
  podLabels: Labels,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const out: Constraint[] = []
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue
    let selector = labelSelectorAsSelector(c.labelSelector)
    if (c.matchLabelKeys && c.matchLabelKeys.length > 0 && podLabels) {
      const extra: Requirement[] = []
      for (const k of c.matchLabelKeys) {
        if (Object.prototype.hasOwnProperty.call(podLabels, k)) extra.push({ key: k, op: 'In', values: [podLabels[k]] })
      }
      // mergeLabelSetWithSelector: a nil selector's requirements are empty, so only the keys remain.
      if (extra.length > 0) selector = selector.nothing ? { nothing: false, requirements: extra } : selectorAdd(selector, extra)
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      selectorKey: selectorKey(selector),
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    })
  }
  return out
}

/** `nodeLabelsMatchSpreadConstraints`: the node has every constraint's topology key. */
export function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly Constraint[]): boolean {
  if (!labels) return constraints.length === 0
  for (const c of constraints) if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false
  return true
}

/** `matchNodeInclusionPolicies`: whether the node's pods count towards the spread. */
export function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: Node, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinityMatches(required, node)) return false
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint)) {
    return false
  }
  return true
}

/** `countPodsMatchSelector`: pods in the namespace matching the selector, terminating pods excluded. */
export function countPodsMatchSelector(podInfos: readonly PodInfo[], selector: Selector, ns: string): number {
  let n = 0
  for (let i = 0; i < podInfos.length; i++) {
    const p = podInfos[i].pod
    if (p.metadata?.deletionTimestamp || (p.metadata?.namespace ?? '') !== ns) continue
    if (selectorMatches(selector, p.metadata?.labels)) n++
  }
  return n
}

/** A canonical text for a selector (order-independent). */
export function selectorKey(s: Selector): string {
  if (s.nothing) return '<nothing>'
  return s.requirements
    .map((r) => `${r.key} ${r.op} ${r.values.join(',')}`)
    .sort()
    .join(';')
}

/** The memo key of a constraint's selector in a namespace (see countNodePodsMatching). */
export function countKey(c: Constraint, ns: string): string {
  return ns + '\u0000' + c.selectorKey
}

/**
 * countPodsMatchSelector on a node, memoised in the NodeInfo under `key` (from countKey) until
 * the node's pods change.
 */
export function countNodePodsMatching(ni: NodeInfo, c: Constraint, ns: string, key: string): number {
  const hit = ni.matchCountCache.get(key)
  if (hit !== undefined) return hit
  const n = countPodsMatchSelector(ni.podInfos, c.selector, ns)
  ni.matchCountCache.set(key, n)
  return n
}

function controllerOf(pod: Pod) {
  return pod.metadata?.ownerReferences?.find((o) => o.controller === true)
}

/**
 * `helper.DefaultSelector`: the union of the selectors of the Services selecting the pod and of
 * its controlling ReplicationController, ReplicaSet or StatefulSet.
 */
export function defaultSelector(pod: Pod, listers: SpreadListers): Selector {
  const ns = pod.metadata?.namespace ?? ''
  const podLabels = pod.metadata?.labels
  let labelSet: Record<string, string> = {}
  for (const svc of listers.services ?? []) {
    if ((svc.metadata?.namespace ?? '') !== ns) continue
    const sel = svc.spec?.selector
    // Services with nil selectors match nothing, not everything.
    if (sel == null) continue
    if (selectorMatches(selectorFromSet(sel), podLabels)) labelSet = { ...labelSet, ...sel }
  }
  let selector = selectorFromSet(labelSet)
  const owner = controllerOf(pod)
  if (!owner) return selector
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = listers.replicationControllers?.find((r) => r.metadata?.name === owner.name && (r.metadata?.namespace ?? '') === ns)
    if (rc) selector = selectorFromSet({ ...labelSet, ...(rc.spec?.selector ?? {}) })
  } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const list = owner.kind === 'ReplicaSet' ? listers.replicaSets : listers.statefulSets
    const obj = list?.find((r) => r.metadata?.name === owner.name && (r.metadata?.namespace ?? '') === ns)
    if (obj) {
      const other = labelSelectorAsSelector(obj.spec?.selector)
      if (!other.nothing) selector = selectorAdd(selector, other.requirements)
    }
  }
  return selector
}

/**
 * `buildDefaultConstraints`: the system defaults with the pod's default selector, or none when
 * that selector is empty (the pod belongs to no Service or controller).
 */
export function buildDefaultConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway', listers: SpreadListers | undefined): Constraint[] {
  const constraints = filterTopologySpreadConstraints(SYSTEM_DEFAULT_CONSTRAINTS, pod.metadata?.labels, action)
  if (constraints.length === 0 || !listers) return []
  const selector = defaultSelector(pod, listers)
  if (selectorIsEmpty(selector)) return []
  const key = selectorKey(selector)
  for (const c of constraints) {
    c.selector = selector
    c.selectorKey = key
  }
  return constraints
}
