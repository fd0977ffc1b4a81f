/**
 * The OpenAPI documents of the served kinds, generated when the server starts from the
 * `kubernetes-types` declarations (the maintained TypeScript rendering of Kubernetes' own
 * OpenAPI spec, descriptions included) through the same parser the app's editor schema uses
 * (app/editor/k8sSchema.ts). `kubectl explain` reads `/openapi/v3/<group-version>`; `kubectl
 * apply` reads the patch strategy (`x-kubernetes-patch-merge-key`) and whether the server
 * validates fields (`fieldValidation` on PATCH) from the same documents.
 * Upstream: kube-openapi's handler3 (`/openapi/v3` index with `serverRelativeURL`), the
 * `io.k8s.api.<group>.<version>.<Kind>` schema names and `x-kubernetes-group-version-kind`.
 */
import { createHash } from 'node:crypto'
import { generateKubernetesSchema } from '../app/editor/k8sSchema'
import { mergeKeyFor } from '../src/engine/api/patch'

type Schema = Record<string, unknown>

/** What the server needs to describe: each served resource (from the engine's discovery). */
export interface ServedResource {
  group: string
  version: string
  resource: string
  kind: string
  namespaced: boolean
}

/** Declaration files (kubernetes-types) by API group. */
const FILE_GROUPS: Record<string, string> = {
  core: '',
  apps: 'apps',
  batch: 'batch',
  networking: 'networking.k8s.io',
  autoscaling: 'autoscaling',
  policy: 'policy',
  rbac: 'rbac.authorization.k8s.io',
  storage: 'storage.k8s.io',
  scheduling: 'scheduling.k8s.io',
  coordination: 'coordination.k8s.io',
  discovery: 'discovery.k8s.io',
}

/** `core.v1.Pod` → `io.k8s.api.core.v1.Pod`, `meta.v1.ObjectMeta` → `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`. */
export function upstreamName(def: string): string {
  if (def.startsWith('meta.v1.')) return `io.k8s.apimachinery.pkg.apis.${def}`
  if (def.startsWith('api.resource.')) return `io.k8s.apimachinery.pkg.${def}`
  if (def.startsWith('util.intstr.')) return `io.k8s.apimachinery.pkg.${def}`
  if (def.startsWith('runtime.')) return `io.k8s.apimachinery.pkg.${def}`
  if (def.startsWith('apiextensions.')) return `io.k8s.apiextensions-apiserver.pkg.apis.${def}`
  return `io.k8s.api.${def}`
}

/** Rewrites one schema node: OpenAPI refs, one type per node, described refs as `allOf`. */
function convert(node: unknown, refPrefix: string, defName: string, propName?: string): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, refPrefix, defName))
  if (!node || typeof node !== 'object') return node
  const src = node as Schema
  const out: Schema = {}
  for (const [k, v] of Object.entries(src)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = refPrefix + upstreamName(v.slice('#/definitions/'.length))
    else if (k === 'type' && Array.isArray(v)) {
      // Quantity and IntOrString: a string on the wire (the real spec says `x-kubernetes-int-or-string`).
      out.type = 'string'
      if (v.includes('number')) out['x-kubernetes-int-or-string'] = true
    } else if (k === 'additionalProperties' && v === false) continue
    else if (k === 'properties' && v && typeof v === 'object') {
      const props: Schema = {}
      for (const [pk, pv] of Object.entries(v as Schema)) props[pk] = convert(pv, refPrefix, defName, pk)
      out.properties = props
    } else out[k] = convert(v, refPrefix, defName)
  }
  if (out.$ref && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out
    return { ...rest, allOf: [{ $ref }], default: {} }
  }
  if (propName && out.type === 'array') {
    const key = propName === 'ports' ? (/\.(Container|EphemeralContainer)$/.test(defName) ? 'containerPort' : 'port') : mergeKeyFor(propName, [])
    if (key) Object.assign(out, { 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-patch-strategy': 'merge' })
  }
  return out
}

/** Every definition in upstream names, with OpenAPI refs (`#/components/schemas/` or `#/definitions/`). */
function schemas(definitions: Record<string, Schema>, refPrefix: string, served: ServedResource[]): Record<string, Schema> {
  const out: Record<string, Schema> = {}
  for (const [name, def] of Object.entries(definitions)) {
    const upstream = upstreamName(name)
    const s = convert(def, refPrefix, upstream) as Schema
    // The kinds: which GVK a schema is (how kubectl explain finds it).
    const [file, version, kind] = name.split('.')
    const group = FILE_GROUPS[file]
    if (group !== undefined && served.some((r) => r.group === group && r.version === version && r.kind === kind)) {
      s['x-kubernetes-group-version-kind'] = [{ group, kind, version }]
    }
    out[upstream] = s
  }
  return out
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'].map((name) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } }))

/** The path items of one resource: enough for kubectl's query-parameter checks. */
function pathItems(r: ServedResource, refPrefix: string): Record<string, Schema> {
  const base = '/' + gvPath(r.group, r.version) + (r.namespaced ? '/namespaces/{namespace}' : '') + `/${r.resource}`
  const gvk = { group: r.group, version: r.version, kind: r.kind }
  const ref = { $ref: `${refPrefix}${upstreamName(`${Object.keys(FILE_GROUPS).find((f) => FILE_GROUPS[f] === r.group) ?? r.group}.${r.version}.${r.kind}`)}` }
  const op = (action: string) => ({ 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk, parameters: QUERY_PARAMS, responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } } })
  return {
    [base]: { get: op('list'), post: op('post') },
    [`${base}/{name}`]: { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') },
  }
}

export interface OpenApiDocs {
  /** `/openapi/v3`: the index of group-version documents. */
  v3Index: string
  /** `/openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1` … by path without the leading slash. */
  v3: Map<string, { json: string; hash: string }>
  /** `/openapi/v2` as JSON. */
  v2: string
}

/**
 * Builds every document once (about a second: the TypeScript parser reads kubernetes-types).
 * @example const docs = buildOpenApi(resources); docs.v3.get('apis/apps/v1')
 */
export function buildOpenApi(served: ServedResource[], version = 'v1.33.1'): OpenApiDocs {
  const defs = (generateKubernetesSchema() as { definitions: Record<string, Schema> }).definitions
  const v3Schemas = schemas(defs, '#/components/schemas/', served)
  const gvs = [...new Map(served.map((r) => [gvPath(r.group, r.version), r])).keys()]
  const v3 = new Map<string, { json: string; hash: string }>()
  for (const gv of gvs) {
    const resources = served.filter((r) => gvPath(r.group, r.version) === gv)
    const paths: Record<string, Schema> = {}
    for (const r of resources) Object.assign(paths, pathItems(r, '#/components/schemas/'))
    const doc = { openapi: '3.0.0', info: { title: 'Kubernetes', version }, paths, components: { schemas: v3Schemas } }
    const json = JSON.stringify(doc)
    v3.set(gv, { json, hash: createHash('sha512').update(json).digest('hex').slice(0, 128).toUpperCase() })
  }
  const index = { paths: Object.fromEntries([...v3].map(([gv, d]) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${d.hash}` }])) }
  const v2Paths: Record<string, Schema> = {}
  for (const r of served) Object.assign(v2Paths, pathItems(r, '#/definitions/'))
  const v2 = JSON.stringify({ swagger: '2.0', info: { title: 'Kubernetes', version }, paths: v2Paths, definitions: schemas(defs, '#/definitions/', served) })
  return { v3Index: JSON.stringify(index), v3, v2 }
}
