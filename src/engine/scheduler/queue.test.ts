import { describe, expect, it } from 'vitest'
import { eventAssignedPodDelete, eventNodeAdd, EventUnschedulableTimeout, nodeSchedulingPropertiesChange } from './events'
import { newSchedulingQueueState, SchedulingQueue } from './queue'
import { makeNode, makePod } from './testing'

const newQueue = () => new SchedulingQueue(newSchedulingQueueState())

// Upstream: pkg/scheduler/backend/queue/scheduling_queue_test.go TestPriorityQueue_Add / Pop ordering.
describe('activeQ', () => {
  it('pops by priority, then by arrival', () => {
    const q = newQueue()
    q.add(makePod('low').priority(1).obj(), 0)
    q.add(makePod('high-late').priority(10).obj(), 20)
    q.add(makePod('high-early').priority(10).obj(), 10)
    q.add(makePod('none').obj(), 5)
    expect([q.pop(30), q.pop(30), q.pop(30), q.pop(30)].map((p) => p?.key)).toEqual(['default/high-early', 'default/high-late', 'default/low', 'default/none'])
    expect(q.pop(30)).toBeUndefined()
  })

  it('counts attempts and clears the rejecting plugins at pop', () => {
    const q = newQueue()
    q.add(makePod('p').obj(), 0)
    const p = q.pop(0)!
    expect(p.attempts).toBe(1)
    expect(p.initialAttemptTimestamp).toBe(0)
    expect(q.where('default/p')).toBe('inFlight')
  })

  it('holds pods with scheduling gates back until the gates are removed', () => {
    const q = newQueue()
    const gated = makePod('g').with((p) => (p.spec!.schedulingGates = [{ name: 'example.com/wait' }])).obj()
    q.add(gated, 0)
    expect(q.where('default/g')).toBe('unschedulablePods')
    expect(q.pop(0)).toBeUndefined()
    q.update(gated, makePod('g').obj(), 5)
    expect(q.where('default/g')).toBe('activeQ')
  })
})

// Upstream: scheduling_queue_test.go TestBackOffFlow.
describe('back-off', () => {
  it('doubles from 1 s to a cap of 10 s', () => {
    const q = newQueue()
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => q.backoffDuration(a))).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000, 10000])
  })

  it('back-off flow: each failed attempt backs off longer; the pod leaves backoffQ once its window has passed', () => {
    const q = newQueue()
    q.add(makePod('test-pod').obj(), 0)
    const want = [1000, 2000, 4000, 8000, 10000, 10000, 10000]
    let now = 0
    for (let i = 0; i < want.length; i++) {
      const p = q.pop(now)!
      expect(p.attempts).toBe(i + 1)
      const timestamp = now
      expect(q.addUnschedulableIfNotPresent(p, ['NodeResourcesFit'], now)).toBe('unschedulablePods')
      // An event happens: the pod is still backing off, so it goes to backoffQ.
      q.moveAllToActiveOrBackoffQueue(EventUnschedulableTimeout, now)
      expect(q.where('default/test-pod')).toBe('backoffQ')
      expect(q.backoffTime(p) - timestamp).toBe(want[i])
      // An early flush leaves it there.
      now += 1
      q.flushBackoffQCompleted(now)
      expect(q.where('default/test-pod')).toBe('backoffQ')
      // Once the clock is in a later one-second window than the expiry, it moves to activeQ.
      now = timestamp + want[i] + 1000
      q.flushBackoffQCompleted(now)
      expect(q.where('default/test-pod')).toBe('activeQ')
    }
  })

  it('pops from backoffQ when activeQ is empty (SchedulerPopFromBackoffQ)', () => {
    const q = newQueue()
    q.add(makePod('p').obj(), 0)
    const p = q.pop(0)!
    q.addUnschedulableIfNotPresent(p, ['NodeResourcesFit'], 0)
    q.moveAllToActiveOrBackoffQueue(eventNodeAdd(makeNode('n').capacity({ cpu: '4', memory: '8Gi' }).obj()), 100)
    expect(q.where('default/p')).toBe('backoffQ')
    expect(q.pop(100)?.key).toBe('default/p')
  })

  it('a failure without rejecting plugins (an error) retries after back-off, never popped early', () => {
    const q = newQueue()
    q.add(makePod('p').obj(), 0)
    const p = q.pop(0)!
    expect(q.addUnschedulableIfNotPresent(p, [], 0)).toBe('backoffQ')
    expect(q.pop(10)).toBeUndefined()
    q.flushBackoffQCompleted(2000)
    expect(q.pop(2000)?.key).toBe('default/p')
  })
})

