/**
 * The PersistentVolume controller: binds claims to volumes, and asks for a new volume when no
 * existing one fits and the claim's StorageClass has a provisioner.
 * - syncClaim: a Pending claim is bound to an Available volume that fits (class, access modes,
 *   capacity) or to the volume made for it; otherwise, for a class with a provisioner, the
 *   claim is annotated for the external provisioner (`ExternalProvisioning` event).
 * - The provisioner (the cloud's CSI external-provisioner; here part of this controller, with its
 *   own event source) creates the disk after PROVISION_MS and the PV `pvc-<claim uid>`,
 *   pre-bound to the claim through `claimRef` (`Provisioning`, `ProvisioningSucceeded`).
 * - syncVolume: a volume's phase follows its claim: Available, Bound, Released; a Released
 *   volume with reclaim policy Delete is deleted (its disk with it).
 *
 * Simplifications (documented in controllers/persistentvolume/README.md): binding mode is
 * Immediate (the scheduler's VolumeBinding plugin is not modelled), no pv/pvc-protection
 * finalizers, capacity is exactly what was asked.
 * Upstream: pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim,
 * syncUnboundClaim, syncBoundClaim, syncVolume, bind, provisionClaim),
 * kubernetes-csi/external-provisioner and sig-storage-lib-external-provisioner controller.go.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import { keyOf, type KObject } from '../../api/meta'
import { R } from '../../client/client'
import { Recorder, newRecorderState, type RecorderState } from '../../client/events'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** How long the cloud takes to create a disk (virtual ms). */
export const PROVISION_MS = 2_000
/** The simulated cloud's CSI driver, the default StorageClass's provisioner. */
export const DEFAULT_PROVISIONER = 'pd.csi.storage.gke.io'
/** The provisioner's event source: `<driver>_<controller pod>_<id>`, as the external-provisioner names itself. */
export const PROVISIONER_IDENTITY = `${DEFAULT_PROVISIONER}_csi-gce-pd-controller-0_1d5c3a1e-7f64-4b0f-9a52-3c8e2f9d6b10`

export const AnnBindCompleted = 'pv.kubernetes.io/bind-completed'
export const AnnBoundByController = 'pv.kubernetes.io/bound-by-controller'
export const AnnStorageProvisioner = 'volume.kubernetes.io/storage-provisioner'
export const AnnBetaStorageProvisioner = 'volume.beta.kubernetes.io/storage-provisioner'
export const AnnDynamicallyProvisioned = 'pv.kubernetes.io/provisioned-by'

export interface PersistentVolumeControllerState extends ControllerState {
  /** Claim uid → when its disk is ready (virtual ms). */
  provisioning?: Record<string, number>
  /** The external provisioner's event recorder. */
  provisionerEvents?: RecorderState
}

/** The PV controller (`controller-manager/persistentvolume`, events from `persistentvolume-controller`). */
export class PersistentVolumeController extends Controller<PersistentVolumeControllerState> {
  readonly watches = ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses']
  private cause?: number
  private key = ''
  private readonly provisioner: Recorder

  constructor(s: PersistentVolumeControllerState, env: ControllerEnv) {
    super('persistentvolume', s, env)
    s.provisionerEvents ??= newRecorderState()
    this.provisioner = new Recorder(s.provisionerEvents, env.ctx, env.client, { component: PROVISIONER_IDENTITY })
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (resource === 'persistentvolumeclaims') {
      this.enqueue(`pvc|${keyOf(obj)}`, hop)
      // Upstream deleteClaim: the claim's volume is synced again (it is Released now).
      const volume = (obj as PersistentVolumeClaim).spec?.volumeName
      if (type === 'DELETED' && volume) this.enqueue(`pv|${volume}`, hop)
    }
    else if (resource === 'persistentvolumes') {
      this.enqueue(`pv|${obj.metadata!.name}`, hop)
      const ref = (obj as PersistentVolume).spec?.claimRef
      if (ref?.name) this.enqueue(`pvc|${ref.namespace}/${ref.name}`, hop)
    }
  }

