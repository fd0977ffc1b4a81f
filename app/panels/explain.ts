/**
 * Words for hops: a one-sentence explanation for the timeline ("The scheduler asks the apiserver
 * to bind pod nginx to node-2.") and a short label for the packet travelling on the diagram.
 * Pure functions of the hop; the engine's own `summary` stays visible beside them.
 */
import type { ComponentId, Hop } from '../../src/engine'

/** A component's name in a sentence: `kubelet/node-1` → "the kubelet on node-1". */
export function componentName(id: ComponentId): string {
  const [kind, rest] = splitId(id)
  switch (kind) {
    case 'kubectl':
      return 'kubectl'
    case 'apiserver':
      return 'the apiserver'
    case 'etcd':
      return 'etcd'
    case 'scheduler':
      return 'the scheduler'
    case 'controller-manager':
      return rest ? `the ${rest} controller` : 'the controller manager'
    case 'cloud-controller-manager':
      return 'the cloud controller manager'
    case 'kubelet':
      return `the kubelet on ${rest}`
    case 'runtime':
      return `the container runtime on ${rest}`
    case 'kube-proxy':
      return `kube-proxy on ${rest}`
    case 'coredns':
      return 'CoreDNS'
    case 'client':
      return 'a client outside the cluster'
    case 'pod':
      return `pod ${rest?.replace(/^default\//, '')}`
    default:
      return id
  }
}

/** The name for a diagram box: `kubelet/node-1` → "kubelet". */
export function componentTitle(id: ComponentId): string {
  const [kind, rest] = splitId(id)
  if (kind === 'controller-manager' && rest) return rest
  if (kind === 'apiserver') return 'kube-apiserver'
  if (kind === 'scheduler') return 'kube-scheduler'
  if (kind === 'controller-manager') return 'kube-controller-manager'
  if (kind === 'runtime') return 'container runtime'
  return kind
}

function splitId(id: string): [string, string | undefined] {
  const i = id.indexOf('/')
  return i < 0 ? [id, undefined] : [id.slice(0, i), id.slice(i + 1)]
}

/** Capitalises a sentence, except names that are always written in lower case (kubectl, etcd). */
function capitalize(s: string): string {
  return /^(kubectl|etcd|kube-proxy)\b/.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1)
}

interface ApiPath {
  resource?: string
  name?: string
  namespace?: string
  subresource?: string
}

/** `/api/v1/namespaces/default/pods/nginx/binding` → {resource: pods, name: nginx, subresource: binding}. */
export function parseApiPath(path: string): ApiPath {
  const parts = path.split('?')[0].split('/').filter(Boolean)
  // Skip the group and version: /api/v1/… or /apis/<group>/<version>/…
  let i = parts[0] === 'api' ? 2 : parts[0] === 'apis' ? 3 : 0
  const out: ApiPath = {}
  if (parts[i] === 'namespaces' && parts.length > i + 2) {
    out.namespace = parts[i + 1]
    i += 2
  }
  out.resource = parts[i]
  out.name = parts[i + 1]
  out.subresource = parts[i + 2]
  return out
}

/** The singular of a REST resource, for sentences: `pods` → "pod", `replicasets` → "replicaset". */
function singular(resource: string): string {
  if (resource === 'endpoints') return 'endpoints'
  if (resource.endsWith('ies')) return resource.slice(0, -3) + 'y'
  if (resource.endsWith('sses')) return resource.slice(0, -2)
  return resource.endsWith('s') ? resource.slice(0, -1) : resource
}

