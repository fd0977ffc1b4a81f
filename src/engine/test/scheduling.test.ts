/** The scheduler through the cluster: decisions kept on the binding hop, FailedScheduling texts, retries. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const bigPod = (cpu: string) => `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "${cpu}"
`

describe('scheduling through the cluster', () => {
  it('keeps the decision table on the binding hop', () => {
    const c = createCluster({ seed: 11, nodes: 3 })
    c.kubectl('apply -f -', bigPod('500m'))
    c.settle()
    const bind = c.hops().find((h) => h.from === 'scheduler' && /binding$/.test(h.detail?.http?.path ?? ''))!
    const d = bind.detail!.scheduling!
    expect(d.nodesTotal).toBe(3)
    expect(d.verdicts).toHaveLength(3)
    expect(d.verdicts.every((v) => v.feasible)).toBe(true)
    const chosen = d.verdicts.find((v) => v.node === d.node)!
    expect(chosen.scores!.map((s) => s.plugin)).toContain('NodeResourcesFit')
    const best = Math.max(...d.verdicts.map((v) => v.total ?? 0))
    expect(chosen.total).toBe(best)
  })

  it('leaves an unschedulable pod Pending with the real FailedScheduling text, and retries when a node is added', () => {
    const c = createCluster({
      seed: 11,
      nodes: [
        { name: 'node-1', cpu: '2' },
        { name: 'node-2', cpu: '2' },
        { name: 'node-3', cpu: '8', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
      ],
    })
    c.kubectl('apply -f -', bigPod('4'))
    c.settle()
    expect(c.kubectl('get pod big --no-headers').stdout).toMatch(/^big\s+0\/1\s+Pending\s+0\s+/)
    const ev = c.kubectl('get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}').stdout
    expect(ev).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    )
    const cond = JSON.parse(c.kubectl('get pod big -o json').stdout).status.conditions[0]
    expect(cond).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: ev })
    c.addNode({ name: 'node-4', cpu: '8' })
    c.settle()
    expect(c.kubectl('get pod big -o jsonpath={.spec.nodeName}').stdout).toBe('node-4')
  })

  it('does not schedule onto a cordoned node', () => {
    const c = createCluster({ seed: 4, nodes: 2 })
    expect(c.kubectl('cordon node-1').stdout).toBe('node/node-1 cordoned\n')
    expect(c.kubectl('get nodes').stdout).toContain('node-1   Ready,SchedulingDisabled   <none>')
    for (let i = 0; i < 4; i++) c.kubectl(`run p${i} --image=nginx:1.27`)
    c.settle()
    const nodes = c.kubectl('get pods -o jsonpath={.items[*].spec.nodeName}').stdout.split(' ')
    expect(new Set(nodes)).toEqual(new Set(['node-2']))
  })
})
