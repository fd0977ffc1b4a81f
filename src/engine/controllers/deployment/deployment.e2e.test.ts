/**
 * Deployments end to end, through kubectl, on a whole simulated cluster: the deployment and
 * ReplicaSet controllers, the scheduler and the kubelets together.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../cluster'

function deploymentYaml(replicas: number, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
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
        image: ${image}
`
}

function kubectl(c: Cluster, line: string, stdin?: string): string {
  const r = c.kubectl(line, stdin)
  if (r.exitCode !== 0) throw new Error(`kubectl ${line}: ${r.stderr}`)
  return r.stdout
}

function values<T>(c: Cluster, prefix: string): T[] {
  return c
    .keyspace()
    .filter((kv) => kv.key.startsWith(prefix))
    .map((kv) => kv.value as T)
}

function runningPods(c: Cluster): Pod[] {
  return values<Pod>(c, '/registry/pods/default/').filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)
}

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0)
}

/**
 * Every state the ReplicaSets' spec.replicas went through after hop `after`, oldest RS first, read
 * from the etcd writes the hop log carries.
 */
function rsSteps(c: Cluster, after: number): { sizes: number[]; available: number }[] {
  // Rebuild the ReplicaSets forwards from every write in the log; record states after `after`.
  const all = new Map<string, ReplicaSet>()
  const steps: { sizes: number[]; available: number }[] = []
  let last = ''
  for (const h of c.hops()) {
    const w = h.detail?.etcd
    if (!w || !w.key.startsWith('/registry/replicasets/default/')) continue
    if (w.after) all.set(w.key, w.after as ReplicaSet)
    else all.delete(w.key)
    if (h.id <= after) continue
    const ordered = [...all.values()].sort((a, b) => revisionOf(a) - revisionOf(b))
    const sizes = ordered.map((rs) => rs.spec?.replicas ?? 0)
    const key = JSON.stringify(sizes)
    if (key !== last) {
      steps.push({ sizes, available: ordered.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0) })
      last = key
    }
  }
  return steps
}

function lastHop(c: Cluster): number {
  const hs = c.hops()
  return hs.length ? hs[hs.length - 1].id : 0
}

