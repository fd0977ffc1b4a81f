/**
 * Micro-benchmark of the scheduling framework: schedule `pods` pods one after another on `nodes`
 * nodes, assuming each onto its chosen node, with the full explanation kept. Called by the bench
 * runner; uses the wall clock, so it is not engine runtime code.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { schedulePod } from './framework'
import { newPodInfo } from './podinfo'
import { newSnapshot, snapshotAddPod } from './snapshot'

interface Clock {
  now(): number
}

function makeNodes(n: number): Node[] {
  const zones = ['zone-a', 'zone-b', 'zone-c']
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `node-${i}`,
      labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': zones[i % zones.length] },
    },
    spec: {},
    status: {
      capacity: { cpu: '32', memory: '128Gi', pods: '110' },
      allocatable: { cpu: '32', memory: '128Gi', pods: '110' },
      images: [{ names: ['docker.io/library/nginx:1.27'], sizeBytes: 70 * 1024 * 1024 }],
    },
  }))
}

function makePod(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'docker.io/library/nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  }
}

/** Schedules `pods` pods on `nodes` nodes and reports the rate (pods per real second). */
export function benchScheduling(nodes: number, pods: number): { podsPerSecond: number } {
  const clock = (globalThis as unknown as { performance: Clock }).performance
  const snapshot = newSnapshot(makeNodes(nodes))
  const podList = Array.from({ length: pods }, (_, i) => makePod(i))
  let seed = 1
  const rand = () => {
    // mulberry32, inline so the benchmark has no engine dependencies beyond the scheduler.
    let t = (seed = (seed + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  let next = 0
  let scheduled = 0
  const start = clock.now()
  for (const pod of podList) {
    const podInfo = newPodInfo(pod)
    const r = schedulePod(pod, snapshot, { rand, nextStartNodeIndex: next, podInfo })
    next = r.nextStartNodeIndex
    if (r.node) {
      const bound: Pod = { ...pod, spec: { ...pod.spec!, nodeName: r.node } }
      snapshotAddPod(snapshot, bound)
      scheduled++
    }
  }
  const seconds = (clock.now() - start) / 1000
  return { podsPerSecond: scheduled / seconds }
}
