/**
 * kube-apiserver: the only component that talks to etcd. Every request passes authentication,
 * authorization, mutating admission (defaults), validation and then reaches storage; every
 * write is fanned out to the watches that match it. Each step is recorded as a hop.
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers, pkg/registry.
 */
import type { ManagedFieldsEntry, ObjectMeta } from 'kubernetes-types/meta/v1'
import type { Pod, Service } from 'kubernetes-types/core/v1'
import { fieldValue, fromLabelSelector, matches, matchesFields, parseFieldSelector, parseSelector, SelectorParseError } from '../api/labels'
import { convertFieldSelector, FieldSelectorError, matchesSelectableFields } from './fieldselector'
import { fieldValidationOf, strictDecodingError, unknownFields } from './validation/strict'
import { decodeTypeError } from './validation/decode'
import { deepCopy, deepEqual, share, type KObject, type Mutable } from '../api/meta'
import { jsonPatch, mergePatch, strategicMergePatch, type JsonPatchOp } from '../api/patch'
import type { EventQueue } from '../sim/queue'
import { NAME_ALPHABET, type Random } from '../sim/random'
import { EPOCH_MS, rfc3339 } from '../sim/time'
import { bucketOf, CompactedError, type Etcd } from '../store/etcd'
import type { ComponentId, EtcdWrite, Hop } from '../trace/hop'
import type { Trace } from '../trace/trace'
import { admit, validatingAdmission } from './admission'
import { authenticate, authenticateCredentials, impersonated, type TokenFileEntry } from './authn'
import { DEFAULT_EXPIRATION_SECONDS, ISSUER, issueServiceAccountToken, verifyServiceAccountToken } from './serviceaccounttoken'
import { authorize, requestAttributes, reviewAccess, type Decision } from './authz/authorize'
import { GRAPH_RESOURCES, nodeName } from './authz/node'
import type { UserInfo } from './authz/rules'
import { isRBACKey, RBACAuthorizer } from './authz/rbac'
import { applyDefaults } from './defaults'
import { parsePath, type ParsedPath } from './paths'
import type { ApiRequest, ApiResponse } from './request'
import { apiVersionOf, etcdKey, resourceByPath, restPath, type ResourceType } from './resources'
import * as S from './status'
import { validate } from './validation/validate'
import { needsStorage, pendingEtcdCall, REQUEST_TIMEOUT_MS, storageTimeout } from './storagefault'
import { allocateService, validateServiceUpdate } from './servicealloc'
import { fieldIndexKey, type WatchDelivery, type WatchRegistration, type WatchState } from './watch'
import { keepNamespaceFinalizers, namespaceFinalized, terminatingNamespace } from './namespace'
import { apply as serverSideApply, defaultManager, updateManagedFields, type FieldWrite } from './managedfields/managedfields'

/** The largest request body the apiserver accepts (3 MiB). Upstream: DefaultMaxRequestSizeBytes. */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024

/** `users`, the resource impersonation is authorized on. */
const USERS: ResourceType = { ...resourceByPath('', 'v1', 'serviceaccounts')!, resource: 'users', kind: 'User', singular: 'user', namespaced: false }

const QUOTAS = resourceByPath('', 'v1', 'resourcequotas')!

/** `serviceaccounts/token` bodies, for their validation errors. */
const TOKEN_REQUESTS: ResourceType = { ...resourceByPath('', 'v1', 'serviceaccounts')!, group: 'authentication.k8s.io', resource: 'tokenrequests', kind: 'TokenRequest', singular: 'tokenrequest' }

/** The decision of `--authorization-mode=AlwaysAllow`. */
const ALWAYS_ALLOW = { allowed: true as const, note: 'AlwaysAllow (no authorization mode configured)', reason: '' }

/** Virtual ms between an etcd write and a watcher receiving it. */
export const WATCH_LATENCY_MS = 1

/** Served by a kubelet through the apiserver: `pods/log`. */
export type LogProvider = (namespace: string, pod: string, container: string | undefined, opts: Record<string, string>, cause: number) => { status: number; body: unknown }

/**
 * Served by a kubelet through the apiserver: `pods/exec` (kubectl exec). Returns the command's
 * output and exit code, or a Status error.
 */
export type ExecProvider = (namespace: string, pod: string, container: string | undefined, argv: string[], cause: number) => { status: number; body: unknown }

export interface ApiServerState {
  watch: WatchState
  /** Whether the apiserver process is up. */
  up: boolean
  /**
   * `Node,RBAC` as kubeadm configures it (createCluster); absent means `AlwaysAllow`, for the
   * bare apiservers of unit tests that run without the bootstrap policy.
   */
  authorizationMode?: 'Node,RBAC'
  /** Set while etcd is stopped: requests that need storage time out (storagefault.ts). */
  etcdDown?: boolean
  /** `--token-auth-file`: static bearer tokens and their users. */
  tokenFile?: TokenFileEntry[]
}

export class ApiServer {
  logProvider?: LogProvider
  execProvider?: ExecProvider
  /**
   * Lets virtual time pass while a caller waits on its request (the cluster runs its event loop):
   * how kubectl hangs for the request timeout while etcd does not answer.
   */
  stall?: (ms: number) => void
  /**
   * Runs a `dryRun=All` update, patch or delete on a copy of the whole cluster, so it goes through
   * every stage and stores nothing (the handlers store as they go; create honours dryRun itself).
   */
  dryRunCopy?: (req: ApiRequest) => ApiResponse
  /** The stages of the request being handled, for its response hop (writes only). */
  private pipeline?: string[]
  /** RBAC over the Role and binding objects in etcd, with its cache of decisions. */
  private readonly rbac: RBACAuthorizer
  /** Authorization decisions by caller, verb and path (derived data, rebuilt after a restore). */
  private readonly decisions = new Map<string, Decision>()

  constructor(
    readonly s: ApiServerState,
    private readonly etcd: Etcd,
    private readonly trace: Trace,
    private readonly queue: EventQueue,
    private readonly rng: Random,
  ) {
    this.rbac = new RBACAuthorizer(etcd)
  }

