/**
 * The PV protection controller: a volume being deleted keeps its `kubernetes.io/pv-protection`
 * finalizer while it is Bound to a claim; once it is released (or was never bound) the
 * finalizer goes and the apiserver deletes it.
 * Upstream: pkg/controller/volume/pvprotection/pv_protection_controller.go (processPV, isBeingUsed).
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { PV_PROTECTION_FINALIZER } from '../../apiserver/admission'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

export class PVProtectionController extends Controller {
  readonly watches = ['persistentvolumes']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('pvprotection', s, env)
  }

  onEvent(_resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (type !== 'DELETED' && obj.metadata?.deletionTimestamp && obj.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) this.enqueue(obj.metadata.name!, hop)
  }

  sync(key: string, cause?: number): void {
    const pv = this.env.informers.persistentvolumes.get(key) as PersistentVolume | undefined
    if (!pv?.metadata?.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return
    // Upstream isBeingUsed: a Bound volume is in use.
    if (pv.status?.phase === 'Bound') return
    const finalizers = pv.metadata.finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER)
    this.env.client.update(R.persistentvolumes, { ...pv, metadata: { ...pv.metadata, finalizers: finalizers.length ? finalizers : undefined } } as KObject, {
      cause,
      summary: `Volume ${key} is not bound: the PV protection controller removes its ${PV_PROTECTION_FINALIZER} finalizer`,
    })
  }
}
