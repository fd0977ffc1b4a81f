/**
 * The cloud-controller-manager's route controller: for every node with a pod range
 * (`spec.podCIDR`, from the node IPAM controller) it asks the cloud for a route "destination
 * podCIDR → this node", so pod traffic between nodes finds its way through the cloud's network.
 * Once the route exists it sets the node condition NetworkUnavailable=False (reason
 * RouteCreated); a route whose node is gone, or whose range changed, is deleted. Each cloud call
 * is a hop cloud-controller-manager → cloud and back.
 *
 * Upstream reconciles on a period (`--route-reconciliation-period`, 10 s) by listing every node
 * and every route; Podium reconciles a node whenever its informer reports a change, which
 * reaches the same table without a ListRoutes call every 10 s in the hop log.
 * Upstream: staging/src/k8s.io/cloud-provider/controllers/route/route_controller.go
 * (reconcile, updateNetworkingCondition), staging/src/k8s.io/cloud-provider/cloud.go Routes.
 */
import type { Node } from 'kubernetes-types/core/v1'
import type { WatchDelivery } from '../apiserver/watch'
import { R, type Client } from '../client/client'
import type { Ctx } from '../client/component'
import { Informer, newInformerState, type InformerEvent, type InformerState } from '../client/informer'
import { rfc3339 } from '../sim/time'
import type { ComponentId } from '../trace/hop'

/** One route of the cloud's route table. Upstream: cloudprovider.Route. */
export interface CloudRoute {
  /** The cloud's name for it, from the node's UID (the `nameHint`). */
  name: string
  /** The node that receives the traffic. */
  targetNode: string
  /** Its address on the machine network, the route's next hop. */
  targetAddress: string
  /** The pod range the route covers. */
  destinationCIDR: string
}

export interface RouteControllerState {
  nodes: InformerState
  /** The simulated cloud's route table (the cloud's state, not the controller's), in creation order. */
  routes: CloudRoute[]
}

export function newRouteControllerState(): RouteControllerState {
  return { nodes: newInformerState(R.nodes), routes: [] }
}

/** The component the cloud's API appears as on hops. */
export const CLOUD: ComponentId = 'cloud'

export class RouteController {
  private readonly nodes: Informer

  constructor(
    readonly s: RouteControllerState,
    private readonly ctx: Ctx,
    private readonly client: Client,
  ) {
    this.nodes = new Informer(s.nodes, R.nodes, ctx, client.from, (type, obj, _old, hop) => this.onNode(type, obj as Node, hop))
  }

  start(cause?: number): void {
    this.nodes.start(cause)
  }

  stop(): void {
    this.nodes.stop()
  }

  informers(): Informer[] {
    return [this.nodes]
  }

  owns(watchId: number): boolean {
    return this.nodes.owns(watchId)
  }

  onDelivery(d: WatchDelivery, hop: number): void {
    this.nodes.onDelivery(d, hop)
  }

  /** Brings the routes of one node in line with its pod ranges. */
  private onNode(type: InformerEvent, node: Node, cause: number): void {
    const name = node.metadata!.name!
    const want = type === 'DELETED' ? [] : (node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : []))
    for (const r of this.s.routes.filter((x) => x.targetNode === name && !want.includes(x.destinationCIDR))) this.deleteRoute(r, cause)
    if (type === 'DELETED' || want.length === 0) return
    const address = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
    let last = cause
    for (const cidr of want) {
      if (this.s.routes.some((x) => x.targetNode === name && x.destinationCIDR === cidr)) continue
      last = this.createRoute({ name: `kubernetes-${node.metadata!.uid}`, targetNode: name, targetAddress: address, destinationCIDR: cidr }, cause)
    }
    this.updateNetworkingCondition(node, last)
  }

  private cloudCall(summary: string, answer: string, cause: number): number {
    const from = this.client.from
    const req = this.ctx.trace.record({ t: this.ctx.queue.now, from, to: CLOUD, kind: 'request', summary, cause })
    return this.ctx.trace.record({ t: this.ctx.queue.now, from: CLOUD, to: from, kind: 'response', summary: answer, cause: req })
  }

  private createRoute(r: CloudRoute, cause: number): number {
    this.s.routes.push(r)
    return this.cloudCall(`The route controller asks the cloud for a route: ${r.destinationCIDR} via ${r.targetNode} (${r.targetAddress})`, `Route ${r.name} created`, cause)
  }

  private deleteRoute(r: CloudRoute, cause: number): void {
    this.s.routes = this.s.routes.filter((x) => x !== r)
    this.cloudCall(`The route controller deletes the cloud route ${r.destinationCIDR} via ${r.targetNode}: ${r.targetNode} is gone or has a new range`, `Route ${r.name} deleted`, cause)
  }

  /** NetworkUnavailable=False once the node's routes exist. Upstream: updateNetworkingCondition, nodeutil.SetNodeCondition. */
  private updateNetworkingCondition(node: Node, cause: number): void {
    const cur = node.status?.conditions?.find((c) => c.type === 'NetworkUnavailable')
    if (cur?.status === 'False') return
    const now = rfc3339(this.ctx.queue.now)
    const condition = { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated', message: 'RouteController created a route', lastTransitionTime: now, lastHeartbeatTime: now }
    this.client.patch(R.nodes, undefined, node.metadata!.name!, { status: { conditions: [condition] } }, 'strategic', {
      cause,
      summary: `The route controller marks ${node.metadata!.name}'s network available: its route exists`,
    }, 'status')
  }

  /** The route table, for the app. */
  table(): CloudRoute[] {
    return this.s.routes.map((r) => ({ ...r }))
  }
}
