/**
 * The apiserver's HTTP front: turns one HTTP request as plain data (method, path, query string,
 * headers, body text) into the apiserver's request and its answer back into an HTTP response,
 * the way kube-apiserver's handler chain does before and after storage: discovery and `/version`,
 * content negotiation (JSON, YAML bodies; JSON, Table answers), the four PATCH content types,
 * list pagination, watch requests, and `Status` bodies for everything that goes wrong.
 * Pure: the Node server (server/) owns the sockets; this only maps data to data.
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers (get.go, create.go, patch.go,
 * delete.go, watch.go, rest.go), pkg/endpoints/discovery.
 */
import { parse as parseYaml } from 'yaml'
import { KUBE_VERSION } from '../kubectl/cmd/info'
import type { ApiServer } from './apiserver'
import { MAX_REQUEST_BYTES } from './apiserver'
import { aggregatedDiscovery, AGGREGATED_DISCOVERY_TYPE, legacyCoreVersions, legacyGroup, legacyGroupList, legacyResourceList } from './discovery'
import { managerFromUserAgent } from './managedfields/managedfields'
import { paginate } from './paginate'
import { parsePath, type ParsedPath } from './paths'
import { decodeProtobuf } from './protobuf'
import type { ApiResponse, PatchType, Verb } from './request'
import { etcdKey, type ResourceType } from './resources'
import type { ApiError } from './status'
import { toTable, wantsTable, type IncludeObject } from './table'

/** One HTTP request as plain data (what a scenario records). */
export interface HttpRequest {
  method: string
  /** The path without the query: `/api/v1/namespaces/default/pods`. */
  path: string
  /** The raw query string without `?`: `limit=500&labelSelector=app%3Dweb`. */
  query?: string
  /** Header names in lower case. */
  headers?: Record<string, string>
  body?: string
}

/** One HTTP response as plain data. A watch that opened has `watch` set and an empty body. */
export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** The id of the watch this request opened: its events come from `drainWatch(id)`. */
  watch?: number
}

/** How a watch's events are encoded on the stream. */
export interface WatchFormat {
  resource: string
  /** The kind and apiVersion of bookmark events. */
  kind: string
  apiVersion: string
  table: boolean
  include: IncludeObject
  bookmarks: boolean
}

/** What the front needs from the cluster around it. */
export interface HttpEnv {
  api: ApiServer
  now: number
  revision: number
  /** Registers a watch whose events are buffered for the server; `initial` become ADDED events first. */
  openWatch(type: ResourceType, opts: { namespace?: string; fieldSelector?: string; labelSelector?: string; resourceVersion?: string }, format: WatchFormat, initial: object[]): number | ApiError
}

const JSON_TYPE = 'application/json'
const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf'

/** Parses a query string as Go's url.ParseQuery does (the last value of a repeated key wins here). */
export function parseQuery(q: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!q) return out
  for (const part of q.split('&')) {
    if (!part) continue
    const i = part.indexOf('=')
    const k = i < 0 ? part : part.slice(0, i)
    const v = i < 0 ? '' : part.slice(i + 1)
    try {
      out[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '))
    } catch {
      out[k] = v
    }
  }
  return out
}

function statusBody(code: number, reason: string, message: string, details?: object): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code }
}

function json(status: number, body: unknown, contentType = JSON_TYPE): HttpResponse {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(body) }
}

function failure(code: number, reason: string, message: string): HttpResponse {
  return json(code, statusBody(code, reason, message))
}

/** The `/version` document of kube-apiserver v1.33. */
export function versionInfo(): object {
  return {
    major: '1',
    minor: KUBE_VERSION.split('.')[1],
    emulationMajor: '1',
    emulationMinor: KUBE_VERSION.split('.')[1],
    minCompatibilityMajor: '1',
    minCompatibilityMinor: String(Number(KUBE_VERSION.split('.')[1]) - 1),
    gitVersion: KUBE_VERSION,
    gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
    gitTreeState: 'clean',
    buildDate: '2025-05-15T08:19:08Z',
    goVersion: 'go1.24.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  }
}

/** Whether the client accepts JSON (or anything); kubectl always does. */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true
  return accept.split(',').some((part) => {
    const type = part.split(';')[0].trim().toLowerCase()
    return type === '*/*' || type === 'application/*' || type === JSON_TYPE || type === 'application/yaml' || type === ''
  })
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase()
}

