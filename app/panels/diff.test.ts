import { describe, expect, it } from 'vitest'
import { objectDiff } from './diff'

describe('objectDiff', () => {
  it('lists changed, added and removed fields with their paths', () => {
    const before = { metadata: { resourceVersion: '5', name: 'nginx' }, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } }
    const after = { metadata: { resourceVersion: '6', name: 'nginx' }, spec: { nodeName: 'node-1' }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }
    expect(objectDiff(before, after)).toEqual([
      { path: 'spec', after: { nodeName: 'node-1' } },
      { path: 'status.conditions[type=Ready].status', before: 'False', after: 'True' },
      { path: 'status.phase', before: 'Pending', after: 'Running' },
      { path: 'metadata.resourceVersion', before: '5', after: '6' },
    ])
  })

  it('matches conditions by type, not by position', () => {
    const before = { conditions: [{ type: 'PodScheduled', status: 'True' }] }
    const after = { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] }
    expect(objectDiff(before, after)).toEqual([{ path: 'conditions[type=Ready]', after: { type: 'Ready', status: 'False' } }])
  })

  it('treats a create as one added object', () => {
    expect(objectDiff(undefined, { a: 1 })).toEqual([{ path: '(object)', after: { a: 1 } }])
    expect(objectDiff({ a: 1 }, { a: 1 })).toEqual([])
  })
})
