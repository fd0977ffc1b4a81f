import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { runPreFilterPlugins } from './cyclestate'
import { newNodeToStatus } from './fiterror'
import { calculateNumCandidates, moreImportantPod, preempt, selectVictimsOnNode } from './preemption'
import { newSnapshot } from './snapshot'
import { newStatus } from './status'
import { makeNode, makePod } from './testing'
import { newPodInfo } from './types'

const low = 0
const mid = 100
const high = 1000
const epoch = '2025-01-01T00:00:00Z'
const victim = (name: string, node: string, priority: number, cpu: string, start = epoch): Pod =>
  makePod(name).node(node).priority(priority).req({ cpu }).status({ startTime: start }).obj()
const nodes = (...names: string[]) => names.map((n) => makeNode(n).capacity({ cpu: '1', memory: '1Gi' }).obj())

function runPreempt(pod: Pod, names: string[], pods: Pod[], seed = 0.5) {
  const snap = newSnapshot(nodes(...names), pods)
  const state = runPreFilterPlugins(newPodInfo(pod), snap).state
  const m = newNodeToStatus()
  for (const n of names) m.explicit.set(n, newStatus('Unschedulable', 'Insufficient cpu'))
  return preempt(state, snap, m, { rand: () => seed })
}

// Upstream: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go
// TestPickOneNodeForPreemption (same shapes, resources scaled to 1-CPU nodes).
describe('pickOneNodeForPreemption', () => {
  it('a pod that fits on both nodes when lower priority pods are preempted', () => {
    const r = runPreempt(makePod('p').priority(high).req({ cpu: '700m' }).obj(), ['node1', 'node2'], [victim('p1', 'node1', mid, '700m'), victim('p2', 'node2', mid, '700m')])
    expect(['node1', 'node2']).toContain(r.nominatedNodeName)
    expect(r.victims).toHaveLength(1)
    expect(r.message).toBe('')
  })
  it('node with min highest priority pod is picked', () => {
    const pods = [
      victim('p1.1', 'node1', mid, '400m'),
      victim('p1.2', 'node1', low, '400m'),
      victim('p2.1', 'node2', mid, '400m'),
      victim('p2.2', 'node2', low, '400m'),
      victim('p3.1', 'node3', low, '400m'),
      victim('p3.2', 'node3', low, '400m'),
    ]
    const r = runPreempt(makePod('p').priority(high).req({ cpu: '1' }).obj(), ['node1', 'node2', 'node3'], pods)
    expect(r.nominatedNodeName).toBe('node3')
    expect(r.victims!.map((v) => v.metadata?.name).sort()).toEqual(['p3.1', 'p3.2'])
  })
  it('when highest priorities are the same, minimum sum of priorities is picked', () => {
    const pods = [
      victim('p1.1', 'node1', mid, '400m'),
      victim('p1.2', 'node1', low, '400m'),
      victim('p2.1', 'node2', mid, '400m'),
      victim('p2.2', 'node2', mid, '400m'),
      victim('p3.1', 'node3', mid, '400m'),
      victim('p3.2', 'node3', low, '400m'),
    ]
    for (const seed of [0, 0.4, 0.9]) {
      expect(['node1', 'node3']).toContain(runPreempt(makePod('p').priority(high).req({ cpu: '1' }).obj(), ['node1', 'node2', 'node3'], pods, seed).nominatedNodeName)
    }
  })
  it('when highest priority and sum are the same, minimum number of pods is picked', () => {
    const pods = [
      victim('p1.1', 'node1', mid, '300m'),
      victim('p1.2', 'node1', mid, '300m'),
      victim('p1.3', 'node1', mid, '300m'),
      victim('p2.1', 'node2', mid, '500m'),
      victim('p2.2', 'node2', mid, '450m'),
    ]
    // node1 needs 3 victims (sum 300 + 3·2^31), node2 needs 2.
    expect(runPreempt(makePod('p').priority(high).req({ cpu: '950m' }).obj(), ['node1', 'node2'], pods).nominatedNodeName).toBe('node2')
  })
  it('when all else ties, the node whose highest-priority victim started last', () => {
    const pods = [victim('old', 'node1', mid, '800m', '2025-01-01T00:00:00Z'), victim('new', 'node2', mid, '800m', '2025-06-01T00:00:00Z')]
    expect(runPreempt(makePod('p').priority(high).req({ cpu: '500m' }).obj(), ['node1', 'node2'], pods).nominatedNodeName).toBe('node2')
  })
})

// Upstream: default_preemption_test.go TestSelectNodesForPreemption / TestDryRunPreemption.
describe('selectVictimsOnNode', () => {
  it('reprieves the most important pods that can stay', () => {
    const pods = [victim('a', 'n', low, '300m'), victim('b', 'n', mid, '300m'), victim('c', 'n', low, '300m', '2024-01-01T00:00:00Z')]
    const snap = newSnapshot(nodes('n'), pods)
    const state = runPreFilterPlugins(newPodInfo(makePod('p').priority(high).req({ cpu: '500m' }).obj()), snap).state
    const r = selectVictimsOnNode(state, snap.list[0], undefined)
    // All three removed, then re-added by importance: b (mid priority) fits back (300m + 500m), c (low,
    // started first) would make 1100m > 1000m so it is a victim, and so is a.
    expect('victims' in r && r.victims.map((v) => v.pod.metadata?.name)).toEqual(['c', 'a'])
  })
  it('No preemption victims found for incoming pod', () => {
    const snap = newSnapshot(nodes('n'), [victim('a', 'n', high, '900m')])
    const state = runPreFilterPlugins(newPodInfo(makePod('p').priority(high).req({ cpu: '500m' }).obj()), snap).state
    expect(selectVictimsOnNode(state, snap.list[0], undefined)).toEqual({
      status: { code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'] },
    })
  })
  it('preemption cannot help on nodes rejected as UnschedulableAndUnresolvable', () => {
    const snap = newSnapshot(nodes('n1', 'n2'))
    const state = runPreFilterPlugins(newPodInfo(makePod('p').priority(high).obj()), snap).state
    const m = newNodeToStatus()
    m.explicit.set('n1', newStatus('UnschedulableAndUnresolvable', 'node(s) were unschedulable'))
    m.explicit.set('n2', newStatus('Unschedulable', 'Insufficient cpu'))
    expect(preempt(state, snap, m, { rand: () => 0 }).message).toBe(
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    )
  })
})

describe('helpers', () => {
  it('calculateNumCandidates: 10% of nodes, at least 100, at most all', () => {
    expect(calculateNumCandidates(10)).toBe(10)
    expect(calculateNumCandidates(500)).toBe(100)
    expect(calculateNumCandidates(5000)).toBe(500)
  })
  it('moreImportantPod: priority, then earlier start', () => {
    expect(moreImportantPod(victim('a', 'n', mid, '1'), victim('b', 'n', low, '1'))).toBe(true)
    expect(moreImportantPod(victim('a', 'n', low, '1', '2025-02-01T00:00:00Z'), victim('b', 'n', low, '1', '2025-01-01T00:00:00Z'))).toBe(false)
  })
})
