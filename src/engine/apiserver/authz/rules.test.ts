import { describe, expect, it } from 'vitest'
import { forbiddenMessage, ruleAllows, subjectMatches, type Attributes } from './rules'

const student = { name: 'student', groups: ['system:authenticated'], method: 'test' }
const listPods: Attributes = { user: student, verb: 'list', group: '', resource: 'pods', namespace: 'default' }

describe('RBAC rules', () => {
  it('match verbs, groups, resources, subresources and names as upstream', () => {
    expect(ruleAllows(listPods, { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] })).toBe(true)
    expect(ruleAllows(listPods, { verbs: ['get'], apiGroups: [''], resources: ['pods'] })).toBe(false)
    expect(ruleAllows(listPods, { verbs: ['*'], apiGroups: ['apps'], resources: ['pods'] })).toBe(false)
    expect(ruleAllows({ ...listPods, verb: 'get', subresource: 'log' }, { verbs: ['get'], apiGroups: [''], resources: ['pods'] })).toBe(false)
    expect(ruleAllows({ ...listPods, verb: 'get', subresource: 'log' }, { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })).toBe(true)
    expect(ruleAllows({ ...listPods, verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale' }, { verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] })).toBe(true)
    // resourceNames never match a list (no name).
    expect(ruleAllows(listPods, { verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] })).toBe(false)
    expect(ruleAllows({ ...listPods, verb: 'get', name: 'a' }, { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] })).toBe(true)
    expect(ruleAllows({ user: student, verb: 'get', group: '', resource: '', path: '/healthz' }, { verbs: ['get'], nonResourceURLs: ['/health*'] })).toBe(true)
  })

  it('match subjects: users, groups, service accounts (namespace defaults to the binding’s)', () => {
    const sa = { name: 'system:serviceaccount:team:bot', groups: [], method: 'test' }
    expect(subjectMatches({ kind: 'User', name: 'student' }, student)).toBe(true)
    expect(subjectMatches({ kind: 'Group', name: 'system:authenticated' }, student)).toBe(true)
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'bot' }, sa, 'team')).toBe(true)
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'bot', namespace: 'other' }, sa, 'team')).toBe(false)
  })

  it('words the Forbidden message as the apiserver does', () => {
    expect(forbiddenMessage(listPods)).toBe('User "student" cannot list resource "pods" in API group "" in the namespace "default"')
    expect(forbiddenMessage({ ...listPods, namespace: undefined, resource: 'nodes' })).toBe('User "student" cannot list resource "nodes" in API group "" at the cluster scope')
    expect(forbiddenMessage({ ...listPods, verb: 'get', subresource: 'log', name: 'x' })).toBe('User "student" cannot get resource "pods/log" in API group "" in the namespace "default"')
    expect(forbiddenMessage({ user: student, verb: 'get', group: '', resource: '', path: '/metrics' })).toBe('User "student" cannot get path "/metrics"')
  })
})