  /**
   * Authorization of one request. Components repeat the same requests all day, so decisions that
   * depend only on RBAC objects are remembered per caller and attributes until one of those
   * objects changes (the Node authorizer's graph decisions depend on pods and are not kept).
   */
  private authorizeRequest(req: ApiRequest, user: UserInfo, p: ParsedPath, query: Record<string, string>): Decision {
    const a = requestAttributes(user, req.verb, p, query)
    // The object's name matters only to rules with resourceNames (bootstrap roles have none).
    const key = req.user || req.credentials ? undefined : `${req.from}|${a.verb}|${a.group}|${a.resource}|${a.subresource ?? ''}|${a.namespace ?? ''}|${this.rbac.usesNames() ? (a.name ?? '') : ''}`
    const hit = key ? this.decisions.get(key) : undefined
    if (hit) return hit
    const d = authorize(a, this.etcd, this.rbac)
    if (key && !(nodeName(a) && GRAPH_RESOURCES.includes(a.resource))) {
      if (this.decisions.size > 20_000) this.decisions.clear()
      this.decisions.set(key, d)
    }
    return d
  }

  // ---- hops ---------------------------------------------------------------------------------

  private hop(h: Omit<Hop, 'id' | 't'>): number {
    // Every caller passes a new object literal: it becomes the hop (no copy per hop).
    ;(h as Omit<Hop, 'id'>).t = this.queue.now
    return this.trace.record(h as Omit<Hop, 'id'>)
  }

  private respond(req: ApiRequest, reqHop: number, status: number, body: unknown, summary: string): ApiResponse {
    const pipeline = this.pipeline
    this.pipeline = undefined
    const hop = this.hop({
      from: 'apiserver',
      to: req.from,
      kind: 'response',
      summary,
      detail: { http: { method: req.verb, path: req.path, status, body: status >= 400 ? body : undefined }, ...(pipeline ? { pipeline } : {}) },
      cause: reqHop,
      ...(req.background ? { background: true as const } : {}),
    })
    return { status, body, hop }
  }

  private fail(req: ApiRequest, reqHop: number, e: S.ApiError): ApiResponse {
    return this.respond(req, reqHop, e.status, e.body, `${e.status} ${e.body.reason}: ${e.body.message}`)
  }

  /** One etcd transaction, recorded as the apiserver→etcd request and etcd→apiserver response. */
  private write(key: string, expectRev: number | undefined, value: object | undefined, cause: number, background?: boolean) {
    const before = this.etcd.get(key)
    const what = value === undefined ? `delete ${key}` : expectRev === 0 ? `create ${key}` : `update ${key}`
    const reqHop = this.hop({
      from: 'apiserver',
      to: 'etcd',
      kind: 'request',
      summary: `Txn: ${what}` + (expectRev ? ` if modRevision = ${expectRev}` : expectRev === 0 ? ' if absent' : ''),
      cause,
      ...(background ? { background: true as const } : {}),
    })
    const r = this.etcd.txn(key, expectRev === undefined ? undefined : { modRevision: expectRev }, value)
    if (r.succeeded && isRBACKey(key)) {
      this.rbac.invalidate()
      this.decisions.clear()
    }
    const etcdDetail: EtcdWrite | undefined = r.succeeded
      ? { op: value === undefined ? 'delete' : 'put', key, revision: r.revision, before: before?.value, after: value }
      : undefined
    const resHop = this.hop({
      from: 'etcd',
      to: 'apiserver',
      kind: 'response',
      summary: r.succeeded ? `OK: revision ${r.revision}` : `Txn failed: ${key} is at modRevision ${r.succeeded ? 0 : (r.current?.modRevision ?? 0)}`,
      detail: etcdDetail ? { etcd: etcdDetail } : undefined,
      cause: reqHop,
      ...(background ? { background: true as const } : {}),
    })
    if (r.succeeded) this.fanOut(key, before?.value as KObject | undefined, value as KObject | undefined, resHop, background)
    return { ...r, hop: resHop }
  }

  // ---- watch --------------------------------------------------------------------------------

  /**
   * Registers a watch for `subscriber` and delivers the events after `resourceVersion`.
   * Returns the watch id, or a 410 Expired Status when that revision was compacted.
   */
  watch(
    subscriber: ComponentId,
    type: ResourceType,
    opts: { namespace?: string; fieldSelector?: string; labelSelector?: string; resourceVersion?: string },
    cause?: number,
  ): { id: number } | S.ApiError {
    try {
      convertFieldSelector(type, parseFieldSelector(opts.fieldSelector ?? ''))
    } catch (e) {
      if (e instanceof FieldSelectorError) return S.badRequest(e.message)
      throw e
    }
    const prefix = etcdKey(type, opts.namespace)
    const reg: WatchRegistration = {
      id: this.s.watch.nextId++,
      subscriber,
      resource: `${type.group}/${type.version}/${type.resource}`,
      prefix,
      fields: parseFieldSelector(opts.fieldSelector ?? ''),
      labels: opts.labelSelector ? parseSelector(opts.labelSelector) : [],
      active: true,
    }
    const path = restPath(type, opts.namespace)
    const q = [`watch=true`]
    if (opts.fieldSelector) q.push(`fieldSelector=${encodeURIComponent(opts.fieldSelector)}`)
    if (opts.labelSelector) q.push(`labelSelector=${encodeURIComponent(opts.labelSelector)}`)
    if (opts.resourceVersion) q.push(`resourceVersion=${opts.resourceVersion}`)
    const reqHop = this.hop({
      from: subscriber,
      to: 'apiserver',
      kind: 'request',
      summary: `${subscriber} opens a watch on ${type.resource}${opts.fieldSelector ? ` (${opts.fieldSelector})` : ''}`,
      detail: { http: { method: 'GET', path, query: '?' + q.join('&') } },
      cause,
    })
    const rv = Number(opts.resourceVersion ?? this.etcd.revision)
    let backlog
    try {
      backlog = this.etcd.eventsSince(rv, prefix)
    } catch (e) {
      if (e instanceof CompactedError) {
        const err = S.gone(`too old resource version: ${rv} (${e.compactRevision})`)
        this.hop({ from: 'apiserver', to: subscriber, kind: 'response', summary: `410 Expired: ${err.body.message}`, cause: reqHop })
        return err
      }
      throw e
    }
    this.s.watch.watches.set(reg.id, reg)
    const ik = fieldIndexKey(reg)
    if (ik) {
      let set = this.s.watch.byField.get(ik)
      if (!set) this.s.watch.byField.set(ik, (set = new Set()))
      set.add(reg.id)
      this.s.watch.indexedFields.add(reg.fields[0].field)
    } else {
      const b = bucketOf(reg.prefix + 'x')
      let set = this.s.watch.scan.get(b)
      if (!set) this.s.watch.scan.set(b, (set = new Set()))
      set.add(reg.id)
    }
    this.hop({ from: 'apiserver', to: subscriber, kind: 'response', summary: '200 OK: watch stream open', detail: { http: { method: 'GET', path, status: 200 } }, cause: reqHop })
    for (const ev of backlog) {
      const old = ev.prevKv?.value as KObject | undefined
      const cur = ev.type === 'DELETE' ? undefined : (ev.kv.value as KObject)
      this.deliverTo(reg, old, cur, reqHop)
    }
    return { id: reg.id }
  }

