import { describe, expect, it } from 'vitest'
import { fitErrorMessage, newNodeToStatus, truncateMessage } from './fiterror'
import { newStatus } from './status'

function statuses(m: Record<string, string[]>) {
  const n = newNodeToStatus()
  for (const [node, reasons] of Object.entries(m)) n.explicit.set(node, newStatus('Unschedulable', ...reasons))
  return n
}

// Upstream: pkg/scheduler/framework/types_test.go TestFitError_Error.
describe('fitErrorMessage (FitError.Error)', () => {
  it('nodes failed Prefilter plugin', () => {
    const m = statuses({ node1: ['Node(s) failed PreFilter plugin FalsePreFilter'], node2: ['Node(s) failed PreFilter plugin FalsePreFilter'], node3: ['Node(s) failed PreFilter plugin FalsePreFilter'] })
    expect(fitErrorMessage(3, { nodeToStatus: m, preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter' })).toBe(
      '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    )
  })
  it('nodes failed one Filter plugin with an empty PostFilterMsg', () => {
    const m = statuses({ node1: ['Node(s) failed Filter plugin FalseFilter-1'], node2: ['Node(s) failed Filter plugin FalseFilter-1'], node3: ['Node(s) failed Filter plugin FalseFilter-1'] })
    expect(fitErrorMessage(3, { nodeToStatus: m })).toBe('0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.')
  })
  it('nodes failed one Filter plugin with a non-empty PostFilterMsg', () => {
    const m = statuses({ node1: ['Node(s) failed Filter plugin FalseFilter-1'], node2: ['Node(s) failed Filter plugin FalseFilter-1'], node3: ['Node(s) failed Filter plugin FalseFilter-1'] })
    expect(fitErrorMessage(3, { nodeToStatus: m, postFilterMsg: 'Error running PostFilter plugin FailedPostFilter' })).toBe(
      '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    )
  })
  it('nodes failed two Filter plugins with an empty PostFilterMsg', () => {
    const m = statuses({ node1: ['Node(s) failed Filter plugin FalseFilter-1'], node2: ['Node(s) failed Filter plugin FalseFilter-1'], node3: ['Node(s) failed Filter plugin FalseFilter-2'] })
    expect(fitErrorMessage(3, { nodeToStatus: m })).toBe('0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.')
  })
  it('failed to Permit on node', () => {
    expect(fitErrorMessage(1, { nodeToStatus: statuses({ node1: ['Node failed Permit plugin Permit-1'] }) })).toBe('0/1 nodes are available: 1 Node failed Permit plugin Permit-1.')
  })
  it('every reason of a node counts, and absent nodes count with the absent status', () => {
    const m = statuses({ node1: ['Insufficient cpu', 'Insufficient memory'] })
    m.absent = newStatus('UnschedulableAndUnresolvable', "node(s) didn't satisfy plugin(s) [NodeAffinity]")
    expect(fitErrorMessage(3, { nodeToStatus: m })).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    )
  })
  it('sorts the parts as text, so "10 …" comes before "2 …"', () => {
    const m: Record<string, string[]> = {}
    for (let i = 0; i < 10; i++) m[`a${i}`] = ['Insufficient memory']
    m.b1 = ['Insufficient cpu']
    m.b2 = ['Insufficient cpu']
    expect(fitErrorMessage(12, { nodeToStatus: statuses(m) })).toBe('0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.')
  })
})

describe('truncateMessage', () => {
  it('keeps short messages and cuts long ones to 1024 characters with " ..."', () => {
    expect(truncateMessage('short')).toBe('short')
    const long = 'x'.repeat(2000)
    expect(truncateMessage(long)).toHaveLength(1024)
    expect(truncateMessage(long).endsWith(' ...')).toBe(true)
  })
})
