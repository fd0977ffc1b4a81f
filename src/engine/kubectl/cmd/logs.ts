/**
 * `kubectl logs POD|TYPE/NAME [-c CONTAINER] [--previous] [--tail=N] [--timestamps]`.
 * The kubelet of the pod's node serves the logs through the apiserver (`pods/log`).
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { fromLabelSelector, matches } from '../../api/labels'
import { resourceByPath, restPath } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { resolveType } from '../resolve'

const PODS = resourceByPath('', 'v1', 'pods')!

/** Finds the pod a `TYPE/NAME` refers to (the first pod of a deployment, as kubectl does). */
function podFor(c: Ctx, arg: string): Pod {
  const slash = arg.indexOf('/')
  if (slash < 0 || ['pod', 'pods', 'po'].includes(arg.slice(0, slash))) {
    const name = slash < 0 ? arg : arg.slice(slash + 1)
    const r = c.get(PODS, c.namespace, name)
    // Upstream: polymorphichelpers/logsforobject.go via the builder's NotFound, reworded by logs.go.
    if (r.status === 404) throw new CommandError(`error: error from server (NotFound): pods "${name}" not found in namespace "${c.namespace}"`)
    if (r.status !== 200) throw new CommandError(statusError(r))
    return r.body
  }
  const t = resolveType(arg.slice(0, slash))
  if (!t) throw new CommandError(`error: the server doesn't have a resource type "${arg.slice(0, slash)}"`)
  const r = c.get(t, c.namespace, arg.slice(slash + 1))
  if (r.status !== 200) throw new CommandError(statusError(r))
  const sel = fromLabelSelector(r.body.spec?.selector)
  const pods = (c.list(PODS, c.namespace).body.items as Pod[]).filter((p) => matches(sel, p.metadata?.labels))
  if (pods.length === 0) throw new CommandError(`error: timed out waiting for the condition`)
  pods.sort((a, b) => ((a.metadata?.creationTimestamp ?? '') < (b.metadata?.creationTimestamp ?? '') ? -1 : 1))
  if (pods.length > 1) c.warn(`Found ${pods.length} pods, using pod/${pods[0].metadata!.name}`)
  return pods[0]
}

export function cmdLogs(c: Ctx, args: string[]): void {
  if (args.length === 0) throw new CommandError(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`)
  const pod = podFor(c, args[0])
  let container = (c.flags.container as string | undefined) ?? args[1]
  const names = (pod.spec?.containers ?? []).map((x) => x.name)
  if (!container) {
    container = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0]
    if (names.length > 1) c.warn(`Defaulted container "${container}" out of: ${[...names, ...(pod.spec?.initContainers ?? []).map((x) => `${x.name} (init)`)].join(', ')}`)
  }
  const query: Record<string, string> = { container }
  if (c.flags.previous === true) query.previous = 'true'
  if ((c.flags.tail as number) >= 0) query.tailLines = String(c.flags.tail)
  if (c.flags.timestamps === true) query.timestamps = 'true'
  const r = c.request('GET', restPath(PODS, pod.metadata!.namespace, pod.metadata!.name, 'log'), { query, summary: `kubectl logs ${pod.metadata!.name} -c ${container}` })
  if (r.status !== 200) throw new CommandError(statusError(r))
  c.printRaw(String(r.body))
}