  stopWatch(id: number): void {
    const reg = this.s.watch.watches.get(id)
    if (!reg) return
    this.s.watch.watches.delete(id)
    this.s.watch.scan.get(bucketOf(reg.prefix + 'x'))?.delete(id)
    const ik = fieldIndexKey(reg)
    if (ik) this.s.watch.byField.get(ik)?.delete(id)
  }

  private matchesWatch(w: WatchRegistration, o: KObject | undefined): boolean {
    if (!o) return false
    if (w.fields.length && !matchesFields(w.fields, o)) return false
    if (w.labels.length && !matches(w.labels, o.metadata?.labels)) return false
    return true
  }

  private deliverTo(w: WatchRegistration, old: KObject | undefined, cur: KObject | undefined, cause: number, background?: boolean): void {
    const was = this.matchesWatch(w, old)
    const is = this.matchesWatch(w, cur)
    let d: WatchDelivery | undefined
    if (is) d = { watchId: w.id, type: was ? 'MODIFIED' : 'ADDED', object: cur!, cause }
    else if (was) d = { watchId: w.id, type: 'DELETED', object: cur ?? old!, cause }
    if (!d) return
    if (background) d.background = true
    this.queue.schedule(WATCH_LATENCY_MS, 'watch', d, { bg: background })
  }

  private fanOut(key: string, old: KObject | undefined, cur: KObject | undefined, cause: number, background?: boolean): void {
    const ws = this.s.watch
    // Only the watches of this key's resource; with a kube-proxy per node there are hundreds of others.
    const ids: number[] = [...(ws.scan.get(bucketOf(key)) ?? [])]
    const scanned = ids.length
    for (const field of ws.indexedFields) {
      const a = old ? fieldValue(old, field) : undefined
      const b = cur ? fieldValue(cur, field) : undefined
      if (a !== undefined) for (const id of ws.byField.get(`${field}=${a}`) ?? []) ids.push(id)
      if (b !== undefined && b !== a) for (const id of ws.byField.get(`${field}=${b}`) ?? []) ids.push(id)
    }
    // Deliver in registration order, as a single scan would (a bucket's watches are in that order).
    if (ids.length > scanned) ids.sort((x, y) => x - y)
    for (const id of ids) {
      const w = ws.watches.get(id)
      if (!w || !w.active || !key.startsWith(w.prefix)) continue
      this.deliverTo(w, old, cur, cause, background)
    }
  }

  /**
   * Records the watch hop of a delivery when it reaches its subscriber. Returns the registration
   * and the hop id, or undefined when the watch is gone.
   */
  deliver(d: WatchDelivery): { reg: WatchRegistration; hop: number } | undefined {
    const reg = this.s.watch.watches.get(d.watchId)
    if (!reg || !reg.active) return undefined
    const o = d.object as KObject
    const name = o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata?.name
    const hop = this.hop({
      from: 'apiserver',
      to: reg.subscriber,
      kind: 'watch',
      summary: `Watch event to ${reg.subscriber}: ${d.type} ${o.kind} ${name}`,
      detail: { watch: { type: d.type, object: o } },
      cause: d.cause,
      ...(d.background ? { background: true as const } : {}),
    })
    return { reg, hop }
  }

  /**
   * Reads an object by path without recording a hop: how the simulation checks what a watching
   * client already knows (kubectl waiting on a watch it opened).
   */
  peek(path: string): object | undefined {
    const p = parsePath(path)
    return p?.name ? this.etcd.get(etcdKey(p.type, p.namespace, p.name))?.value : undefined
  }

  /** Lists a collection without recording a hop (what a client's open watch already knows). */
  peekList(path: string): object[] {
    const p = parsePath(path)
    return p ? this.etcd.range(etcdKey(p.type, p.namespace)).map((kv) => kv.value) : []
  }

  // ---- requests -----------------------------------------------------------------------------

  /** Handles one REST request and records its hops. */
  handle(req: ApiRequest): ApiResponse {
    const query = req.query ?? {}
    if (this.dryRunCopy && query.dryRun === 'All' && (req.verb === 'PUT' || req.verb === 'PATCH' || req.verb === 'DELETE')) return this.dryRunCopy(req)
    const qs = Object.keys(query).length ? '?' + Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') : ''
    const reqHop = this.hop({
      from: req.from,
      to: 'apiserver',
      kind: 'request',
      summary: req.summary ?? `${req.verb} ${req.path}${qs}`,
      detail: {
        http: { method: req.verb, path: req.path, query: qs || undefined, body: keepBody(req) ? req.body : undefined },
        ...(req.scheduling ? { scheduling: req.scheduling } : {}),
      },
      cause: req.cause,
      ...(req.background ? { background: true as const } : {}),
    })
    if (!this.s.up) return { status: 0, body: undefined, hop: reqHop }
    this.pipeline = undefined
    const p = parsePath(req.path)
    if (!p) return this.fail(req, reqHop, S.pathNotFound())
    // Authentication, impersonation (kubectl --as) and authorization (authz/).
    const authenticated = req.credentials ? this.authenticateCredentials(req.credentials) : authenticate(req.from)
    if (!authenticated) {
      this.pipeline = ['authentication: failed, no authenticator accepts the credentials']
      return this.fail(req, reqHop, S.unauthorized())
    }
    let user = authenticated
    const stages = [`authentication: ${user.name} (${user.method})`]
    if (req.user) {
      const imp = this.s.authorizationMode ? authorize({ user, verb: 'impersonate', group: '', resource: 'users', name: req.user }, this.etcd, this.rbac) : ALWAYS_ALLOW
      if (!imp.allowed) {
        this.pipeline = [...stages, 'impersonation: denied']
        return this.fail(req, reqHop, S.forbiddenRequest(USERS, req.user, imp.message))
      }
      user = impersonated(req.user, user)
      stages.push(`impersonation: acting as ${user.name}, allowed by ${imp.note}`)
    }
    const decision = this.s.authorizationMode ? this.authorizeRequest(req, user, p, query) : ALWAYS_ALLOW
    if (!decision.allowed) {
      this.pipeline = [...stages, 'authorization: denied, no binding allows it']
      return this.fail(req, reqHop, S.forbiddenRequest(p.type, p.name, decision.message))
    }
    if (req.verb !== 'GET') this.pipeline = [...stages, `authorization: allowed by ${decision.note}`]
    let body = req.body
    if (typeof body === 'string') {
      if (body.length > MAX_REQUEST_BYTES) return this.fail(req, reqHop, S.tooLarge())
      try {
        body = JSON.parse(body)
      } catch (e) {
        return this.fail(req, reqHop, S.badRequest(`the object provided is unrecognized: ${(e as Error).message}`))
      }
    }
    if (this.s.etcdDown && needsStorage(req, p)) return this.etcdUnreachable(req, reqHop, p, body as KObject | undefined)
    // Decoding into the typed object: a value of the wrong JSON type fails the request (validation/decode.ts).
    // Only what comes from outside can be mistyped: the cluster's own components write typed objects,
    // so their writes (most of all writes) skip the walk.
    const typeError = req.from === 'kubectl' && (req.verb === 'POST' || req.verb === 'PUT') && !p.subresource ? decodeTypeError(p.type, body) : undefined
    if (typeError) {
      const o = body as KObject
      const version = (o?.apiVersion ?? '').split('/').pop() || p.type.version
      return this.fail(req, reqHop, S.badRequest(`${o?.kind ?? p.type.kind} in version "${version}" cannot be handled as a ${p.type.kind}: ${typeError}`))
    }
    const validation = fieldValidationOf(query.fieldValidation)
    let warnings: string[] | undefined
    if (validation && !p.subresource && (req.verb === 'POST' || req.verb === 'PUT' || (req.verb === 'PATCH' && req.patchType !== 'json'))) {
      // A patch is checked by its own fields: the rest of the object was checked when written.
      // Warn and Ignore store the object without the unknown fields.
      const unknown = unknownFields(p.type, body, validation !== 'Strict')
      if (unknown.length && validation === 'Strict') {
        const o = body as KObject
        const version = (o?.apiVersion ?? '').split('/').pop() || p.type.version
        const message = req.verb === 'PATCH' ? strictDecodingError(unknown) : `${o?.kind ?? p.type.kind} in version "${version}" cannot be handled as a ${p.type.kind}: ${strictDecodingError(unknown)}`
        return this.fail(req, reqHop, S.badRequest(message))
      }
      if (unknown.length && validation === 'Warn') warnings = unknown.map((f) => `unknown field "${f}"`)
    }
    const r = this.dispatch(req, reqHop, p, query, body, user)
    return warnings ? { ...r, warnings } : r
  }

