/**
 * `kubectl delete`: by name, `-f`, `-l`, `--all`; `--grace-period`, `--force`, `--now`,
 * `--cascade`, `--wait`. kubectl prints `pod "nginx" deleted` and then, like a real terminal,
 * waits until the object is gone (unless `--wait=false`).
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go.
 */
import { etcdKey, restPath, type ResourceType } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { parseDuration } from '../flags'
import { parseResourceArgs, type TypedName } from '../resolve'
import { namespaceFor, readObjects, typeOfObject } from './apply'

interface Target {
  type: ResourceType
  namespace?: string
  name: string
}

export function cmdDelete(c: Ctx, args: string[], store: { exists(key: string): boolean }): void {
  const force = c.flags.force === true
  let grace = c.flags['grace-period'] as number | undefined
  if (grace === undefined || grace < 0) grace = undefined
  if (c.flags.now === true) {
    if (grace !== undefined) throw new CommandError('error: --now and --grace-period cannot be specified together')
    grace = 1
  }
  if (force && grace === undefined) grace = 0
  if (grace === 0 && !force) grace = 1 // kubectl: --grace-period=0 without --force means 1
  const cascade = (c.flags.cascade as string | undefined) ?? 'background'
  const propagation = cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background'
  const targets: Target[] = []
  const selector = c.flags.selector as string | undefined
  if (c.flags.filename) {
    const { objs, source } = readObjects(c)
    for (const o of objs) {
      const t = typeOfObject(o, source, c)
      targets.push({ type: t, namespace: namespaceFor(o, t, c), name: o.metadata?.name ?? '' })
    }
  } else {
    const parsed = parseResourceArgs(args)
    if ('error' in parsed) throw new CommandError(`error: ${parsed.error}`)
    if (parsed.length === 0) {
      throw new CommandError(
        `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      )
    }
    const byName = parsed.filter((p): p is TypedName & { name: string } => p.name !== undefined)
    const byType = parsed.filter((p) => p.name === undefined)
    if (byType.length && !selector && c.flags.all !== true && !c.flags['field-selector']) {
      throw new CommandError(`error: resource(s) were provided, but no name was specified`)
    }
    for (const p of byName) targets.push({ type: p.type, namespace: p.type.namespaced ? c.namespace : undefined, name: p.name })
    for (const p of byType) {
      const q: Record<string, string> = {}
      if (selector) q.labelSelector = selector
      if (c.flags['field-selector']) q.fieldSelector = c.flags['field-selector'] as string
      const ns = c.allNamespaces ? undefined : c.namespace
      const r = c.list(p.type, ns, q)
      if (r.status !== 200) {
        c.error(statusError(r))
        continue
      }
      for (const o of r.body.items) targets.push({ type: p.type, namespace: o.metadata.namespace, name: o.metadata.name })
    }
    if (byType.length && targets.length === 0) {
      c.print('No resources found')
      return
    }
  }
  if (force) c.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.')
  const deleted: Target[] = []
  for (const t of targets) {
    const body: Record<string, unknown> = { propagationPolicy: propagation }
    if (grace !== undefined) body.gracePeriodSeconds = grace
    const r = c.request('DELETE', restPath(t.type, t.namespace, t.name), { body, summary: `kubectl delete ${t.type.singular} ${t.name}` })
    if (r.status === 200) {
      c.print(`${t.type.singular}${t.type.group ? '.' + t.type.group : ''} "${t.name}" ${force ? 'force deleted' : 'deleted'}`)
      deleted.push(t)
    } else if (!(r.status === 404 && c.flags['ignore-not-found'] === true)) c.error(statusError(r))
  }
  if (c.flags.wait === false || deleted.length === 0) return
  const timeout = c.flags.timeout ? (parseDuration(c.flags.timeout as string) ?? 0) : 0
  // kubectl's default: wait as long as it takes (bounded here by a generous virtual limit).
  const limit = timeout > 0 ? timeout : 7 * 24 * 3600 * 1000
  const keys = deleted.map((t) => etcdKey(t.type, t.namespace, t.name))
  const ok = c.host.waitFor(() => keys.every((k) => !store.exists(k)), limit)
  if (!ok) c.error(`error: timed out waiting for the condition on ${deleted.map((t) => `${t.type.resource}/${t.name}`).join(', ')}`)
}
