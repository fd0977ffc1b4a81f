import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { describe, expect, it } from 'vitest'
import { newSnapshot } from '../../snapshot'
import { makeNode, makePod } from '../../testing'
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch, Filter, NormalizeScore, PreFilter, PreScore, Score } from './index'

const fooSelector: LabelSelector = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }
const barSelector: LabelSelector = { matchExpressions: [{ key: 'bar', operator: 'Exists' }] }
const node = (name: string, labels: Record<string, string>) =>
  makeNode(name)
    .with((n) => (n.metadata!.labels = labels))
    .obj()
const existing = (name: string, nodeName: string, labels: Record<string, string> = { foo: '' }, ns = 'default') =>
  makePod(name).namespace(ns).node(nodeName).labels(labels).obj()
const spreadPod = (maxSkew: number, key: string, when: 'DoNotSchedule' | 'ScheduleAnyway', sel: LabelSelector | undefined, labels: Record<string, string> = { foo: '' }) =>
  makePod('p')
    .labels(labels)
    .spread({ maxSkew, topologyKey: key, whenUnsatisfiable: when, labelSelector: sel })

function filterCodes(pod: Pod, nodes: Node[], pods: Pod[]): Record<string, string> {
  const snap = newSnapshot(nodes, pods)
  const st = PreFilter(pod, snap.list)
  const out: Record<string, string> = {}
  for (const ni of snap.list) out[ni.name] = st ? (Filter(st, pod, ni)?.code ?? 'Success') : 'Success'
  return out
}

const zoneNodes = () => [
  node('node-a', { zone: 'zone1', node: 'node-a' }),
  node('node-b', { zone: 'zone1', node: 'node-b' }),
  node('node-x', { zone: 'zone2', node: 'node-x' }),
  node('node-y', { zone: 'zone2', node: 'node-y' }),
]

// Upstream: pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go TestSingleConstraint.
describe('PodTopologySpread Filter', () => {
  it('no existing pods', () => {
    expect(filterCodes(spreadPod(1, 'zone', 'DoNotSchedule', fooSelector).obj(), zoneNodes(), [])).toEqual({
      'node-a': 'Success',
      'node-b': 'Success',
      'node-x': 'Success',
      'node-y': 'Success',
    })
  })
  it("no existing pods, incoming pod doesn't match itself", () => {
    const codes = filterCodes(spreadPod(1, 'zone', 'DoNotSchedule', barSelector).obj(), zoneNodes(), [])
    expect(Object.values(codes)).toEqual(['Success', 'Success', 'Success', 'Success'])
  })
  it('existing pods in a different namespace do not count', () => {
    const pods = [existing('p-a1', 'node-a', { foo: '' }, 'ns1'), existing('p-b1', 'node-b', { foo: '' }, 'ns2'), existing('p-x1', 'node-x'), existing('p-y1', 'node-y'), existing('p-y2', 'node-y')]
    expect(filterCodes(spreadPod(1, 'zone', 'DoNotSchedule', fooSelector).obj(), zoneNodes(), pods)).toEqual({
      'node-a': 'Success',
      'node-b': 'Success',
      'node-x': 'Unschedulable',
      'node-y': 'Unschedulable',
    })
  })
  it('pods spread across zones as 3/3, all nodes fit', () => {
    const pods = [existing('p-a1', 'node-a'), existing('p-b1', 'node-b'), existing('p-b2', 'node-b'), existing('p-x1', 'node-x'), existing('p-y1', 'node-y'), existing('p-y2', 'node-y')]
    expect(Object.values(filterCodes(spreadPod(1, 'zone', 'DoNotSchedule', fooSelector).obj(), zoneNodes(), pods))).toEqual(['Success', 'Success', 'Success', 'Success'])
  })
  it("pods spread across zones as 1/2 due to absence of label 'zone' on node-b", () => {
    const nodes = [node('node-a', { zone: 'zone1', node: 'node-a' }), node('node-b', { zon: 'zone1', node: 'node-b' }), node('node-x', { zone: 'zone2', node: 'node-x' }), node('node-y', { zone: 'zone2', node: 'node-y' })]
    const pods = [existing('p-a1', 'node-a'), existing('p-b1', 'node-b'), existing('p-x1', 'node-x'), existing('p-y1', 'node-y')]
    expect(filterCodes(spreadPod(1, 'zone', 'DoNotSchedule', fooSelector).obj(), nodes, pods)).toEqual({
      'node-a': 'Success',
      'node-b': 'UnschedulableAndUnresolvable',
      'node-x': 'Unschedulable',
      'node-y': 'Unschedulable',
    })
  })
  it("pod cannot be scheduled as all nodes don't have label 'rack'", () => {
    const nodes = [node('node-a', { zone: 'zone1', node: 'node-a' }), node('node-x', { zone: 'zone2', node: 'node-x' })]
    expect(filterCodes(spreadPod(1, 'rack', 'DoNotSchedule', fooSelector).obj(), nodes, [])).toEqual({
      'node-a': 'UnschedulableAndUnresolvable',
      'node-x': 'UnschedulableAndUnresolvable',
    })
  })
  const nodeSpread = () => [existing('p-a1', 'node-a'), existing('p-a2', 'node-a'), existing('p-b1', 'node-b'), existing('p-y1', 'node-y'), existing('p-y2', 'node-y'), existing('p-y3', 'node-y')]
  it('pods spread across nodes as 2/1/0/3, only node-x fits', () => {
    expect(filterCodes(spreadPod(1, 'node', 'DoNotSchedule', fooSelector).obj(), zoneNodes(), nodeSpread())).toEqual({
      'node-a': 'Unschedulable',
      'node-b': 'Unschedulable',
      'node-x': 'Success',
      'node-y': 'Unschedulable',
    })
  })
  it('pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', () => {
    expect(filterCodes(spreadPod(2, 'node', 'DoNotSchedule', fooSelector).obj(), zoneNodes(), nodeSpread())).toEqual({
      'node-a': 'Unschedulable',
      'node-b': 'Success',
      'node-x': 'Success',
      'node-y': 'Unschedulable',
    })
  })
  it('uses the upstream reasons', () => {
    const snap = newSnapshot([node('node-a', { zone: 'zone1' }), node('node-b', {})], [existing('p-a1', 'node-a'), existing('p-a2', 'node-a')])
    const pod = spreadPod(1, 'zone', 'DoNotSchedule', fooSelector).obj()
    const st = PreFilter(pod, snap.list)!
    expect(Filter(st, pod, snap.list[1])?.reasons).toEqual([ErrReasonNodeLabelNotMatch])
    expect(ErrReasonNodeLabelNotMatch).toBe("node(s) didn't match pod topology spread constraints (missing required label)")
    // One domain with 2 pods: 2 + 1 − 2 = 1 ≤ 1 passes; with minDomains 2 the minimum is 0 → 3 > 1.
    expect(Filter(st, pod, snap.list[0])).toBeNull()
    const withMin = makePod('p').labels({ foo: '' }).spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: fooSelector, minDomains: 2 }).obj()
    expect(Filter(PreFilter(withMin, snap.list)!, withMin, snap.list[0])?.reasons).toEqual([ErrReasonConstraintsNotMatch])
  })
  it('PreFilter skips pods without DoNotSchedule constraints', () => {
    expect(PreFilter(makePod().obj(), newSnapshot(zoneNodes()).list)).toBeNull()
  })
})

