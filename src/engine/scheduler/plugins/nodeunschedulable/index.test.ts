import { describe, expect, it } from 'vitest'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { ErrReasonUnschedulable, Filter } from './index'

// Upstream: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go TestNodeUnschedulable.
describe('NodeUnschedulable Filter', () => {
  it('Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', () => {
    expect(Filter(makePod().obj(), newNodeInfo(makeNode().unschedulable().obj()))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: [ErrReasonUnschedulable],
    })
  })
  it('Schedule pod to normal node', () => {
    expect(Filter(makePod().obj(), newNodeInfo(makeNode().unschedulable(false).obj()))).toBeNull()
  })
  it('Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)', () => {
    const pod = makePod().toleration({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }).obj()
    expect(Filter(pod, newNodeInfo(makeNode().unschedulable().obj()))).toBeNull()
  })
})
