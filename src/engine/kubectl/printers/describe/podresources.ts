/**
 * Pod-level resource arithmetic used by describe: the QoS class and the summed requests and
 * limits of `describe node`.
 *
 * Upstream: k8s.io/kubectl/pkg/util/qos/qos.go (GetPodQOS, ComputePodQOS) and
 * kubectl/pkg/util/resource/resource.go (PodRequestsAndLimits).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { addQuantity, parseQuantity, type Quantity } from '../quantity'

/** A resource list of parsed quantities, in insertion order. */
export type QuantityList = Map<string, Quantity>

function toList(list: Record<string, string> | undefined): [string, Quantity][] {
  return Object.entries(list ?? {}).map(([k, v]) => [k, parseQuantity(v)])
}

type Source = Record<string, string> | QuantityList | undefined
const entries = (src: Source): [string, Quantity][] => (src instanceof Map ? [...src] : toList(src))

function addResourceList(list: QuantityList, add: Source): void {
  for (const [name, q] of entries(add)) {
    const cur = list.get(name)
    list.set(name, cur ? addQuantity(cur, q) : q)
  }
}

function maxResourceList(list: QuantityList, other: Source): void {
  for (const [name, q] of entries(other)) {
    const cur = list.get(name)
    if (!cur || q.nanos > cur.nanos) list.set(name, q)
  }
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always'

/**
 * The pod's requests and limits as kubectl sums them (1.29+ podRequests/podLimits): containers
 * summed, restartable (sidecar) init containers added, other init containers as a floor,
 * allocated resources when the kubelet reports them, overhead added.
 */
export function podRequestsAndLimits(pod: Pod): { requests: QuantityList; limits: QuantityList } {
  const sum = (kind: 'requests' | 'limits'): QuantityList => {
    const total: QuantityList = new Map()
    const statuses = new Map((pod.status?.containerStatuses ?? []).map((cs) => [cs.name, cs]))
    for (const c of pod.spec?.containers ?? []) {
      let list: Source = c.resources?.[kind]
      const allocated = kind === 'requests' ? statuses.get(c.name)?.allocatedResources : undefined
      if (allocated) {
        const merged: QuantityList = new Map(toList(list as Record<string, string> | undefined))
        maxResourceList(merged, allocated)
        list = merged
      }
      addResourceList(total, list)
    }
    const sidecars: QuantityList = new Map()
    const initFloor: QuantityList = new Map()
    for (const c of pod.spec?.initContainers ?? []) {
      const own = c.resources?.[kind]
      let effective: QuantityList
      if (isSidecar(c)) {
        addResourceList(total, own)
        addResourceList(sidecars, own)
        effective = sidecars
      } else {
        effective = new Map()
        addResourceList(effective, own)
        addResourceList(effective, sidecars)
      }
      maxResourceList(initFloor, effective)
    }
    maxResourceList(total, initFloor)
    const overhead = pod.spec?.overhead
    if (overhead) {
      if (kind === 'requests') addResourceList(total, overhead)
      else {
        for (const [name, q] of toList(overhead)) {
          const cur = total.get(name)
          if (cur && cur.nanos !== 0n) total.set(name, addQuantity(cur, q))
        }
      }
    }
    return total
  }
  return { requests: sum('requests'), limits: sum('limits') }
}

/** GetPodQOS: status.qosClass, else computed from cpu and memory requests and limits. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass
  const requests: QuantityList = new Map()
  const limits: QuantityList = new Map()
  let guaranteed = true
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  for (const c of all) {
    for (const [name, q] of toList(c.resources?.requests)) {
      if ((name !== 'cpu' && name !== 'memory') || q.nanos <= 0n) continue
      const cur = requests.get(name)
      requests.set(name, cur ? addQuantity(q, cur) : q)
    }
    const found = new Set<string>()
    for (const [name, q] of toList(c.resources?.limits)) {
      if ((name !== 'cpu' && name !== 'memory') || q.nanos <= 0n) continue
      found.add(name)
      const cur = limits.get(name)
      limits.set(name, cur ? addQuantity(q, cur) : q)
    }
    if (!found.has('memory') || !found.has('cpu')) guaranteed = false
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name)
      if (!lim || lim.nanos !== req.nanos) {
        guaranteed = false
        break
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable'
}
