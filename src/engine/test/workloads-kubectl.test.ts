/** kubectl on the workload and storage kinds: validation errors, describe, get of storage. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`

describe('validation of workload kinds', () => {
  it('refuses a StatefulSet spec change outside the mutable fields', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('apply -f -', STS)
    const r = c.kubectl('apply -f -', STS.replace('serviceName: web', 'serviceName: other'))
    expect(r.stderr).toContain(
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    )
    expect(c.kubectl('apply -f -', STS.replace('replicas: 1', 'replicas: 2')).stdout).toBe('statefulset.apps/web configured\n')
  })

  it('refuses restartPolicy Always in a Job and a bad cron schedule', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: x
spec:
  template:
    spec:
      restartPolicy: Always
      containers:
      - name: x
        image: busybox
`
    expect(c.kubectl('apply -f -', job).stderr).toBe('The Job "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n')
    expect(c.kubectl("create cronjob y --image=busybox --schedule='* * *'").stderr).toBe('The CronJob "y" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]\n')
  })
})

describe('storage through kubectl', () => {
  it('lists the default StorageClass', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('get sc').stdout).toMatch(/^NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE\nstandard \(default\)   pd\.csi\.storage\.gke\.io   Delete          Immediate           true                   \d+m\n$/)
  })
})

describe('kubectl describe', () => {
  it('describes a StatefulSet and a Job as kubectl 1.33 lays them out', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('apply -f -', STS)
    c.kubectl("create job pi --image=busybox -- sh -c 'sleep 3'")
    c.settle()
    const sts = c.kubectl('describe sts web').stdout
    expect(sts).toContain('Replicas:           1 desired | 1 total\nUpdate Strategy:    RollingUpdate\n  Partition:        0\nPods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed\n')
    expect(sts).toMatch(/\nVolume Claims: +<none>\n/)
    expect(sts).toMatch(/Normal {2}SuccessfulCreate {2}\S+ +statefulset-controller {2}create Pod web-0 in StatefulSet web successful\n/)
    const job = c.kubectl('describe job pi').stdout
    expect(job).toMatch(/\nParallelism:      1\nCompletions:      1\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    6\nStart Time:       .*\nCompleted At:     .*\nDuration:         3s\nPods Statuses:    0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed\n/)
    expect(job).toMatch(/Normal {2}Completed +\S+ +job-controller {2}Job completed\n/)
  })
})

describe('determinism', () => {
  it('the same workloads give the same hops, and a snapshot restored mid-way ends the same', () => {
    const run = (snap: boolean) => {
      const c = createCluster({ seed: 7, nodes: 2 })
      c.kubectl('apply -f -', STS.replace('replicas: 1', 'replicas: 2'))
      c.kubectl("create cronjob tick --image=busybox --schedule='*/2 * * * *' -- date")
      c.advance(3000)
      if (snap) c.restore(structuredClone(c.snapshot()))
      c.advance(5 * 60_000)
      return JSON.stringify(c.hops().map((h) => [h.t, h.from, h.to, h.summary]))
    }
    const a = run(false)
    expect(run(false)).toBe(a)
    expect(run(true)).toBe(a)
  })
})

describe('attach/detach', () => {
  it("a StatefulSet pod's disk is attached to its node, and moves with the pod", () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    const withClaim = STS.replace('replicas: 1', 'replicas: 1') + `  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`
    c.kubectl('apply -f -', withClaim)
    c.settle()
    const attached = () =>
      Object.fromEntries(
        (JSON.parse(c.kubectl('get nodes -o json').stdout).items as { metadata: { name: string }; status: { volumesAttached?: { name: string }[] } }[]).map((n) => [n.metadata.name, (n.status.volumesAttached ?? []).map((v) => v.name.split('/').pop())]),
      )
    const pv = c.kubectl('get pvc data-web-0 -o jsonpath={.spec.volumeName}').stdout
    const first = c.kubectl('get pod web-0 -o jsonpath={.spec.nodeName}').stdout
    expect(attached()[first]).toEqual([pv])
    expect(c.kubectl('describe pod web-0').stdout).toContain(`AttachVolume.Attach succeeded for volume "${pv}"`)
    c.kubectl(`cordon ${first}`)
    c.kubectl('delete pod web-0')
    c.settle()
    const second = c.kubectl('get pod web-0 -o jsonpath={.spec.nodeName}').stdout
    expect(second).not.toBe(first)
    expect(attached()[first]).toEqual([])
    expect(attached()[second]).toEqual([pv])
  })
})
