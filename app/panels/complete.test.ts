import { describe, expect, it } from 'vitest'
import { complete } from './complete'

const ctx = { keys: ['/registry/pods/default/nginx', '/registry/pods/default/nginx-2', '/registry/deployments/default/web', '/registry/minions/node-1'] }

describe('console completion', () => {
  it('completes verbs', () => {
    expect(complete('desc', ctx)).toEqual({ line: 'describe ', options: ['describe'] })
    expect(complete('kubectl ro', ctx)).toEqual({ line: 'kubectl rollout ', options: ['rollout'] })
    expect(complete('c', ctx).options).toEqual(['cordon', 'create'])
    expect(complete('c', ctx).line).toBe('c')
  })

  it('completes resource types and names', () => {
    expect(complete('get deploy', ctx).options).toEqual(['deploy', 'deployment', 'deployments'])
    expect(complete('get svc', ctx).line).toBe('get svc ')
    expect(complete('describe pod ng', ctx)).toEqual({ line: 'describe pod nginx', options: ['nginx', 'nginx-2'] })
    expect(complete('delete deployment w', ctx).line).toBe('delete deployment web ')
    expect(complete('get nodes n', ctx).line).toBe('get nodes node-1 ')
    expect(complete('rollout undo deployment/', ctx).line).toBe('rollout undo deployment/web ')
    expect(complete('rollout u', ctx).line).toBe('rollout undo ')
  })

  it('leaves the line alone when nothing matches', () => {
    expect(complete('get pods zzz', ctx)).toEqual({ line: 'get pods zzz', options: [] })
  })
})
