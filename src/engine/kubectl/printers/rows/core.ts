/**
 * Row printers of core/v1 objects: nodes, namespaces, services, endpoints, config maps,
 * secrets, service accounts and events.
 *
 * Upstream: pkg/printers/internalversion/printers.go (printNode, printNamespace, printService,
 * printEndpoints, printConfigMap, printSecret, printServiceAccount, printEvent).
 */
import type { ConfigMap, Endpoints, Event, Namespace, Node, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1'
import { isZeroTime, translateTimestampSince } from '../duration'
import { byteCompare, formatLabels } from '../labels'
import type { Cell } from '../table'
import { column, NAME_COLUMN, rowPrinter } from './common'

const age = (meta: { creationTimestamp?: string } | undefined, now: number): string =>
  translateTimestampSince(meta?.creationTimestamp, now)

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length)
      if (role.length > 0) roles.add(role)
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v)
    }
  }
  return [...roles].sort(byteCompare)
}

/** The STATUS cell of a node: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled`. */
export function nodeStatus(node: Node): string {
  const status: string[] = []
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop()
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady')
  if (status.length === 0) status.push('Unknown')
  if (node.spec?.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

const nodeAddress = (node: Node, type: string): string =>
  (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>'

/** `kubectl get nodes` */
export const nodePrinter = rowPrinter<Node>(
  [
    NAME_COLUMN,
    column('Status'),
    column('Roles'),
    column('Age'),
    column('Version'),
    column('Internal-IP', 'string', 1),
    column('External-IP', 'string', 1),
    column('OS-Image', 'string', 1),
    column('Kernel-Version', 'string', 1),
    column('Container-Runtime', 'string', 1),
  ],
  (node, now): Cell[] => {
    const info = node.status?.nodeInfo
    const roles = findNodeRoles(node).join(',')
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      roles.length === 0 ? '<none>' : roles,
      age(node.metadata, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ]
  },
)

/** `kubectl get namespaces` */
export const namespacePrinter = rowPrinter<Namespace>(
  [NAME_COLUMN, column('Status'), column('Age')],
  (ns, now): Cell[] => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata, now)],
)

/** getServiceExternalIP (always the wide form: the apiserver generates tables with Wide: true). */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? []
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      const ingress = new Set<string>()
      for (const i of svc.status?.loadBalancer?.ingress ?? []) {
        if (i.ip) ingress.add(i.ip)
        else if (i.hostname) ingress.add(i.hostname)
      }
      const lbIps = [...ingress].sort(byteCompare).join(',')
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',')
      return lbIps.length > 0 ? lbIps : '<pending>'
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? ''
  }
  return '<unknown>'
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-joined. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',')
}

/** `kubectl get services` */
export const servicePrinter = rowPrinter<Service>(
  [
    NAME_COLUMN,
    column('Type'),
    column('Cluster-IP'),
    column('External-IP'),
    column('Port(s)'),
    column('Age'),
    column('Selector', 'string', 1),
  ],
  (svc, now): Cell[] => {
    const clusterIPs = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : []
    const ports = servicePorts(svc)
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      clusterIPs[0] ?? '<none>',
      serviceExternalIP(svc),
      ports.length === 0 ? '<none>' : ports,
      age(svc.metadata, now),
      formatLabels(svc.spec?.selector),
    ]
  },
)

/** net.JoinHostPort: IPv6 hosts in brackets. */
export const joinHostPort = (host: string, port: number | string): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`

/** formatEndpoints(endpoints, nil): up to three `ip:port`, then `+ N more...`. */
export function formatEndpoints(ep: Endpoints, ports: Set<string> | null = null): string {
  const subsets = ep.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  for (const ss of subsets) {
    const addresses = ss.addresses ?? []
    if ((ss.ports ?? []).length === 0) {
      count += addresses.length
      for (const a of addresses) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(a.ip)
      }
      continue
    }
    for (const port of ss.ports ?? []) {
      if (ports === null || ports.has(port.name ?? '')) {
        count += addresses.length
        for (const a of addresses) {
          if (list.length === max) {
            more = true
            break
          }
          list.push(joinHostPort(a.ip, port.port))
        }
      }
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - max} more...` : ret
}

/** `kubectl get endpoints` */
export const endpointsPrinter = rowPrinter<Endpoints>(
  [NAME_COLUMN, column('Endpoints'), column('Age')],
  (ep, now): Cell[] => [ep.metadata?.name ?? '', formatEndpoints(ep), age(ep.metadata, now)],
)

/** `kubectl get configmaps` */
export const configMapPrinter = rowPrinter<ConfigMap>(
  [NAME_COLUMN, column('Data'), column('Age')],
  (cm, now): Cell[] => [
    cm.metadata?.name ?? '',
    Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
    age(cm.metadata, now),
  ],
)

/** `kubectl get secrets` */
export const secretPrinter = rowPrinter<Secret>(
  [NAME_COLUMN, column('Type'), column('Data'), column('Age')],
  (s, now): Cell[] => [s.metadata?.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, age(s.metadata, now)],
)

/** `kubectl get serviceaccounts` */
export const serviceAccountPrinter = rowPrinter<ServiceAccount>(
  [NAME_COLUMN, column('Secrets'), column('Age')],
  (sa, now): Cell[] => [sa.metadata?.name ?? '', (sa.secrets ?? []).length, age(sa.metadata, now)],
)

/** formatEventSource: component (or reportingController), then `, host` (or reportingInstance). */
export function formatEventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || ''
  const instance = e.source?.host || e.reportingInstance || ''
  return instance.length === 0 ? component : `${component}, ${instance}`
}

/** `kubectl get events`: rows in the order given (the apiserver's, by name); no client sorting. */
export const eventPrinter = rowPrinter<Event>(
  [
    column('Last Seen'),
    column('Type'),
    column('Reason'),
    column('Object'),
    column('Subobject', 'string', 1),
    column('Source', 'string', 1),
    column('Message'),
    column('First Seen', 'string', 1),
    column('Count', 'string', 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  (e, now): Cell[] => {
    let firstTimestamp = translateTimestampSince(e.firstTimestamp, now)
    if (isZeroTime(e.firstTimestamp)) firstTimestamp = translateTimestampSince(e.eventTime, now)
    let lastTimestamp = translateTimestampSince(e.lastTimestamp, now)
    if (isZeroTime(e.lastTimestamp)) lastTimestamp = firstTimestamp
    let count = e.count ?? 0
    if (e.series) {
      lastTimestamp = translateTimestampSince(e.series.lastObservedTime, now)
      count = e.series.count ?? 0
    } else if (count === 0) {
      count = 1
    }
    const kind = (e.involvedObject?.kind ?? '').toLowerCase()
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind
    return [
      lastTimestamp,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject?.fieldPath ?? '',
      formatEventSource(e),
      (e.message ?? '').trim(),
      firstTimestamp,
      count,
      e.metadata?.name ?? '',
    ]
  },
)
