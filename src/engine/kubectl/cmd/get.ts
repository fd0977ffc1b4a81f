/**
 * `kubectl get`: tables as the server's Table would print, `-o wide|yaml|json|name|jsonpath=…|
 * custom-columns=…`, `-l`, `--field-selector`, `-n`, `-A`, `--show-labels`, `--no-headers`,
 * `-L`, `--ignore-not-found`. Upstream: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go.
 */
import type { KObject } from '../../api/meta'
import { apiVersionOf, restPath } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { formatOutput, OutputError } from '../printers/output'
import { buildTable } from '../printers/registry'
import { printTables, type TableGroup } from '../printers/table'
import { parseResourceArgs, type TypedName } from '../resolve'

export function cmdGet(c: Ctx, args: string[]): void {
  const parsed = parseResourceArgs(args)
  if ('error' in parsed) throw new CommandError(`error: ${parsed.error}`)
  if (parsed.length === 0) {
    throw new CommandError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    )
  }
  const output = (c.flags.output as string | undefined) ?? ''
  const selector = c.flags.selector as string | undefined
  const fieldSelector = c.flags['field-selector'] as string | undefined
  const ns = c.allNamespaces ? undefined : c.namespace
  const groups: { t: TypedName['type']; objs: KObject[]; named: boolean }[] = []
  const singleNamed = parsed.length === 1 && parsed[0].name !== undefined
  for (const p of parsed) {
    const last = groups[groups.length - 1]
    if (p.name !== undefined) {
      const r = c.get(p.type, ns ?? 'default', p.name)
      if (r.status === 200) {
        if (last && last.t === p.type && last.named) last.objs.push(r.body)
        else groups.push({ t: p.type, objs: [r.body], named: true })
      } else if (!(r.status === 404 && c.flags['ignore-not-found'] === true)) c.error(statusError(r))
      continue
    }
    const q: Record<string, string> = {}
    if (selector) q.labelSelector = selector
    if (fieldSelector) q.fieldSelector = fieldSelector
    const r = c.list(p.type, ns, q)
    if (r.status === 400 || r.status === 404) {
      // Upstream: cli-runtime resource/selector.go rewords a list's BadRequest and NotFound.
      const gvr = `"${p.type.group}/${p.type.version}, Resource=${p.type.resource}"`
      const why = selector || fieldSelector ? `Unable to find ${gvr} that match label selector "${selector ?? ''}", field selector "${fieldSelector ?? ''}"` : `Unable to list ${gvr}`
      c.error(statusError(r, why))
      continue
    }
    if (r.status !== 200) {
      c.error(statusError(r))
      continue
    }
    groups.push({ t: p.type, objs: r.body.items as KObject[], named: false })
  }
  if (output === '' || output === 'wide') {
    const tables: TableGroup[] = groups.map((g) => ({
      table: buildTable(g.t.resource, g.objs, c.host.now()),
      groupKind: g.t.group ? `${g.t.kind}.${g.t.group}` : g.t.kind,
      namespaced: g.t.namespaced,
    }))
    const labelCols = c.flags['label-columns'] as string[] | undefined
    const res = printTables(tables, {
      wide: output === 'wide',
      noHeaders: c.flags['no-headers'] === true,
      showLabels: c.flags['show-labels'] === true,
      labelColumns: labelCols,
      allNamespaces: c.allNamespaces,
      namespace: c.namespace,
      suppressNotFound: c.exitCode !== 0 || c.flags['ignore-not-found'] === true || groups.some((g) => g.named),
      withKind: args[0]?.split(',').includes('all') || tables.length > 1 ? undefined : false,
    })
    if (c.flags['watch-only'] !== true) c.printRaw(res.stdout)
    if (res.stderr && c.flags['watch-only'] !== true) c.warn(res.stderr.trimEnd())
    if (c.flags.watch === true || c.flags['watch-only'] === true) watchRows(c, groups, ns, output === 'wide')
    return
  }
  const objs: KObject[] = []
  for (const g of groups) for (const o of g.objs) objs.push({ ...o, apiVersion: o.apiVersion ?? apiVersionOf(g.t), kind: o.kind ?? g.t.kind })
  try {
    const text = formatOutput(objs, output, { single: singleNamed && objs.length === 1, showManagedFields: c.flags['show-managed-fields'] === true })
    c.printRaw(text)
  } catch (e) {
    if (e instanceof OutputError) throw new CommandError(`error: ${e.message}`)
    throw e
  }
  // Upstream: get.go printGeneric (every -o but the tables) prints an empty list and no message.
  if (objs.length === 0 && !singleNamed && c.exitCode === 0 && !['json', 'yaml', 'name'].includes(output) && !/^(jsonpath|custom-columns)/.test(output)) {
    c.warn(c.allNamespaces ? 'No resources found' : `No resources found in ${c.namespace} namespace.`)
  }
}

/** The longest a watch runs in the simulated terminal, where nobody presses Ctrl+C. */
export const WATCH_LIMIT_MS = 10 * 60_000

/**
 * `kubectl get -w`: after the table, one row per change as the watch delivers it, until the
 * cluster is quiet (a real terminal waits for Ctrl+C; here the command returns when nothing is
 * left to happen, at most WATCH_LIMIT_MS of virtual time later).
 */
function watchRows(c: Ctx, groups: { t: TypedName['type']; objs: KObject[]; named: boolean }[], ns: string | undefined, wide: boolean): void {
  const seen = new Map<string, string>()
  const key = (o: KObject) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`
  for (const g of groups) for (const o of g.objs) seen.set(key(o), o.metadata?.resourceVersion ?? '')
  const paths = groups.map((g) => ({ g, path: restPath(g.t, g.t.namespaced ? ns : undefined) }))
  for (const { g } of paths) c.request('GET', restPath(g.t, g.t.namespaced ? ns : undefined), { query: { watch: 'true', resourceVersion: '0' }, summary: `kubectl get -w: watch ${g.t.resource}` })
  const emit = () => {
    for (const { g, path } of paths) {
      const now = (c.host.api.peekList(path) as KObject[]).filter((o) => !g.named || g.objs.some((x) => x.metadata?.name === o.metadata?.name))
      const present = new Set<string>()
      for (const o of now) {
        const k = key(o)
        present.add(k)
        if (seen.get(k) === o.metadata?.resourceVersion) continue
        seen.set(k, o.metadata?.resourceVersion ?? '')
        printRow(c, g.t, o, wide)
      }
      for (const [k] of seen) if (k.startsWith(`${g.t.kind}/`) && !present.has(k)) seen.delete(k)
    }
  }
  c.host.waitFor(() => {
    emit()
    return !c.host.busy()
  }, WATCH_LIMIT_MS)
}

function printRow(c: Ctx, t: TypedName['type'], o: KObject, wide: boolean): void {
  const res = printTables([{ table: buildTable(t.resource, [o], c.host.now()), groupKind: t.group ? `${t.kind}.${t.group}` : t.kind, namespaced: t.namespaced }], {
    wide,
    noHeaders: true,
    allNamespaces: c.allNamespaces,
    namespace: c.namespace,
    suppressNotFound: true,
    withKind: false,
  })
  c.printRaw(res.stdout)
}
