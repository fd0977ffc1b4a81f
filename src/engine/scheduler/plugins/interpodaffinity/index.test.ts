import type { Affinity, Node, Pod, PodAffinityTerm } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { newPodInfo } from '../../podinfo'
import { newSnapshot } from '../../snapshot'
import { makeNode, makePod, type PodWrapper } from '../../testing'
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  Filter,
  NormalizeScore,
  PreFilter,
  PreScore,
  Score,
} from './index'

type Kind = 'affinity' | 'anti'
const term = (key: string, topologyKey: string, op: 'In' | 'NotIn' | 'Exists', values?: string[]): PodAffinityTerm => ({
  labelSelector: { matchExpressions: [{ key, operator: op, values }] },
  topologyKey,
})
/** `st.PodAffinityIn` / `PodAntiAffinityExists`… with `PodAffinityWithRequiredReq`. */
function requiredTerm(w: PodWrapper, kind: Kind, t: PodAffinityTerm): PodWrapper {
  return w.with((p) => {
    const a: Affinity = (p.spec!.affinity ??= {})
    const field = kind === 'affinity' ? (a.podAffinity ??= {}) : (a.podAntiAffinity ??= {})
    field.requiredDuringSchedulingIgnoredDuringExecution = [...(field.requiredDuringSchedulingIgnoredDuringExecution ?? []), t]
  })
}

const podLabel = { service: 'securityscan' }
const podLabel2 = { security: 'S1' }
const node1 = makeNode('node1').with((n) => (n.metadata!.labels = { region: 'r1', zone: 'z11' })).obj()
const existingPod = () => makePod('existing').labels(podLabel).node('node1')

function filter(pod: Pod, pods: Pod[], nodes: Node[] = [node1], nsLabels?: Record<string, Record<string, string>>) {
  const snap = newSnapshot(nodes, pods, nsLabels)
  const st = PreFilter(newPodInfo(pod), snap)
  if (!st) return 'Skip'
  return Filter(st, snap.list[0])
}
const unresolvable = { code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonAffinityRulesNotMatch] }
const anti = { code: 'Unschedulable', reasons: [ErrReasonAntiAffinityRulesNotMatch] }
const existingAnti = { code: 'Unschedulable', reasons: [ErrReasonExistingAntiAffinityRulesNotMatch] }

// Upstream: pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go TestRequiredAffinitySingleNode.
describe('InterPodAffinity Filter', () => {
  it('A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods', () => {
    expect(filter(makePod().obj(), [])).toBe('Skip')
  })
  it('satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel2), 'affinity', term('service', 'region', 'In', ['securityscan', 'value2'])).obj()
    expect(filter(pod, [existingPod().obj()])).toBeNull()
  })
  it('satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel2), 'affinity', term('service', 'region', 'NotIn', ['securityscan3', 'value3'])).obj()
    expect(filter(pod, [existingPod().obj()])).toBeNull()
  })
  it('Does not satisfy the PodAffinity with labelSelector because of diff Namespace', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel2), 'affinity', { ...term('service', '', 'In', ['securityscan', 'value2']), namespaces: ['DiffNameSpace'] }).obj()
    expect(filter(pod, [existingPod().namespace('ns').obj()])).toEqual(unresolvable)
  })
  it("Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod", () => {
    const pod = requiredTerm(makePod('p').labels(podLabel), 'affinity', term('service', '', 'In', ['antivirusscan', 'value2'])).obj()
    expect(filter(pod, [existingPod().obj()])).toEqual(unresolvable)
  })
  it('satisfies the PodAffinity and PodAntiAffinity with the existing pod', () => {
    let w = requiredTerm(makePod('p').labels(podLabel2), 'affinity', term('service', 'region', 'In', ['securityscan', 'value2']))
    w = requiredTerm(w, 'anti', term('service', 'node', 'In', ['antivirusscan', 'value2']))
    expect(filter(w.obj(), [existingPod().obj()])).toBeNull()
  })
  it("satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod", () => {
    let w = requiredTerm(makePod('p').labels(podLabel2), 'affinity', term('service', 'region', 'In', ['securityscan', 'value2']))
    w = requiredTerm(w, 'anti', term('service', 'zone', 'In', ['securityscan', 'value2']))
    expect(filter(w.obj(), [existingPod().obj()])).toEqual(anti)
  })
  it("satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod", () => {
    let w = requiredTerm(makePod('p').labels(podLabel), 'affinity', term('service', 'region', 'In', ['securityscan', 'value2']))
    w = requiredTerm(w, 'anti', term('service', 'node', 'In', ['antivirusscan', 'value2']))
    const ex = requiredTerm(existingPod(), 'anti', term('service', 'zone', 'In', ['securityscan', 'value2'])).obj()
    expect(filter(w.obj(), [ex])).toEqual(existingAnti)
  })
  it('pod matches its own Label in PodAffinity and that matches the existing pod Labels', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel), 'affinity', term('service', 'region', 'NotIn', ['securityscan', 'value2'])).obj()
    expect(filter(pod, [makePod('other').labels(podLabel).node('node2').obj()])).toEqual(unresolvable)
  })
  it("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod", () => {
    const ex = requiredTerm(existingPod(), 'anti', term('service', 'zone', 'In', ['securityscan', 'value2'])).obj()
    expect(filter(makePod('p').labels(podLabel).obj(), [ex])).toEqual(existingAnti)
  })
  it('verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod', () => {
    const ex = requiredTerm(existingPod(), 'anti', term('service', 'zone', 'NotIn', ['securityscan', 'value2'])).obj()
    expect(filter(makePod('p').labels(podLabel).obj(), [ex])).toBe('Skip')
  })
  it("satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod", () => {
    let w = requiredTerm(makePod('p').labels(podLabel), 'anti', term('service', 'region', 'Exists'))
    w = requiredTerm(w, 'anti', term('security', 'region', 'Exists'))
    const ex = requiredTerm(makePod('existing').labels(podLabel2).node('node1'), 'anti', term('security', 'zone', 'Exists')).obj()
    expect(filter(w.obj(), [ex])).toEqual(anti)
  })
  it('PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel2), 'anti', term('security', 'zone', 'Exists')).obj()
    let ex = requiredTerm(existingPod(), 'anti', term('service', 'zone', 'Exists'))
    ex = requiredTerm(ex, 'anti', term('security', 'zone', 'Exists'))
    expect(filter(pod, [ex.obj()])).toEqual(existingAnti)
  })
  it('affinity with NamespaceSelector', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel2), 'affinity', {
      ...term('service', 'region', 'In', ['securityscan', 'value2']),
      namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['team1'] }] },
    }).obj()
    const ex = existingPod().namespace('subteam1.team1').obj()
    expect(filter(pod, [ex], [node1], { 'subteam1.team1': { team: 'team1' } })).toBeNull()
    expect(filter(pod, [ex], [node1], { 'subteam1.team1': { team: 'team2' } })).toEqual(unresolvable)
  })
  it('lets the first pod of a group with affinity to itself go anywhere with the topology key', () => {
    const pod = requiredTerm(makePod('p').labels(podLabel), 'affinity', term('service', 'region', 'In', ['securityscan'])).obj()
    expect(filter(pod, [])).toBeNull()
    const noRegion = makeNode('node9').obj()
    expect(filter(pod, [], [noRegion])).toEqual(unresolvable)
  })
})

