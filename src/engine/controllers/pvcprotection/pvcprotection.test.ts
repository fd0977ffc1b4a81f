import { describe, expect, it } from 'vitest'
import { createCluster } from '../../index'

const CLAIM_AND_POD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`

describe('PVC and PV protection', () => {
  it('keeps a claim in use Terminating until its pod is gone, then the claim and its volume go', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    c.kubectl('apply -f -', CLAIM_AND_POD)
    c.settle()
    expect(c.kubectl('describe pvc data').stdout).toMatch(/\nFinalizers:\s+\[kubernetes\.io\/pvc-protection\]\n/)
    const pv = JSON.parse(c.kubectl('get pvc data -o json').stdout).spec.volumeName as string
    expect(JSON.parse(c.kubectl(`get pv ${pv} -o json`).stdout).metadata.finalizers).toEqual(['kubernetes.io/pv-protection'])
    expect(c.kubectl('delete pvc data --wait=false').stdout).toBe('persistentvolumeclaim "data" deleted\n')
    c.settle()
    expect(c.kubectl('get pvc data --no-headers').stdout).toMatch(/^data\s+Terminating\s+pvc-/)
    expect(c.kubectl('describe pvc data').stdout).toMatch(/\nStatus:\s+Terminating \(lasts \d+s\)\n/)
    c.kubectl('delete pod db')
    c.settle()
    expect(c.kubectl('get pvc data').stderr).toBe('Error from server (NotFound): persistentvolumeclaims "data" not found\n')
    expect(c.kubectl(`get pv ${pv}`).stderr).toBe(`Error from server (NotFound): persistentvolumes "${pv}" not found\n`)
    expect(c.hops().some((h) => h.from === 'controller-manager/pvcprotection' && /removes its kubernetes\.io\/pvc-protection finalizer/.test(h.summary))).toBe(true)
  })

  it('deletes a claim no pod uses at once', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    c.kubectl('apply -f -', CLAIM_AND_POD.split('---')[0])
    expect(c.kubectl('delete pvc data').stdout).toBe('persistentvolumeclaim "data" deleted\n')
    expect(c.kubectl('get pvc data').stderr).toBe('Error from server (NotFound): persistentvolumeclaims "data" not found\n')
  })
})
