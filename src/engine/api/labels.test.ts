import { describe, expect, it } from 'vitest'
import { fromLabelSelector, matches, parseFieldSelector, matchesFields, parseSelector, SelectorParseError } from './labels'

describe('label selectors', () => {
  it('parses equality, set-based and existence requirements', () => {
    const s = parseSelector('app=web, tier in (frontend,api),!canary,env')
    expect(matches(s, { app: 'web', tier: 'api', env: 'prod' })).toBe(true)
    expect(matches(s, { app: 'web', tier: 'db', env: 'prod' })).toBe(false)
    expect(matches(s, { app: 'web', tier: 'api', env: 'prod', canary: 'true' })).toBe(false)
    expect(matches(s, { app: 'web', tier: 'api' })).toBe(false)
    expect(matches(parseSelector('app!=web'), {})).toBe(true)
    expect(matches(parseSelector('tier notin (a,b)'), { tier: 'c' })).toBe(true)
  })

  it('rejects malformed selectors', () => {
    expect(() => parseSelector('app in a,b')).toThrow(SelectorParseError)
  })

  it('matches metav1.LabelSelector with matchExpressions as the seeds show', () => {
    const sel = fromLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'api'] }] })
    expect(matches(sel, { tier: 'frontend' })).toBe(true)
    expect(matches(sel, { tier: 'backend' })).toBe(false)
    expect(matches(fromLabelSelector(undefined), { a: 'b' })).toBe(false)
    expect(matches(fromLabelSelector({}), { a: 'b' })).toBe(true)
  })

  it('evaluates field selectors', () => {
    const f = parseFieldSelector('spec.nodeName=node-1,status.phase!=Failed')
    expect(matchesFields(f, { spec: { nodeName: 'node-1' }, status: { phase: 'Running' } })).toBe(true)
    expect(matchesFields(f, { spec: { nodeName: 'node-2' } })).toBe(false)
  })
})