  sync(key: string, cause?: number): number | void {
    this.cause = cause
    this.key = key
    const [kind, k] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)]
    if (kind === 'pvc') return this.syncClaim(k)
    return this.syncVolume(k)
  }

  private claims(): PersistentVolumeClaim[] {
    return this.env.informers.persistentvolumeclaims.list() as PersistentVolumeClaim[]
  }

  private volumes(): PersistentVolume[] {
    return this.env.informers.persistentvolumes.list() as PersistentVolume[]
  }

  // ---- claims --------------------------------------------------------------------------------

  private syncClaim(key: string): number | void {
    const claim = this.env.informers.persistentvolumeclaims.get(key) as PersistentVolumeClaim | undefined
    if (!claim || claim.metadata?.deletionTimestamp) return
    if (claim.status?.phase === 'Bound' && claim.spec?.volumeName) return
    const pv = this.findVolume(claim)
    if (pv) return this.bind(claim, pv)
    const className = claim.spec?.storageClassName ?? ''
    const sc = className ? (this.env.informers.storageclasses.get(className) as StorageClass | undefined) : undefined
    if (!sc?.provisioner) {
      const msg = className ? `storageclass.storage.k8s.io "${className}" not found` : 'no persistent volumes available for this claim and no storage class is set'
      this.env.recorder.event(claim as KObject, className ? 'Warning' : 'Normal', sc || !className ? 'FailedBinding' : 'ProvisioningFailed', msg, this.cause)
      return
    }
    return this.provision(claim, sc)
  }

  /** A volume for the claim: the one pre-bound to it, else the smallest Available one that fits. Upstream: findBestMatchForClaim. */
  private findVolume(claim: PersistentVolumeClaim): PersistentVolume | undefined {
    const uid = claim.metadata?.uid
    const pre = this.volumes().find((v) => v.spec?.claimRef?.uid === uid || (claim.spec?.volumeName && v.metadata?.name === claim.spec.volumeName))
    if (pre) return pre
    const want = parseQuantity(String(claim.spec?.resources?.requests?.storage ?? '0'))
    const modes = claim.spec?.accessModes ?? []
    const className = claim.spec?.storageClassName ?? ''
    return this.volumes()
      .filter((v) => !v.spec?.claimRef && v.status?.phase !== 'Released' && (v.spec?.storageClassName ?? '') === className)
      .filter((v) => modes.every((m) => v.spec?.accessModes?.includes(m)))
      .filter((v) => parseQuantity(String(v.spec?.capacity?.storage ?? '0')) >= want)
      .sort((a, b) => parseQuantity(String(a.spec!.capacity!.storage)) - parseQuantity(String(b.spec!.capacity!.storage)))[0]
  }

  /** Binds both ways: the volume's claimRef and phase, then the claim's volumeName, annotations and phase. Upstream: bind. */
  private bind(claim: PersistentVolumeClaim, pv: PersistentVolume): number | void {
    const name = pv.metadata!.name!
    const c = claim.metadata!
    const claimRef = { kind: 'PersistentVolumeClaim', namespace: c.namespace, name: c.name, uid: c.uid, apiVersion: 'v1', resourceVersion: c.resourceVersion }
    let vol = pv
    if (pv.spec?.claimRef?.uid !== c.uid) {
      const r = this.env.client.update(R.persistentvolumes, { ...pv, metadata: { ...pv.metadata, annotations: { ...(pv.metadata?.annotations ?? {}), [AnnBoundByController]: 'yes' } }, spec: { ...pv.spec, claimRef } } as KObject, {
        cause: this.cause,
        summary: `The persistentvolume controller binds volume ${name} to claim ${c.namespace}/${c.name}`,
      })
      if (r.status !== 200) return this.queue.nextBackoffMs(this.key)
      vol = r.body
    }
    if (vol.status?.phase !== 'Bound') {
      const r = this.env.client.updateStatus(R.persistentvolumes, { ...vol, status: { ...vol.status, phase: 'Bound' } } as KObject, { cause: this.cause, summary: `The persistentvolume controller marks volume ${name} Bound` })
      if (r.status !== 200) return this.queue.nextBackoffMs(this.key)
    }
    const annotations = { ...(c.annotations ?? {}), [AnnBindCompleted]: 'yes', ...(pv.spec?.claimRef?.uid === c.uid ? {} : { [AnnBoundByController]: 'yes' }) }
    if (vol.metadata?.annotations?.[AnnDynamicallyProvisioned]) annotations[AnnBoundByController] = 'yes'
    const r = this.env.client.update(R.persistentvolumeclaims, { ...claim, metadata: { ...c, annotations }, spec: { ...claim.spec, volumeName: name } } as KObject, {
      cause: this.cause,
      summary: `The persistentvolume controller sets claim ${c.name}'s volumeName to ${name}`,
    })
    if (r.status !== 200) return this.queue.nextBackoffMs(this.key)
    const status = { phase: 'Bound', accessModes: vol.spec?.accessModes, capacity: vol.spec?.capacity }
    const s = this.env.client.updateStatus(R.persistentvolumeclaims, { ...r.body, status } as KObject, { cause: this.cause, summary: `The persistentvolume controller marks claim ${c.name} Bound to ${name}` })
    if (s.status !== 200) return this.queue.nextBackoffMs(this.key)
  }

  /** Hands the claim to the class's provisioner, which creates the disk and its PV. Upstream: provisionClaim + external-provisioner. */
  private provision(claim: PersistentVolumeClaim, sc: StorageClass): number | void {
    const c = claim.metadata!
    const uid = c.uid!
    const provs = (this.s.provisioning ??= {})
    if (c.annotations?.[AnnStorageProvisioner] !== sc.provisioner) {
      const annotations = { ...(c.annotations ?? {}), [AnnBetaStorageProvisioner]: sc.provisioner, [AnnStorageProvisioner]: sc.provisioner }
      const r = this.env.client.update(R.persistentvolumeclaims, { ...claim, metadata: { ...c, annotations } } as KObject, {
        cause: this.cause,
        summary: `The persistentvolume controller marks claim ${c.name} for the external provisioner ${sc.provisioner}`,
      })
      if (r.status !== 200) return this.queue.nextBackoffMs(this.key)
      this.env.recorder.event(r.body, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, r.hop)
      return
    }
    const now = this.ctx.queue.now
    if (provs[uid] === undefined) {
      provs[uid] = now + PROVISION_MS
      this.provisioner.event(claim as KObject, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${c.namespace}/${c.name}"`, this.cause)
      return PROVISION_MS
    }
    if (provs[uid] > now) return provs[uid] - now
    const pvName = `pvc-${uid}`
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [AnnDynamicallyProvisioned]: sc.provisioner!, 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' } },
      spec: {
        accessModes: claim.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: String(claim.spec?.resources?.requests?.storage ?? '1Gi') },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: c.namespace, name: c.name, uid, resourceVersion: c.resourceVersion },
        csi: { driver: sc.provisioner!, fsType: 'ext4', volumeHandle: `projects/podium/zones/us-central1-a/disks/${pvName}` },
        persistentVolumeReclaimPolicy: (sc.reclaimPolicy ?? 'Delete') as 'Delete',
        storageClassName: sc.metadata!.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      },
    }
    const r = this.env.client.create(R.persistentvolumes, undefined, pv as KObject, {
      cause: this.cause,
      summary: `The ${sc.provisioner} provisioner created a disk for claim ${c.namespace}/${c.name} and creates its PersistentVolume ${pvName}`,
    })
    if (r.status !== 201 && r.status !== 409) return this.queue.nextBackoffMs(this.key)
    delete provs[uid]
    if (r.status === 201) this.provisioner.event(claim as KObject, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, r.hop)
  }

  // ---- volumes -------------------------------------------------------------------------------

  private syncVolume(name: string): number | void {
    const pv = this.env.informers.persistentvolumes.get(name) as PersistentVolume | undefined
    if (!pv || pv.metadata?.deletionTimestamp) return
    const ref = pv.spec?.claimRef
    let phase: string
    if (!ref) phase = 'Available'
    else {
      const claim = this.env.informers.persistentvolumeclaims.get(`${ref.namespace}/${ref.name}`) as PersistentVolumeClaim | undefined
      if (claim && (!ref.uid || claim.metadata?.uid === ref.uid)) {
        // Bound once the claim points back; until then the claim's sync finishes the binding.
        if (claim.spec?.volumeName !== name) return
        phase = 'Bound'
      } else phase = 'Released'
    }
    if (phase === 'Released' && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      // Released first (updateVolumePhase), then reclaimed: the PV protection controller lets a
      // volume that is no longer Bound go.
      if (pv.status?.phase !== 'Released') this.env.client.updateStatus(R.persistentvolumes, { ...pv, status: { ...pv.status, phase } } as KObject, { cause: this.cause, summary: `The persistentvolume controller marks volume ${name} Released: its claim is gone` })
      this.env.client.delete(R.persistentvolumes, undefined, name, {}, { cause: this.cause, summary: `Claim ${ref!.namespace}/${ref!.name} is gone and ${name}'s reclaim policy is Delete: its disk and PV are deleted` })
      return
    }
    if (pv.status?.phase === phase) return
    this.env.client.updateStatus(R.persistentvolumes, { ...pv, status: { ...pv.status, phase } } as KObject, { cause: this.cause, summary: `The persistentvolume controller marks volume ${name} ${phase}` })
  }
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 }

/** Bytes of a storage quantity (`1Gi`, `500M`, `1e9`); NaN-free: unknown forms count as 0. */
export function parseQuantity(q: string): number {
  const m = /^([0-9.]+(?:e[0-9]+)?)([kMGTP]i?)?$/.exec(q.trim())
  if (!m) return 0
  return Number(m[1]) * (SUFFIX[m[2] ?? ''] ?? 1)
}

/** The default StorageClass the cluster starts with: `standard`, the cloud's disks, bound at once. */
export function defaultStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: DEFAULT_PROVISIONER,
    parameters: { type: 'pd-balanced' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  }
}
