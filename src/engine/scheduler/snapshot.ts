/**
 * The scheduler cache and its snapshot in one plain-data structure: NodeInfos by name, the node
 * order of upstream's nodeTree (zones interleaved), cluster-wide image counts, and which node each
 * pod is on. The scheduler component keeps one and updates it from informer events and assumes.
 *
 * Upstream: pkg/scheduler/backend/cache/cache.go (AddPod, RemovePod, AddNode, UpdateSnapshot),
 * pkg/scheduler/backend/cache/node_tree.go (the zone round-robin order),
 * pkg/scheduler/backend/cache/snapshot.go (NodeInfoList, HavePodsWithAffinityList).
 *
 * Terminal pods (Succeeded / Failed) are ignored, as the scheduler's pod informer filters them out.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { newPodInfo, type PodInfo } from './podinfo'
import { type NodeInfo, newNodeInfo, nodeAllocatable, nodeImageStates, nodeInfoAddPod, nodeInfoRemovePod } from './types'

/** The scheduler's cache: mutable plain data (Maps and arrays), safe to structuredClone. */
export interface Snapshot {
  nodeInfoMap: Map<string, NodeInfo>
  /** nodeTree: zone keys in order of first appearance, and each zone's nodes in order added. */
  zones: string[]
  tree: Map<string, string[]>
  /** Node order for scheduling (`nodeTree.list()`), rebuilt when nodes come or go. */
  list: NodeInfo[]
  /** Pod key (`namespace/name`) → node name, for removals. */
  podNode: Map<string, string>
  /** Pods bound to a node the cache has not seen yet, attached when it arrives. */
  orphans: Map<string, PodInfo[]>
  /** Image name → names of the nodes that have it (`cache.imageStates`). */
  imageNodes: Map<string, Set<string>>
  /** Namespace → labels, for affinity terms with a namespaceSelector. */
  namespaceLabels: Map<string, Readonly<Record<string, string>>>
  /** Cached `HavePodsWithAffinityList` / `HavePodsWithRequiredAntiAffinityList`; null when stale. */
  withAffinity: NodeInfo[] | null
  withRequiredAntiAffinity: NodeInfo[] | null
}