function preferred(w: PodWrapper, kind: Kind, weight: number, t: PodAffinityTerm): PodWrapper {
  return w.with((p) => {
    const a: Affinity = (p.spec!.affinity ??= {})
    const field = kind === 'affinity' ? (a.podAffinity ??= {}) : (a.podAntiAffinity ??= {})
    field.preferredDuringSchedulingIgnoredDuringExecution = [...(field.preferredDuringSchedulingIgnoredDuringExecution ?? []), { weight, podAffinityTerm: t }]
  })
}

function scores(pod: Pod, pods: Pod[], nodes: Node[]): number[] | null {
  const snap = newSnapshot(nodes, pods)
  const st = PreScore(newPodInfo(pod), snap)
  if (!st) return null
  return NormalizeScore(
    st,
    snap.list.map((ni) => Score(st, ni)),
  )
}
const labelled = (name: string, labels: Record<string, string>) => makeNode(name).with((n) => (n.metadata!.labels = labels)).obj()

// Upstream: pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go TestPreferredAffinity.
describe('InterPodAffinity Score + NormalizeScore', () => {
  const nodes3 = () => [labelled('node1', { region: 'China' }), labelled('node2', { region: 'India' }), labelled('node3', { az: 'az1' })]
  it('all nodes have same priority as the pod has no inter-pod affinity (PreScore skips)', () => {
    expect(scores(makePod('p').obj(), [], nodes3())).toBeNull()
  })
  it('Affinity: pod that matches topology key & pods in nodes will get high score comparing to others which doesn\'t match either pods in nodes or in topology key', () => {
    const pod = preferred(makePod('p').labels({ security: 'S1' }), 'affinity', 5, term('security', 'region', 'In', ['S1'])).obj()
    const pods = [makePod('a').node('node1').labels({ security: 'S1' }).obj(), makePod('b').node('node2').labels({ security: 'S2' }).obj(), makePod('c').node('node3').obj()]
    expect(scores(pod, pods, nodes3())).toEqual([100, 0, 0])
  })
  it('Anti Affinity: pod that does not match existing pods in node will get high score', () => {
    const pod = preferred(makePod('p').labels({ security: 'S1' }), 'anti', 5, term('security', 'az', 'In', ['S1'])).obj()
    const pods = [makePod('a').node('node1').labels({ security: 'S1' }).obj(), makePod('b').node('node2').labels({ security: 'S2' }).obj()]
    expect(scores(pod, pods, [labelled('node1', { az: 'az1' }), labelled('node2', { region: 'China' })])).toEqual([0, 100])
  })
  it("existing pods' required affinity towards the incoming pod counts with HardPodAffinityWeight 1", () => {
    const ex = requiredTerm(makePod('a').node('node1').labels({ app: 'db' }), 'affinity', term('app', 'region', 'In', ['web'])).obj()
    expect(scores(makePod('p').labels({ app: 'web' }).obj(), [ex], nodes3())).toEqual([100, 0, 0])
  })
})