/** A request body as an object: the engine may carry it as the JSON text kubectl sent. */
export function bodyObject(body: unknown): unknown {
  if (typeof body !== 'string') return body
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

function objectName(o: unknown): string | undefined {
  return (bodyObject(o) as { metadata?: { name?: string } } | undefined)?.metadata?.name
}

function describeRequest(method: string, path: string, query: string | undefined, body: unknown): string {
  const p = parseApiPath(path)
  const resource = p.resource ?? 'resource'
  const thing = p.name ? `${singular(resource)} ${p.name}` : resource
  if (p.subresource === 'binding' || resource === 'bindings') {
    const target = (bodyObject(body) as { target?: { name?: string } } | undefined)?.target?.name
    return `to bind pod ${p.name ?? objectName(body) ?? ''}${target ? ` to ${target}` : ''}`.replace('pod  ', 'pod ')
  }
  if (p.subresource === 'status') return `to update the status of ${thing}`
  if (p.subresource === 'scale') return `to scale ${thing}`
  if (p.subresource === 'log') return `for the logs of ${thing}`
  const watching = (query ?? '').includes('watch=true') || (query ?? '').includes('watch=1')
  switch (method.toUpperCase()) {
    case 'GET':
      if (watching) return `to watch ${resource}`
      return p.name ? `for ${thing}` : `to list ${resource}`
    case 'POST': {
      const name = objectName(body) ?? p.name
      return `to create ${singular(resource)}${name ? ` ${name}` : ''}`
    }
    case 'PUT':
      return `to update ${thing}`
    case 'PATCH':
      return `to patch ${thing}`
    case 'DELETE':
      return `to delete ${thing}`
    default:
      return `${method} ${path}`
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** "201 Created". */
export function statusLine(status: number): string {
  return `${status}${STATUS_TEXT[status] ? ' ' + STATUS_TEXT[status] : ''}`
}

/** Summaries that are technical shorthand rather than a sentence: these get our own wording. */
const TECHNICAL = /^(GET|POST|PUT|PATCH|DELETE|WATCH) |^Watch event to |^Txn:|^OK\b|^\d{3} |^kubectl |^(put|delete) \/|^\S+$/

/**
 * One sentence a student understands, ending with a full stop. The engine's summary is used when
 * it already is a sentence ("The scheduler asks the apiserver to bind nginx to node-1"); technical
 * summaries (HTTP lines, etcd transactions, watch events) are put into words from the hop's detail.
 */
export function explainHop(hop: Hop): string {
  const from = componentName(hop.from)
  const to = componentName(hop.to)
  const d = hop.detail ?? {}
  const summary = hop.summary.trim()
  let sentence: string | undefined
  if (hop.kind === 'response' && !d.http?.status && !d.etcd && summary) {
    sentence = `${from} answers ${to}: ${summary}`
  } else if (summary && !TECHNICAL.test(summary)) {
    // "kubelet records event Pulling on pod/nginx: …" → "The kubelet on node-1 records event …"
    sentence = summary.startsWith(hop.from + ' ') ? from + summary.slice(hop.from.length) : summary.replace(/^[\w-]+(?= records event )/, from)
  } else if (d.etcd && hop.from === 'etcd') {
    const verb = d.etcd.op === 'delete' ? 'deletes' : d.etcd.before ? 'updates' : 'stores'
    sentence = `etcd ${verb} ${d.etcd.key} at revision ${d.etcd.revision} and answers ${to}`
  } else if (d.etcd && hop.to === 'etcd') {
    const verb = d.etcd.op === 'delete' ? 'deletes' : d.etcd.before ? 'updates' : 'stores'
    sentence = `${from} ${verb} ${d.etcd.key} in etcd (revision ${d.etcd.revision})`
  } else if (hop.to === 'etcd' && /^Txn:/.test(summary)) {
    const m = /^Txn: (create|update|delete) (\S+)(?: if (.*))?$/.exec(summary)
    sentence = m
      ? `${from} asks etcd to ${m[1]} ${m[2]}${m[3] ? ` (only if ${m[3].replace('absent', 'it does not exist yet').replace(/modRevision = (\d+)/, 'nobody changed it since revision $1')})` : ''}`
      : `${from} asks etcd: ${summary}`
  } else if (d.scheduling && hop.kind === 'request') {
    const pod = d.scheduling.pod.replace(/^default\//, '')
    const of = `${d.scheduling.nodesEvaluated} node${d.scheduling.nodesEvaluated === 1 ? '' : 's'}`
    sentence = d.scheduling.node
      ? `${from} asks ${to} to bind pod ${pod} to ${d.scheduling.node}, the best of ${of}`
      : `${from} found no node for pod ${pod} among ${of}`
  } else if (d.http && hop.kind === 'request') {
    sentence = `${from} asks ${to} ${describeRequest(d.http.method, d.http.path, d.http.query, d.http.body)}`
  } else if (hop.kind === 'response') {
    const status = d.http?.status
    if (status) sentence = `${from} answers ${to}: ${statusLine(status)}`
    else if (hop.from === 'etcd') sentence = `etcd answers ${to}: ${summary}`
    else sentence = `${from} answers ${to}: ${summary}`
  } else if (d.watch) {
    const name = objectName(d.watch.object)
    const kind = (d.watch.object as { kind?: string }).kind?.toLowerCase() ?? 'object'
    const what = { ADDED: 'was added', MODIFIED: 'changed', DELETED: 'was deleted', BOOKMARK: 'bookmark' }[d.watch.type] ?? d.watch.type
    sentence = `${from} tells ${to} that ${kind}${name ? ' ' + name : ''} ${what}`
  } else if (d.cri) {
    if (hop.kind === 'signal') {
      const what = d.cri.signal ? `sends ${d.cri.signal} to` : d.cri.call.toLowerCase()
      sentence = `${from} ${what} container ${d.cri.container ?? ''}`.trim()
      if (d.cri.exitCode !== undefined) sentence += ` (exit code ${d.cri.exitCode})`
    } else {
      const target = d.cri.image ? ` for image ${d.cri.image}` : d.cri.container ? ` for container ${d.cri.container}` : ''
      sentence = `${from} calls ${d.cri.call} on ${to}${target}`
    }
  }
  if (!sentence) sentence = `${from} → ${to}: ${summary}`
  return capitalize(sentence.replace(/\s+/g, ' ').trim()).replace(/([^?!])[.:]?$/, '$1.')
}

/** The technical line under the sentence: the HTTP request, the etcd write, the CRI call, or the engine's summary. */
export function hopTechnical(hop: Hop): string {
  const d = hop.detail ?? {}
  if (d.http) {
    const q = d.http.query ? (d.http.query.startsWith('?') ? d.http.query : `?${d.http.query}`) : ''
    return `${d.http.method} ${d.http.path}${q}${d.http.status ? ` → ${statusLine(d.http.status)}` : ''}`
  }
  if (d.etcd) return `${d.etcd.op} ${d.etcd.key} · revision ${d.etcd.revision}`
  if (d.cri) return `CRI ${d.cri.call}${d.cri.container ? ` · ${d.cri.container}` : ''}${d.cri.image ? ` · ${d.cri.image}` : ''}`
  if (d.watch) return `watch ${d.watch.type}`
  return hop.summary
}

/** A few words for the packet on the diagram: "POST pods", "watch MODIFIED", "PullImage". */
export function packetLabel(hop: Hop): string {
  const d = hop.detail ?? {}
  if (d.rules) return `${d.rules.mode} sync`
  if (d.packet) {
    const p = d.packet
    if (p.dns) return p.dns.answer ? `DNS ${p.dns.answer}` : 'DNS query'
    if (p.status !== undefined) return `HTTP ${p.status}`
    if (p.rules?.length) return `DNAT ${p.dst ?? ''}`.trim()
    if (p.url) return `GET ${p.dst ?? ''}`.trim()
    if (hop.from === 'client') return 'TCP via LB'
    return p.dst ? `TCP ${p.dst}` : 'packet'
  }
  if (d.cri) return d.cri.signal ?? d.cri.call
  if (d.watch) return `watch ${d.watch.type}`
  if (d.etcd && hop.to === 'etcd') return `${d.etcd.op} rev ${d.etcd.revision}`
  if (d.etcd && hop.from === 'etcd') return `OK rev ${d.etcd.revision}`
  const txn = /^Txn: (\w+)/.exec(hop.summary)
  if (txn) return `Txn ${txn[1]}`
  if (d.http) {
    if (hop.kind === 'response') return d.http.status ? statusLine(d.http.status) : 'response'
    const p = parseApiPath(d.http.path)
    return `${d.http.method} ${p.subresource ?? p.resource ?? ''}`.trim()
  }
  if (hop.kind === 'response') return 'OK'
  return hop.summary.length > 24 ? hop.summary.slice(0, 23) + '…' : hop.summary
}