/** `utilnode.GetZoneKey`: region and zone (GA labels first, then the deprecated beta ones). */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels
  if (!l) return ''
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? ''
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? ''
  if (region === '' && zone === '') return ''
  return `${region}:\u0000:${zone}`
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase
  return phase === 'Succeeded' || phase === 'Failed'
}

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`
}

/**
 * A cache holding the given nodes (in this order) and pods (those with spec.nodeName).
 * Example: `newSnapshot([node1, node2], runningPods)`.
 */
export function newSnapshot(
  nodes: readonly Node[] = [],
  pods: readonly Pod[] = [],
  namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Snapshot {
  const s: Snapshot = {
    nodeInfoMap: new Map(),
    zones: [],
    tree: new Map(),
    list: [],
    podNode: new Map(),
    orphans: new Map(),
    imageNodes: new Map(),
    namespaceLabels: new Map(Object.entries(namespaceLabels ?? {})),
    withAffinity: null,
    withRequiredAntiAffinity: null,
  }
  for (const n of nodes) addToTreeAndMap(s, n, true)
  imagesChanged(s, [...s.imageNodes.keys()])
  for (const p of pods) snapshotAddPod(s, p)
  rebuildList(s)
  return s
}

function treeAdd(s: Snapshot, name: string, zone: string): void {
  const na = s.tree.get(zone)
  if (na) {
    if (!na.includes(name)) na.push(name)
  } else {
    s.zones.push(zone)
    s.tree.set(zone, [name])
  }
}

function treeRemove(s: Snapshot, name: string, zone: string): void {
  const na = s.tree.get(zone)
  if (!na) return
  const i = na.indexOf(name)
  if (i >= 0) na.splice(i, 1)
  if (na.length === 0) {
    s.tree.delete(zone)
    s.zones.splice(s.zones.indexOf(zone), 1)
  }
}

/** `nodeTree.list()`: one node from each zone in turn. */
function rebuildList(s: Snapshot): void {
  const out: NodeInfo[] = []
  const total = s.nodeInfoMap.size
  for (let idx = 0; out.length < total; idx++) {
    let any = false
    for (const z of s.zones) {
      const na = s.tree.get(z)!
      if (idx < na.length) {
        out.push(s.nodeInfoMap.get(na[idx])!)
        any = true
      }
    }
    if (!any) break
  }
  s.list = out
  s.withAffinity = null
  s.withRequiredAntiAffinity = null
}

function imagesChanged(s: Snapshot, names: Iterable<string>): void {
  for (const name of names) {
    const set = s.imageNodes.get(name)
    const count = set?.size ?? 0
    if (!set) continue
    for (const n of set) {
      const st = s.nodeInfoMap.get(n)?.imageStates.get(name)
      if (st) st.numNodes = count
    }
  }
}

function trackImages(s: Snapshot, ni: NodeInfo, sign: 1 | -1): void {
  for (const name of ni.imageStates.keys()) {
    let set = s.imageNodes.get(name)
    if (sign > 0) {
      if (!set) s.imageNodes.set(name, (set = new Set()))
      set.add(ni.name)
    } else if (set) {
      set.delete(ni.name)
      if (set.size === 0) s.imageNodes.delete(name)
    }
  }
  imagesChanged(s, ni.imageStates.keys())
}

function addToTreeAndMap(s: Snapshot, node: Node, deferImageCounts = false): NodeInfo {
  const name = node.metadata?.name ?? ''
  const ni = newNodeInfo(node)
  s.nodeInfoMap.set(name, ni)
  treeAdd(s, name, zoneKey(node))
  const orphans = s.orphans.get(name)
  if (orphans) {
    for (const pi of orphans) nodeInfoAddPod(ni, pi)
    s.orphans.delete(name)
  }
  if (deferImageCounts) {
    for (const name of ni.imageStates.keys()) {
      let set = s.imageNodes.get(name)
      if (!set) s.imageNodes.set(name, (set = new Set()))
      set.add(ni.name)
    }
  } else {
    trackImages(s, ni, 1)
  }
  return ni
}

/** `cache.AddNode`, or `UpdateNode` when the node is already known. */
export function snapshotSetNode(s: Snapshot, node: Node): void {
  const name = node.metadata?.name ?? ''
  const old = s.nodeInfoMap.get(name)
  if (!old) {
    addToTreeAndMap(s, node)
    rebuildList(s)
    return
  }
  const oldZone = zoneKey(old.node)
  const newZone = zoneKey(node)
  trackImages(s, old, -1)
  old.node = node
  old.allocatable = nodeAllocatable(node)
  old.imageStates = nodeImageStates(node)
  trackImages(s, old, 1)
  if (oldZone !== newZone) {
    treeRemove(s, name, oldZone)
    treeAdd(s, name, newZone)
    rebuildList(s)
  }
}

/** `cache.RemoveNode`: its pods stay known (as orphans) until they are deleted. */
export function snapshotRemoveNode(s: Snapshot, name: string): void {
  const ni = s.nodeInfoMap.get(name)
  if (!ni) return
  trackImages(s, ni, -1)
  treeRemove(s, name, zoneKey(ni.node))
  s.nodeInfoMap.delete(name)
  if (ni.podInfos.length > 0) s.orphans.set(name, ni.podInfos.slice())
  rebuildList(s)
}

/**
 * `cache.AddPod` / `AssumePod`: adds a pod bound to `spec.nodeName`. Pods without a node and
 * terminal pods are ignored. Returns the PodInfo (reuse it to avoid recomputing).
 */
export function snapshotAddPod(s: Snapshot, pod: Pod, pi?: PodInfo): PodInfo | undefined {
  const nodeName = pod.spec?.nodeName
  if (!nodeName || isTerminal(pod)) return undefined
  const key = podKey(pod)
  if (s.podNode.has(key)) snapshotRemovePod(s, key)
  const info = pi ?? newPodInfo(pod)
  s.podNode.set(key, nodeName)
  const ni = s.nodeInfoMap.get(nodeName)
  if (ni) {
    nodeInfoAddPod(ni, info)
    if (info.hasAffinity) s.withAffinity = null
    if (info.requiredAntiAffinityTerms.length > 0) s.withRequiredAntiAffinity = null
  } else {
    const list = s.orphans.get(nodeName) ?? []
    list.push(info)
    s.orphans.set(nodeName, list)
  }
  return info
}

/** `cache.RemovePod` by `namespace/name` key (or `ForgetPod` for an assumed pod). */
export function snapshotRemovePod(s: Snapshot, key: string): void {
  const nodeName = s.podNode.get(key)
  if (nodeName === undefined) return
  s.podNode.delete(key)
  const ni = s.nodeInfoMap.get(nodeName)
  if (ni) {
    const pi = ni.podInfos.find((p) => p.key === key)
    nodeInfoRemovePod(ni, key)
    if (pi?.hasAffinity) s.withAffinity = null
    if (pi && pi.requiredAntiAffinityTerms.length > 0) s.withRequiredAntiAffinity = null
    return
  }
  const list = s.orphans.get(nodeName)
  if (list) {
    const i = list.findIndex((p) => p.key === key)
    if (i >= 0) list.splice(i, 1)
    if (list.length === 0) s.orphans.delete(nodeName)
  }
}

/** `cache.UpdatePod`: the new version replaces the old (a terminal pod is removed). */
export function snapshotUpdatePod(s: Snapshot, pod: Pod): void {
  const key = podKey(pod)
  if (isTerminal(pod) || !pod.spec?.nodeName) {
    snapshotRemovePod(s, key)
    return
  }
  snapshotAddPod(s, pod)
}

/** `HavePodsWithAffinityList`: nodes with at least one pod with pod (anti-)affinity. */
export function havePodsWithAffinity(s: Snapshot): NodeInfo[] {
  if (!s.withAffinity) s.withAffinity = s.list.filter((n) => n.podsWithAffinity.length > 0)
  return s.withAffinity
}

/** `HavePodsWithRequiredAntiAffinityList`. */
export function havePodsWithRequiredAntiAffinity(s: Snapshot): NodeInfo[] {
  if (!s.withRequiredAntiAffinity) s.withRequiredAntiAffinity = s.list.filter((n) => n.podsWithRequiredAntiAffinity.length > 0)
  return s.withRequiredAntiAffinity
}
