/** The smallest strategic merge patch (what the kubelet sends for a status). */
import { describe, expect, it } from 'vitest'
import { changesPatch, strategicMergePatch } from './patch'

const stored = {
  conditions: [
    { type: 'PodReadyToStartContainers', status: 'False', lastTransitionTime: '2025-01-06T09:00:01Z' },
    { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: '2025-01-06T09:00:01Z' },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-06T09:00:00Z' },
  ],
  containerStatuses: [{ name: 'nginx', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }],
  hostIP: '172.18.0.2',
  phase: 'Pending',
  qosClass: 'BestEffort',
}

describe('changesPatch', () => {
  it('holds only what differs: changed fields of keyed items with their key, whole atomic lists, the order of a changed list', () => {
    const wanted = {
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2025-01-06T09:00:02Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2025-01-06T09:00:03Z' },
      ],
      containerStatuses: [{ name: 'nginx', ready: true, state: { running: { startedAt: '2025-01-06T09:00:02Z' } } }],
      hostIP: '172.18.0.2',
      phase: 'Running',
      podIP: '10.244.1.2',
    }
    const patch = changesPatch(stored, wanted, ['status'])
    expect(patch).toEqual({
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2025-01-06T09:00:02Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2025-01-06T09:00:03Z' },
      ],
      '$setElementOrder/conditions': [{ type: 'PodReadyToStartContainers' }, { type: 'Ready' }],
      containerStatuses: wanted.containerStatuses,
      phase: 'Running',
      podIP: '10.244.1.2',
    })
    // The same effect as patching with the whole status: fields left out stay (qosClass, the
    // scheduler's PodScheduled condition), so does a field the kubelet no longer sends (reason).
    expect(strategicMergePatch(stored, patch)).toEqual(strategicMergePatch(stored, wanted))
  })

  it('is empty when patching would change nothing, and keeps a reorder', () => {
    expect(changesPatch(stored, { phase: 'Pending', hostIP: '172.18.0.2', conditions: stored.conditions.slice(0, 2) }, ['status'])).toEqual({})
    const reordered = changesPatch(stored, { conditions: [stored.conditions[1], stored.conditions[0]] }, ['status'])
    expect(reordered).toEqual({ conditions: [], '$setElementOrder/conditions': [{ type: 'Ready' }, { type: 'PodReadyToStartContainers' }] })
    expect((strategicMergePatch(stored, reordered) as typeof stored).conditions.map((c) => c.type)).toEqual(['Ready', 'PodReadyToStartContainers', 'PodScheduled'])
  })
})
