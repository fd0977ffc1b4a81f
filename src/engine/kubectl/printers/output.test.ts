import { describe, expect, it } from 'vitest'
import { evalJsonPath, formatOutput, nameOf, OutputError } from './output'
import { makeFixtures } from './testdata/cluster'
import { CAPTURE_NOW, outputs } from './testdata/kubectl-1.33'

/* eslint-disable @typescript-eslint/no-explicit-any */
const objs = makeFixtures(CAPTURE_NOW)
const of = (kind: string): any[] => objs.filter((o) => o.kind === kind && o.metadata.namespace === 'default')

/** stdout and stderr as kubectl writes them for `kubectl get … -o <format>`. */
function get(objects: unknown[], output: string, single = false): { stdout: string; stderr: string } {
  try {
    return { stdout: formatOutput(objects, output, { single }), stderr: '' }
  } catch (e) {
    if (e instanceof OutputError) return { stdout: '', stderr: `error: ${e.message}\n` }
    throw e
  }
}

describe('-o formats match kubectl 1.33 (kubectl get against the fixtures)', () => {
  const pods = of('Pod')
  const cases: Record<string, () => { stdout: string; stderr: string }> = {
    'get pods -o yaml': () => get(pods, 'yaml'),
    'get svc edge -o json': () => get(of('Service').filter((s) => s.metadata.name === 'edge'), 'json', true),
    'get pods -o name': () => get(pods, 'name'),
    'get deploy -o name': () => get(of('Deployment'), 'name'),
    'get pods -o jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}': () =>
      get(pods, 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'),
    'get pod sidecar-demo -o jsonpath={.spec.initContainers[?(@.restartPolicy=="Always")].name} {.status.conditions[-1:].type}': () =>
      get(pods.filter((p) => p.metadata.name === 'sidecar-demo'), 'jsonpath={.spec.initContainers[?(@.restartPolicy=="Always")].name} {.status.conditions[-1:].type}', true),
    'get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels': () =>
      get(pods, 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels'),
    'get ns team-a -o yaml': () => get(objs.filter((o) => o.kind === 'Namespace' && o.metadata.name === 'team-a'), 'yaml', true),
    'get pods -o jsonpath={.items[0].spec.containers[5]}': () => get(pods, 'jsonpath={.items[0].spec.containers[5]}'),
  }
  it.each(Object.keys(cases))('kubectl %s', (cmd) => {
    expect(cases[cmd]()).toEqual(outputs[cmd])
  })
})

describe('formatOutput', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' } }

  it('wraps several objects (or none) in a List', () => {
    expect(formatOutput([], 'yaml')).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n')
    expect(formatOutput([], 'json')).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
    expect(formatOutput([pod], 'jsonpath={.kind}', { single: true })).toBe('Pod')
    expect(formatOutput([pod], 'jsonpath={.kind}')).toBe('List')
  })

  it('names objects kind.group/name', () => {
    expect(nameOf(pod)).toBe('pod/nginx')
    expect(nameOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toBe('deployment.apps/web')
    expect(nameOf({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup' } })).toBe('cronjob.batch/backup')
    expect(formatOutput([], 'name')).toBe('')
  })

  it('keeps Go struct order for objects kubectl builds itself (create --dry-run=client -o json)', () => {
    const cm = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c', creationTimestamp: null }, data: { a: '2', b: '1' } }
    expect(formatOutput([cm], 'json', { single: true, typed: true })).toBe(
      '{\n    "kind": "ConfigMap",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "c",\n        "creationTimestamp": null\n    },\n    "data": {\n        "a": "2",\n        "b": "1"\n    }\n}\n',
    )
    expect(formatOutput([cm], 'yaml', { single: true, typed: true })).toBe('apiVersion: v1\ndata:\n  a: "2"\n  b: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n')
  })

  it('escapes like Go in JSON', () => {
    expect(formatOutput([{ ...pod, metadata: { name: '<a&b>' } }], 'json', { single: true })).toContain('"name": "\\u003ca\\u0026b\\u003e"')
  })

  it('refuses unknown formats and bad custom columns with kubectl messages', () => {
    expect(get([pod], 'xml').stderr).toBe(
      'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    )
    expect(get([pod], 'custom-columns=').stderr).toBe('error: custom-columns format specified but no custom columns given\n')
    expect(get([pod], 'custom-columns=NAME').stderr).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n')
    expect(get([pod], 'jsonpath=').stderr).toBe('error: template format specified but no template given\n')
  })

  it('prints custom columns with <none> for missing values and a header even without objects', () => {
    expect(formatOutput([pod], 'custom-columns=NAME:metadata.name,IP:.status.podIP')).toBe('NAME    IP\nnginx   <none>\n')
    expect(formatOutput([], 'custom-columns=NAME:.metadata.name')).toBe('NAME\n')
    expect(formatOutput([pod], 'custom-columns=NAME:.metadata.name', { noHeaders: true })).toBe('nginx\n')
  })

  it('evaluates relaxed expressions for kubectl wait', () => {
    expect(evalJsonPath({ status: { phase: 'Running' } }, '.status.phase')).toBe('Running')
    expect(evalJsonPath({ status: { phase: 'Running' } }, '{.status.phase}')).toBe('Running')
    expect(evalJsonPath({}, '{.status.phase}')).toBe('')
  })
})