  /** The verb's handler, after authentication, authorization and field validation. */
  private dispatch(req: ApiRequest, reqHop: number, p: ParsedPath, query: Record<string, string>, body: unknown, user: UserInfo): ApiResponse {
    try {
      switch (req.verb) {
        case 'GET':
          return p.name ? this.get(req, reqHop, p) : this.list(req, reqHop, p, query)
        case 'POST':
          if (p.subresource === 'binding' || p.type.resource === 'bindings') return this.bind(req, reqHop, p, body as KObject)
          if (p.name && p.subresource === 'eviction') return this.evict(req, reqHop, p, body as KObject)
          if (p.name && p.subresource === 'exec') {
            const r = this.execProvider?.(p.namespace ?? '', p.name, query.container, ((body as { command?: string[] })?.command ?? []), reqHop)
            if (!r) return this.fail(req, reqHop, S.pathNotFound())
            if (r.status >= 400) return this.fail(req, reqHop, r.body as unknown as S.ApiError)
            return this.respond(req, reqHop, 200, r.body, `200 OK: exec in ${p.name} finished`)
          }
          if (p.name && p.subresource === 'token' && p.type.kind === 'ServiceAccount') return this.requestToken(req, reqHop, p, body as KObject)
          if (p.name) return this.fail(req, reqHop, S.methodNotAllowed())
          if (p.type.resource === 'selfsubjectaccessreviews') {
            // Not stored: answered from the authorizers for the requesting user.
            const review = reviewAccess(body as object, user, this.etcd, this.rbac) as { status: { allowed: boolean } }
            return this.respond(req, reqHop, 201, review, `201 Created: ${user.name} ${review.status.allowed ? 'may' : 'may not'} do that`)
          }
          return this.create(req, reqHop, p, body as KObject, query)
        case 'PUT':
          if (!p.name) return this.fail(req, reqHop, S.methodNotAllowed())
          return this.update(req, reqHop, p, body as KObject)
        case 'PATCH':
          if (!p.name) return this.fail(req, reqHop, S.methodNotAllowed())
          return this.patch(req, reqHop, p, body, query)
        case 'DELETE':
          if (!p.name) return this.deleteCollection(req, reqHop, p, query, body as Record<string, unknown> | undefined)
          return this.delete(req, reqHop, p, query, body as Record<string, unknown> | undefined)
      }
    } catch (e) {
      if (e instanceof SelectorParseError) return this.fail(req, reqHop, S.badRequest(`unable to parse requirement: ${e.message}`))
      if (e instanceof FieldSelectorError) return this.fail(req, reqHop, S.badRequest(e.message))
      throw e
    }
  }

  /**
   * etcd is stopped: the request waits on an etcd call that never answers, then times out
   * (storagefault.ts). kubectl's terminal waits the whole request timeout; the cluster's own
   * components get the same answer at once (their retries and back-off follow from it).
   */
  private etcdUnreachable(req: ApiRequest, reqHop: number, p: ParsedPath, body: KObject | undefined): ApiResponse {
    const key = etcdKey(p.type, p.namespace, p.name ?? (req.verb === 'POST' ? body?.metadata?.name : undefined))
    this.hop({ from: 'apiserver', to: 'etcd', kind: 'request', summary: `${pendingEtcdCall(req, p, key)}: no answer, etcd is down`, cause: reqHop, ...(req.background ? { background: true as const } : {}) })
    const pipeline = this.pipeline
    if (req.from === 'kubectl' && !req.outside) this.stall?.(REQUEST_TIMEOUT_MS)
    this.pipeline = pipeline && [...pipeline, `storage: etcd did not answer within the request timeout (${REQUEST_TIMEOUT_MS / 1000}s)`]
    return this.fail(req, reqHop, storageTimeout(req))
  }

  private authenticateCredentials(credentials: NonNullable<ApiRequest['credentials']>): UserInfo | undefined {
    const nowSec = Math.floor((EPOCH_MS + this.queue.now) / 1000)
    const accountUid = (ns: string, name: string) => (this.etcd.get(`/registry/serviceaccounts/${ns}/${name}`)?.value as KObject | undefined)?.metadata?.uid
    return authenticateCredentials(credentials, this.s.tokenFile ?? [], (token) => verifyServiceAccountToken(token, nowSec, accountUid))
  }

