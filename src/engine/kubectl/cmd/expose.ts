/**
 * `kubectl expose TYPE NAME` and `kubectl create service clusterip|nodeport|loadbalancer|
 * externalname NAME`, building the Services kubectl 1.33 builds (checked with
 * `--dry-run=client -o yaml` against the real binary).
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go (createService, getPorts),
 * cmd/create/create_service.go, polymorphichelpers (MapBasedSelectorForObject, PortsForObject).
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1'
import { restPath, resourceByPath, type ResourceType } from '../../apiserver/resources'
import type { KObject } from '../../api/meta'
import { CommandError, statusError, type Ctx } from '../context'
import { formatOutput } from '../printers/output'
import { resolveType } from '../resolve'

const SERVICES = resourceByPath('', 'v1', 'services')!

/** Creates the Service (or prints it on a client dry run); prints `service/web <verb>`. */
function submit(c: Ctx, svc: KObject, verb: string): void {
  const name = svc.metadata!.name!
  const dry = c.flags['dry-run'] as string | undefined
  const output = c.flags.output as string | undefined
  if (dry === 'client') {
    if (output) c.printRaw(formatOutput([svc], output, { single: true }))
    else c.print(`service/${name} ${verb} (dry run)`)
    return
  }
  svc.metadata = { ...svc.metadata, namespace: c.namespace }
  delete (svc.metadata as { creationTimestamp?: unknown }).creationTimestamp
  const r = c.request('POST', restPath(SERVICES, c.namespace), { body: svc, query: dry === 'server' ? { dryRun: 'All' } : undefined, summary: `kubectl creates service/${name}` })
  if (r.status !== 201) throw new CommandError(statusError(r))
  if (output) c.printRaw(formatOutput([r.body], output, { single: true }))
  else c.print(`service/${name} ${verb}${dry === 'server' ? ' (server dry run)' : ''}`)
}

const EXPOSABLE = ['pods', 'services', 'replicationcontrollers', 'deployments', 'replicasets']

/** `--target-port=8080` is a number, `--target-port=http` a name. */
function intOrString(s: string): number | string {
  return /^\d+$/.test(s) ? Number(s) : s
}

