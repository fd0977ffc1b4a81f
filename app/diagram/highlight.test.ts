import { describe, expect, it } from 'vitest'
import { componentMatches } from './highlight'

describe('componentMatches', () => {
  it('matches names, wildcards and the box holding a part', () => {
    expect(componentMatches(['apiserver'], 'apiserver')).toBe(true)
    expect(componentMatches(['kubelet/*'], 'kubelet/node-2')).toBe(true)
    expect(componentMatches(['kubelet/*'], 'runtime/node-2')).toBe(false)
    expect(componentMatches(['controller-manager/deployment'], 'controller-manager')).toBe(true)
    expect(componentMatches(['etcd'], 'apiserver')).toBe(false)
  })
})
