import type { Node, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { Random, newRandomState } from '../sim/random'
import { numFeasibleNodesToFind, schedulePod, type ScheduleOptions } from './framework'
import { selectHost } from './prioritize'
import { newSnapshot, snapshotAddPod } from './snapshot'
import { makeNode, makePod } from './testing'

const rng = (seed: number) => {
  const r = new Random(newRandomState(seed))
  return () => r.next()
}
const opts = (o: Partial<ScheduleOptions> = {}): ScheduleOptions => ({ rand: rng(1), ...o })
const worker = (name: string, cpu = '4', memory = '8Gi') => makeNode(name).capacity({ cpu, memory }).obj()
const controlPlane = (name: string) =>
  makeNode(name)
    .capacity({ cpu: '4', memory: '8Gi' })
    .labels({ 'node-role.kubernetes.io/control-plane': '' })
    .taint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' })
    .obj()

// Upstream: pkg/scheduler/schedule_one_test.go TestNumFeasibleNodesToFind.
describe('numFeasibleNodesToFind', () => {
  it.each<[string, number | undefined, number, number]>([
    ['not set percentageOfNodesToScore and nodes number not more than 50', undefined, 10, 10],
    ['set profile percentageOfNodesToScore and nodes number not more than 50', 40, 10, 10],
    ['not set percentageOfNodesToScore and nodes number more than 50', undefined, 1000, 420],
    ['set profile percentageOfNodesToScore and nodes number more than 50', 40, 1000, 400],
    ['not set percentageOfNodesToScore and nodes number more than 50*125', undefined, 6000, 300],
    ['set profile percentageOfNodesToScore and nodes number more than 50*125', 40, 6000, 2400],
    ['5000 nodes: 50 − 5000/125 = 10%', undefined, 5000, 500],
    ['never fewer than 100 nodes', undefined, 150, 100],
  ])('%s', (_n, pct, all, want) => expect(numFeasibleNodesToFind(pct, all)).toBe(want))
})

// Upstream: schedule_one_test.go TestFairEvaluationForNodes.
describe('rotating nextStartNodeIndex', () => {
  it('evaluates nodes fairly, starting where the previous cycle stopped', () => {
    const numAllNodes = 500
    const nodes = Array.from({ length: numAllNodes }, (_, i) => worker(String(i)))
    const snap = newSnapshot(nodes)
    const nodesToFind = numFeasibleNodesToFind(30, numAllNodes)
    expect(nodesToFind).toBe(150)
    let next = 0
    for (let i = 0; i < 2 * (Math.trunc(numAllNodes / nodesToFind) + 1); i++) {
      const r = schedulePod(makePod(`p${i}`).obj(), snap, opts({ nextStartNodeIndex: next, percentageOfNodesToScore: 30 }))
      expect(r.feasibleNodes).toBe(nodesToFind)
      expect(r.decision.nodesEvaluated).toBe(nodesToFind)
      expect(r.decision.verdicts[0].node).toBe(String(next))
      next = r.nextStartNodeIndex
      expect(next).toBe(((i + 1) * nodesToFind) % numAllNodes)
    }
  })
})

describe('FailedScheduling message', () => {
  it('the classic: one worker short of CPU, two tainted control-plane nodes', () => {
    const nodes = [controlPlane('cp-1'), controlPlane('cp-2'), worker('worker-1', '1')]
    const snap = newSnapshot(nodes, [makePod('running').node('worker-1').req({ cpu: '800m' }).obj()])
    const r = schedulePod(makePod('web').req({ cpu: '500m' }).obj(), snap, opts())
    expect(r.node).toBeUndefined()
    expect(r.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    )
    expect(r.decision.message).toBe(r.message)
    expect(r.unschedulablePlugins).toEqual(['NodeResourcesFit', 'TaintToleration'])
    expect(r.decision.verdicts.map((v) => [v.node, v.feasible, v.filter?.plugin])).toEqual([
      ['cp-1', false, 'TaintToleration'],
      ['cp-2', false, 'TaintToleration'],
      ['worker-1', false, 'NodeResourcesFit'],
    ])
  })

  it('cordoned node', () => {
    const snap = newSnapshot([makeNode('n1').capacity({ cpu: '1' }).unschedulable().obj()])
    expect(schedulePod(makePod().obj(), snap, opts({ preemption: false })).message).toBe('0/1 nodes are available: 1 node(s) were unschedulable.')
    expect(schedulePod(makePod().obj(), snap, opts()).message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    )
  })

  it('each node reports only its first failing filter (cordoned beats tainted beats resources)', () => {
    const n = makeNode('n1').capacity({ cpu: '100m' }).unschedulable().taint({ key: 'a', value: 'b', effect: 'NoSchedule' }).obj()
    const r = schedulePod(makePod().req({ cpu: '1' }).obj(), newSnapshot([n]), opts({ preemption: false }))
    expect(r.message).toBe('0/1 nodes are available: 1 node(s) were unschedulable.')
  })

  it('a node short of both cpu and memory counts both reasons', () => {
    const r = schedulePod(makePod().req({ cpu: '8', memory: '16Gi' }).obj(), newSnapshot([worker('w1')]), opts())
    expect(r.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    )
  })

  it('node selector', () => {
    const r = schedulePod(makePod().nodeSelector({ disktype: 'ssd' }).obj(), newSnapshot([worker('w1'), worker('w2')]), opts())
    expect(r.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    )
  })

  it('a PreFilter rejection is reported once', () => {
    const pod = makePod()
      .with(
        (p) =>
          (p.spec!.affinity = {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }, { key: 'metadata.name', operator: 'In', values: ['w2'] }] }],
              },
            },
          }),
      )
      .obj()
    const r = schedulePod(pod, newSnapshot([worker('w1'), worker('w2')]), opts())
    expect(r.message).toBe('0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.')
    expect(r.decision.nodesEvaluated).toBe(0)
  })

  it('nodes left out by PreFilterResult count with the absent status', () => {
    const pod = makePod()
      .req({ cpu: '8' })
      .with(
        (p) =>
          (p.spec!.affinity = {
            nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }] } },
          }),
      )
      .obj()
    const r = schedulePod(pod, newSnapshot([worker('w1'), worker('w2'), worker('w3')]), opts({ preemption: false }))
    expect(r.message).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].")
    expect(r.decision.nodesEvaluated).toBe(1)
    expect(r.decision.verdicts).toHaveLength(3)
  })

  it('no nodes at all', () => {
    const r = schedulePod(makePod().obj(), newSnapshot([]), opts())
    expect(r.message).toBe('no nodes available to schedule pods')
  })

  it('preemptionPolicy Never', () => {
    const pod = makePod().req({ cpu: '8' }).with((p) => (p.spec!.preemptionPolicy = 'Never')).obj()
    expect(schedulePod(pod, newSnapshot([worker('w1')]), opts()).message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.')
  })
})

