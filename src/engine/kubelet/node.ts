/**
 * The Node object a kubelet registers, and its Lease. Upstream: pkg/kubelet/kubelet_node_status.go,
 * pkg/kubelet/nodestatus/setters.go, pkg/kubelet/nodelease.
 */
import type { Node } from 'kubernetes-types/core/v1'
import { rfc3339, rfc3339Micro } from '../sim/time'
import type { NodeSpec } from '../types'

export const KUBELET_VERSION = 'v1.33.1'
export const CONTAINER_RUNTIME = 'containerd://2.1.1'
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)'
export const KERNEL = '6.8.0-60-generic'

/** The node's address on the simulated machine network (kind-style `172.18.0.x`). */
export function nodeIP(index: number): string {
  return `172.18.0.${index + 2}`
}

/**
 * The prefix of a node's pod IPs: from the pod CIDR the node IPAM controller gave it
 * (`10.244.3.0/24` → `10.244.3.`), else `10.244.<index + 1>.`, the range it would get.
 */
export function podIPPrefix(podCIDR: string | undefined, index: number): string {
  const m = podCIDR && /^(\d+\.\d+\.\d+\.)0\/24$/.exec(podCIDR)
  return m ? m[1] : `10.244.${index + 1}.`
}

function condition(type: string, status: string, reason: string, message: string, now: number) {
  return { type, status, lastHeartbeatTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message }
}

/** The Node as the kubelet registers it, Ready. */
export function buildNode(spec: NodeSpec, index: number, now: number): Node {
  const cpu = spec.cpu ?? '2'
  const memory = spec.memory ?? '4Gi'
  const pods = String(spec.pods ?? 110)
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...(spec.labels ?? {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    // spec.podCIDR comes from the node IPAM controller (controllers/nodeipam), not the kubelet.
    spec: {
      ...(spec.taints?.length ? { taints: spec.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity: { cpu, 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory, pods },
      allocatable: { cpu, 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory, pods },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIP(index) },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: KERNEL,
        osImage: OS_IMAGE,
        containerRuntimeVersion: CONTAINER_RUNTIME,
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  }
}

/** The node's Lease in kube-node-lease, renewed every 10 s. */
export function buildLease(node: string, uid: string | undefined, now: number) {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node,
      namespace: 'kube-node-lease',
      ...(uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid }] } : {}),
    },
    spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime: rfc3339Micro(now) },
  }
}
