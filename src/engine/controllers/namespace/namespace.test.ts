import { describe, expect, it } from 'vitest'
import { namespaceConditions } from './namespace'

describe('namespace deletion conditions', () => {
  it('reports remaining content as upstream words it, then all clear', () => {
    const t0 = '2025-01-01T00:00:00Z'
    const c1 = namespaceConditions(undefined, new Map([['pods.', 2], ['persistentvolumeclaims.', 1]]), new Map([['kubernetes.io/pvc-protection', 1]]), t0)
    expect(c1.map((c) => c.type)).toEqual(['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'])
    expect(c1[3]).toEqual({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: t0, reason: 'SomeResourcesRemain', message: 'Some resources are remaining: persistentvolumeclaims. has 1 resource instances, pods. has 2 resource instances' })
    expect(c1[4].message).toBe('Some finalizers are remaining: kubernetes.io/pvc-protection in 1 resource instances')
    const t1 = '2025-01-01T00:00:30Z'
    const c2 = namespaceConditions(c1, new Map(), new Map(), t1)
    expect(c2[3]).toEqual({ type: 'NamespaceContentRemaining', status: 'False', lastTransitionTime: t1, reason: 'ContentRemoved', message: 'All content successfully removed' })
    // Unchanged status keeps its transition time.
    expect(c2[0].lastTransitionTime).toBe(t0)
  })
})