function spreadScores(pod: Pod, nodes: Node[], failed: Node[], pods: Pod[], services?: Parameters<typeof PreScore>[3]): number[] | null {
  const snap = newSnapshot([...nodes, ...failed], pods)
  const feasible = snap.list.filter((n) => nodes.some((x) => x.metadata?.name === n.name))
  const st = PreScore(pod, feasible, snap.list, services)
  if (!st) return null
  const raw = feasible.map((ni) => Score(st, ni))
  return NormalizeScore(
    st,
    feasible.map((n) => n.name),
    raw,
  )
}
const hostNode = (name: string, extra: Record<string, string> = {}) => node(name, { 'kubernetes.io/hostname': name, ...extra })

// Upstream: pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go TestPodTopologySpreadScore.
describe('PodTopologySpread Score + NormalizeScore', () => {
  const abcd = () => [hostNode('node-a'), hostNode('node-b'), hostNode('node-c'), hostNode('node-d')]
  const soft = (maxSkew: number, key = 'kubernetes.io/hostname', sel: LabelSelector | undefined = fooSelector) => spreadPod(maxSkew, key, 'ScheduleAnyway', sel).obj()
  const spread2103 = () => [existing('p-a1', 'node-a'), existing('p-a2', 'node-a'), existing('p-b1', 'node-b'), existing('p-d1', 'node-d'), existing('p-d2', 'node-d'), existing('p-d3', 'node-d')]
  const spread4321 = () => [
    ...['p-a1', 'p-a2', 'p-a3', 'p-a4'].map((n) => existing(n, 'node-a')),
    ...['p-b1', 'p-b2', 'p-b3'].map((n) => existing(n, 'node-b')),
    ...['p-c1', 'p-c2'].map((n) => existing(n, 'node-c')),
    existing('p-d1', 'node-d'),
  ]
  it('one constraint on node, no existing pods', () => {
    expect(spreadScores(soft(1), [hostNode('node-a'), hostNode('node-b')], [], [])).toEqual([100, 100])
  })
  it('one constraint on node, only one node is candidate', () => {
    expect(spreadScores(soft(1), [hostNode('node-a')], [hostNode('node-b')], [existing('p-a1', 'node-a'), existing('p-a2', 'node-a'), existing('p-b1', 'node-b')])).toEqual([100])
  })
  it('one constraint on node, all 4 nodes are candidates', () => {
    expect(spreadScores(soft(1), abcd(), [], spread2103())).toEqual([20, 60, 100, 0])
  })
  it('one constraint on node, null selector', () => {
    // A nil labelSelector matches nothing, so every domain counts 0.
    const pod = makePod('p').labels({ foo: '' }).spread({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }).obj()
    expect(spreadScores(pod, abcd(), [], spread2103())).toEqual([100, 100, 100, 100])
  })
  it('one constraint on node, all 4 nodes are candidates, maxSkew=2', () => {
    expect(spreadScores(soft(2), abcd(), [], spread2103())).toEqual([33, 66, 100, 16])
  })
  it('one constraint on node, all 4 nodes are candidates, maxSkew=3', () => {
    expect(spreadScores(soft(3), abcd(), [], spread4321())).toEqual([44, 66, 77, 100])
  })
  it("system defaulting, nodes don't have zone, pods match service", () => {
    const pod = makePod('p').labels({ foo: '' }).obj()
    const services = { services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } }] }
    expect(spreadScores(pod, abcd(), [], spread4321(), services)).toEqual([44, 66, 77, 100])
    // Without a Service or controller the pod gets no default constraints: PreScore skips.
    expect(spreadScores(pod, abcd(), [], spread4321())).toBeNull()
  })
  it('one constraint on node, 3 out of 4 nodes are candidates', () => {
    const pods = [
      ...['p-a1', 'p-a2', 'p-a3', 'p-a4'].map((n) => existing(n, 'node-a')),
      existing('p-b1', 'node-b'),
      existing('p-b2', 'node-b'),
      existing('p-x1', 'node-x'),
      ...['p-y1', 'p-y2', 'p-y3'].map((n) => existing(n, 'node-y')),
    ]
    expect(spreadScores(soft(1), [hostNode('node-a'), hostNode('node-b'), hostNode('node-x')], [hostNode('node-y')], pods)).toEqual([33, 83, 100])
    const noKey = [hostNode('node-a'), node('node-b', { n: 'node-b' }), hostNode('node-x')]
    expect(spreadScores(soft(1), noKey, [hostNode('node-y')], pods)).toEqual([16, 0, 100])
  })
  it('one constraint on zone, 3 out of 4 nodes are candidates', () => {
    const pods = [
      ...['p-a1', 'p-a2', 'p-a3', 'p-a4'].map((n) => existing(n, 'node-a')),
      existing('p-b1', 'node-b'),
      existing('p-b2', 'node-b'),
      existing('p-x1', 'node-x'),
      ...['p-y1', 'p-y2', 'p-y3'].map((n) => existing(n, 'node-y')),
    ]
    const nodes = [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' })]
    expect(spreadScores(soft(1, 'zone'), nodes, [hostNode('node-y', { zone: 'zone2' })], pods)).toEqual([75, 75, 100])
  })
  it('two Constraints on zone and node, 2 out of 4 nodes are candidates', () => {
    const pod = makePod('p')
      .labels({ foo: '' })
      .spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: fooSelector })
      .spread({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: fooSelector })
      .obj()
    const pods = [
      existing('p-a1', 'node-a'),
      existing('p-a2', 'node-a'),
      existing('p-b1', 'node-b'),
      existing('p-x1', 'node-x'),
      existing('p-x2', 'node-x'),
      ...['p-y1', 'p-y2', 'p-y3', 'p-y4'].map((n) => existing(n, 'node-y')),
    ]
    const nodes = [hostNode('node-a', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' })]
    const failed = [hostNode('node-b', { zone: 'zone1' }), hostNode('node-y', { zone: 'zone2' })]
    expect(spreadScores(pod, nodes, failed, pods)).toEqual([100, 63])
  })
  it('two Constraints on zone and node, with different labelSelectors', () => {
    const pod = makePod('p')
      .labels({ foo: '', bar: '' })
      .spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: fooSelector })
      .spread({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: barSelector })
      .obj()
    const pods = [existing('p-a1', 'node-a', { foo: '' }), existing('p-b1', 'node-b', { foo: '', bar: '' }), existing('p-y1', 'node-y', { foo: '' }), existing('p-y2', 'node-y', { bar: '' })]
    const nodes = [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' }), hostNode('node-y', { zone: 'zone2' })]
    expect(spreadScores(pod, nodes, [], pods)).toEqual([60, 20, 100, 60])
  })
})
