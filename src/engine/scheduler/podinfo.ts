/**
 * PodInfo: what the scheduler precomputes once per pod (requests, affinity terms, host ports) so
 * that filters and scores never re-parse the pod.
 *
 * Upstream: pkg/scheduler/framework/types.go (PodInfo, NewPodInfo, AffinityTerm, calculateResource)
 * and staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests).
 */
import type { Container, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1'
import { type Labels, labelSelectorAsSelector, type Selector, selectorMatches } from './labels'
import { parseCPU, parseMemory, parseValue, type QuantityInput } from './quantity'

/** `schedutil.DefaultMilliCPURequest`: what scoring assumes for a container without a CPU request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100
/** `schedutil.DefaultMemoryRequest`: 200Mi, assumed for a container without a memory request. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

/** A resource vector: `framework.Resource`. Memory and storage in bytes, CPU in millicores. */
export interface Resource {
  milliCPU: number
  memory: number
  ephemeralStorage: number
  /** `pods` of the node's allocatable; unused for pod requests. */
  allowedPodNumber: number
  /** Extended resources (`nvidia.com/gpu`), hugepages and attachable volumes. */
  scalar: Record<string, number>
}

/** An empty resource vector. */
export function newResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} }
}

/** `schedutil.IsScalarResourceName`: extended (domain-prefixed), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true
  // Extended resources are fully qualified and outside the kubernetes.io domain.
  const slash = name.indexOf('/')
  if (slash < 0) return false
  const domain = name.slice(0, slash)
  return !(domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io'))
}

/** `Resource.Add(ResourceList)`. */
export function addResourceList(r: Resource, rl: Readonly<Record<string, QuantityInput>> | undefined): void {
  if (!rl) return
  for (const name in rl) {
    const q = rl[name]
    switch (name) {
      case 'cpu':
        r.milliCPU += parseCPU(q)
        break
      case 'memory':
        r.memory += parseMemory(q)
        break
      case 'ephemeral-storage':
        r.ephemeralStorage += parseMemory(q)
        break
      case 'pods':
        r.allowedPodNumber += parseValue(q)
        break
      default:
        if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0) + parseValue(q)
    }
  }
}

/** The parsed requests of one container, with upstream's "non missing" defaults applied if asked. */
function containerRequests(c: Container, nonMissing: boolean): Resource {
  const r = newResource()
  const req = c.resources?.requests as Readonly<Record<string, QuantityInput>> | undefined
  addResourceList(r, req)
  if (nonMissing) {
    // applyNonMissing: only a *missing* key gets the default; an explicit "0" stays 0.
    if (!req || !('cpu' in req)) r.milliCPU += DEFAULT_MILLI_CPU_REQUEST
    if (!req || !('memory' in req)) r.memory += DEFAULT_MEMORY_REQUEST
  }
  return r
}

function add(dst: Resource, src: Resource): void {
  dst.milliCPU += src.milliCPU
  dst.memory += src.memory
  dst.ephemeralStorage += src.ephemeralStorage
  for (const k in src.scalar) dst.scalar[k] = (dst.scalar[k] ?? 0) + src.scalar[k]
}

function max(dst: Resource, src: Resource): void {
  dst.milliCPU = Math.max(dst.milliCPU, src.milliCPU)
  dst.memory = Math.max(dst.memory, src.memory)
  dst.ephemeralStorage = Math.max(dst.ephemeralStorage, src.ephemeralStorage)
  for (const k in src.scalar) dst.scalar[k] = Math.max(dst.scalar[k] ?? 0, src.scalar[k])
}

function cloneResource(r: Resource): Resource {
  return { ...r, scalar: { ...r.scalar } }
}

/**
 * `resourcehelper.PodRequests`: the sum of the containers, the max with each init container
 * (restartable "sidecar" init containers add up and also run alongside later init containers),
 * plus the pod overhead. With `nonMissing`, a container missing a cpu or memory request counts as
 * 100m / 200Mi (how scoring sees BestEffort pods); the Fit filter uses the real requests.
 *
 * Example: containers 2 CPU + 1 CPU, init containers 2 CPU and 3 CPU → max(3, 2, 3) = 3 CPU.
 */
