/**
 * The PVC protection controller: a claim being deleted keeps its `kubernetes.io/pvc-protection`
 * finalizer (added at creation by the StorageObjectInUseProtection admission plugin) while a
 * scheduled pod names it in a volume, so `kubectl delete pvc` of a claim in use leaves it
 * Terminating until its pods are gone. A finished pod still holds its claim until it is deleted.
 * Upstream: pkg/controller/volume/pvcprotection/pvc_protection_controller.go (processPVC,
 * isBeingUsed, askInformer, askAPIServer, podUsesPVC, enqueuePVCs).
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { PVC_PROTECTION_FINALIZER } from '../../apiserver/admission'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** Whether a scheduled pod names the claim in one of its volumes. Upstream: podUsesPVC. */
export function podUsesPVC(pod: Pod, claim: string): boolean {
  return !!pod.spec?.nodeName && (pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim)
}

function isTerminated(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

export class PVCProtectionController extends Controller {
  readonly watches = ['persistentvolumeclaims', 'pods']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('pvcprotection', s, env)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    const ns = obj.metadata?.namespace
    if (resource === 'persistentvolumeclaims') {
      if (type !== 'DELETED' && obj.metadata?.deletionTimestamp && obj.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) this.enqueue(`${ns}/${obj.metadata.name}`, hop)
      return
    }
    // Only a pod that is gone, finished or unscheduled can free a claim.
    const pod = obj as Pod
    if (type !== 'DELETED' && !isTerminated(pod) && pod.spec?.nodeName) return
    for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim) this.enqueue(`${ns}/${v.persistentVolumeClaim.claimName}`, hop)
  }

  sync(key: string, cause?: number): void {
    const pvc = this.env.informers.persistentvolumeclaims.get(key) as PersistentVolumeClaim | undefined
    if (!pvc?.metadata?.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return
    const ns = pvc.metadata.namespace!
    const name = pvc.metadata.name!
    const cached = (this.env.informers.pods.list() as Pod[]).find((p) => p.metadata?.namespace === ns && podUsesPVC(p, name))
    if (cached) return
    // Not in the cache: a live list makes sure no pod the cache has not seen yet uses it.
    const live = this.env.client.list(R.pods, ns, {}, { cause, summary: `The PVC protection controller lists the pods in ${ns}: does any still use claim ${name}?` })
    if (live.status !== 200) return
    if ((live.body.items as Pod[]).some((p) => podUsesPVC(p, name))) return
    const finalizers = pvc.metadata.finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER)
    this.env.client.update(R.persistentvolumeclaims, { ...pvc, metadata: { ...pvc.metadata, finalizers: finalizers.length ? finalizers : undefined } } as KObject, {
      cause,
      summary: `No pod uses claim ${name} any more: the PVC protection controller removes its ${PVC_PROTECTION_FINALIZER} finalizer`,
    })
  }
}