describe('Deployment end to end', () => {
  it('runs 3 pods for a 3-replica deployment', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    expect(kubectl(c, 'apply -f -', deploymentYaml(3))).toBe('deployment.apps/web created\n')
    c.settle()
    const pods = runningPods(c)
    expect(pods).toHaveLength(3)
    const [rs] = values<ReplicaSet>(c, '/registry/replicasets/default/')
    expect(rs.metadata!.name).toMatch(/^web-[4-9bcdf]+$/)
    for (const p of pods) expect(p.metadata!.name).toMatch(new RegExp(`^${rs.metadata!.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))
    expect(kubectl(c, 'rollout status deployment/web')).toBe('deployment "web" successfully rolled out\n')
  })

  it('rolls 3 replicas one pod at a time (maxSurge 1, maxUnavailable 0)', () => {
    const c = createCluster({ seed: 2, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(3))
    c.settle()
    const m = lastHop(c)
    expect(kubectl(c, 'set image deployment/web nginx=nginx:1.28')).toBe('deployment.apps/web image updated\n')
    c.settle()
    expect(rsSteps(c, m).map((s) => s.sizes)).toEqual([
      [3, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 3],
      [0, 3],
    ])
    const pods = runningPods(c)
    expect(pods).toHaveLength(3)
    expect(pods.every((p) => p.spec!.containers[0].image === 'nginx:1.28')).toBe(true)
  })

  it('rolls 10 replicas within 13 pods and never below 8 available (maxSurge 3, maxUnavailable 2)', () => {
    const c = createCluster({ seed: 3, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(10))
    c.settle()
    const m = lastHop(c)
    kubectl(c, 'set image deployment/web nginx=nginx:1.28')
    c.settle()
    const steps = rsSteps(c, m)
    expect(steps[0].sizes).toEqual([10, 3])
    expect(steps[1].sizes).toEqual([8, 3])
    expect(steps[steps.length - 1].sizes).toEqual([0, 10])
    for (const s of steps) {
      expect(s.sizes[0] + s.sizes[1]).toBeLessThanOrEqual(13)
      expect(s.available).toBeGreaterThanOrEqual(8)
    }
    expect(runningPods(c)).toHaveLength(10)
  })

  it('prints rollout status lines while the rollout runs', () => {
    const c = createCluster({ seed: 4, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(3))
    c.settle()
    kubectl(c, 'set image deployment/web nginx=nginx:1.28')
    const out = kubectl(c, 'rollout status deployment/web').split('\n').filter(Boolean)
    expect(out[out.length - 1]).toBe('deployment "web" successfully rolled out')
    const patterns = [
      /^Waiting for deployment spec update to be observed\.\.\.$/,
      /^Waiting for deployment "web" rollout to finish: \d out of 3 new replicas have been updated\.\.\.$/,
      /^Waiting for deployment "web" rollout to finish: \d old replicas are pending termination\.\.\.$/,
      /^Waiting for deployment "web" rollout to finish: \d of 3 updated replicas are available\.\.\.$/,
    ]
    for (const line of out.slice(0, -1)) expect(patterns.some((p) => p.test(line)), line).toBe(true)
    expect(out.some((l) => l.includes('1 out of 3 new replicas have been updated'))).toBe(true)
  })

  it('undoes a rollout and shows the history', () => {
    const c = createCluster({ seed: 5, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(3))
    c.settle()
    kubectl(c, 'set image deployment/web nginx=nginx:1.28')
    c.settle()
    expect(kubectl(c, 'rollout history deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(kubectl(c, 'rollout undo deployment/web')).toBe('deployment.apps/web rolled back\n')
    c.settle()
    const pods = runningPods(c)
    expect(pods).toHaveLength(3)
    expect(pods.every((p) => p.spec!.containers[0].image === 'nginx:1.27')).toBe(true)
    // Revision 1's ReplicaSet came back as revision 3.
    expect(kubectl(c, 'rollout history deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
    expect(c.kubectl('rollout undo deployment/web --to-revision=1').stderr).toBe('error: unable to find specified revision 1 in history\n')
  })

  it('deletes the ReplicaSets and pods with the deployment (garbage collection)', () => {
    const c = createCluster({ seed: 6, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(3))
    c.settle()
    expect(kubectl(c, 'delete deployment web')).toBe('deployment.apps "web" deleted\n')
    c.settle()
    expect(values(c, '/registry/replicasets/')).toHaveLength(0)
    expect(values(c, '/registry/pods/default/')).toHaveLength(0)
  })

  it('deletes in the foreground: pods, then the ReplicaSet, then the deployment', () => {
    const c = createCluster({ seed: 7, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(2))
    c.settle()
    const m = lastHop(c)
    expect(kubectl(c, 'delete deployment web --cascade=foreground')).toBe('deployment.apps "web" deleted\n')
    // kubectl waited until the deployment was gone, which happens last.
    expect(values(c, '/registry/deployments/')).toHaveLength(0)
    expect(values(c, '/registry/replicasets/')).toHaveLength(0)
    expect(values(c, '/registry/pods/default/')).toHaveLength(0)
    const gone = c
      .hops(m)
      .filter((h) => h.detail?.etcd?.op === 'delete' && !h.detail.etcd.key.startsWith('/registry/events/'))
      .map((h) => h.detail!.etcd!.key.split('/')[2])
    expect(gone).toEqual(['pods', 'pods', 'replicasets', 'deployments'])
  })

  it('orphans: the ReplicaSet and its pods stay, without an owner', () => {
    const c = createCluster({ seed: 8, nodes: 3 })
    kubectl(c, 'apply -f -', deploymentYaml(2))
    c.settle()
    expect(kubectl(c, 'delete deployment web --cascade=orphan')).toBe('deployment.apps "web" deleted\n')
    c.settle()
    expect(values(c, '/registry/deployments/')).toHaveLength(0)
    const rss = values<ReplicaSet>(c, '/registry/replicasets/default/')
    expect(rss).toHaveLength(1)
    expect(rss[0].metadata!.ownerReferences ?? []).toEqual([])
    expect(runningPods(c)).toHaveLength(2)
  })

  it('is deterministic, and a snapshot taken mid-rollout replays to the same hops', () => {
    const play = () => {
      const c = createCluster({ seed: 9, nodes: 3 })
      kubectl(c, 'apply -f -', deploymentYaml(4))
      c.settle()
      kubectl(c, 'set image deployment/web nginx=nginx:1.28')
      c.advance(1500)
      return c
    }
    const a = play()
    const b = play()
    expect(JSON.stringify(b.hops())).toBe(JSON.stringify(a.hops()))
    const snap = a.snapshot()
    const mid = lastHop(a)
    a.settle()
    const rest = JSON.stringify(a.hops(mid))
    a.restore(snap)
    a.settle()
    expect(JSON.stringify(a.hops(mid))).toBe(rest)
    expect(runningPods(a).every((p) => p.spec!.containers[0].image === 'nginx:1.28')).toBe(true)
  })
})