  /**
   * serviceaccounts/<name>/token (TokenRequest): a bound token for the account, not stored.
   * Upstream: pkg/registry/core/serviceaccount/storage/token.go.
   */
  private requestToken(req: ApiRequest, reqHop: number, p: ParsedPath, body: KObject | undefined): ApiResponse {
    const kv = this.etcd.get(etcdKey(p.type, p.namespace, p.name))
    if (!kv) return this.fail(req, reqHop, S.notFound(p.type, p.name!))
    const sa = kv.value as KObject
    const spec = ((body as { spec?: { expirationSeconds?: number | null; audiences?: string[] | null } } | undefined)?.spec ?? {})
    const seconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS
    // Upstream: pkg/apis/authentication/validation ValidateTokenRequest.
    if (seconds < 600) return this.fail(req, reqHop, S.invalid(TOKEN_REQUESTS, p.name!, [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', body: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes` }]))
    const nowSec = Math.floor((EPOCH_MS + this.queue.now) / 1000)
    const audiences = spec.audiences?.length ? spec.audiences : [ISSUER]
    const { token, expirationTimestamp } = issueServiceAccountToken(p.namespace!, p.name!, sa.metadata!.uid!, this.rng.uuid(), nowSec, seconds, audiences)
    const review = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: p.name, namespace: p.namespace, creationTimestamp: rfc3339(this.queue.now) },
      spec: { audiences, expirationSeconds: seconds, boundObjectRef: null },
      status: { token, expirationTimestamp: rfc3339(expirationTimestamp * 1000 - EPOCH_MS) },
    }
    return this.respond(req, reqHop, 201, review, `201 Created: a token for service account ${p.namespace}/${p.name}`)
  }

  private get(req: ApiRequest, reqHop: number, p: ParsedPath): ApiResponse {
    if (p.subresource === 'log') {
      const r = this.logProvider?.(p.namespace ?? '', p.name!, req.query?.container, req.query ?? {}, reqHop)
      if (!r) return this.fail(req, reqHop, S.pathNotFound())
      if (r.status >= 400) return this.fail(req, reqHop, r.body as unknown as S.ApiError)
      return this.respond(req, reqHop, 200, r.body, `200 OK: logs of ${p.name}`)
    }
    const kv = this.etcd.get(etcdKey(p.type, p.namespace, p.name))
    if (!kv) return this.fail(req, reqHop, S.notFound(p.type, p.name!))
    if (p.subresource === 'scale') return this.respond(req, reqHop, 200, toScale(p.type, kv.value as KObject), `200 OK: scale of ${p.name}`)
    return this.respond(req, reqHop, 200, kv.value, `200 OK: ${p.type.kind} ${p.name}`)
  }

  private list(req: ApiRequest, reqHop: number, p: ParsedPath, query: Record<string, string>): ApiResponse {
    const labels = query.labelSelector ? parseSelector(query.labelSelector) : []
    const fields = convertFieldSelector(p.type, parseFieldSelector(query.fieldSelector ?? ''))
    const items: object[] = []
    for (const kv of this.etcd.range(etcdKey(p.type, p.namespace))) {
      const o = kv.value as KObject
      if (labels.length && !matches(labels, o.metadata?.labels)) continue
      if (fields.length && !matchesSelectableFields(p.type, fields, o)) continue
      items.push(o)
    }
    const body = { kind: `${p.type.kind}List`, apiVersion: apiVersionOf(p.type), metadata: { resourceVersion: String(this.etcd.revision) }, items }
    return this.respond(req, reqHop, 200, body, `200 OK: ${items.length} ${p.type.resource}`)
  }

  private newMeta(o: KObject, p: ParsedPath): S.ApiError | undefined {
    const m = (o.metadata ??= {}) as Mutable<ObjectMeta>
    if (p.type.namespaced) {
      if (m.namespace && p.namespace && m.namespace !== p.namespace) {
        return S.badRequest('the namespace of the provided object does not match the namespace sent on the request')
      }
      m.namespace = p.namespace ?? m.namespace
    } else delete m.namespace
    if (!m.name && m.generateName) m.name = m.generateName + this.rng.string(5, NAME_ALPHABET)
    m.uid = this.rng.uuid()
    m.creationTimestamp = rfc3339(this.queue.now)
    if (p.type.generation) m.generation = 1
    delete m.deletionTimestamp
    delete m.deletionGracePeriodSeconds
    return undefined
  }

  private create(req: ApiRequest, reqHop: number, p: ParsedPath, input: KObject, query: Record<string, string>): ApiResponse {
    if (!input || typeof input !== 'object') return this.fail(req, reqHop, S.badRequest('the object provided is unrecognized'))
    // In-process clients hand their body over (it is theirs no more); HTTP bodies are parsed fresh.
    const o = input
    o.apiVersion ??= apiVersionOf(p.type)
    o.kind ??= p.type.kind
    if (o.kind !== p.type.kind) return this.fail(req, reqHop, S.badRequest(`the object provided is unrecognized (must be of type ${p.type.kind}): ${o.kind}`))
    const metaErr = this.newMeta(o, p)
    if (metaErr) return this.fail(req, reqHop, metaErr)
    applyDefaults(o)
    // Field management sees the request as decoded and defaulted, before admission mutates it.
    // (Server-side apply's create brings its Apply entry.)
    if (req.patchType !== 'apply') {
      // The request's own metadata (newMeta filled it in place).
      setManagedFields(o.metadata as Mutable<ObjectMeta>, updateManagedFields(undefined, o, this.fieldWrite(req, p.type)))
    }
    const notes: string[] = []
    const admErr = admit(o, p.type, { etcd: this.etcd, rng: this.rng, now: this.queue.now }, notes)
    this.pipeline?.push(...notes.map((n) => `mutating admission: ${n}`))
    if (admErr) return this.fail(req, reqHop, admErr)
    const errs = validate(o, p.type)
    if (errs.length) {
      this.pipeline?.push(`validation: ${errs.length} error(s)`)
      return this.fail(req, reqHop, S.invalid(p.type, o.metadata?.name ?? '', errs))
    }
    this.pipeline?.push('validation: ok')
    const va = validatingAdmission(o, p.type, this.etcd)
    this.pipeline?.push(...va.notes.map((n) => `validating admission: ${n}`))
    if ('error' in va) return this.fail(req, reqHop, va.error)
    this.pipeline?.push(`storage: etcd key ${etcdKey(p.type, o.metadata!.namespace, o.metadata!.name)}`)
    if (query.dryRun === 'All') return this.respond(req, reqHop, 201, o, `201 Created (dry run): ${p.type.kind} ${o.metadata!.name}`)
    // ResourceQuota charges the quota before the object is stored.
    for (const u of va.updates) {
      const stamped = { ...u.quota, metadata: { ...u.quota.metadata, resourceVersion: String(this.etcd.revision + 1) } }
      const w = this.write(u.key, u.modRevision, stamped, reqHop)
      if (!w.succeeded) return this.fail(req, reqHop, S.conflict(QUOTAS, u.quota.metadata!.name!, S.OBJECT_MODIFIED))
    }
    const key = etcdKey(p.type, o.metadata!.namespace, o.metadata!.name)
    ;(o.metadata as Mutable<ObjectMeta>).resourceVersion = String(this.etcd.revision + 1)
    const r = this.write(key, 0, o, reqHop, req.background)
    if (!r.succeeded) return this.fail(req, reqHop, S.alreadyExists(p.type, o.metadata!.name!))
    return this.respond(req, reqHop, 201, o, `201 Created: ${p.type.kind.toLowerCase()}/${o.metadata!.name} stored at revision ${r.revision}`)
  }

  /**
   * Stores the new version of `cur`, keeping what the request may not change. The stored object
   * shares every unchanged subtree with `cur` (versions are immutable; the hop log keeps them all).
   */
  private commitUpdate(req: ApiRequest, reqHop: number, p: ParsedPath, cur: KObject, curRev: number, input: KObject): ApiResponse {
    const t = p.type
    const rvIn = input.metadata?.resourceVersion
    if (rvIn && rvIn !== String(curRev)) return this.fail(req, reqHop, S.conflict(t, cur.metadata!.name!, S.OBJECT_MODIFIED))
    let next: KObject
    if (p.subresource === 'status') {
      // Status updates change only status; workloads' status strategies also keep the
      // annotations sent (the deployment controller records its revision annotation this way).
      // Upstream: pkg/registry/apps/deployment/strategy.go deploymentStatusStrategy.PrepareForUpdate.
      const keepAnnotations = t.group === 'apps'
      next = keepAnnotations
        ? { ...cur, metadata: { ...cur.metadata, annotations: input.metadata?.annotations }, status: input.status }
        : { ...cur, status: input.status }
    } else {
      next = { ...input, apiVersion: cur.apiVersion, kind: cur.kind, metadata: { ...input.metadata } }
      // Fields the server owns.
      for (const f of ['uid', 'creationTimestamp', 'namespace', 'name', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'resourceVersion'] as const) {
        const v = cur.metadata?.[f]
        if (v === undefined) delete (next.metadata as Record<string, unknown>)[f]
        else (next.metadata as Record<string, unknown>)[f] = v
      }
      if (t.hasStatus) next.status = cur.status
      // Defaulting changes the spec in place: work on a copy, never on a subtree shared with `cur`.
      if (next.spec !== undefined) next.spec = deepCopy(next.spec)
      applyDefaults(next)
      // Only namespaces/finalize changes a namespace's spec.finalizers.
      if (t.kind === 'Namespace') keepNamespaceFinalizers(next, cur, p.subresource === 'finalize')
      const errs = validate(next, t, cur)
      if (t.kind === 'Service') {
        // The registry keeps allocated values the request left out, then validates the change.
        const alloc = allocateService(next as Service, this.etcd, this.rng, cur as Service)
        errs.push(...validateServiceUpdate(next as Service, cur as Service), ...alloc)
      }
      if (errs.length) return this.fail(req, reqHop, S.invalid(t, cur.metadata!.name!, errs))
      if (t.generation && !deepEqual(next.spec, cur.spec)) (next.metadata as Mutable<ObjectMeta>).generation = (cur.metadata?.generation ?? 0) + 1
    }
    const name = cur.metadata!.name!
    const key = etcdKey(t, cur.metadata!.namespace, name)
    // Unchanged subtrees become the stored ones, so field management's comparison skips them.
    const shared = share(next, cur)
    if (shared === cur) {
      // A no-op update does not write (the apiserver skips unchanged objects).
      return this.respond(req, reqHop, 200, cur, `200 OK: ${t.kind.toLowerCase()}/${name} unchanged`)
    }
    // Field management: the writer owns what it changed (an apply brings its own entries).
    const mf = req.patchType === 'apply' ? shared.metadata?.managedFields : updateManagedFields(cur, shared, this.fieldWrite(req, t))
    // One new metadata for the stored version: its managedFields and resourceVersion.
    const metadata = { ...shared.metadata, resourceVersion: String(this.etcd.revision + 1) } as Mutable<ObjectMeta>
    setManagedFields(metadata, mf)
    const stored = { ...shared, metadata }
    // Terminating objects disappear when their last finalizer goes.
    if (cur.metadata?.deletionTimestamp && (shared.metadata?.finalizers?.length ?? 0) === 0 && (cur.metadata.deletionGracePeriodSeconds === 0 || namespaceFinalized(shared))) {
      const r = this.write(key, curRev, undefined, reqHop)
      if (!r.succeeded) return this.fail(req, reqHop, S.conflict(t, name, S.OBJECT_MODIFIED))
      return this.respond(req, reqHop, 200, { ...stored, metadata: { ...metadata, resourceVersion: shared.metadata?.resourceVersion } }, `200 OK: last finalizer removed, ${t.kind.toLowerCase()}/${name} deleted`)
    }
    const r = this.write(key, curRev, stored, reqHop, req.background)
    if (!r.succeeded) return this.fail(req, reqHop, S.conflict(t, name, S.OBJECT_MODIFIED))
    return this.respond(req, reqHop, 200, stored, `200 OK: ${t.kind.toLowerCase()}/${name} updated, revision ${r.revision}`)
  }

  private update(req: ApiRequest, reqHop: number, p: ParsedPath, input: KObject): ApiResponse {
    const key = etcdKey(p.type, p.namespace, p.name)
    const kv = this.etcd.get(key)
    if (!kv) return this.fail(req, reqHop, S.notFound(p.type, p.name!))
    if (p.subresource === 'scale') {
      const replicas = (input as { spec?: { replicas?: number } }).spec?.replicas
      const cur = kv.value as KObject
      const next = { ...cur, spec: { ...cur.spec, replicas } }
      const rv = input.metadata?.resourceVersion
      return this.commitUpdate(req, reqHop, { ...p, subresource: undefined }, kv.value as KObject, kv.modRevision, { ...next, metadata: { ...next.metadata, resourceVersion: rv } })
    }
    if (p.subresource === 'finalize' && p.type.kind === 'Namespace') {
      // namespaces/finalize changes only spec.finalizers. Upstream: namespace storage FinalizeREST.
      const cur = kv.value as KObject
      const finalizers = (input as { spec?: { finalizers?: string[] } }).spec?.finalizers
      const next = { ...cur, spec: { ...cur.spec, finalizers }, metadata: { ...cur.metadata, resourceVersion: input.metadata?.resourceVersion } }
      return this.commitUpdate(req, reqHop, p, cur, kv.modRevision, next)
    }
    return this.commitUpdate(req, reqHop, p, kv.value as KObject, kv.modRevision, input)
  }

  private patch(req: ApiRequest, reqHop: number, p: ParsedPath, patch: unknown, query: Record<string, string>): ApiResponse {
    const key = etcdKey(p.type, p.namespace, p.name)
    const kv = this.etcd.get(key)
    if (req.patchType === 'apply') return this.serverSideApply(req, reqHop, p, patch as KObject, query, kv?.value as KObject | undefined, kv?.modRevision ?? 0)
    if (!kv) return this.fail(req, reqHop, S.notFound(p.type, p.name!))
    const cur = kv.value as KObject
    let next: KObject
    try {
      if (req.patchType === 'json') next = jsonPatch(cur, patch as JsonPatchOp[]) as KObject
      else if (req.patchType === 'merge') next = mergePatch(cur, patch) as KObject
      else next = strategicMergePatch(cur, patch) as KObject
    } catch (e) {
      return this.fail(req, reqHop, S.badRequest((e as Error).message))
    }
    if (p.subresource === 'scale') {
      const replicas = (next as { spec?: { replicas?: number } }).spec?.replicas
      const target = { ...cur, spec: { ...cur.spec, replicas } }
      return this.commitUpdate(req, reqHop, { ...p, subresource: undefined }, cur, kv.modRevision, target)
    }
    // A patch does not carry a precondition unless it sets resourceVersion itself.
    if (!(patch as KObject)?.metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: undefined }
    return this.commitUpdate(req, reqHop, p, cur, kv.modRevision, next)
  }

  /**
   * Server-side apply (PATCH `application/apply-patch+yaml`): the body is the manager's whole
   * configuration of the object. Creates the object when it does not exist; otherwise merges the
   * configuration, removes what the manager stopped applying, and answers 409 when another
   * manager owns a field it would change (unless `force=true`). managedfields/ has the rules.
   */
  private serverSideApply(req: ApiRequest, reqHop: number, p: ParsedPath, applied: KObject, query: Record<string, string>, cur: KObject | undefined, curRev: number): ApiResponse {
    if (!applied || typeof applied !== 'object' || Array.isArray(applied)) return this.fail(req, reqHop, S.badRequest('the body of the request was empty'))
    if (applied.metadata?.name && applied.metadata.name !== p.name) return this.fail(req, reqHop, S.badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${p.name})`))
    const fw = this.fieldWrite(req, p.type)
    const r = serverSideApply(cur, applied, fw, query.force === 'true')
    if ('conflict' in r) return this.fail(req, reqHop, S.applyConflict(r.conflict.message, r.conflict.causes))
    const next = r.object
    if (!cur) {
      this.pipeline?.push(`server-side apply: ${fw.manager} creates the object and owns every field it applied`)
      const o = { ...next, metadata: { ...next.metadata, name: p.name } }
      return this.create(req, reqHop, { ...p, name: undefined }, o, query)
    }
    this.pipeline?.push(`server-side apply: ${fw.manager} merged its configuration${query.force === 'true' ? ' (forced: it takes the fields others owned)' : ''}`)
    // Like other patches, an apply carries no precondition unless it sets resourceVersion.
    if (!applied.metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: undefined }
    return this.commitUpdate(req, reqHop, p, cur, curRev, next)
  }

  /** Who writes, as field management records it: `?fieldManager=`, else the component's own name. */
  private fieldWrite(req: ApiRequest, t: ResourceType): FieldWrite {
    const sub = req.path.endsWith('/status') ? 'status' : req.path.endsWith('/scale') ? 'scale' : undefined
    // One shape for every write (no optional spread): this runs on every write.
    return {
      manager: req.query?.fieldManager || defaultManager(req.from),
      subresource: sub,
      apiVersion: apiVersionOf(t),
      kind: t.kind,
      time: rfc3339(this.queue.now),
      hasStatus: !!t.hasStatus,
    }
  }

  /** pods/binding: sets spec.nodeName once. Upstream: pkg/registry/core/pod/storage BindingREST. */
  private bind(req: ApiRequest, reqHop: number, p: ParsedPath, binding: KObject): ApiResponse {
    const name = p.name ?? binding.metadata?.name ?? ''
    const podType = p.type
    const key = etcdKey(podType, p.namespace, name)
    const kv = this.etcd.get(key)
    if (!kv) return this.fail(req, reqHop, S.notFound(podType, name))
    const pod = kv.value as Pod
    const target = (binding as { target?: { name?: string } }).target?.name
    if (!target) return this.fail(req, reqHop, S.invalid(podType, name, [{ type: 'FieldValueRequired', field: 'target.name', body: 'Required value' }]))
    if (pod.metadata?.deletionTimestamp) return this.fail(req, reqHop, S.conflict(podType, name, 'pod is being deleted, cannot be assigned to a host'))
    if (pod.spec?.nodeName) return this.fail(req, reqHop, S.conflict(podType, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`))
    const conds = [...(pod.status?.conditions ?? [])]
    const i = conds.findIndex((c) => c.type === 'PodScheduled')
    const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(this.queue.now) }
    if (i >= 0) conds[i] = cond
    else conds.unshift(cond)
    const next: Pod = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec!, nodeName: target }, status: { ...pod.status, conditions: conds } }
    ;(next.metadata as Mutable<ObjectMeta>).resourceVersion = String(this.etcd.revision + 1)
    const r = this.write(key, kv.modRevision, next, reqHop)
    if (!r.succeeded) return this.fail(req, reqHop, S.conflict(podType, name, S.OBJECT_MODIFIED))
    return this.respond(req, reqHop, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, `201 Created: ${name} bound to ${target}`)
  }

  private evict(req: ApiRequest, reqHop: number, p: ParsedPath, eviction: KObject): ApiResponse {
    const opts = (eviction as { deleteOptions?: Record<string, unknown> }).deleteOptions
    return this.delete(req, reqHop, { ...p, subresource: undefined }, {}, opts, 'evicted')
  }

  /**
   * DELETE. Pods on a node are deleted gracefully: the first DELETE only sets deletionTimestamp
   * (the pod shows Terminating); the kubelet deletes it for good with grace period 0 once its
   * containers are gone. Objects with finalizers stay until the last finalizer is removed.
   * Upstream: staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete,
   * pkg/registry/core/pod/strategy.go CheckGracefulDelete.
   */
  private delete(req: ApiRequest, reqHop: number, p: ParsedPath, query: Record<string, string>, opts: Record<string, unknown> | undefined, verbWord = 'deleted'): ApiResponse {
    const t = p.type
    const key = etcdKey(t, p.namespace, p.name)
    const kv = this.etcd.get(key)
    if (!kv) return this.fail(req, reqHop, S.notFound(t, p.name!))
    const cur = kv.value as KObject
    const m = cur.metadata!
    const graceQ = query.gracePeriodSeconds ?? (opts?.gracePeriodSeconds as number | undefined)
    const propagation = (query.propagationPolicy ?? opts?.propagationPolicy) as string | undefined
    const precondUid = (opts?.preconditions as { uid?: string } | undefined)?.uid
    if (precondUid && precondUid !== m.uid) {
      return this.fail(req, reqHop, S.conflict(t, p.name!, `Precondition failed: UID in precondition: ${precondUid}, UID in object meta: ${m.uid}`))
    }
    if (t.kind === 'Namespace') {
      // A namespace with spec.finalizers only turns Terminating; the namespace controller empties
      // it and removes its finalizer. Upstream: pkg/registry/core/namespace/storage/storage.go Delete.
      const next = terminatingNamespace(cur, rfc3339(this.queue.now))
      if (next) {
        if (next !== cur) {
          ;(next.metadata as Mutable<ObjectMeta>).resourceVersion = String(this.etcd.revision + 1)
          const r = this.write(key, kv.modRevision, next, reqHop)
          if (!r.succeeded) return this.fail(req, reqHop, S.conflict(t, p.name!, S.OBJECT_MODIFIED))
        }
        return this.respond(req, reqHop, 200, next, `200 OK: namespace/${m.name} is Terminating (finalizer kubernetes pending)`)
      }
    }
    let grace = 0
    if (t.kind === 'Pod') {
      const pod = cur as Pod
      grace = graceQ !== undefined ? Number(graceQ) : (pod.spec?.terminationGracePeriodSeconds ?? 30)
      // Unscheduled and finished pods go at once.
      if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') grace = 0
    }
    const finalizers = [...(m.finalizers ?? [])]
    if (propagation === 'Foreground' && t.kind !== 'Pod' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion')
    if (propagation === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan')
    const already = m.deletionTimestamp
    if (already) {
      // A second delete may only shorten the grace period.
      const curGrace = m.deletionGracePeriodSeconds ?? 0
      if (grace >= curGrace || (grace > 0 && finalizers.length > 0)) {
        return this.respond(req, reqHop, 200, cur, `200 OK: ${t.kind.toLowerCase()}/${m.name} is already being deleted`)
      }
    }
    if (grace > 0 || finalizers.length > 0) {
      // Already waiting for finalizers with grace 0: nothing changes. (A shorter grace period
      // is recorded, so the object goes as soon as its last finalizer does.)
      if (grace === 0 && already && deepEqual(finalizers, m.finalizers ?? []) && (m.deletionGracePeriodSeconds ?? 0) === 0) {
        return this.respond(req, reqHop, 200, cur, `200 OK: ${t.kind.toLowerCase()}/${m.name} waits for finalizers ${finalizers.join(', ')}`)
      }
      const next = { ...cur, metadata: { ...cur.metadata } }
      const nm = next.metadata as Mutable<ObjectMeta>
      nm.deletionTimestamp = rfc3339(this.queue.now + grace * 1000)
      nm.deletionGracePeriodSeconds = grace
      if (finalizers.length) next.metadata!.finalizers = finalizers
      nm.resourceVersion = String(this.etcd.revision + 1)
      const r = this.write(key, kv.modRevision, next, reqHop)
      if (!r.succeeded) return this.fail(req, reqHop, S.conflict(t, p.name!, S.OBJECT_MODIFIED))
      const why = finalizers.length ? `finalizers ${finalizers.join(', ')} pending` : `grace period ${grace}s`
      return this.respond(req, reqHop, 200, next, `200 OK: ${t.kind.toLowerCase()}/${m.name} marked for deletion (${why})`)
    }
    const r = this.write(key, kv.modRevision, undefined, reqHop)
    if (!r.succeeded) return this.fail(req, reqHop, S.conflict(t, p.name!, S.OBJECT_MODIFIED))
    return this.respond(req, reqHop, 200, cur, `200 OK: ${t.kind.toLowerCase()}/${m.name} ${verbWord}`)
  }

  private deleteCollection(req: ApiRequest, reqHop: number, p: ParsedPath, query: Record<string, string>, opts: Record<string, unknown> | undefined): ApiResponse {
    const labels = query.labelSelector ? parseSelector(query.labelSelector) : []
    const items: object[] = []
    for (const kv of this.etcd.range(etcdKey(p.type, p.namespace))) {
      const o = kv.value as KObject
      if (labels.length && !matches(labels, o.metadata?.labels)) continue
      const r = this.delete(req, reqHop, { ...p, namespace: o.metadata?.namespace, name: o.metadata?.name }, query, opts)
      if (r.status < 300) items.push(r.body)
    }
    return this.respond(req, reqHop, 200, { kind: `${p.type.kind}List`, apiVersion: apiVersionOf(p.type), metadata: {}, items }, `200 OK: ${items.length} deleted`)
  }
}

/**
 * Whether a request hop keeps its body. kubectl's bodies are what the student sent; other
 * components' writes are visible as the etcd write (before and after) on the next hops, so
 * keeping their bodies too would only double the hop log's memory.
 */
function keepBody(req: ApiRequest): boolean {
  if (req.verb === 'GET') return false
  // DeleteOptions are small and say what matters (grace period, propagation policy).
  return req.verb === 'DELETE' || req.from === 'kubectl' || req.from === 'scheduler'
}

function toScale(t: ResourceType, o: KObject): object {
  const spec = o.spec as { replicas?: number; selector?: unknown }
  const status = o.status as { replicas?: number } | undefined
  const sel = fromLabelSelector(spec.selector as never)
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata?.name, namespace: o.metadata?.namespace, uid: o.metadata?.uid, resourceVersion: o.metadata?.resourceVersion, creationTimestamp: o.metadata?.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, selector: sel ? sel.map((r) => `${r.key}=${r.values[0]}`).join(',') : '' },
  }
}

/** Sets a metadata object's managedFields, or removes them when there are none (`omitempty`). */
function setManagedFields(m: Mutable<ObjectMeta>, mf: ManagedFieldsEntry[] | undefined): void {
  if (mf?.length) m.managedFields = mf
  else if (m.managedFields !== undefined) delete m.managedFields
}
