import { describe, expect, it } from 'vitest'
import { Less } from './index'

// Upstream: pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go TestLess.
describe('PrioritySort Less', () => {
  const low = 10
  const high = 100
  const t1 = 1000
  const t2 = 2000
  it('p1.priority less than p2.priority', () => expect(Less({ priority: low, timestamp: t1 }, { priority: high, timestamp: t2 })).toBe(false))
  it('p1.priority greater than p2.priority', () => expect(Less({ priority: high, timestamp: t1 }, { priority: low, timestamp: t2 })).toBe(true))
  it('equal priority. p1 is added to schedulingQ earlier than p2', () => expect(Less({ priority: high, timestamp: t1 }, { priority: high, timestamp: t2 })).toBe(true))
  it('equal priority. p2 is added to schedulingQ earlier than p1', () => expect(Less({ priority: high, timestamp: t2 }, { priority: high, timestamp: t1 })).toBe(false))
})
