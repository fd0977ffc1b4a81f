import type { Affinity, NodeSelectorRequirement } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { ErrReasonConflict, ErrReasonPod, Filter, NormalizeScore, PreFilter, PreScore, Score } from './index'

const required = (...terms: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[]): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
})

function filter(pod: ReturnType<typeof makePod>, labels: Record<string, string>, nodeName = 'node1') {
  const p = pod.obj()
  const pre = PreFilter(p)
  if (pre.skip) return null
  if (pre.status) return pre.status
  return Filter(pre.state, newNodeInfo(makeNode(nodeName).with((n) => (n.metadata!.labels = labels)).obj()))
}

const rejected = { code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonPod] }

// Upstream: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go TestNodeAffinity.
describe('NodeAffinity Filter', () => {
  it('no selector', () => expect(filter(makePod(), {})).toBeNull())
  it('missing labels', () => expect(filter(makePod().nodeSelector({ foo: 'bar' }), {})).toEqual(rejected))
  it('same labels', () => expect(filter(makePod().nodeSelector({ foo: 'bar' }), { foo: 'bar' })).toBeNull())
  it('node labels are superset', () => expect(filter(makePod().nodeSelector({ foo: 'bar' }), { foo: 'bar', baz: 'blah' })).toBeNull())
  it('node labels are subset', () => expect(filter(makePod().nodeSelector({ foo: 'bar', baz: 'blah' }), { foo: 'bar' })).toEqual(rejected))
  it('Pod with matchExpressions using In operator that matches the existing node', () => {
    const aff = required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), { foo: 'bar' })).toBeNull()
  })
  it('Pod with matchExpressions using Gt operator that matches the existing node', () => {
    const aff = required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), { 'kernel-version': '0206' })).toBeNull()
  })
  it('Pod with matchExpressions using NotIn operator that matches the existing node', () => {
    const aff = required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), { 'mem-type': 'DDR3' })).toBeNull()
  })
  it('Pod with matchExpressions using Exists operator that matches the existing node', () => {
    const aff = required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), { GPU: 'NVIDIA-GRID-K1' })).toBeNull()
  })
  it("Pod with affinity that don't match node's labels won't schedule onto the node", () => {
    const aff = required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), { foo: 'bar' })).toEqual(rejected)
  })
  it("Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node", () => {
    expect(filter(makePod().with((p) => (p.spec!.affinity = required())), { foo: 'bar' })).toEqual(rejected)
  })
  it("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node", () => {
    expect(filter(makePod().with((p) => (p.spec!.affinity = required({ matchExpressions: [] }))), { foo: 'bar' })).toEqual(rejected)
  })
  it('Pod with multiple NodeSelectorTerms ORed in affinity, matches the node', () => {
    const aff = required(
      { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] },
      { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] },
    )
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), { foo: 'bar' })).toBeNull()
  })
  it('Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node', () => {
    const aff = required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] })
    expect(filter(makePod().nodeSelector({ foo: 'bar' }).with((p) => (p.spec!.affinity = aff)), { foo: 'bar' })).toBeNull()
  })
  it('Pod with matchFields using In operator that matches the existing node', () => {
    const aff = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), {}, 'node1')).toBeNull()
  })
  it('Pod with matchFields using In operator that does not match the existing node', () => {
    const aff = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] })
    expect(filter(makePod().with((p) => (p.spec!.affinity = aff)), {}, 'node2')).toEqual(rejected)
  })
})

// Upstream: node_affinity_test.go TestNodeAffinity, PreFilterResult cases.
describe('NodeAffinity PreFilter', () => {
  it('Skip when the pod has neither nodeSelector nor required affinity', () => expect(PreFilter(makePod().obj())).toEqual({ skip: true }))
  it('returns the node names of metadata.name matchFields', () => {
    const aff = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node2'] }] })
    const r = PreFilter(makePod().with((p) => (p.spec!.affinity = aff)).obj())
    expect(!r.skip && !r.status && [...(r.nodeNames ?? [])]).toEqual(['node1', 'node2'])
  })
  it('Pod with two terms: matchFields does not match, but matchExpressions matches → all nodes', () => {
    const aff = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }, { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] })
    const r = PreFilter(makePod().with((p) => (p.spec!.affinity = aff)).obj())
    expect(!r.skip && !r.status && r.nodeNames).toBeUndefined()
  })
  it('pod affinity terms conflict', () => {
    const aff = required({
      matchFields: [
        { key: 'metadata.name', operator: 'In', values: ['node1'] },
        { key: 'metadata.name', operator: 'In', values: ['node2'] },
      ],
    })
    const r = PreFilter(makePod().with((p) => (p.spec!.affinity = aff)).obj())
    expect(!r.skip && r.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonConflict] })
  })
})

// Upstream: node_affinity_test.go TestNodeAffinityPriority.
describe('NodeAffinity Score + NormalizeScore', () => {
  const inReq = (key: string, v: string): NodeSelectorRequirement => ({ key, operator: 'In', values: [v] })
  const affinity1: Affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: { matchExpressions: [inReq('foo', 'bar')] } }] } }
  const affinity2: Affinity = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [inReq('foo', 'bar')] } },
        { weight: 4, preference: { matchExpressions: [inReq('key', 'value')] } },
        { weight: 5, preference: { matchExpressions: [inReq('foo', 'bar'), inReq('key', 'value'), inReq('az', 'az1')] } },
      ],
    },
  }
  const label1 = { foo: 'bar' }
  const label2 = { key: 'value' }
  const label3 = { az: 'az1' }
  const label4 = { abc: 'az11', def: 'az22' }
  const label5 = { foo: 'bar', key: 'value', az: 'az1' }
  const run = (aff: Affinity | undefined, nodes: Record<string, string>[]) => {
    const terms = PreScore(makePod().with((p) => (p.spec!.affinity = aff)).obj())
    if (!terms) return null
    return NormalizeScore(nodes.map((l, i) => Score(terms, newNodeInfo(makeNode(`node${i}`).with((n) => (n.metadata!.labels = l)).obj()))))
  }
  it('all nodes are same priority as NodeAffinity is nil (PreScore skips)', () => expect(run(undefined, [label1, label2, label3])).toBeNull())
  it("no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero", () => {
    expect(run(affinity1, [label4, label2, label3])).toEqual([0, 0, 0])
  })
  it('only node1 matches the preferred scheduling requirements of pod', () => expect(run(affinity1, [label1, label2, label3])).toEqual([100, 0, 0]))
  it('all nodes matches the preferred scheduling requirements of pod but with different priorities', () => {
    expect(run(affinity2, [label1, label5, label2])).toEqual([18, 100, 36])
  })
})
