import { describe, expect, it } from 'vitest'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { ErrReason, Filter } from './index'

// Upstream: pkg/scheduler/framework/plugins/nodename/node_name_test.go TestNodeName.
describe('NodeName Filter', () => {
  const ni = newNodeInfo(makeNode('foo').obj())
  it('no host specified', () => expect(Filter(makePod().obj(), ni)).toBeNull())
  it('host matches', () => expect(Filter(makePod().node('foo').obj(), ni)).toBeNull())
  it("host doesn't match", () => {
    expect(Filter(makePod().node('bar').obj(), ni)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReason] })
  })
})
