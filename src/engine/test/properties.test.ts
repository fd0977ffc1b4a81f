/**
 * Property tests: random manifests and command sequences never crash the engine, keep etcd's
 * invariants, and every Deployment converges.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../index'

const names = fc.constantFrom('web', 'api', 'db', 'a', 'Bad_Name', 'x'.repeat(70))
const goodImages = fc.constantFrom('nginx:1.27', 'httpd:2.4', 'redis:7')
const anyImages = fc.constantFrom('nginx:1.27', 'busybox:1.36', 'nginxx:latest', 'redis', '', 'UPPER/case')

const deployment = fc.record({ name: fc.constantFrom('web', 'api'), image: goodImages, replicas: fc.integer({ min: 0, max: 4 }) }).map(
  (d) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${d.name}
spec:
  replicas: ${d.replicas}
  selector:
    matchLabels:
      app: ${d.name}
  template:
    metadata:
      labels:
        app: ${d.name}
    spec:
      containers:
      - name: main
        image: ${d.image}
`,
)

const pod = fc.record({ name: names, image: anyImages }).map(
  (p) => `apiVersion: v1
kind: Pod
metadata:
  name: ${p.name}
spec:
  containers:
  - name: main
    image: "${p.image}"
`,
)

const garbage = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('a: [1,2\n', '\tfoo: 1\n', 'kind: Pod\n', '- 1\n- 2\n', 'a: &a [*a]\n', '{"kind": "Pod"}'))

type Step = { kind: 'apply'; text: string } | { kind: 'cmd'; line: string } | { kind: 'advance'; ms: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  deployment.map((text) => ({ kind: 'apply' as const, text })),
  pod.map((text) => ({ kind: 'apply' as const, text })),
  garbage.map((text) => ({ kind: 'apply' as const, text })),
  fc
    .constantFrom(
      'delete pod web --wait=false',
      'delete deployment web',
      'delete deploy api --cascade=foreground --wait=false',
      'scale deployment web --replicas=3',
      'scale deployment api --replicas=0',
      'set image deployment/web main=nginx:1.28',
      'rollout undo deployment/web',
      'get pods -o wide',
      'get all',
      'describe pods',
      'label pods --all x=y --overwrite',
      'cordon node-1',
      'uncordon node-1',
      'delete pods --all --grace-period=0 --force',
      'get pods -o jsonpath={.items[*].metadata.name',
      'frobnicate',
    )
    .map((line) => ({ kind: 'cmd' as const, line })),
  fc.integer({ min: 1, max: 60_000 }).map((ms) => ({ kind: 'advance' as const, ms })),
)

function checkStore(c: Cluster): void {
  let last = 0
  for (const h of c.hops()) {
    const w = h.detail?.etcd
    if (!w) continue
    expect(w.revision).toBeGreaterThan(last)
    last = w.revision
  }
  for (const kv of c.keyspace()) {
    const rv = (kv.value as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion
    if (kv.key.startsWith('/registry/')) expect(rv).toBe(String(kv.modRevision))
    expect(kv.createRevision).toBeLessThanOrEqual(kv.modRevision)
  }
}

describe('random manifests and commands', () => {
  it('never throw, keep the store consistent, and Deployments converge', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (steps, seed) => {
        const c = createCluster({ seed, nodes: 2 })
        for (const s of steps) {
          if (s.kind === 'apply') {
            const r = c.kubectl('apply -f -', s.text)
            expect(typeof r.exitCode).toBe('number')
          } else if (s.kind === 'cmd') c.kubectl(s.line)
          else c.advance(s.ms)
        }
        c.kubectl('uncordon node-1')
        c.settle(15 * 60_000)
        checkStore(c)
        const deps = JSON.parse(c.kubectl('get deployments -o json').stdout).items as { metadata: { name: string }; spec: { replicas: number }; status: Record<string, number> }[]
        for (const d of deps) {
          expect(d.status.updatedReplicas ?? 0, `${d.metadata.name} updated`).toBe(d.spec.replicas)
          expect(d.status.availableReplicas ?? 0, `${d.metadata.name} available`).toBe(d.spec.replicas)
          expect(d.status.replicas ?? 0, `${d.metadata.name} replicas`).toBe(d.spec.replicas)
        }
      }),
      { numRuns: 40, seed: 20261123 },
    )
  })
})
