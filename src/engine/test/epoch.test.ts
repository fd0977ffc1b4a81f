import { describe, expect, it } from 'vitest'
import { createCluster, runScenario } from '../index'

describe('ClusterOptions.epoch', () => {
  it('starts the clock at the given date after boot, and replays it', () => {
    const c = createCluster({ seed: 1, nodes: 1, epoch: Date.UTC(2026, 10, 23, 7, 0, 0) })
    // The node registered during the five minutes of boot before the epoch.
    expect(c.kubectl('get node node-1 -o jsonpath={.metadata.creationTimestamp}').stdout).toBe('2026-11-23T06:55:00Z')
    c.kubectl('create configmap x')
    expect(c.kubectl('get configmap x -o jsonpath={.metadata.creationTimestamp}').stdout).toBe('2026-11-23T07:00:00Z')
    expect(c.kubectl('get nodes').stdout).toMatch(/node-1\s+Ready\s+<none>\s+5m\s/)
    expect(runScenario(c.scenario()).keyspace()).toEqual(c.keyspace())
  })

  it('defaults to the fixed date, and refuses an earlier one', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('get node node-1 -o jsonpath={.metadata.creationTimestamp}').stdout).toBe('2025-01-06T09:00:00Z')
    expect(() => createCluster({ epoch: Date.UTC(2020, 0, 1) })).toThrow(/epoch must be 2025-01-06T09:05:00.000Z or later/)
  })
})
