/** The kubelet through the cluster: image pull failures, probes, logs, node heartbeats. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

describe('the kubelet', () => {
  it('reports ErrImagePull, then ImagePullBackOff, for an image the registry does not have', () => {
    const c = createCluster({ seed: 3, nodes: 1 })
    c.kubectl('run bad --image=nginxx:latest')
    c.advance(3_000)
    expect(c.kubectl('get pod bad --no-headers').stdout).toMatch(/^bad\s+0\/1\s+ErrImagePull\s+0\s+/)
    c.advance(5_000)
    expect(c.kubectl('get pod bad --no-headers').stdout).toMatch(/^bad\s+0\/1\s+ImagePullBackOff\s+0\s+/)
    const reasons = JSON.parse(c.kubectl('get events -o json').stdout).items.map((e: { reason: string }) => e.reason)
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Failed', 'BackOff']))
    const failed = c.kubectl('get events --field-selector reason=Failed -o jsonpath={.items[0].message}').stdout
    expect(failed).toMatch(/^Failed to pull image "nginxx:latest": /)
  })

  it('marks a pod Ready only when its readiness probe passes, and restarts on liveness failure', () => {
    const c = createCluster({ seed: 3, nodes: 1 })
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    readinessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      periodSeconds: 5
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 25
      periodSeconds: 5
      failureThreshold: 3
`
    c.kubectl('apply -f -', yaml)
    c.advance(10_000)
    expect(c.kubectl('get pod probed --no-headers').stdout).toMatch(/^probed\s+0\/1\s+Running\s+0\s+/)
    c.advance(20_000)
    expect(c.kubectl('get pod probed --no-headers').stdout).toMatch(/^probed\s+1\/1\s+Running\s+0\s+/)
    // Failing since 50 s: the third failure (65 s) kills it; sh ignores SIGTERM, so SIGKILL comes 30 s later.
    c.advance(70_000)
    const restarted = c.kubectl('get pod probed -o jsonpath={.status.containerStatuses[0].restartCount}').stdout
    expect(Number(restarted)).toBeGreaterThanOrEqual(1)
    const unhealthy = c.kubectl('get events --field-selector reason=Unhealthy -o jsonpath={.items[*].message}').stdout
    expect(unhealthy).toContain("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
  })

  it('renews the node Lease every 10 s and registers capacity and allocatable', () => {
    const c = createCluster({ seed: 3, nodes: [{ name: 'big', cpu: '8', memory: '16Gi', pods: 50 }] })
    const lease = () => JSON.parse(c.kubectl('get lease big -n kube-node-lease -o json').stdout).spec.renewTime as string
    const t1 = Date.parse(lease())
    c.advance(10_000)
    expect(Date.parse(lease()) - t1).toBe(10_000)
    const node = JSON.parse(c.kubectl('get node big -o json').stdout)
    expect(node.status.capacity).toMatchObject({ cpu: '8', memory: '16Gi', pods: '50' })
    expect(node.status.allocatable).toMatchObject({ cpu: '8', memory: '16Gi', pods: '50' })
    expect(node.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('True')
  })

  it('runs a Job-like pod to completion under restartPolicy Never and keeps its logs', () => {
    const c = createCluster({ seed: 3, nodes: 1 })
    c.kubectl('run once --image=busybox:1.36 --restart=Never -- sh -c "echo start; sleep 5; echo done; exit 3"')
    c.settle()
    expect(c.kubectl('get pod once --no-headers').stdout).toMatch(/^once\s+0\/1\s+Error\s+0\s+/)
    expect(c.kubectl('logs once').stdout).toBe('start\ndone\n')
    const st = JSON.parse(c.kubectl('get pod once -o json').stdout).status
    expect(st.phase).toBe('Failed')
    expect(st.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' })
  })

  it('sends a pod status only when it changed (the status manager skips an empty patch)', () => {
    const c = createCluster({ seed: 3, nodes: 1 })
    c.kubectl('run web --image=nginx:1.27')
    c.settle(60_000)
    const reports = (from: number) => c.hops().slice(from).filter((h) => h.from === 'kubelet/node-1' && h.detail?.http?.method === 'PATCH' && h.detail.http.path.endsWith('/pods/web/status'))
    expect(reports(0).length).toBeGreaterThanOrEqual(2)
    const status = JSON.parse(c.kubectl('get pod web -o json').stdout).status
    // A restarted kubelet syncs the running pod again: its status is what the apiserver has.
    c.stopComponent('kubelet/node-1')
    c.advance(5_000)
    const n = c.hops().length
    c.startComponent('kubelet/node-1')
    c.settle(60_000)
    expect(reports(n)).toEqual([])
    expect(JSON.parse(c.kubectl('get pod web -o json').stdout).status).toEqual(status)
    // A change is sent: the pod is deleted and its container stops.
    c.kubectl('delete pod web --wait=false')
    c.advance(1_000)
    expect(reports(n).length).toBeGreaterThan(0)
  })
})