describe('scoring', () => {
  it('weights normalised scores and picks the best total', () => {
    const snap = newSnapshot([worker('busy'), worker('idle')], [makePod('load').node('busy').req({ cpu: '3', memory: '6Gi' }).obj()])
    const r = schedulePod(makePod('web').req({ cpu: '500m', memory: '512Mi' }).obj(), snap, opts())
    expect(r.node).toBe('idle')
    const idle = r.decision.verdicts.find((v) => v.node === 'idle')!
    const busy = r.decision.verdicts.find((v) => v.node === 'busy')!
    expect(idle.scores!.map((s) => [s.plugin, s.weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeResourcesFit', 1],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ])
    const fit = (v: typeof idle) => v.scores!.find((s) => s.plugin === 'NodeResourcesFit')!
    // idle: cpu (4000−500)/4000 → 87, memory (8192−512)/8192 → 93 → (87+93)/2 = 90.
    expect(fit(idle).raw).toBe(90)
    // busy: cpu (4000−3500)/4000 → 12, memory (8192−6656)/8192 → 18 → 15.
    expect(fit(busy).raw).toBe(15)
    for (const v of [idle, busy]) expect(v.total).toBe(v.scores!.reduce((s, x) => s + x.normalized * x.weight, 0))
    expect(idle.total! > busy.total!).toBe(true)
  })

  it('skips scoring when a single node passes the filters', () => {
    const r = schedulePod(makePod().req({ cpu: '3' }).obj(), newSnapshot([worker('small', '1'), worker('big')]), opts())
    expect(r.node).toBe('big')
    expect(r.decision.verdicts.find((v) => v.node === 'big')).toEqual({ node: 'big', feasible: true })
  })

  it('keeps the explanation for every evaluated node', () => {
    const r = schedulePod(makePod().obj(), newSnapshot([worker('a'), controlPlane('cp'), worker('b')]), opts())
    expect(r.decision.nodesTotal).toBe(3)
    expect(r.decision.nodesEvaluated).toBe(3)
    expect(r.decision.verdicts.filter((v) => v.feasible)).toHaveLength(2)
    expect(r.decision.verdicts.find((v) => v.node === 'cp')?.filter).toEqual({
      plugin: 'TaintToleration',
      reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    })
  })
})

// Upstream: schedule_one_test.go TestSelectHost.
describe('selectHost', () => {
  const pick = (totals: number[], seed: number) => selectHost(totals, rng(seed))
  it('unique properly ordered scores', () => expect(pick([1, 2], 1)).toBe(1))
  it('equal scores', () => {
    for (let s = 0; s < 10; s++) expect([1, 2, 3]).toContain(pick([1, 2, 2, 2], s))
  })
  it('out of order scores', () => {
    for (let s = 0; s < 10; s++) expect([0, 1, 4]).toContain(pick([3, 3, 2, 1, 3], s))
  })
  it('empty priority list', () => expect(pick([], 1)).toBe(-1))
  it('is deterministic for a seed and roughly uniform over seeds', () => {
    expect(pick([5, 5, 5, 5], 42)).toBe(pick([5, 5, 5, 5], 42))
    const counts = [0, 0, 0, 0]
    for (let s = 1; s <= 4000; s++) counts[pick([5, 5, 5, 5], s)]++
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150)
  })
})

describe('tie-breaking in schedulePod', () => {
  it('breaks ties with the seeded random, not by node order', () => {
    const nodes = Array.from({ length: 5 }, (_, i) => worker(`n${i}`))
    const chosen = new Set<string>()
    for (let seed = 1; seed <= 50; seed++) chosen.add(schedulePod(makePod().obj(), newSnapshot(nodes), opts({ rand: rng(seed) })).node!)
    expect(chosen.size).toBe(5)
    const a = schedulePod(makePod().obj(), newSnapshot(nodes), opts({ rand: rng(7) })).node
    const b = schedulePod(makePod().obj(), newSnapshot(nodes), opts({ rand: rng(7) })).node
    expect(a).toBe(b)
  })
})

describe('node order (nodeTree)', () => {
  it('interleaves zones as upstream nodeTree.list()', () => {
    const z = (name: string, zone: string): Node => makeNode(name).capacity({ cpu: '1' }).labels({ 'topology.kubernetes.io/zone': zone }).obj()
    const snap = newSnapshot([z('a1', 'a'), z('a2', 'a'), z('a3', 'a'), z('b1', 'b'), z('c1', 'c'), z('c2', 'c')])
    expect(snap.list.map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3'])
  })
})

describe('preemption', () => {
  const low = (name: string, node: string, cpu: string): Pod => makePod(name).priority(0).node(node).req({ cpu }).status({ startTime: '2025-01-01T00:00:00Z' }).obj()

  it('nominates a node and picks the fewest, least important victims', () => {
    const snap = newSnapshot([worker('w1', '2'), worker('w2', '2')], [low('a', 'w1', '1500m'), low('b', 'w2', '1'), low('c', 'w2', '900m')])
    const pod = makePod('important').priority(1000).req({ cpu: '1' }).obj()
    const r = schedulePod(pod, snap, opts())
    expect(r.node).toBeUndefined()
    // w1: evicting a (1 victim). w2: evicting b alone frees enough (c reprieved) → 1 victim too; tie on
    // priorities and counts, then both victims started at the same time → the first candidate.
    expect(r.nominatedNodeName).toBeDefined()
    expect(r.victims).toHaveLength(1)
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu.')
  })

  it('reports the remaining filter failure when evicting every lower-priority pod is not enough', () => {
    const snap = newSnapshot([worker('w1', '1')], [low('a', 'w1', '500m')])
    const r = schedulePod(makePod('big').priority(10).req({ cpu: '2' }).obj(), snap, opts())
    expect(r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.')
  })

  it('the nominated pod is considered by later, lower-priority pods', () => {
    const snap = newSnapshot([worker('w1', '1')])
    const nominated = makePod('nom').priority(100).req({ cpu: '800m' }).status({ nominatedNodeName: 'w1' }).obj()
    const r = schedulePod(makePod('small').req({ cpu: '500m' }).obj(), snap, opts({ nominatedPods: new Map([['w1', [nominated]]]) }))
    expect(r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.')
    // The nominated pod itself schedules on its nominated node first.
    const own = schedulePod(nominated, snap, opts({ nominatedPods: new Map([['w1', [nominated]]]) }))
    expect(own.node).toBe('w1')
  })
})

describe('assume', () => {
  it('an assumed pod takes its resources for the next cycle', () => {
    const snap = newSnapshot([worker('w1', '1')])
    const first = schedulePod(makePod('a').req({ cpu: '600m' }).obj(), snap, opts())
    expect(first.node).toBe('w1')
    snapshotAddPod(snap, makePod('a').req({ cpu: '600m' }).node('w1').obj())
    const second = schedulePod(makePod('b').req({ cpu: '600m' }).obj(), snap, opts({ preemption: false }))
    expect(second.message).toBe('0/1 nodes are available: 1 Insufficient cpu.')
  })
})