describe('unschedulable pods', () => {
  it('move back only on events their rejecting plugins care about (queueing hints)', () => {
    const q = newQueue()
    q.add(makePod('p').req({ cpu: '2' }).obj(), 0)
    const p = q.pop(0)!
    q.addUnschedulableIfNotPresent(p, ['NodeResourcesFit'], 0)
    // A deleted pod that never ran frees nothing: QueueSkip.
    q.moveAllToActiveOrBackoffQueue(eventAssignedPodDelete(makePod('pending').obj()), 5000)
    expect(q.where('default/p')).toBe('unschedulablePods')
    // A node too small for the pod: QueueSkip.
    q.moveAllToActiveOrBackoffQueue(eventNodeAdd(makeNode('small').capacity({ cpu: '1', memory: '1Gi' }).obj()), 5000)
    expect(q.where('default/p')).toBe('unschedulablePods')
    // A big enough node: Queue; the back-off (1 s) is over, so straight to activeQ.
    q.moveAllToActiveOrBackoffQueue(eventNodeAdd(makeNode('big').capacity({ cpu: '4', memory: '8Gi' }).obj()), 5000)
    expect(q.where('default/p')).toBe('activeQ')
  })

  it('a bound pod deleted frees resources for NodeResourcesFit-rejected pods', () => {
    const q = newQueue()
    q.add(makePod('p').req({ cpu: '2' }).obj(), 0)
    q.addUnschedulableIfNotPresent(q.pop(0)!, ['NodeResourcesFit'], 0)
    q.moveAllToActiveOrBackoffQueue(eventAssignedPodDelete(makePod('gone').node('n1').obj()), 500)
    expect(q.where('default/p')).toBe('backoffQ')
  })

  it('taint removal requeues TaintToleration-rejected pods, label changes do not', () => {
    const q = newQueue()
    q.add(makePod('p').obj(), 0)
    q.addUnschedulableIfNotPresent(q.pop(0)!, ['TaintToleration'], 0)
    const tainted = makeNode('n').taint({ key: 'k', effect: 'NoSchedule' }).obj()
    const relabelled = makeNode('n').taint({ key: 'k', effect: 'NoSchedule' }).labels({ x: 'y' }).obj()
    for (const e of nodeSchedulingPropertiesChange(relabelled, tainted)) q.moveAllToActiveOrBackoffQueue(e, 5000)
    expect(q.where('default/p')).toBe('unschedulablePods')
    for (const e of nodeSchedulingPropertiesChange(makeNode('n').obj(), tainted)) q.moveAllToActiveOrBackoffQueue(e, 5000)
    expect(q.where('default/p')).toBe('activeQ')
  })

  it('events seen while the pod was in flight requeue it at once', () => {
    const q = newQueue()
    q.add(makePod('p').obj(), 0)
    const p = q.pop(0)!
    q.moveAllToActiveOrBackoffQueue(eventNodeAdd(makeNode('n').capacity({ cpu: '4', memory: '8Gi' }).obj()), 10)
    expect(q.addUnschedulableIfNotPresent(p, ['NodeResourcesFit'], 20)).toBe('backoffQ')
  })

  // Upstream: scheduling_queue_test.go TestPriorityQueue_flushUnschedulablePodsLeftover.
  it('are flushed after 5 minutes in the pool', () => {
    const q = newQueue()
    q.add(makePod('p').obj(), 0)
    q.addUnschedulableIfNotPresent(q.pop(0)!, ['NodeAffinity'], 0)
    q.flushUnschedulablePodsLeftover(300_000)
    expect(q.where('default/p')).toBe('unschedulablePods')
    q.flushUnschedulablePodsLeftover(300_001)
    expect(q.where('default/p')).toBe('activeQ')
  })

  it('delete removes a pod from any queue', () => {
    const q = newQueue()
    q.add(makePod('a').obj(), 0)
    q.add(makePod('b').obj(), 0)
    q.addUnschedulableIfNotPresent(q.pop(0)!, ['X'], 0)
    q.delete('default/a')
    q.delete('default/b')
    expect(q.pendingPods()).toEqual([])
  })

  it('the state survives structuredClone', () => {
    const q = newQueue()
    q.add(makePod('a').obj(), 0)
    q.add(makePod('b').priority(5).obj(), 1)
    const copy = new SchedulingQueue(structuredClone(q.s))
    expect(copy.pop(2)?.key).toBe('default/b')
    expect(q.pop(2)?.key).toBe('default/b')
  })
})
