import { describe, expect, it } from 'vitest'
import { buildTable } from './registry'
import { printTables, type TableGroup } from './table'
import { makeFixtures } from './testdata/cluster'
import { CAPTURE_NOW, tables } from './testdata/kubectl-1.33'

/* eslint-disable @typescript-eslint/no-explicit-any */
const objs = makeFixtures(CAPTURE_NOW)
const of = (kind: string, ns?: string): any[] => objs.filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns))
const group = (resource: string, kind: string, groupKind: string, namespaced: boolean, ns?: string): TableGroup => ({
  table: buildTable(resource, of(kind, ns), CAPTURE_NOW),
  groupKind,
  namespaced,
})

describe('tables match kubectl 1.33 (decoration, alignment, messages)', () => {
  const pods = () => group('pods', 'Pod', 'Pod', true, 'default')
  const cases: Record<string, () => ReturnType<typeof printTables>> = {
    'get pods': () => printTables([pods()], { namespace: 'default' }),
    'get pods -o wide': () => printTables([pods()], { namespace: 'default', wide: true }),
    'get pods -A --show-labels': () => printTables([group('pods', 'Pod', 'Pod', true)], { namespace: 'default', allNamespaces: true, showLabels: true }),
    'get pods --no-headers': () => printTables([pods()], { namespace: 'default', noHeaders: true }),
    'get pods -L app,pod-template-hash': () => printTables([pods()], { namespace: 'default', labelColumns: ['app', 'pod-template-hash'] }),
    'get nodes -o wide': () => printTables([group('nodes', 'Node', 'Node', false)], { namespace: 'default', wide: true }),
    'get events': () => printTables([group('events', 'Event', 'Event', true, 'default')], { namespace: 'default' }),
    'get deploy,rs,svc': () =>
      printTables(
        [
          group('deployments', 'Deployment', 'Deployment.apps', true, 'default'),
          group('replicasets', 'ReplicaSet', 'ReplicaSet.apps', true, 'default'),
          group('services', 'Service', 'Service', true, 'default'),
        ],
        { namespace: 'default' },
      ),
    'get svc -o wide': () => printTables([group('services', 'Service', 'Service', true, 'default')], { namespace: 'default', wide: true }),
    'get jobs': () => printTables([group('jobs', 'Job', 'Job.batch', true, 'default')], { namespace: 'default' }),
    'get ns': () => printTables([group('namespaces', 'Namespace', 'Namespace', false)], { namespace: 'default' }),
    'get nodes -A': () => printTables([group('nodes', 'Node', 'Node', false)], { namespace: 'default', allNamespaces: true }),
  }
  it.each(Object.keys(cases))('kubectl %s', (cmd) => {
    expect(cases[cmd]()).toEqual(tables[cmd])
  })
})

describe('printTables', () => {
  const table = {
    columnDefinitions: [
      { name: 'Name', type: 'string' as const, format: 'name' as const, priority: 0 },
      { name: 'Age', type: 'string' as const, priority: 0 },
      { name: 'IP', type: 'string' as const, priority: 1 },
    ],
    rows: [{ cells: ['nginx', '5s', '10.244.1.5'], metadata: { namespace: 'default', labels: { run: 'nginx' } } }],
  }

  it('prints headers in upper case and hides wide columns', () => {
    expect(printTables([{ table, groupKind: 'Pod', namespaced: true }], { namespace: 'default' })).toEqual({
      stdout: 'NAME    AGE\nnginx   5s\n',
      stderr: '',
    })
  })

  it('writes "No resources found" to stderr, naming the namespace only for namespaced types', () => {
    const empty = { ...table, rows: [] }
    expect(printTables([{ table: empty, groupKind: 'Pod', namespaced: true }], { namespace: 'dev' })).toEqual({
      stdout: '',
      stderr: 'No resources found in dev namespace.\n',
    })
    expect(printTables([{ table: empty, groupKind: 'Node', namespaced: false }], { namespace: 'dev' }).stderr).toBe('No resources found\n')
    expect(printTables([{ table: empty, groupKind: 'Pod', namespaced: true }], { namespace: 'dev', allNamespaces: true }).stderr).toBe(
      'No resources found\n',
    )
  })

  it('prefixes names with kind.group and separates kinds by a blank line (kubectl get all)', () => {
    const svc = {
      columnDefinitions: [{ name: 'Name', type: 'string' as const, format: 'name' as const, priority: 0 }, { name: 'Type', type: 'string' as const, priority: 0 }],
      rows: [{ cells: ['kubernetes', 'ClusterIP'] }],
    }
    const out = printTables(
      [
        { table, groupKind: 'Pod', namespaced: true },
        { table: { ...table, rows: [] }, groupKind: 'DaemonSet.apps', namespaced: true },
        { table: svc, groupKind: 'Service', namespaced: true },
      ],
      { namespace: 'default' },
    )
    expect(out.stdout).toBe('NAME        AGE\npod/nginx   5s\n\nNAME                 TYPE\nservice/kubernetes   ClusterIP\n')
  })

  it('truncates a cell at its first line break and shows terminal escapes', () => {
    const t = { ...table, rows: [{ cells: ['a\nb', '\x1b[31mred', 'x'] }] }
    expect(printTables([{ table: t, groupKind: 'Pod', namespaced: true }], { namespace: 'default' }).stdout).toBe(
      'NAME   AGE\na...   ^[[31mred\n',
    )
  })
})