export function cmdExpose(c: Ctx, args: string[]): void {
  let [typeWord, name] = args
  if (typeWord?.includes('/')) [typeWord, name] = typeWord.split('/')
  if (!typeWord || !name) {
    throw new CommandError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`)
  }
  const t: ResourceType | undefined = resolveType(typeWord)
  if (!t) throw new CommandError(`error: the server doesn't have a resource type "${typeWord}"`)
  const r = c.get(t, c.namespace, name)
  if (r.status !== 200) throw new CommandError(statusError(r))
  const obj = r.body as KObject & { spec?: Record<string, unknown> }
  if (!EXPOSABLE.includes(t.resource)) throw new CommandError(`error: cannot expose a ${t.kind}${t.group ? `.${t.group}` : ''}`)
  // The selector: a map from the object (MapBasedSelectorForObject).
  let selector: Record<string, string> | undefined
  const spec = obj.spec ?? {}
  if (t.resource === 'pods') {
    selector = obj.metadata?.labels
    if (!selector || Object.keys(selector).length === 0) throw new CommandError(`error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\nSee 'kubectl expose -h' for help and examples`)
  } else if (t.resource === 'services' || t.resource === 'replicationcontrollers') selector = spec.selector as Record<string, string>
  else {
    const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined
    if (sel?.matchExpressions?.length) throw new CommandError(`error: couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format\nSee 'kubectl expose -h' for help and examples`)
    selector = sel?.matchLabels
  }
  if (c.flags.selector) selector = Object.fromEntries(String(c.flags.selector).split(',').map((kv) => kv.split('=') as [string, string]))
  // The ports: --port, or the object's ports (PortsForObject / ProtocolsForObject).
  let ports: { port: number; protocol: string }[] = []
  if (c.flags.port !== undefined) {
    ports = String(c.flags.port).split(',').map((p) => ({ port: Number(p), protocol: (c.flags.protocol as string | undefined) ?? 'TCP' }))
  } else {
    const containers = (t.resource === 'pods' ? spec.containers : (spec.template as { spec?: { containers?: unknown } } | undefined)?.spec?.containers) as { ports?: { containerPort: number; protocol?: string }[] }[] | undefined
    if (t.resource === 'services') ports = ((spec.ports as ServicePort[]) ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }))
    else for (const ct of containers ?? []) for (const p of ct.ports ?? []) ports.push({ port: p.containerPort, protocol: (c.flags.protocol as string | undefined) ?? p.protocol ?? 'TCP' })
  }
  if (ports.length === 0) throw new CommandError(`error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`)
  const svcPorts: ServicePort[] = ports.map((p, i) => ({
    ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
    port: p.port,
    protocol: p.protocol,
    targetPort: c.flags['target-port'] !== undefined ? intOrString(String(c.flags['target-port'])) : p.port,
  }))
  const svcName = (c.flags.name as string | undefined) ?? name
  const labels = c.flags.labels ? Object.fromEntries(String(c.flags.labels).split(',').map((kv) => kv.split('=') as [string, string])) : obj.metadata?.labels
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null as unknown as string, ...(labels ? { labels: { ...labels } } : {}), name: svcName },
    spec: {
      ports: svcPorts,
      selector,
      ...(c.flags['external-ip'] ? { externalIPs: [String(c.flags['external-ip'])] } : {}),
      ...(c.flags['cluster-ip'] ? { clusterIP: String(c.flags['cluster-ip']) } : {}),
      ...(c.flags.type ? { type: String(c.flags.type) } : {}),
      ...(c.flags['session-affinity'] ? { sessionAffinity: String(c.flags['session-affinity']) } : {}),
    },
    status: { loadBalancer: {} },
  }
  submit(c, svc as KObject, 'exposed')
}

/** `kubectl create service <type> NAME [--tcp=port[:targetPort]] …`. */
export function cmdCreateService(c: Ctx, args: string[]): void {
  const [kind, name] = args
  const types: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }
  if (!kind || !types[kind]) {
    throw new CommandError(kind ? `error: unknown command "${kind}" for "kubectl create service"` : `error: Required resource not specified.\nSee 'kubectl create service -h' for help and examples`)
  }
  if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create service ${kind} -h' for help and examples`)
  const type = types[kind]
  const tcp = (c.flags.tcp as string[] | undefined) ?? []
  const clusterIP = c.flags.clusterip as string | undefined
  if (type === 'ExternalName') {
    const ext = c.flags['external-name'] as string | undefined
    if (!ext) throw new CommandError(`error: required flag(s) "external-name" not set`)
    submit(c, { apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null as unknown as string, labels: { app: name }, name }, spec: { externalName: ext, selector: { app: name }, type }, status: { loadBalancer: {} } } as KObject, 'created')
    return
  }
  if (tcp.length === 0 && clusterIP !== 'None') throw new CommandError('error: at least one tcp port specifier must be provided')
  const ports: ServicePort[] = tcp.map((spec) => {
    const [p, tp] = spec.split(':')
    const port = Number(p)
    const target = tp === undefined ? port : intOrString(tp)
    const out: ServicePort = { name: tp === undefined ? p : `${p}-${tp}`, port, protocol: 'TCP', targetPort: target }
    if (type === 'NodePort' && c.flags['node-port'] !== undefined) out.nodePort = Number(c.flags['node-port'])
    return out
  })
  const spec: Record<string, unknown> = {}
  if (clusterIP) spec.clusterIP = clusterIP
  if (ports.length) spec.ports = ports
  spec.selector = { app: name }
  spec.type = type
  submit(c, { apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null as unknown as string, labels: { app: name }, name }, spec, status: { loadBalancer: {} } } as KObject, 'created')
}
