/**
 * The garbage collector follows every deletable resource (upstream: discovery's deletable
 * resources, events aside), so `--cascade=orphan` and `--cascade=foreground` finish for any kind.
 */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

describe('cascading deletion of any kind', () => {
  it('orphan-deletes a ConfigMap and a Service at once, keeping their dependents', () => {
    const c = createCluster({ seed: 5, nodes: 1 })
    c.kubectl('create configmap app-config --from-literal=a=1')
    c.kubectl('create service clusterip web --tcp=80:80')
    const cm = JSON.parse(c.kubectl('get configmap app-config -o json').stdout)
    const svc = JSON.parse(c.kubectl('get service web -o json').stdout)
    const owned = (name: string, o: { kind: string; metadata: { name: string; uid: string } }) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  ownerReferences:
  - apiVersion: v1
    kind: ${o.kind}
    name: ${o.metadata.name}
    uid: ${o.metadata.uid}
stringData:
  k: v
`
    c.kubectl('apply -f -', owned('of-cm', cm))
    c.kubectl('apply -f -', owned('of-svc', svc))
    const r = c.kubectl('delete configmap app-config --cascade=orphan')
    expect(r).toEqual({ stdout: 'configmap "app-config" deleted\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('get configmap app-config').stderr).toBe('Error from server (NotFound): configmaps "app-config" not found\n')
    expect(c.kubectl('delete service web --cascade=orphan').stdout).toBe('service "web" deleted\n')
    expect(c.kubectl('get service web').stderr).toBe('Error from server (NotFound): services "web" not found\n')
    c.settle()
    for (const s of ['of-cm', 'of-svc']) expect(JSON.parse(c.kubectl(`get secret ${s} -o json`).stdout).metadata.ownerReferences ?? []).toEqual([])
    expect(c.hops().some((h) => h.from === 'controller-manager/garbagecollector' && /removes the orphan finalizer from ConfigMap app-config/.test(h.summary))).toBe(true)
  })

  it('foreground-deletes a Job: its pods go first, then the Job', () => {
    const c = createCluster({ seed: 5, nodes: 1 })
    c.kubectl('create job pi --image=busybox -- sleep 3600')
    c.settle()
    expect(c.kubectl('get pods -l job-name=pi --no-headers').stdout).toMatch(/Running/)
    const r = c.kubectl('delete job pi --cascade=foreground')
    expect(r).toEqual({ stdout: 'job.batch "pi" deleted\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('get job pi').stderr).toBe('Error from server (NotFound): jobs.batch "pi" not found\n')
    expect(c.kubectl('get pods -l job-name=pi').stderr).toBe('No resources found in default namespace.\n')
  })
})
