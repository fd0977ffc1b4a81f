import type { Taint, Toleration } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { Filter, NormalizeScore, PreScore, Score } from './index'

const podWith = (t: Toleration[]) => makePod('pod1').with((p) => (p.spec!.tolerations = t)).obj()
const nodeWith = (name: string, t: Taint[]) => newNodeInfo(makeNode(name).with((n) => (n.spec!.taints = t)).obj())

// Upstream: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go TestTaintTolerationFilter.
describe('TaintToleration Filter', () => {
  const rejected = (reason: string) => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] })
  it.each<[string, Toleration[], Taint[], object | null]>([
    [
      "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      [],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      rejected('node(s) had untolerated taint {dedicated: user1}'),
    ],
    [
      'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      null,
    ],
    [
      "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      rejected('node(s) had untolerated taint {dedicated: user1}'),
    ],
    [
      'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      null,
    ],
    [
      'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      null,
    ],
    [
      "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      rejected('node(s) had untolerated taint {foo: bar}'),
    ],
    [
      'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      null,
    ],
    [
      "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      null,
    ],
    [
      'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      [],
      [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      null,
    ],
  ])('%s', (_name, tolerations, taints, want) => {
    expect(Filter(podWith(tolerations), nodeWith('nodeA', taints))).toEqual(want)
  })

  it('prints an empty value as in the control-plane taint', () => {
    const s = Filter(podWith([]), nodeWith('cp', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]))
    expect(s?.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'])
  })
})

// Upstream: taint_toleration_test.go TestTaintTolerationScore.
describe('TaintToleration Score + NormalizeScore', () => {
  const run = (tolerations: Toleration[], nodes: [string, Taint[]][]) => {
    const st = PreScore(podWith(tolerations))
    return NormalizeScore(nodes.map(([n, t]) => Score(st, nodeWith(n, t))))
  }
  const pref = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' })
  it('node with taints tolerated by the pod, gets a higher score than those node with intolerable taints', () => {
    expect(run([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [['nodeA', [pref('foo', 'bar')]], ['nodeB', [pref('foo', 'blah')]]])).toEqual([100, 0])
  })
  it('the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has', () => {
    const tol: Toleration[] = [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ]
    expect(run(tol, [['nodeA', []], ['nodeB', [pref('cpu-type', 'arm64')]], ['nodeC', [pref('cpu-type', 'arm64'), pref('disk-type', 'ssd')]]])).toEqual([100, 100, 100])
  })
  it('the more intolerable taints a node has, the lower score it gets.', () => {
    expect(
      run([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [['nodeA', []], ['nodeB', [pref('cpu-type', 'arm64')]], ['nodeC', [pref('cpu-type', 'arm64'), pref('disk-type', 'ssd')]]]),
    ).toEqual([100, 50, 0])
  })
  it('only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function', () => {
    const tol: Toleration[] = [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ]
    expect(run(tol, [['nodeA', []], ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]], ['nodeC', [pref('cpu-type', 'arm64'), pref('disk-type', 'ssd')]]])).toEqual([100, 100, 0])
  })
  it('Default behaviour No taints and tolerations, lands on node with no taints', () => {
    expect(run([], [['nodeA', []], ['nodeB', [pref('cpu-type', 'arm64')]]])).toEqual([100, 0])
  })
})
