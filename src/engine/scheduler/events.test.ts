import { describe, expect, it } from 'vitest'
import { isEventOfInterest, nodeSchedulingPropertiesChange, podSchedulingPropertiesChange } from './events'
import { queueingHint } from './queueinghints'
import { makeNode, makePod } from './testing'

// Upstream: staging/src/k8s.io/kube-scheduler/framework/events_test.go TestNodeSchedulingPropertiesChange
// and pkg/scheduler/framework/events_test.go TestPodSchedulingPropertiesChange.
describe('cluster events', () => {
  const base = makeNode('n').capacity({ cpu: '1' })
  it('a heartbeat-only node update produces no event', () => {
    const a = base.obj()
    const b = makeNode('n')
      .capacity({ cpu: '1' })
      .with((n) => (n.status!.conditions = [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'later' }]))
      .obj()
    const c = makeNode('n')
      .capacity({ cpu: '1' })
      .with((n) => (n.status!.conditions = [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'even later' }]))
      .obj()
    expect(nodeSchedulingPropertiesChange(c, b)).toEqual([])
    expect(nodeSchedulingPropertiesChange(b, a).map((e) => e.action)).toEqual(['UpdateNodeCondition'])
  })
  it('cordoning is an UpdateNodeTaint event; labels and allocatable have their own', () => {
    const cordoned = makeNode('n').capacity({ cpu: '1' }).unschedulable().obj()
    expect(nodeSchedulingPropertiesChange(cordoned, base.obj()).map((e) => e.label)).toEqual(['NodeSpecUnschedulableChange'])
    const bigger = makeNode('n').capacity({ cpu: '2' }).labels({ disk: 'ssd' }).obj()
    expect(nodeSchedulingPropertiesChange(bigger, base.obj()).map((e) => e.action)).toEqual(['UpdateNodeAllocatable', 'UpdateNodeLabel'])
  })
  it('pod updates: labels, scheduling gates removed, or UpdatePodOther', () => {
    const gated = makePod('p').with((p) => (p.spec!.schedulingGates = [{ name: 'g' }])).obj()
    expect(podSchedulingPropertiesChange(makePod('p').obj(), gated).map((e) => e.action)).toEqual(['UpdatePodSchedulingGatesEliminated'])
    expect(podSchedulingPropertiesChange(makePod('p').labels({ a: 'b' }).obj(), makePod('p').obj()).map((e) => e.action)).toEqual(['UpdatePodLabel'])
    expect(podSchedulingPropertiesChange(makePod('p').obj(), makePod('p').obj()).map((e) => e.action)).toEqual(['UpdatePodOther'])
  })
  it('only events some plugin registered for are of interest', () => {
    const [annot] = nodeSchedulingPropertiesChange(makeNode('n').with((n) => (n.metadata!.annotations = { a: 'b' })).obj(), makeNode('n').obj())
    expect(isEventOfInterest(annot)).toBe(false)
  })
})

// Upstream: the plugins' isSchedulableAfterNodeChange tests (nodeaffinity, tainttoleration, nodeunschedulable).
describe('queueing hints', () => {
  it('NodeAffinity: queue only when the node starts to match', () => {
    const pod = makePod().nodeSelector({ disk: 'ssd' }).obj()
    const plain = makeNode('n').obj()
    const ssd = makeNode('n').labels({ disk: 'ssd' }).obj()
    expect(queueingHint('NodeAffinity', pod, { resource: 'Node', action: 'Add', label: 'NodeAdd', newObj: plain })).toBe('QueueSkip')
    expect(queueingHint('NodeAffinity', pod, { resource: 'Node', action: 'UpdateNodeLabel', label: 'x', oldObj: plain, newObj: ssd })).toBe('Queue')
    expect(queueingHint('NodeAffinity', pod, { resource: 'Node', action: 'UpdateNodeLabel', label: 'x', oldObj: ssd, newObj: ssd })).toBe('QueueSkip')
  })
  it('NodeUnschedulable: queue when a node is uncordoned or a schedulable node is added', () => {
    const pod = makePod().obj()
    const on = makeNode('n').unschedulable().obj()
    const off = makeNode('n').obj()
    expect(queueingHint('NodeUnschedulable', pod, { resource: 'Node', action: 'UpdateNodeTaint', label: 'x', oldObj: on, newObj: off })).toBe('Queue')
    expect(queueingHint('NodeUnschedulable', pod, { resource: 'Node', action: 'Add', label: 'x', newObj: on })).toBe('QueueSkip')
  })
})
