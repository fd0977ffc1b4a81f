/**
 * The pod garbage collector, reduced to orphaned pods: pods bound to a node that no longer
 * exists are force-deleted once the node has been gone for the quarantine time (40 s), after a
 * `DisruptionTarget` condition (`DeletionByPodGC`) is added. Their controllers then replace
 * them where they can; a DaemonSet's pod is simply gone with its node.
 * Upstream: pkg/controller/podgc/gc_controller.go (gcOrphaned, quarantineTime,
 * markFailedAndDeletePodWithCondition).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { rfc3339 } from '../../sim/time'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** How long a node must stay gone before its pods are deleted. Upstream: quarantineTime. */
export const QUARANTINE_MS = 40_000

/** The pod GC (`controller-manager/podgc`, events from `pod-garbage-collector`). */
export class PodGCController extends Controller {
  readonly watches = ['nodes']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('podgc', s, env)
  }

  onEvent(_resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (type === 'DELETED') this.enqueueAfter((obj as Node).metadata!.name!, QUARANTINE_MS, hop)
  }

  sync(node: string, cause?: number): void {
    if (this.env.informers.nodes.get(node)) return
    for (const p of this.env.informers.pods.list() as Pod[]) {
      if (p.spec?.nodeName !== node) continue
      const ns = p.metadata!.namespace!
      const name = p.metadata!.name!
      if (p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') {
        const cond = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: rfc3339(this.ctx.queue.now) }
        this.env.client.patch(R.pods, ns, name, { status: { conditions: [cond] } }, 'strategic', { cause, summary: `The pod GC marks ${name} for deletion: node ${node} no longer exists` }, 'status')
      }
      this.env.client.delete(R.pods, ns, name, { gracePeriodSeconds: 0 }, { cause, summary: `The pod GC force-deletes ${name}: its node ${node} is gone` })
    }
  }
}