const PATCH_TYPES: Record<string, PatchType | 'apply'> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
}

/** Decodes a JSON or YAML body; a string error is the 400 message. */
function decodeBody(text: string | undefined, type: string): { value: unknown } | { error: string } {
  if (text === undefined || text === '') return { value: undefined }
  try {
    if (type === 'application/yaml' || type === 'application/apply-patch+yaml') return { value: parseYaml(text) }
    return { value: JSON.parse(text) }
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]
    return { error: type.includes('yaml') ? `error converting YAML to JSON: ${msg}` : `couldn't get version/kind; json parse error: ${msg}` }
  }
}

/** Handles one request. `stateful` says whether it reached the apiserver (and must be recorded). */
export function serveHttp(req: HttpRequest, env: HttpEnv): { response: HttpResponse; stateful: boolean } {
  const headers = req.headers ?? {}
  const method = req.method.toUpperCase()
  const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path
  const accept = headers.accept
  const none = (response: HttpResponse) => ({ response, stateful: false })

  // Non-resource paths.
  if (path === '/version') return none(method === 'GET' ? json(200, versionInfo()) : failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'))
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return none({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' })
  if (path === '/api' || path === '/apis') {
    if (method !== 'GET') return none(failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'))
    if (accept && /as=APIGroupDiscoveryList/.test(accept) && /v=v2(;|,|$)/.test(accept.replace(/\s/g, ''))) {
      return none(json(200, aggregatedDiscovery(path === '/api' ? 'api' : 'apis'), AGGREGATED_DISCOVERY_TYPE))
    }
    if (!acceptsJson(accept)) return none(notAcceptable())
    return none(json(200, path === '/api' ? legacyCoreVersions(headers.host ?? '127.0.0.1') : legacyGroupList()))
  }
  const segs = path.split('/').filter(Boolean)
  if (method === 'GET' && segs[0] === 'api' && segs.length === 2) {
    const doc = legacyResourceList('', segs[1])
    if (doc) return none(json(200, doc))
  }
  if (method === 'GET' && segs[0] === 'apis' && (segs.length === 2 || segs.length === 3)) {
    const doc = segs.length === 2 ? legacyGroup(segs[1]) : legacyResourceList(segs[1], segs[2])
    if (doc) return none(json(200, doc))
  }

  const p = parsePath(path)
  if (!p) return none(failure(404, 'NotFound', 'the server could not find the requested resource'))
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
    return none(failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'))
  }
  if (p.subresource === 'exec' || p.subresource === 'attach' || p.subresource === 'portforward' || p.subresource === 'proxy') {
    return none(failure(400, 'BadRequest', `Podium's served cluster does not stream ${p.subresource}: use kubectl in the Podium app for ${p.subresource === 'portforward' ? 'port-forward' : p.subresource}`))
  }
  if (p.subresource && !['status', 'scale', 'binding', 'log', 'eviction', 'finalize'].includes(p.subresource)) {
    return none(failure(404, 'NotFound', 'the server could not find the requested resource'))
  }
  if (!acceptsJson(accept) && !wantsTable(accept) && p.subresource !== 'log') return none(notAcceptable())
  if (req.body !== undefined && req.body.length > MAX_REQUEST_BYTES) return none(failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_REQUEST_BYTES}`))

  const query = parseQuery(req.query)
  const user = headers['impersonate-user']
  const verb = method as Verb
  // `Authorization: Bearer <token>` goes to the apiserver's authenticators (a static token, a
  // service account token); a request without one acts as the admin's client certificate would.
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1]
  const base = { from: 'kubectl' as const, outside: true as const, ...(user ? { user } : {}), ...(bearer ? { credentials: { token: bearer } } : {}) }

  // Bodies: JSON or YAML for writes, one of four patch types for PATCH.
  let body: unknown
  let patchType: PatchType | 'apply' | undefined
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || (method === 'DELETE' && req.body)) {
    const type = mediaType(headers['content-type']) || JSON_TYPE
    if (method === 'PATCH') {
      patchType = PATCH_TYPES[type]
      if (!patchType) return none(failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`))
    } else if (type === PROTOBUF_TYPE) {
      const decoded = decodeProtobuf(req.body ?? '')
      if ('error' in decoded) return none(failure(decoded.unsupported ? 415 : 400, decoded.unsupported ? 'UnsupportedMediaType' : 'BadRequest', decoded.error))
      req = { ...req, body: JSON.stringify(decoded.value) }
    } else if (type !== JSON_TYPE && type !== 'application/yaml' && type !== '*/*') {
      return none(failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`))
    }
    const decoded = decodeBody(req.body, type === PROTOBUF_TYPE ? JSON_TYPE : type)
    if ('error' in decoded) return none(failure(400, 'BadRequest', decoded.error))
    body = decoded.value
    if ((method === 'POST' || method === 'PUT') && (body === null || typeof body !== 'object' || Array.isArray(body)) && p.subresource !== 'eviction') {
      return none(failure(400, 'BadRequest', body === undefined ? 'the body of the request was empty' : 'the object provided is unrecognized'))
    }
    if (method === 'PATCH' && (body === null || typeof body !== 'object')) return none(failure(400, 'BadRequest', 'the body of the request was empty'))
    if (patchType === 'json' && !Array.isArray(body)) return none(failure(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'))
    if (patchType !== 'json' && method === 'PATCH' && Array.isArray(body)) return none(failure(400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}'))
  }

  // Watch: a stream whose events the server drains.
  if (method === 'GET' && (query.watch === 'true' || query.watch === '1')) {
    if (p.name) return none(failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'))
    const format: WatchFormat = { resource: p.type.resource, kind: p.type.kind, apiVersion: p.type.group ? `${p.type.group}/${p.type.version}` : p.type.version, table: wantsTable(accept), include: includeOf(query), bookmarks: query.allowWatchBookmarks === 'true' }
    let initial: object[] = []
    let rv = query.resourceVersion
    if (!rv || rv === '0') {
      // No resource version: the current objects first, as synthetic ADDED events.
      const listQuery: Record<string, string> = {}
      if (query.labelSelector) listQuery.labelSelector = query.labelSelector
      if (query.fieldSelector) listQuery.fieldSelector = query.fieldSelector
      const r = env.api.handle({ verb: 'GET', path, query: listQuery, ...base })
      if (r.status !== 200) return { response: apiResponse(r.status, r.body), stateful: true }
      initial = r.body.items
      rv = r.body.metadata.resourceVersion
    }
    const id = env.openWatch(p.type, { namespace: p.namespace, fieldSelector: query.fieldSelector, labelSelector: query.labelSelector, resourceVersion: rv }, format, initial)
    if (typeof id !== 'number') return { response: json(id.status, id.body), stateful: true }
    return { response: { status: 200, headers: { 'content-type': JSON_TYPE, 'transfer-encoding': 'chunked' }, body: '', watch: id }, stateful: true }
  }

  // Server-side apply needs a manager; the apiserver does the rest (managedfields/).
  if (patchType === 'apply' && !query.fieldManager) return none(failure(400, 'BadRequest', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'))

  const apiQuery = { ...query }
  delete apiQuery.limit
  delete apiQuery.continue
  delete apiQuery.includeObject
  // Field validation: what the client asked for, else the server's default (Warn) for writes.
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') apiQuery.fieldValidation ??= 'Warn'
  // Writes without a field manager are recorded under the User-Agent's prefix (`kubectl/v1.33.1 …` → kubectl).
  if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && !apiQuery.fieldManager) {
    const agent = managerFromUserAgent(headers['user-agent'])
    if (agent) apiQuery.fieldManager = agent
  }
  delete apiQuery.pretty
  const r = env.api.handle({ verb, path, query: apiQuery, body, ...(patchType ? { patchType } : {}), ...base })
  if (r.status === 0) return { response: failure(503, 'ServiceUnavailable', 'the apiserver is stopped (Podium: start it again from the app)'), stateful: true }
  if (r.status >= 400) return { response: apiResponse(r.status, r.body), stateful: true }

  if (p.subresource === 'log') {
    return { response: { status: 200, headers: { 'content-type': 'text/plain' }, body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) }, stateful: true }
  }
  if (r.warnings?.length) return { response: withWarnings(serveBody(r, p, method, query, accept, env), r.warnings), stateful: true }
  return { response: serveBody(r, p, method, query, accept, env), stateful: true }
}

/** `Warning: 299 - "unknown field \"spec.foo\""` headers, one list (client-go splits it). */
function withWarnings(res: HttpResponse, warnings: string[]): HttpResponse {
  return { ...res, headers: { ...res.headers, warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') } }
}

/** A successful answer: the object, a page of a list, a Table or a Scale. */
function serveBody(r: ApiResponse, p: ParsedPath, method: string, query: Record<string, string>, accept: string | undefined, env: HttpEnv): HttpResponse {
  let out = r.body
  const table = wantsTable(accept) && !p.subresource
  if (method === 'GET' && !p.name) {
    // Lists: one page, then Table or JSON.
    const page = paginate(out.items as { metadata?: { namespace?: string; name?: string } }[], (o) => etcdKey(p.type, o.metadata?.namespace, o.metadata?.name), query.limit ? Number(query.limit) : undefined, query.continue, env.revision)
    if ('error' in page) return failure(400, 'BadRequest', page.error)
    const meta = { resourceVersion: out.metadata.resourceVersion, continue: page.continue, remainingItemCount: page.remainingItemCount }
    if (table) out = toTable(p.type.resource, page.items, env.now, meta, includeOf(query))
    else out = { ...out, metadata: { resourceVersion: meta.resourceVersion, ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}) }, items: page.items }
  } else if (p.subresource === 'scale' && out?.kind !== 'Scale') {
    // Writes through /scale answer with the Scale, as reads do.
    out = toScale(out)
  } else if (table && method === 'GET') {
    out = toTable(p.type.resource, [out], env.now, { resourceVersion: out.metadata?.resourceVersion }, includeOf(query))
  }
  return json(r.status, out)
}

/** autoscaling/v1 Scale of a workload. Upstream: pkg/registry/apps/deployment/storage ScaleREST. */
function toScale(o: { metadata?: Record<string, unknown>; spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } }; status?: { replicas?: number } }): object {
  const m = o.metadata ?? {}
  const labels = o.spec?.selector?.matchLabels ?? (o.spec?.selector as Record<string, string> | undefined) ?? {}
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') },
  }
}

function includeOf(query: Record<string, string>): IncludeObject {
  const v = query.includeObject
  return v === 'None' || v === 'Object' ? v : 'Metadata'
}

function apiResponse(status: number, body: unknown): HttpResponse {
  return json(status, body)
}

function notAcceptable(): HttpResponse {
  return failure(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf')
}

/** One watch event as a line of the stream (`{"type":"ADDED","object":{…}}`). */
export function watchEventLine(type: string, object: object, format: WatchFormat, now: number): string {
  const o = object as { metadata?: { resourceVersion?: string } }
  const payload = format.table && type !== 'BOOKMARK' ? toTable(format.resource, [object], now, { resourceVersion: o.metadata?.resourceVersion }, format.include) : object
  return JSON.stringify({ type, object: payload }) + '\n'
}
