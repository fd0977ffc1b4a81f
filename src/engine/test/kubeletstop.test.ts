/**
 * Only the kubelet stops (`systemctl stop kubelet`), not the machine: the containers keep
 * running and serving, the node goes NotReady after 50 s, its pods leave the Service and are
 * evicted after 300 s; they stay Terminating until the kubelet starts again, stops them with
 * their grace period and confirms the deletion.
 */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'
import { webDeployment } from './manifests'

const WEB = `${webDeployment(1)}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    nodePort: 30080
`

describe('a kubelet that stops while its machine runs', () => {
  it('goes through NotReady, eviction and Terminating, and cleans up when it starts again', () => {
    const c = createCluster({ seed: 3, nodes: 3 })
    c.kubectl('apply -f -', WEB)
    c.settle()
    const pod = JSON.parse(c.kubectl('get pods -o json').stdout).items[0] as { metadata: { name: string }; spec: { nodeName: string } }
    const victim = pod.spec.nodeName
    const other = ['node-1', 'node-2', 'node-3'].find((n) => n !== victim)!
    const otherIP = JSON.parse(c.kubectl(`get node ${other} -o json`).stdout).status.addresses[0].address
    c.stopComponent(`kubelet/${victim}`)
    c.advance(45_000)
    const out: string[] = []
    const show = (label: string) => out.push(`# ${label}`, c.kubectl('get nodes').stdout, c.kubectl('get pods -o wide').stdout)
    show('45s')
    // The container still runs under containerd and serves the Service.
    const r1 = c.request(`http://${otherIP}:30080/`)
    expect(r1.status).toBe(200)
    expect(c.hops(r1.firstHop - 1).some((h) => h.to === `pod/default/${pod.metadata.name}`)).toBe(true)
    // kubectl logs goes through the kubelet's port 10250: refused.
    expect(c.kubectl(`logs ${pod.metadata.name}`).stderr).toMatch(/^Error from server: Get "https:\/\/172\.18\.0\.\d:10250\/containerLogs\/default\/web-[a-z0-9-]+\/nginx": dial tcp 172\.18\.0\.\d:10250: connect: connection refused\n$/)
    expect(c.kubectl(`exec ${pod.metadata.name} -- ls`).stderr).toMatch(/^Error from server: error dialing backend: dial tcp 172\.18\.0\.\d:10250: connect: connection refused\n$/)
    c.advance(15_000)
    show('60s')
    expect(c.kubectl(`get node ${victim} --no-headers`).stdout).toMatch(/\sNotReady\s/)
    const node = JSON.parse(c.kubectl(`get node ${victim} -o json`).stdout)
    expect(node.status.conditions.find((x: { type: string }) => x.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })
    expect(node.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'])
    expect(c.kubectl(`get pod ${pod.metadata.name} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`).stdout).toBe('False')
    // Not ready: the endpoints controller moves it to notReadyAddresses (ENDPOINTS prints
    // only ready ones: empty) and the Service has no backend left.
    expect(c.kubectl('get endpoints web --no-headers').stdout).toMatch(/^web\s+\d+s\n$/)
    expect(c.kubectl(`get endpoints web -o jsonpath='{.subsets[0].notReadyAddresses[0].targetRef.name}'`).stdout).toBe(pod.metadata.name)
    expect(c.request(`http://${otherIP}:30080/`).status).toBeUndefined()
    c.advance(300_000)
    c.settle()
    show('360s')
    expect(c.kubectl(`get pod ${pod.metadata.name} --no-headers`).stdout).toMatch(/1\/1\s+Terminating/)
    const live = (JSON.parse(c.kubectl('get pods -o json').stdout).items as { metadata: { deletionTimestamp?: string }; spec: { nodeName: string }; status: { phase: string } }[]).filter((p) => !p.metadata.deletionTimestamp)
    expect(live).toHaveLength(1)
    expect(live[0].spec.nodeName).not.toBe(victim)
    expect(live[0].status.phase).toBe('Running')
    // The kubelet starts again: it renews, reports Ready, stops the evicted pod within its grace
    // period (30 s) and confirms the deletion; the taints go.
    const before = c.hops().length ? c.hops()[c.hops().length - 1].id : 0
    c.startComponent(`kubelet/${victim}`)
    c.advance(10_000)
    show('kubelet started, +10s')
    expect(c.kubectl(`get node ${victim} --no-headers`).stdout).toMatch(/\sReady\s/)
    expect(JSON.parse(c.kubectl(`get node ${victim} -o json`).stdout).spec.taints).toBeUndefined()
    c.advance(25_000)
    expect(c.kubectl(`get pod ${pod.metadata.name}`).stderr).toBe(`Error from server (NotFound): pods "${pod.metadata.name}" not found\n`)
    const hops = c.hops(before)
    expect(hops.some((h) => h.from === `kubelet/${victim}` && /starts stopping/.test(h.summary))).toBe(true)
    expect(hops.some((h) => h.from === `kubelet/${victim}` && /deletes .* for good/.test(h.summary))).toBe(true)
    expect(hops.some((h) => h.from === `kubelet/${victim}` && /renews its Lease/.test(h.summary))).toBe(true)
    // kubectl get nodes / pods -o wide at each stage (seed 3: the pod runs on node-1).
    expect(out.join('\n')).toBe(`# 45s
NAME     STATUS   ROLES    AGE     VERSION
node-1   Ready    <none>   5m48s   v1.33.1
node-2   Ready    <none>   5m48s   v1.33.1
node-3   Ready    <none>   5m48s   v1.33.1

NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-5c94f75b5d-m2trm   1/1     Running   0          48s   10.244.1.2   node-1   <none>           <none>

# 60s
NAME     STATUS     ROLES    AGE    VERSION
node-1   NotReady   <none>   6m3s   v1.33.1
node-2   Ready      <none>   6m3s   v1.33.1
node-3   Ready      <none>   6m3s   v1.33.1

NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-5c94f75b5d-m2trm   1/1     Running   0          63s   10.244.1.2   node-1   <none>           <none>

# 360s
NAME     STATUS     ROLES    AGE   VERSION
node-1   NotReady   <none>   11m   v1.33.1
node-2   Ready      <none>   11m   v1.33.1
node-3   Ready      <none>   11m   v1.33.1

NAME                   READY   STATUS        RESTARTS   AGE    IP           NODE     NOMINATED NODE   READINESS GATES
web-5c94f75b5d-k225w   1/1     Running       0          8s     10.244.2.2   node-2   <none>           <none>
web-5c94f75b5d-m2trm   1/1     Terminating   0          6m3s   10.244.1.2   node-1   <none>           <none>

# kubelet started, +10s
NAME     STATUS   ROLES    AGE   VERSION
node-1   Ready    <none>   11m   v1.33.1
node-2   Ready    <none>   11m   v1.33.1
node-3   Ready    <none>   11m   v1.33.1

NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-5c94f75b5d-k225w   1/1     Running   0          18s   10.244.2.2   node-2   <none>           <none>
`)
  })
})

describe('a cloud-controller-manager that stops', () => {
  it('assigns no external IP while it is down and catches up when it starts again', () => {
    const c = createCluster({ seed: 3, nodes: 2 })
    c.stopComponent('cloud-controller-manager')
    c.kubectl('create service loadbalancer lb --tcp=80:80')
    c.advance(60_000)
    expect(c.kubectl('get svc lb --no-headers').stdout).toMatch(/^lb\s+LoadBalancer\s+\S+\s+<pending>\s+80:\d+\/TCP\s/)
    c.startComponent('cloud-controller-manager')
    c.settle()
    expect(c.kubectl('get svc lb --no-headers').stdout).toMatch(/^lb\s+LoadBalancer\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+80:\d+\/TCP\s/)
  })
})

describe('a container that exits while its kubelet is stopped', () => {
  it('is not restarted until the kubelet is back, which then sees the exit and restarts it', () => {
    const c = createCluster({ seed: 4, nodes: 1 })
    c.kubectl('run crash --image=busybox -- sh -c "sleep 20; exit 1"')
    c.advance(5_000)
    expect(c.kubectl('get pod crash --no-headers').stdout).toMatch(/^crash\s+1\/1\s+Running\s+0\s/)
    c.stopComponent('kubelet/node-1')
    c.advance(30_000)
    // Nobody reports the exit: the API still shows the last status the kubelet sent.
    expect(c.kubectl('get pod crash --no-headers').stdout).toMatch(/^crash\s+1\/1\s+Running\s+0\s/)
    c.startComponent('kubelet/node-1')
    c.advance(2_000)
    const st = JSON.parse(c.kubectl('get pod crash -o json').stdout).status.containerStatuses[0]
    expect(st.restartCount).toBe(1)
    expect(st.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' })
    // The runtime's exit time, not the time the kubelet noticed.
    expect(Date.parse(st.lastState.terminated.finishedAt) - Date.parse(st.lastState.terminated.startedAt)).toBe(20_000)
  })
})
