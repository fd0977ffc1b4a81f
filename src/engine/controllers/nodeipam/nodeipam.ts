/**
 * The node IPAM controller (kube-controller-manager `--allocate-node-cidrs`, the range
 * allocator): every node gets its own slice of the cluster's pod network, written to
 * `spec.podCIDR` / `spec.podCIDRs`, from which its pods take their IPs. The cluster CIDR is
 * 10.244.0.0/16 cut into /24s (`--node-cidr-mask-size`); 10.244.0.0/24 belongs to the control
 * plane (where CoreDNS runs), so worker nodes get 10.244.1.0/24, 10.244.2.0/24, … the lowest
 * free one first. A deleted node's range is free again.
 * Upstream: pkg/controller/nodeipam/ipam/range_allocator.go (AllocateOrOccupyCIDR,
 * updateCIDRsAllocation), pkg/controller/nodeipam/ipam/cidrset.
 */
import type { Node } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** `10.244.<n>.0/24`: the n-th /24 of the cluster CIDR. */
export function nodeCIDR(n: number): string {
  return `10.244.${n}.0/24`
}

/** The /24s of the cluster CIDR; the first is the control plane's. */
const CIDR_COUNT = 256

export interface NodeIpamState extends ControllerState {
  /** Ranges patched onto nodes whose update the informer has not shown yet: node → CIDR. */
  pending?: Record<string, string>
}

/** The node IPAM controller (`controller-manager/nodeipam`, service account `node-controller`). */
export class NodeIpamController extends Controller<NodeIpamState> {
  readonly watches = ['nodes']

  constructor(s: NodeIpamState, env: ControllerEnv) {
    super('nodeipam', s, env)
  }

  onEvent(_resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    const node = obj as Node
    if (type === 'DELETED') {
      // Its range is free again (the allocator releases it).
      if (this.s.pending) delete this.s.pending[node.metadata!.name!]
      return
    }
    if (!node.spec?.podCIDR) this.enqueue(node.metadata!.name!, hop)
    else if (this.s.pending) delete this.s.pending[node.metadata!.name!]
  }

  sync(name: string, cause?: number): void {
    const node = this.env.informers.nodes.get(name) as Node | undefined
    if (!node || node.spec?.podCIDR || this.s.pending?.[name]) return
    const used = new Set<string>([nodeCIDR(0), ...Object.values(this.s.pending ?? {})])
    for (const n of this.env.informers.nodes.list() as Node[]) for (const c of n.spec?.podCIDRs ?? []) used.add(c)
    let cidr: string | undefined
    for (let i = 1; i < CIDR_COUNT && !cidr; i++) if (!used.has(nodeCIDR(i))) cidr = nodeCIDR(i)
    if (!cidr) {
      this.env.recorder.event(node as KObject, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`, cause)
      return
    }
    const r = this.env.client.patch(R.nodes, undefined, name, { metadata: { uid: node.metadata!.uid }, spec: { podCIDR: cidr, podCIDRs: [cidr] } }, 'strategic', {
      cause,
      summary: `The node IPAM controller gives ${name} the pod range ${cidr}`,
    })
    if (r.status === 200) (this.s.pending ??= {})[name] = cidr
  }
}
