// Regenerates ../kubectl-1.33.ts from the real kubectl 1.33 binary. Start fake-apiserver.mjs
// first, then run from the repository root:
//   node --import tsx src/engine/kubectl/printers/testdata/harness/capture.mjs
// For describe output kubectl measures ages on the wall clock; the capture keeps, per command,
// the offset from CAPTURE_NOW at which Podium's describer printed the same bytes, and fails if
// none does (which is how a divergence shows up).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { EPOCH_MS } from '../../../../sim/time.ts'
import { makeFixtures } from '../cluster.ts'
import { describeDeployment, describeNamespace, describeNode, describePod, describeReplicaSet, describeService } from '../../describe/index.ts'

const DIR = '/tmp/podium-printers'
const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const kubectl = (args) => {
  const r = spawnSync(KUBECTL, [`--server=http://127.0.0.1:${process.env.PORT ?? 18080}`, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
  return { stdout: r.stdout, stderr: r.stderr }
}

fs.mkdirSync(DIR, { recursive: true })
const now = Date.now() - EPOCH_MS
const objs = makeFixtures(now)
fs.writeFileSync(`${DIR}/fixtures.json`, JSON.stringify(objs))
fs.writeFileSync(`${DIR}/now.txt`, String(now))

const of = (kind) => objs.filter((o) => o.kind === kind)
const evFor = (o) =>
  of('Event').filter((e) => e.involvedObject.kind === o.kind && e.involvedObject.name === o.metadata.name && (e.involvedObject.uid === o.metadata.uid || e.involvedObject.uid === o.metadata.name))
const selects = (rs) => (p) => Object.entries(rs.spec.selector.matchLabels).every(([k, v]) => p.metadata.labels?.[k] === v)

const describes = {}
const grab = (key, args, render) => {
  const { stdout, stderr } = kubectl(args)
  const text = stdout + stderr
  for (const offset of [0, 250, 500, 750, 1000, 1500, 2000, 3000]) {
    if (render(now + offset) === text) {
      describes[key] = { args, offset, text }
      return
    }
  }
  throw new Error(`Podium's output differs from kubectl for ${key}`)
}
for (const p of of('Pod')) grab(`pod/${p.metadata.name}`, ['describe', 'pod', p.metadata.name], (n) => describePod(p, evFor(p), n))
for (const d of of('Deployment')) grab(`deployment/${d.metadata.name}`, ['describe', 'deployment', d.metadata.name], (n) => describeDeployment(d, of('ReplicaSet'), evFor(d), n))
for (const rs of of('ReplicaSet')) grab(`replicaset/${rs.metadata.name}`, ['describe', 'rs', rs.metadata.name], (n) => describeReplicaSet(rs, of('Pod').filter(selects(rs)), evFor(rs), n))
for (const node of of('Node')) {
  const lease = of('Lease').find((l) => l.metadata.name === node.metadata.name)
  grab(`node/${node.metadata.name}`, ['describe', 'node', node.metadata.name], (n) => describeNode(node, { pods: of('Pod'), events: evFor(node), lease }, n))
}
for (const svc of of('Service')) {
  const slices = of('EndpointSlice').filter((e) => e.metadata.labels['kubernetes.io/service-name'] === svc.metadata.name)
  grab(`service/${svc.metadata.name}`, ['describe', 'svc', svc.metadata.name], (n) => describeService(svc, slices, evFor(svc), n))
}
for (const ns of of('Namespace')) {
  const name = ns.metadata.name
  grab(`namespace/${name}`, ['describe', 'ns', name], () => describeNamespace(ns, of('ResourceQuota').filter((q) => q.metadata.namespace === name), of('LimitRange').filter((q) => q.metadata.namespace === name)))
}

const tables = {}
for (const args of [['get', 'pods'], ['get', 'pods', '-o', 'wide'], ['get', 'pods', '-A', '--show-labels'], ['get', 'pods', '--no-headers'], ['get', 'pods', '-L', 'app,pod-template-hash'], ['get', 'nodes', '-o', 'wide'], ['get', 'events'], ['get', 'deploy,rs,svc'], ['get', 'svc', '-o', 'wide'], ['get', 'jobs'], ['get', 'ns'], ['get', 'nodes', '-A']]) {
  tables[args.join(' ')] = kubectl(args)
}
const outputs = {}
for (const args of [
  ['get', 'pods', '-o', 'yaml'], ['get', 'svc', 'edge', '-o', 'json'], ['get', 'pods', '-o', 'name'], ['get', 'deploy', '-o', 'name'],
  ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'],
  ['get', 'pod', 'sidecar-demo', '-o', 'jsonpath={.spec.initContainers[?(@.restartPolicy=="Always")].name} {.status.conditions[-1:].type}'],
  ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels'],
  ['get', 'ns', 'team-a', '-o', 'yaml'], ['get', 'pods', '-o', 'jsonpath={.items[0].spec.containers[5]}'],
]) {
  outputs[args.join(' ')] = kubectl(args)
}

fs.writeFileSync(
  new URL('../kubectl-1.33.ts', import.meta.url),
  `/**
 * What kubectl 1.33.1 printed for the fixtures of ./cluster.ts, captured from the real binary
 * against a fake apiserver serving those objects (tables: cells rendered by Podium's registry,
 * decorated and aligned by kubectl). \`offset\` is the ms after \`CAPTURE_NOW\` at which the
 * wall-clock ages matched. Regenerate with ./harness/capture.mjs rather than edit.
 */
/* eslint-disable */
export const CAPTURE_NOW = ${now}
export const describes: Record<string, { args: string[]; offset: number; text: string }> = ${JSON.stringify(describes, null, 2)}
export const tables: Record<string, { stdout: string; stderr: string }> = ${JSON.stringify(tables, null, 2)}
export const outputs: Record<string, { stdout: string; stderr: string }> = ${JSON.stringify(outputs, null, 2)}
`,
)
console.log(`${Object.keys(describes).length} describes, ${Object.keys(tables).length} tables, ${Object.keys(outputs).length} outputs`)
