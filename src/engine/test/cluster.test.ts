/**
 * The engine end to end through its public surface: the seed's Pod create flow hop by hop,
 * determinism and snapshots.
 */
import { describe, expect, it } from 'vitest'
import { createCluster, runScenario, type Hop } from '../index'

export const NGINX_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`

/** Index of the first hop at or after `from` matching `pred`, or -1. */
function find(hops: readonly Hop[], from: number, pred: (h: Hop) => boolean): number {
  for (let i = from; i < hops.length; i++) if (pred(hops[i])) return i
  return -1
}

describe('creating a pod', () => {
  it('records the seed document 004 steps in causal order', () => {
    const c = createCluster({ seed: 7, nodes: 3 })
    const r = c.kubectl('apply -f -', NGINX_POD)
    expect(r).toEqual({ stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 })
    c.settle()
    const hops = c.hops()
    const steps: [string, (h: Hop) => boolean][] = [
      ['kubectl POSTs the pod', (h) => h.from === 'kubectl' && h.to === 'apiserver' && h.detail?.http?.method === 'POST'],
      ['apiserver writes to etcd', (h) => h.from === 'apiserver' && h.to === 'etcd'],
      ['etcd answers with the revision', (h) => h.from === 'etcd' && h.to === 'apiserver' && h.detail?.etcd?.key === '/registry/pods/default/nginx'],
      ['apiserver answers kubectl', (h) => h.from === 'apiserver' && h.to === 'kubectl' && h.detail?.http?.status === 201],
      ['watch event to the scheduler', (h) => h.kind === 'watch' && h.to === 'scheduler'],
      ['scheduler binds', (h) => h.from === 'scheduler' && h.to === 'apiserver' && /binding$/.test(h.detail?.http?.path ?? '')],
      ['binding stored', (h) => h.from === 'etcd' && h.detail?.etcd?.after !== undefined && !!(h.detail.etcd.after as { spec?: { nodeName?: string } }).spec?.nodeName],
      ['watch event to the chosen kubelet', (h) => h.kind === 'watch' && h.to.startsWith('kubelet/')],
      ['kubelet asks the runtime for a sandbox', (h) => h.kind === 'cri' && h.detail?.cri?.call === 'RunPodSandbox'],
      ['image pull', (h) => h.kind === 'cri' && h.detail?.cri?.call === 'PullImage'],
      ['create container', (h) => h.kind === 'cri' && h.detail?.cri?.call === 'CreateContainer'],
      ['start container', (h) => h.kind === 'cri' && h.detail?.cri?.call === 'StartContainer'],
      ['kubelet reports status', (h) => h.from.startsWith('kubelet/') && h.to === 'apiserver' && /\/status$/.test(h.detail?.http?.path ?? '') && /running/.test(h.summary)],
      ['status stored', (h) => h.from === 'etcd' && (h.detail?.etcd?.after as { status?: { phase?: string } } | undefined)?.status?.phase === 'Running'],
    ]
    let at = 0
    for (const [what, pred] of steps) {
      const i = find(hops, at, pred)
      expect(i, what).toBeGreaterThanOrEqual(at)
      at = i + 1
    }
    // The response to kubectl explains the apiserver's pipeline.
    const created = hops.find((h) => h.to === 'kubectl' && h.detail?.http?.status === 201)!
    expect(created.detail!.pipeline).toEqual([
      'authentication: kubernetes-admin (client certificate)',
      'authorization: allowed by RBAC: ClusterRoleBinding kubeadm:cluster-admins → ClusterRole cluster-admin',
      'mutating admission: NamespaceLifecycle: namespace default exists',
      expect.stringMatching(/^mutating admission: ServiceAccount: runs as default, token mounted from volume kube-api-access-[a-z0-9]{5}$/),
      'mutating admission: DefaultTolerationSeconds: tolerates not-ready and unreachable nodes for 300s',
      'mutating admission: Priority: priority 0',
      'validation: ok',
      'storage: etcd key /registry/pods/default/nginx',
    ])
    // Every hop names its cause, and causes point backwards.
    for (const h of hops) if (h.cause !== undefined) expect(h.cause).toBeLessThan(h.id)
    // Only the apiserver talks to etcd.
    for (const h of hops) if (h.from === 'etcd' || h.to === 'etcd') expect([h.from, h.to]).toContain('apiserver')
  })

  it('runs the pod and kubectl shows it Running', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    c.kubectl('apply -f -', NGINX_POD)
    c.settle()
    const out = c.kubectl('get pods').stdout
    expect(out).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE\nnginx   1\/1     Running   0          \d+s\n$/)
    const pod = JSON.parse(c.kubectl('get pod nginx -o json').stdout)
    expect(pod.spec.nodeName).toMatch(/^node-\d$/)
    expect(pod.status.podIP).toMatch(/^10\.244\.\d\.\d+$/)
    expect(pod.spec.restartPolicy).toBe('Always')
    expect(pod.spec.terminationGracePeriodSeconds).toBe(30)
    expect(pod.spec.containers[0].imagePullPolicy).toBe('IfNotPresent')
    expect(pod.spec.serviceAccountName).toBe('default')
  })
})

describe('determinism and time travel', () => {
  const run = () => {
    const c = createCluster({ seed: 42, nodes: 2 })
    c.kubectl('apply -f -', NGINX_POD)
    c.settle()
    c.kubectl('delete pod nginx')
    return c
  }

  it('gives byte-identical hops and outputs for the same seed and inputs', () => {
    const a = run()
    const b = run()
    expect(JSON.stringify(a.hops())).toBe(JSON.stringify(b.hops()))
    expect(a.kubectl('get events').stdout).toBe(b.kubectl('get events').stdout)
  })

  it('replays a scenario to the same state', () => {
    const a = run()
    const b = runScenario(a.scenario())
    expect(JSON.stringify(b.hops())).toBe(JSON.stringify(a.hops()))
    expect(JSON.stringify(b.keyspace())).toBe(JSON.stringify(a.keyspace()))
  })

  it('restores a snapshot exactly and continues identically', () => {
    const c = createCluster({ seed: 3, nodes: 2 })
    c.kubectl('apply -f -', NGINX_POD)
    const snap = c.snapshot()
    c.settle()
    const after1 = JSON.stringify(c.hops())
    const keys1 = JSON.stringify(c.keyspace())
    c.restore(snap)
    c.settle()
    expect(JSON.stringify(c.hops())).toBe(after1)
    expect(JSON.stringify(c.keyspace())).toBe(keys1)
    expect(() => structuredClone(snap)).not.toThrow()
    c.restore(snap)
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^nginx\s+0\/1\s+(ContainerCreating|Pending)/)
  })
})
