/** etcd stops: the apiserver stays up but every request that needs storage times out; nothing is lost. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'
import { webDeployment as web } from './manifests'

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: lonely
spec:
  containers:
  - name: c
    image: nginx:1.27
`

function running(c: ReturnType<typeof createCluster>): string[] {
  const pods = c.keyspace().filter((kv) => kv.key.startsWith('/registry/pods/default/'))
  return pods.filter((kv) => (kv.value as { status?: { phase?: string } }).status?.phase === 'Running').map((kv) => kv.key)
}

describe('etcd down', () => {
  it('kubectl apply waits the request timeout and prints the Timeout error; nothing changes in the store', () => {
    const c = createCluster({ seed: 3, nodes: 2 })
    c.kubectl('apply -f -', web(2))
    c.settle()
    const before = JSON.stringify(c.keyspace())
    c.stopComponent('etcd')
    const t0 = c.now()
    const r = c.kubectl('apply -f -', web(4))
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      'Error from server (Timeout): error when retrieving current configuration of:\n' +
        'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\n' +
        'Name: "web", Namespace: "default"\n' +
        'from server for: "STDIN": Timeout: request did not complete within the allotted timeout\n',
    )
    // The terminal waited the apiserver's request timeout.
    expect(c.now() - t0).toBe(60_000)
    const create = c.kubectl('create -f -', POD)
    expect(create.stderr).toBe('Error from server (Timeout): error when creating "STDIN": Timeout: request did not complete within requested timeout - context deadline exceeded\n')
    expect(create.exitCode).toBe(1)
    expect(c.kubectl('get pods').stderr).toBe('Error from server (Timeout): Timeout: request did not complete within the allotted timeout\n')
    c.advance(120_000)
    expect(JSON.stringify(c.keyspace())).toBe(before)
  })

  it('shows the etcd calls that get no answer', () => {
    const c = createCluster({ seed: 3, nodes: 1 })
    c.stopComponent('etcd')
    const from = c.hops().length ? c.hops()[c.hops().length - 1].id : 0
    c.kubectl('create -f -', POD)
    const hops = c.hops(from).filter((h) => h.from === 'kubectl' || h.to === 'kubectl' || (h.to === 'etcd' && h.summary.includes('lonely')))
    expect(hops.map((h) => `${h.from}→${h.to} ${h.kind}: ${h.summary}`)).toEqual([
      'kubectl→apiserver request: kubectl create: pod/lonely',
      'apiserver→etcd request: Txn: create /registry/pods/default/lonely: no answer, etcd is down',
      'apiserver→kubectl response: 504 Timeout: Timeout: request did not complete within requested timeout - context deadline exceeded',
    ])
    expect(c.hops().some((h) => h.from === 'etcd')).toBe(false)
  })

  it('keeps pods running, and the cluster catches up once etcd is back', () => {
    const c = createCluster({ seed: 5, nodes: 2 })
    c.kubectl('apply -f -', web(2))
    c.settle()
    const pods = running(c)
    expect(pods).toHaveLength(2)
    c.stopComponent('etcd')
    // Lease renewals and status reports fail; the kubelets do not touch their pods because of it.
    c.advance(90_000)
    expect(running(c)).toEqual(pods)
    c.startComponent('etcd')
    const r = c.kubectl('apply -f -', web(3))
    expect(r).toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', exitCode: 0 })
    c.settle()
    expect(running(c)).toHaveLength(3)
    for (const p of pods) expect(running(c)).toContain(p)
    expect(c.kubectl('get nodes --no-headers').stdout).not.toMatch(/NotReady/)
  })

  it('pending controller work catches up after etcd returns', () => {
    const c = createCluster({ seed: 7, nodes: 2 })
    c.kubectl('apply -f -', web(1))
    c.settle()
    // The controllers see the scale-up, but every write they try fails while etcd is down.
    c.kubectl('scale deployment web --replicas=3')
    c.stopComponent('etcd')
    c.advance(30_000)
    expect(running(c)).toHaveLength(1)
    // The ReplicaSet controller kept trying, with its per-item back-off.
    const tries = c.hops().filter((h) => h.from === 'controller-manager/replicaset' && h.kind === 'request' && h.summary.includes('web'))
    expect(tries.length).toBeGreaterThan(3)
    c.startComponent('etcd')
    c.settle()
    expect(running(c)).toHaveLength(3)
  })

  it('the scheduler retries a failed binding with its back-off, and binds once etcd is back', () => {
    const c = createCluster({ seed: 4, nodes: 2 })
    c.kubectl('run web --image=nginx:1.27')
    c.stopComponent('etcd')
    c.advance(30_000)
    c.startComponent('etcd')
    c.advance(15_000)
    const binds = c.hops().filter((h) => h.from === 'scheduler' && h.kind === 'request' && h.summary.includes('bind web'))
    // 1 s doubling to 10 s, on 1-second windows.
    expect(binds.map((h) => h.t - binds[0].t)).toEqual([0, 1_999, 4_999, 9_999, 18_999, 29_999, 40_999])
    expect(c.kubectl('get pod web -o jsonpath={.status.phase}').stdout).toBe('Running')
  })

  it('a controller-manager that starts while etcd is down lists again with back-off until etcd is back', () => {
    const c = createCluster({ seed: 6, nodes: 2 })
    c.kubectl('apply -f -', web(1))
    c.settle()
    c.stopComponent('controller-manager')
    c.stopComponent('etcd')
    c.startComponent('controller-manager')
    c.advance(20_000)
    const lists = c.hops().filter((h) => h.from === 'controller-manager' && h.summary === 'controller-manager lists deployments to fill its cache')
    // 0.8 s, 1.6 s, 3.2 s, 6.4 s … between tries.
    expect(lists.map((h) => h.t - lists[0].t)).toEqual([0, 800, 2_400, 5_600, 12_000])
    c.startComponent('etcd')
    c.advance(30_000)
    c.kubectl('scale deployment web --replicas=2')
    c.settle()
    expect(running(c)).toHaveLength(2)
  })
})

