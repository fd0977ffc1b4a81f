/** Node failure and self-healing: a node stops, goes Unknown, is tainted, its pods are replaced elsewhere. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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

describe('a node that stops', () => {
  it('goes NotReady after the grace period, is tainted, and its pods are replaced after 300 s', () => {
    const c = createCluster({ seed: 9, nodes: 3 })
    c.kubectl('apply -f -', WEB)
    c.settle()
    const pods = JSON.parse(c.kubectl('get pods -o json').stdout).items as { metadata: { name: string }; spec: { nodeName: string } }[]
    const victim = pods[0].spec.nodeName
    const onVictim = pods.filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name)
    c.stopNode(victim)
    c.advance(45_000)
    expect(c.kubectl(`get node ${victim} --no-headers`).stdout).toMatch(/\sReady\s/)
    c.advance(15_000)
    expect(c.kubectl(`get node ${victim} --no-headers`).stdout).toMatch(/\sNotReady\s/)
    const taints = JSON.parse(c.kubectl(`get node ${victim} -o json`).stdout).spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)
    expect(taints).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'])
    // Still there until the 300 s toleration runs out; its Ready condition is False (the READY
    // column still counts the container statuses the silent kubelet last reported, as in a real cluster).
    expect(c.kubectl(`get pod ${onVictim[0]} --no-headers`).stdout).toMatch(/1\/1\s+Running/)
    expect(c.kubectl(`get pod ${onVictim[0]} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`).stdout).toBe('False')
    c.advance(300_000)
    c.settle()
    const after = JSON.parse(c.kubectl('get pods -o json').stdout).items as { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName: string }; status: { phase: string } }[]
    const live = after.filter((p) => !p.metadata.deletionTimestamp)
    expect(live).toHaveLength(3)
    expect(live.every((p) => p.spec.nodeName !== victim && p.status.phase === 'Running')).toBe(true)
    // The old pods stay Terminating: their kubelet cannot confirm.
    expect(c.kubectl(`get pod ${onVictim[0]} --no-headers`).stdout).toMatch(/Terminating/)
    const ev = c.kubectl('get events --field-selector reason=TaintManagerEviction -o jsonpath={.items[0].message}').stdout
    expect(ev).toBe(`Marking for deletion Pod default/${onVictim[0]}`)
    // The node comes back: the taints go, the old pods are cleaned up.
    c.startNode(victim)
    c.advance(30_000)
    expect(c.kubectl(`get node ${victim} --no-headers`).stdout).toMatch(/\sReady\s/)
    expect(JSON.parse(c.kubectl(`get node ${victim} -o json`).stdout).spec.taints).toBeUndefined()
    c.settle()
    expect(c.kubectl(`get pod ${onVictim[0]}`).stderr).toBe(`Error from server (NotFound): pods "${onVictim[0]}" not found\n`)
  })
})
