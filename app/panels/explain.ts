/**
 * Words for hops: a one-sentence explanation for the timeline ("The scheduler asks the apiserver
 * to bind pod nginx to node-2.") and a short label for the packet travelling on the diagram.
 * Pure functions of the hop; the engine's own `summary` stays visible beside them.
 */
import type { ComponentId, Hop } from '../../src/engine'
import { translatorFor, type Lang, type Translate } from '../i18n'

/** A component's name in a sentence: `kubelet/node-1` → "the kubelet on node-1" ("kubelet trên node-1"). */
export function componentName(id: ComponentId, lang: Lang = 'en'): string {
  return nameWith(translatorFor(lang), id)
}

function nameWith(t: Translate, id: ComponentId): string {
  const [kind, rest] = splitId(id)
  switch (kind) {
    case 'kubectl':
      return t('explain.kubectl')
    case 'apiserver':
      return t('explain.apiserver')
    case 'etcd':
      return t('explain.etcd')
    case 'scheduler':
      return t('explain.scheduler')
    case 'controller-manager':
      return rest ? t('explain.controller', { name: rest }) : t('explain.controllerManager')
    case 'cloud-controller-manager':
      return t('explain.cloudControllerManager')
    case 'kubelet':
      return t('explain.kubelet', { node: rest ?? '' })
    case 'runtime':
      return t('explain.runtime', { node: rest ?? '' })
    case 'kube-proxy':
      return t('explain.kubeProxy', { node: rest ?? '' })
    case 'coredns':
      return 'CoreDNS'
    case 'client':
      return t('explain.client')
    case 'cloud':
      return t('explain.cloud')
    case 'pod':
      return t('explain.pod', { name: rest?.replace(/^default\//, '') ?? '' })
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

/**
 * Capitalises a sentence, except names that are always written in lower case (kubectl, etcd). In
 * Vietnamese a sentence may start with a component's own name (kubelet, apiserver): kept as written.
 */
function capitalize(s: string, lang: Lang): string {
  const lower = lang === 'vi' ? /^(kubectl|etcd|kube-proxy|kubelet|apiserver|scheduler|container runtime|cloud controller|controller manager|[\w-]+ controller)\b/ : /^(kubectl|etcd|kube-proxy)\b/
  return lower.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1)
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

function describeRequest(t: Translate, method: string, path: string, query: string | undefined, body: unknown): string {
  const p = parseApiPath(path)
  const resource = p.resource ?? 'resource'
  const thing = p.name ? `${singular(resource)} ${p.name}` : resource
  if (p.subresource === 'binding' || resource === 'bindings') {
    const target = (bodyObject(body) as { target?: { name?: string } } | undefined)?.target?.name
    const pod = p.name ?? objectName(body) ?? ''
    return target ? t('request.bindTo', { pod, node: target }) : t('request.bind', { pod })
  }
  if (p.subresource === 'status') return t('request.status', { thing })
  if (p.subresource === 'scale') return t('request.scale', { thing })
  if (p.subresource === 'log') return t('request.log', { thing })
  const watching = (query ?? '').includes('watch=true') || (query ?? '').includes('watch=1')
  switch (method.toUpperCase()) {
    case 'GET':
      if (watching) return t('request.watch', { resource })
      return p.name ? t('request.get', { thing }) : t('request.list', { resource })
    case 'POST': {
      const name = objectName(body) ?? p.name
      return t('request.create', { thing: `${singular(resource)}${name ? ` ${name}` : ''}` })
    }
    case 'PUT':
      return t('request.update', { thing })
    case 'PATCH':
      return t('request.patch', { thing })
    case 'DELETE':
      return t('request.delete', { thing })
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
 * One sentence a student understands, ending with a full stop, in `lang`. The engine's summary is
 * used when it already is a sentence ("The scheduler asks the apiserver to bind nginx to node-1"):
 * that text comes from the engine and stays English in every language, like kubectl's output.
 * Technical summaries (HTTP lines, etcd transactions, watch events) are put into words from the
 * hop's detail, in the chosen language.
 */
export function explainHop(hop: Hop, lang: Lang = 'en'): string {
  const t = translatorFor(lang)
  const from = nameWith(t, hop.from)
  const to = nameWith(t, hop.to)
  const d = hop.detail ?? {}
  const summary = hop.summary.trim()
  let sentence: string | undefined
  if (hop.kind === 'response' && !d.http?.status && !d.etcd && summary) {
    sentence = t('explain.answers', { from, to, what: summary })
  } else if (summary && !TECHNICAL.test(summary)) {
    // The engine's own sentence, in English: "kubelet records event Pulling on pod/nginx: …" →
    // "The kubelet on node-1 records event …".
    const fromEn = componentName(hop.from)
    sentence = summary.startsWith(hop.from + ' ') ? fromEn + summary.slice(hop.from.length) : summary.replace(/^[\w-]+(?= records event )/, fromEn)
  } else if (d.etcd && hop.from === 'etcd') {
    const key = d.etcd.op === 'delete' ? 'explain.etcdDeletes' : d.etcd.before ? 'explain.etcdUpdates' : 'explain.etcdStores'
    sentence = t(key, { key: d.etcd.key, revision: d.etcd.revision, to })
  } else if (d.etcd && hop.to === 'etcd') {
    const key = d.etcd.op === 'delete' ? 'explain.deletesIn' : d.etcd.before ? 'explain.updatesIn' : 'explain.storesIn'
    sentence = t(key, { from, key: d.etcd.key, revision: d.etcd.revision })
  } else if (hop.to === 'etcd' && /^Txn:/.test(summary)) {
    const m = /^Txn: (create|update|delete) (\S+)(?: if (.*))?$/.exec(summary)
    if (!m) sentence = t('explain.txnOther', { from, summary })
    else {
      const vars = { from, op: t(`explain.op.${m[1] as 'create' | 'update' | 'delete'}`), key: m[2] }
      const unchanged = m[3] && /^modRevision = (\d+)$/.exec(m[3])
      if (!m[3]) sentence = t('explain.txn', vars)
      else if (m[3] === 'absent') sentence = t('explain.txnIfAbsent', vars)
      else if (unchanged) sentence = t('explain.txnIfUnchanged', { ...vars, revision: unchanged[1] })
      else sentence = t('explain.txnIf', { ...vars, condition: m[3] })
    }
  } else if (d.scheduling && hop.kind === 'request') {
    const pod = d.scheduling.pod.replace(/^default\//, '')
    const of = t('explain.nodes', { count: d.scheduling.nodesEvaluated })
    sentence = d.scheduling.node
      ? t('explain.bindBest', { from, to, pod, node: d.scheduling.node, of })
      : t('explain.noNode', { from, pod, of })
  } else if (d.http && hop.kind === 'request') {
    sentence = t('explain.asks', { from, to, what: describeRequest(t, d.http.method, d.http.path, d.http.query, d.http.body) })
  } else if (hop.kind === 'response') {
    const status = d.http?.status
    sentence = t('explain.answers', { from, to, what: status ? statusLine(status) : summary })
  } else if (d.watch) {
    const name = objectName(d.watch.object)
    const kind = (d.watch.object as { kind?: string }).kind?.toLowerCase() ?? 'object'
    const object = `${kind}${name ? ' ' + name : ''}`
    const type = d.watch.type
    const what = type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED' || type === 'BOOKMARK' ? t(`explain.watch.${type}`, { object }) : t('explain.watch.other', { object, type })
    sentence = t('explain.tells', { from, to, what })
  } else if (d.cri) {
    if (hop.kind === 'signal') {
      const container = d.cri.container ?? ''
      sentence = (d.cri.signal ? t('explain.signal', { from, signal: d.cri.signal, container }) : t('explain.criSignal', { from, call: d.cri.call.toLowerCase(), container })).trim()
      if (d.cri.exitCode !== undefined) sentence = t('explain.exitCode', { sentence, code: d.cri.exitCode })
    } else if (d.cri.image) sentence = t('explain.callsImage', { from, call: d.cri.call, to, image: d.cri.image })
    else if (d.cri.container) sentence = t('explain.callsContainer', { from, call: d.cri.call, to, container: d.cri.container })
    else sentence = t('explain.calls', { from, call: d.cri.call, to })
  }
  if (!sentence) sentence = t('explain.fallback', { from, to, summary })
  return capitalize(sentence.replace(/\s+/g, ' ').trim(), lang).replace(/([^?!])[.:]?$/, '$1.')
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
export function packetLabel(hop: Hop, lang: Lang = 'en'): string {
  const t = translatorFor(lang)
  const d = hop.detail ?? {}
  if (d.rules) return `${d.rules.mode} sync`
  if (d.packet) {
    const p = d.packet
    if (p.dns) return p.dns.answer ? `DNS ${p.dns.answer}` : t('packet.dnsQuery')
    if (p.status !== undefined) return `HTTP ${p.status}`
    if (p.rules?.length) return `DNAT ${p.dst ?? ''}`.trim()
    if (p.url) return `GET ${p.dst ?? ''}`.trim()
    if (hop.from === 'client') return t('packet.viaLb')
    return p.dst ? `TCP ${p.dst}` : t('packet.packet')
  }
  if (d.cri) return d.cri.signal ?? d.cri.call
  if (d.watch) return `watch ${d.watch.type}`
  if (d.etcd && hop.to === 'etcd') return `${d.etcd.op} rev ${d.etcd.revision}`
  if (d.etcd && hop.from === 'etcd') return `OK rev ${d.etcd.revision}`
  const txn = /^Txn: (\w+)/.exec(hop.summary)
  if (txn) return `Txn ${txn[1]}`
  if (d.http) {
    if (hop.kind === 'response') return d.http.status ? statusLine(d.http.status) : t('packet.response')
    const p = parseApiPath(d.http.path)
    return `${d.http.method} ${p.subresource ?? p.resource ?? ''}`.trim()
  }
  if (hop.kind === 'response') return 'OK'
  return hop.summary.length > 24 ? hop.summary.slice(0, 23) + '…' : hop.summary
}