export function podRequests(pod: Pod, nonMissing = false): Resource {
  const result = newResource()
  const spec = pod.spec
  if (!spec) return result
  for (const c of spec.containers ?? []) add(result, containerRequests(c, nonMissing))
  const sidecars = newResource()
  const initMax = newResource()
  for (const c of spec.initContainers ?? []) {
    const cr = containerRequests(c, nonMissing)
    if (c.restartPolicy === 'Always') {
      add(result, cr)
      add(sidecars, cr)
      max(initMax, sidecars)
    } else {
      const combined = cloneResource(cr)
      add(combined, sidecars)
      max(initMax, combined)
    }
  }
  max(result, initMax)
  addResourceList(result, spec.overhead as Readonly<Record<string, QuantityInput>> | undefined)
  return result
}

/** A parsed PodAffinityTerm: `framework.AffinityTerm`. */
export interface AffinityTerm {
  namespaces: readonly string[]
  /** Nothing when the term has no namespaceSelector; Everything for `{}`. */
  namespaceSelector: Selector
  selector: Selector
  topologyKey: string
}

/** A parsed WeightedPodAffinityTerm. */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number
}

/** `getNamespacesFromPodAffinityTerm` + `newAffinityTerm`. */
export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces =
    (term.namespaces?.length ?? 0) === 0 && term.namespaceSelector == null ? [pod.metadata?.namespace ?? ''] : term.namespaces ?? []
  return {
    namespaces,
    namespaceSelector: labelSelectorAsSelector(term.namespaceSelector),
    selector: labelSelectorAsSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  }
}

/**
 * `AffinityTerm.Matches`: the pod is in one of the term's namespaces (or its namespace's labels
 * match the namespace selector) and its labels match the selector.
 */
export function affinityTermMatches(t: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  const ns = pod.metadata?.namespace ?? ''
  if (t.namespaces.includes(ns) || selectorMatches(t.namespaceSelector, nsLabels)) {
    return selectorMatches(t.selector, pod.metadata?.labels)
  }
  return false
}

/** A container host port in use: `framework.HostPortInfo` entries. */
export interface HostPort {
  ip: string
  protocol: string
  port: number
}

/** Precomputed scheduling data of one pod: `framework.PodInfo` plus the requests NodeInfo sums. */
export interface PodInfo {
  pod: Pod
  /** `namespace/name`. */
  key: string
  /** Real requests (what the Fit filter and BalancedAllocation use). */
  requests: Resource
  /** Requests with the 100m / 200Mi defaults for missing container requests (LeastAllocated). */
  nonZeroMilliCPU: number
  nonZeroMemory: number
  requiredAffinityTerms: readonly AffinityTerm[]
  requiredAntiAffinityTerms: readonly AffinityTerm[]
  preferredAffinityTerms: readonly WeightedAffinityTerm[]
  preferredAntiAffinityTerms: readonly WeightedAffinityTerm[]
  /** Pod has any pod affinity or anti-affinity (required or preferred). */
  hasAffinity: boolean
  hostPorts: readonly HostPort[]
  /** `corev1helpers.PodPriority`: spec.priority, 0 when unset. */
  priority: number
}

function terms(pod: Pod, ts: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (ts ?? []).map((t) => newAffinityTerm(pod, t))
}

function weightedTerms(pod: Pod, ts: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (ts ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }))
}

/** `framework.NewPodInfo` plus the request sums NodeInfo.AddPod needs. */
export function newPodInfo(pod: Pod): PodInfo {
  const aff = pod.spec?.affinity
  const requests = podRequests(pod, false)
  const nonZero = podRequests(pod, true)
  const hostPorts: HostPort[] = []
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue
      hostPorts.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort })
    }
  }
  return {
    pod,
    key: `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`,
    requests,
    nonZeroMilliCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    requiredAffinityTerms: terms(pod, aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: terms(pod, aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: weightedTerms(pod, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weightedTerms(pod, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    hasAffinity: !!aff && (aff.podAffinity !== undefined || aff.podAntiAffinity !== undefined),
    hostPorts,
    priority: pod.spec?.priority ?? 0,
  }
}
