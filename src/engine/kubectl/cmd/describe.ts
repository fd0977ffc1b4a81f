/**
 * `kubectl describe TYPE [NAME…] [-l selector]`: fetches the object and what describe shows
 * beside it (events, owned ReplicaSets and pods, the node's pods and Lease), then prints it as
 * kubectl's describers do. Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go.
 */
import type { Event, Pod } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { resourceByPath, restPath, type ResourceType } from '../../apiserver/resources'
import type { KObject } from '../../api/meta'
import { CommandError, statusError, type Ctx } from '../context'
import { describeCronJob, describeDaemonSet, describeJob, describeStatefulSet } from '../printers/describe/controllers'
import { describeNode } from '../printers/describe/node'
import { describePod } from '../printers/describe/pod'
import { describeConfigMap, describeSecret } from '../printers/describe/config'
import { describeNamespace, describeService } from '../printers/describe/service'
import { describePersistentVolumeClaim, podsUsingClaim } from '../printers/describe/storage'
import { describeDeployment, describeReplicaSet } from '../printers/describe/workloads'
import { parseResourceArgs } from '../resolve'

const T = {
  pods: resourceByPath('', 'v1', 'pods')!,
  events: resourceByPath('', 'v1', 'events')!,
  replicasets: resourceByPath('apps', 'v1', 'replicasets')!,
  leases: resourceByPath('coordination.k8s.io', 'v1', 'leases')!,
  endpointslices: resourceByPath('discovery.k8s.io', 'v1', 'endpointslices')!,
  resourcequotas: resourceByPath('', 'v1', 'resourcequotas')!,
  limitranges: resourceByPath('', 'v1', 'limitranges')!,
}

function eventsFor(c: Ctx, o: KObject): Event[] | null {
  if (c.flags['show-events'] === false) return null
  const m = o.metadata!
  const sel = [`involvedObject.name=${m.name}`, `involvedObject.namespace=${m.namespace ?? ''}`, `involvedObject.kind=${o.kind}`, `involvedObject.uid=${m.uid}`].join(',')
  const r = c.request('GET', restPath(T.events, m.namespace ?? 'default'), { query: { fieldSelector: sel } })
  return (r.body?.items as Event[] | undefined) ?? []
}

function describeOne(c: Ctx, t: ResourceType, o: KObject): string {
  const now = c.host.now()
  const ns = o.metadata?.namespace
  switch (t.resource) {
    case 'pods':
      return describePod(o as Pod, eventsFor(c, o), now)
    case 'replicasets': {
      const pods = c.list(T.pods, ns).body.items as Pod[]
      return describeReplicaSet(o as ReplicaSet, pods, eventsFor(c, o), now)
    }
    case 'deployments': {
      const rss = c.list(T.replicasets, ns).body.items as ReplicaSet[]
      return describeDeployment(o as never, rss, eventsFor(c, o), now)
    }
    case 'nodes': {
      const pods = (c.request('GET', restPath(T.pods), { query: { fieldSelector: `spec.nodeName=${o.metadata!.name},status.phase!=Failed,status.phase!=Succeeded` } }).body.items as Pod[])
      const lease = c.host.api.peek(restPath(T.leases, 'kube-node-lease', o.metadata!.name)) as never
      return describeNode(o as never, { pods, events: eventsFor(c, o), lease }, now)
    }
    case 'services': {
      const slices = (c.list(T.endpointslices, ns, { labelSelector: `kubernetes.io/service-name=${o.metadata!.name}` }).body?.items ?? []) as never[]
      return describeService(o as never, slices, eventsFor(c, o), now)
    }
    case 'namespaces': {
      // Upstream: NamespaceDescriber lists the namespace's quotas and limit ranges (nil when that fails).
      const items = (r: { status: number; body: { items?: unknown[] } }) => (r.status === 200 ? (r.body.items as never[]) : null)
      const name = o.metadata!.name
      return describeNamespace(o as never, items(c.list(T.resourcequotas, name)), items(c.list(T.limitranges, name)))
    }
    case 'configmaps':
      return describeConfigMap(o as never, eventsFor(c, o), now)
    case 'secrets':
      return describeSecret(o as never)
    case 'persistentvolumeclaims':
      return describePersistentVolumeClaim(o as never, eventsFor(c, o), podsUsingClaim(o as never, c.list(T.pods, ns).body.items as Pod[]), now)
    case 'statefulsets':
      return describeStatefulSet(o as never, c.list(T.pods, ns).body.items as Pod[], eventsFor(c, o), now)
    case 'daemonsets':
      return describeDaemonSet(o as never, c.list(T.pods, ns).body.items as Pod[], eventsFor(c, o), now)
    case 'jobs':
      return describeJob(o as never, eventsFor(c, o), now)
    case 'cronjobs':
      return describeCronJob(o as never, eventsFor(c, o), now)
    default:
      throw new CommandError(`error: describing ${t.resource} is not supported in Podium yet`)
  }
}

export function cmdDescribe(c: Ctx, args: string[]): void {
  const parsed = parseResourceArgs(args)
  if ('error' in parsed) throw new CommandError(`error: ${parsed.error}`)
  if (parsed.length === 0) throw new CommandError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples`)
  const texts: string[] = []
  for (const p of parsed) {
    const ns = c.allNamespaces ? undefined : c.namespace
    if (p.name !== undefined) {
      const r = c.get(p.type, ns ?? 'default', p.name)
      if (r.status !== 200) {
        c.error(statusError(r))
        continue
      }
      texts.push(describeOne(c, p.type, r.body))
      continue
    }
    const q: Record<string, string> = {}
    if (c.flags.selector) q.labelSelector = c.flags.selector as string
    const r = c.list(p.type, ns, q)
    const items = (r.body?.items ?? []) as KObject[]
    if (items.length === 0) {
      c.warn(c.allNamespaces || !p.type.namespaced ? 'No resources found' : `No resources found in ${c.namespace} namespace.`)
      continue
    }
    for (const o of items) texts.push(describeOne(c, p.type, o))
  }
  // Upstream: the first describer output as is, each next one after "\n\n".
  c.printRaw(texts.map((t, i) => (i === 0 ? t : `\n\n${t}`)).join(''))
}
