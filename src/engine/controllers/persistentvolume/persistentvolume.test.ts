import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { eventsBy, mark, newWorkBench, put, refreshAll, storedOf, type WorkBench } from '../bench'
import { newControllerState } from '../controller'
import { defaultStorageClass, parseQuantity, PersistentVolumeController, PROVISION_MS } from './persistentvolume'

function claim(name: string, extra: Record<string, unknown> = {}): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } } as PersistentVolumeClaim
}

function setup(): { b: WorkBench; pc: PersistentVolumeController } {
  const b = newWorkBench('persistentvolume', 'persistentvolume-controller', ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses'])
  put(b, defaultStorageClass())
  return { b, pc: new PersistentVolumeController({ ...newControllerState() }, b.env) }
}

function run(b: WorkBench, pc: PersistentVolumeController, key: string): number | void {
  refreshAll(b)
  const r = pc.sync(key)
  refreshAll(b)
  return r
}

describe('PersistentVolumeController', () => {
  it('gets the default class by admission, asks the provisioner, and binds the new PV both ways', () => {
    const { b, pc } = setup()
    const c = put(b, claim('data'))
    expect(c.spec!.storageClassName).toBe('standard')
    const m = mark(b)
    run(b, pc, 'pvc|default/data')
    expect(run(b, pc, 'pvc|default/data')).toBe(PROVISION_MS)
    b.queue.advanceTo(b.queue.now + PROVISION_MS)
    run(b, pc, 'pvc|default/data')
    const [pv] = storedOf<PersistentVolume>(b, 'persistentvolumes').values()
    expect(pv.metadata!.name).toBe(`pvc-${c.metadata!.uid}`)
    expect(pv.spec!.claimRef).toMatchObject({ name: 'data', namespace: 'default', uid: c.metadata!.uid })
    run(b, pc, 'pvc|default/data')
    const bound = storedOf<PersistentVolumeClaim>(b, 'persistentvolumeclaims').get('data')!
    expect(bound.spec!.volumeName).toBe(pv.metadata!.name)
    expect(bound.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } })
    expect(bound.metadata!.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.kubernetes.io/storage-provisioner': 'pd.csi.storage.gke.io' })
    expect(storedOf<PersistentVolume>(b, 'persistentvolumes').get(pv.metadata!.name!)!.status!.phase).toBe('Bound')
    expect(eventsBy(b, 'controller-manager/persistentvolume', m).map((e) => e.split(':')[0])).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded'])
  })

  it('binds a claim to the smallest Available volume that fits, without provisioning', () => {
    const { b, pc } = setup()
    for (const [name, size] of [['big', '10Gi'], ['small', '2Gi'], ['tiny', '500Mi']]) {
      put(b, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: `/mnt/${name}` } } } as PersistentVolume)
    }
    put(b, claim('data', { storageClassName: 'manual' }))
    run(b, pc, 'pvc|default/data')
    expect(storedOf<PersistentVolumeClaim>(b, 'persistentvolumeclaims').get('data')!.spec!.volumeName).toBe('small')
  })

  it('reads storage quantities', () => {
    expect(parseQuantity('1Gi')).toBe(2 ** 30)
    expect(parseQuantity('500M')).toBe(5e8)
  })
})
