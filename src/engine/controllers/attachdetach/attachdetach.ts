/**
 * The attach/detach controller: keeps each node's `status.volumesAttached` equal to the cloud
 * disks its pods use. When a pod with a bound claim lands on a node, the disk is attached there
 * (`SuccessfulAttachVolume` on the pod); when no pod on the node uses it any more, it is
 * detached, so a StatefulSet pod that moves to another node takes its disk along.
 * Simplified: attaching is immediate, there are no VolumeAttachment objects, no Multi-Attach
 * errors, and the kubelet does not wait for the attachment (controllers/persistentvolume/README.md).
 * Upstream: pkg/controller/volume/attachdetach/attach_detach_controller.go, reconciler/
 * reconciler.go, pkg/volume/util/operationexecutor (event texts).
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { deepEqual, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** `kubernetes.io/csi/<driver>^<volume handle>`: how a CSI volume is named in volumesAttached. */
export function attachedName(pv: PersistentVolume): string | undefined {
  const csi = pv.spec?.csi
  return csi ? `kubernetes.io/csi/${csi.driver}^${csi.volumeHandle}` : undefined
}

/** The attach/detach controller (`controller-manager/attachdetach`, events from `attachdetach-controller`). */
export class AttachDetachController extends Controller {
  readonly watches = ['pods', 'persistentvolumes']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('attachdetach', s, env)
  }

  onEvent(resource: string, _type: InformerEvent, obj: KObject, old: KObject | undefined, hop: number): void {
    if (resource === 'persistentvolumes') {
      // A volume just bound: the node of the pod that waits for it may need it attached.
      const ref = (obj as PersistentVolume).spec?.claimRef
      if (!ref) return
      for (const p of this.env.informers.pods.list() as Pod[]) {
        if (p.spec?.nodeName && p.metadata?.namespace === ref.namespace && p.spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === ref.name)) this.enqueue(p.spec.nodeName, hop)
      }
      return
    }
    const pod = obj as Pod
    if (!pod.spec?.volumes?.some((v) => v.persistentVolumeClaim)) return
    if (pod.spec.nodeName) this.enqueue(pod.spec.nodeName, hop)
    const was = (old as Pod | undefined)?.spec?.nodeName
    if (was && was !== pod.spec.nodeName) this.enqueue(was, hop)
  }

  sync(nodeName: string, cause?: number): void {
    const node = this.env.informers.nodes.get(nodeName) as Node | undefined
    if (!node) return
    // Desired: the disks of the node's pods that are not finished (terminating pods still hold theirs).
    const want = new Map<string, { pv: PersistentVolume; pods: Pod[] }>()
    for (const p of this.env.informers.pods.list() as Pod[]) {
      if (p.spec?.nodeName !== nodeName || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue
      for (const v of p.spec.volumes ?? []) {
        const claimName = v.persistentVolumeClaim?.claimName
        if (!claimName) continue
        const claim = this.env.informers.persistentvolumeclaims?.get(`${p.metadata!.namespace}/${claimName}`) as PersistentVolumeClaim | undefined
        const pv = claim?.spec?.volumeName ? (this.env.informers.persistentvolumes?.get(claim.spec.volumeName) as PersistentVolume | undefined) : undefined
        const name = pv && attachedName(pv)
        if (!name) continue
        const e = want.get(name) ?? { pv: pv!, pods: [] }
        e.pods.push(p)
        want.set(name, e)
      }
    }
    const have = node.status?.volumesAttached ?? []
    const next = [...want.keys()].sort().map((name) => ({ name, devicePath: '' }))
    if (deepEqual(have, next)) return
    const added = next.filter((v) => !have.some((h) => h.name === v.name))
    const removed = have.filter((h) => !want.has(h.name))
    const what = [...added.map((v) => `attaches ${want.get(v.name)!.pv.metadata!.name}`), ...removed.map((v) => `detaches ${v.name.split('/').pop()}`)].join(', ')
    const r = this.env.client.patch(R.nodes, undefined, nodeName, { status: { volumesAttached: next.length ? next : null } }, 'merge', {
      cause,
      summary: `The attach/detach controller ${what} on ${nodeName}`,
    }, 'status')
    if (r.status !== 200) return
    for (const v of added) {
      const { pv, pods } = want.get(v.name)!
      for (const p of pods) this.env.recorder.event(p as KObject, 'Normal', 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${pv.metadata!.name}" `, r.hop)
    }
  }
}
