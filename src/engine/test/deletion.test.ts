/**
 * Deleting a pod, as seed document 004 describes it: grace period, Terminating, preStop with
 * its 2-second extension, SIGTERM, SIGKILL, and the kubelet's final delete.
 */
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster, type Hop } from '../index'

function pod(name: string, container: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
${container}`
}

const SLEEPER = `  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "while true; do sleep 1; done"]
`

function signals(c: Cluster, after: number): Hop[] {
  return c.hops(after).filter((h) => h.kind === 'signal' || (h.kind === 'cri' && h.detail?.cri?.call === 'ExecSync'))
}

function running(c: Cluster, yaml: string): number {
  expect(c.kubectl('apply -f -', yaml).exitCode).toBe(0)
  c.settle()
  expect(c.kubectl('get pods --no-headers').stdout).toMatch(/Running/)
  return c.hops()[c.hops().length - 1].id
}

describe('graceful pod deletion', () => {
  it('shows Terminating, then SIGKILLs a process that ignores SIGTERM after 30 s, then the pod is gone', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    const mark = running(c, pod('loop', SLEEPER))
    const t0 = c.now()
    const r = c.kubectl('delete pod loop --wait=false')
    expect(r.stdout).toBe('pod "loop" deleted\n')
    c.advance(1000)
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^loop\s+1\/1\s+Terminating\s+0\s+/)
    c.settle()
    const sig = signals(c, mark)
    const term = sig.find((h) => h.detail?.cri?.signal === 'SIGTERM')!
    const kill = sig.find((h) => h.detail?.cri?.signal === 'SIGKILL')!
    expect(term.t - t0).toBeLessThan(10)
    expect(kill.t - term.t).toBe(30_000)
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n')
    // The final delete comes from the kubelet with grace period 0.
    const final = c.hops(mark).filter((h) => h.from.startsWith('kubelet/') && h.detail?.http?.method === 'DELETE')
    expect(final).toHaveLength(1)
    const etcdDelete = c.hops(mark).find((h) => h.detail?.etcd?.op === 'delete' && h.detail.etcd.key === '/registry/pods/default/loop')
    expect(etcdDelete!.t).toBeGreaterThanOrEqual(kill.t)
  })

  it('lets nginx exit at once on its stop signal', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    const mark = running(c, pod('web', '  - name: web\n    image: nginx:1.27\n'))
    const t0 = c.now()
    c.kubectl('delete pod web')
    const sig = signals(c, mark)
    expect(sig.some((h) => h.detail?.cri?.signal === 'SIGKILL')).toBe(false)
    expect(c.now() - t0).toBeLessThan(2000)
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n')
  })

  it('gives SIGTERM 2 more seconds when the preStop hook outlasts the grace period', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    const hook = `  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "while true; do sleep 1; done"]
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "sleep 40"]
`
    const mark = running(c, pod('hooked', hook, '  terminationGracePeriodSeconds: 30\n'))
    const t0 = c.now()
    c.kubectl('delete pod hooked --wait=false')
    c.settle()
    const sig = signals(c, mark)
    const exec = sig.find((h) => h.detail?.cri?.call === 'ExecSync')!
    const term = sig.find((h) => h.detail?.cri?.signal === 'SIGTERM')!
    const kill = sig.find((h) => h.detail?.cri?.signal === 'SIGKILL')!
    expect(exec.t - t0).toBeLessThan(10)
    expect(term.t - exec.t).toBe(30_000)
    expect(kill.t - term.t).toBe(2_000)
  })

  it('--grace-period and --force shorten the wait', () => {
    const c = createCluster({ seed: 2, nodes: 1 })
    running(c, pod('loop', SLEEPER))
    const t0 = c.now()
    expect(c.kubectl('delete pod loop --grace-period=5').stdout).toBe('pod "loop" deleted\n')
    expect(c.now() - t0).toBeGreaterThanOrEqual(5000)
    expect(c.now() - t0).toBeLessThan(6000)
    running(c, pod('loop2', SLEEPER))
    const f = c.kubectl('delete pod loop2 --force')
    expect(f.stdout).toBe('pod "loop2" force deleted\n')
    expect(f.stderr).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n')
    expect(c.kubectl('get pod loop2').stderr).toBe('Error from server (NotFound): pods "loop2" not found\n')
  })
})

describe('CrashLoopBackOff', () => {
  it('restarts busybox without a command at once, then after 10 s, 20 s, 40 s … capped at 5 min', () => {
    const c = createCluster({ seed: 5, nodes: 1 })
    c.kubectl('run bb --image=busybox:1.36')
    c.advance(30 * 60_000)
    const starts = c.hops().filter((h) => h.kind === 'cri' && h.detail?.cri?.call === 'StartContainer').map((h) => h.t)
    const exits = c.hops().filter((h) => h.kind === 'signal' && h.detail?.cri?.call === 'exit').map((h) => h.t)
    const gaps = starts.slice(1).map((s, i) => Math.round((s - exits[i]) / 1000))
    // Each restart's delay from the previous exit (pulls of :1.36 are skipped: IfNotPresent).
    expect(gaps.slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
    const out = c.kubectl('get pod bb --no-headers').stdout
    expect(out).toMatch(/^bb\s+0\/1\s+(CrashLoopBackOff|Completed)\s+\d+ \(\d+[sm]\d*s? ago\)\s+30m\n$/)
  })
})
