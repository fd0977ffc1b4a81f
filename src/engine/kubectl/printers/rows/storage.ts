/**
 * Row printers of storage and coordination objects: persistent volume claims, persistent
 * volumes, storage classes and leases.
 *
 * Upstream: pkg/printers/internalversion/printers.go (printPersistentVolumeClaim,
 * printPersistentVolume, printStorageClass, printLease) and pkg/apis/core/helper
 * (GetAccessModesAsString, GetPersistentVolumeClass, GetPersistentVolumeClaimClass).
 */
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import { isZeroTime, translateTimestampSince } from '../duration'
import { canonicalQuantity } from '../quantity'
import type { Cell } from '../table'
import { column, NAME_COLUMN, rowPrinter } from './common'

const age = (meta: { creationTimestamp?: string } | undefined, now: number): string =>
  translateTimestampSince(meta?.creationTimestamp, now)

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class'

/** GetAccessModesAsString: `RWO,ROX,RWX,RWOP` in that fixed order, duplicates removed. */
export function accessModesString(modes: string[] | undefined): string {
  const set = new Set(modes ?? [])
  const out: string[] = []
  if (set.has('ReadWriteOnce')) out.push('RWO')
  if (set.has('ReadOnlyMany')) out.push('ROX')
  if (set.has('ReadWriteMany')) out.push('RWX')
  if (set.has('ReadWriteOncePod')) out.push('RWOP')
  return out.join(',')
}

/** The storage class of a PV or PVC: the beta annotation wins over spec.storageClassName. */
export function storageClassOf(obj: PersistentVolume | PersistentVolumeClaim): string {
  const annotation = obj.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION]
  if (annotation !== undefined) return annotation
  return obj.spec?.storageClassName ?? ''
}

/** `kubectl get persistentvolumeclaims` */
export const persistentVolumeClaimPrinter = rowPrinter<PersistentVolumeClaim>(
  [
    NAME_COLUMN,
    column('Status'),
    column('Volume'),
    column('Capacity'),
    column('Access Modes'),
    column('StorageClass'),
    column('VolumeAttributesClass'),
    column('Age'),
    column('VolumeMode', 'string', 1),
  ],
  (pvc, now): Cell[] => {
    const phase = isZeroTime(pvc.metadata?.deletionTimestamp) ? (pvc.status?.phase ?? '') : 'Terminating'
    let capacity = ''
    let accessModes = ''
    if (pvc.spec?.volumeName) {
      accessModes = accessModesString(pvc.status?.accessModes)
      capacity = canonicalQuantity(pvc.status?.capacity?.storage ?? '0')
    }
    return [
      pvc.metadata?.name ?? '',
      phase,
      pvc.spec?.volumeName ?? '',
      capacity,
      accessModes,
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc.metadata, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ]
  },
)

/** `kubectl get persistentvolumes` */
export const persistentVolumePrinter = rowPrinter<PersistentVolume>(
  [
    NAME_COLUMN,
    column('Capacity'),
    column('Access Modes'),
    column('Reclaim Policy'),
    column('Status'),
    column('Claim'),
    column('StorageClass'),
    column('VolumeAttributesClass'),
    column('Reason'),
    column('Age'),
    column('VolumeMode', 'string', 1),
  ],
  (pv, now): Cell[] => {
    const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}` : ''
    const phase = isZeroTime(pv.metadata?.deletionTimestamp) ? (pv.status?.phase ?? '') : 'Terminating'
    return [
      pv.metadata?.name ?? '',
      canonicalQuantity(pv.spec?.capacity?.storage ?? '0'),
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv.metadata, now),
      pv.spec?.volumeMode ?? '<unset>',
    ]
  },
)

/** storageutil.IsDefaultAnnotation: the GA or beta is-default-class annotation is `"true"`. */
export function isDefaultStorageClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {}
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
}

/** `kubectl get storageclasses` */
export const storageClassPrinter = rowPrinter<StorageClass>(
  [
    NAME_COLUMN,
    column('Provisioner'),
    column('ReclaimPolicy'),
    column('VolumeBindingMode'),
    column('AllowVolumeExpansion'),
    column('Age'),
  ],
  (sc, now): Cell[] => [
    (sc.metadata?.name ?? '') + (isDefaultStorageClass(sc) ? ' (default)' : ''),
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    age(sc.metadata, now),
  ],
)

/** `kubectl get leases` */
export const leasePrinter = rowPrinter<Lease>(
  [NAME_COLUMN, column('Holder'), column('Age')],
  (lease, now): Cell[] => [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', age(lease.metadata, now)],
)
