/**
 * `kubectl drain NODE`: cordon, then evict every pod on the node through the eviction API,
 * refusing DaemonSet pods (without --ignore-daemonsets) and unmanaged pods (without --force).
 * Upstream: staging/src/k8s.io/kubectl/pkg/drain/{drain.go,filters.go}.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { controllerOf } from '../../api/meta'
import { resourceByPath, restPath } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { cmdCordon } from './mutate'

const PODS = resourceByPath('', 'v1', 'pods')!

export function cmdDrain(c: Ctx, args: string[]): void {
  if (args.length === 0) throw new CommandError(`error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples`)
  for (const node of args) {
    cmdCordon(c, [node], true)
    if (c.exitCode) return
    const podSelector = c.flags['pod-selector'] as string | undefined
    const pods = c.request('GET', restPath(PODS), { query: { fieldSelector: `spec.nodeName=${node}`, ...(podSelector ? { labelSelector: podSelector } : {}) } }).body.items as Pod[]
    // Upstream: drain/filters.go: finished pods are evicted too, and need no controller (unreplicatedFilter).
    const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'
    const daemon = pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet')
    const unmanaged = pods.filter((p) => !controllerOf(p) && !finished(p))
    const errors: string[] = []
    if (unmanaged.length && c.flags.force !== true) errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`).join(', ')}`)
    if (daemon.length && c.flags['ignore-daemonsets'] !== true) errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`).join(', ')}`)
    if (errors.length) {
      throw new CommandError(`error: unable to drain node "${node}" due to error: ${errors.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${errors.map((e) => `error: ${e}`).join('\n')}`)
    }
    const warnings: string[] = []
    if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`).join(', ')}`)
    if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`).join(', ')}`)
    if (warnings.length) c.warn(`Warning: ${warnings.join('; ')}`)
    const victims = pods.filter((p) => controllerOf(p)?.kind !== 'DaemonSet')
    const grace = c.flags['grace-period'] as number
    for (const p of victims) c.print(`evicting pod ${p.metadata!.namespace}/${p.metadata!.name}`)
    for (const p of victims) {
      const body: Record<string, unknown> = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata!.name, namespace: p.metadata!.namespace } }
      if (grace >= 0) body.deleteOptions = { gracePeriodSeconds: grace }
      const r = c.request('POST', restPath(PODS, p.metadata!.namespace, p.metadata!.name, 'eviction'), { body, summary: `kubectl drain: evict ${p.metadata!.name} from ${node}` })
      if (r.status >= 300) c.error(statusError(r))
    }
    const keys = victims.map((p) => restPath(PODS, p.metadata!.namespace, p.metadata!.name))
    c.host.waitFor(() => keys.every((k) => {
      const o = c.host.api.peek(k) as Pod | undefined
      return !o || o.metadata?.uid !== victims.find((v) => restPath(PODS, v.metadata!.namespace, v.metadata!.name) === k)?.metadata?.uid
    }), 24 * 3600 * 1000)
    for (const p of victims) c.print(`pod/${p.metadata!.name} evicted`)
    c.print(`node/${node} drained`)
  }
}
