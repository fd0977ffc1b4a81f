/**
 * Field selectors per kind, as the apiserver converts and evaluates them: each kind supports a
 * few field labels (its scheme's field label conversion function), anything else is a 400
 * BadRequest with that function's own message, and the values are what the registry's
 * `ToSelectableFields` computes (`spec.hostNetwork` reads `false` when unset, `source` falls
 * back to the reporting controller, …).
 * Upstream: pkg/apis/core/v1/conversion.go, pkg/apis/batch/v1/conversion.go,
 * apimachinery runtime.DefaultMetaV1FieldSelectorConversion, pkg/registry/core/{pod,node,event,…}/strategy.go.
 */
import { fieldValue, type FieldRequirement } from '../api/labels'
import type { ResourceType } from './resources'

/** A field label the kind does not support; the message is the apiserver's. */
export class FieldSelectorError extends Error {}

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
type Reader = (o: Obj) => string

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))
const name: Reader = (o) => str(o.metadata?.name)
const namespace: Reader = (o) => str(o.metadata?.namespace)
const meta = { 'metadata.name': name, 'metadata.namespace': namespace }
const notSupported = (label: string) => `field label not supported: ${label}`

/** Per kind (group/Kind): the readable fields and the error for any other. */
const KINDS: Record<string, { fields: Record<string, Reader>; error: (label: string) => string }> = {
  '/Pod': {
    fields: {
      ...meta,
      'spec.nodeName': (o) => str(o.spec?.nodeName),
      'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
      'spec.schedulerName': (o) => str(o.spec?.schedulerName),
      'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
      'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
      'status.phase': (o) => str(o.status?.phase),
      'status.podIP': (o) => str(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
      'status.podIPs': (o) => (o.status?.podIPs ?? []).map((p: { ip: string }) => p.ip).join(','),
      'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
    },
    error: notSupported,
  },
  '/Node': { fields: { 'metadata.name': name, 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) }, error: notSupported },
  '/ReplicationController': { fields: { ...meta, 'status.replicas': (o) => String(o.status?.replicas ?? 0) }, error: notSupported },
  '/Event': {
    fields: {
      ...meta,
      ...Object.fromEntries(['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((f) => [`involvedObject.${f}`, (o: Obj) => str(o.involvedObject?.[f])])),
      reason: (o) => str(o.reason),
      reportingComponent: (o) => str(o.reportingComponent),
      source: (o) => str(o.source?.component || o.reportingComponent),
      type: (o) => str(o.type),
    },
    error: notSupported,
  },
  '/Namespace': { fields: { 'metadata.name': name, 'status.phase': (o) => str(o.status?.phase) }, error: notSupported },
  '/Secret': { fields: { ...meta, type: (o) => str(o.type) }, error: notSupported },
  '/Service': { fields: { ...meta, 'spec.clusterIP': (o) => str(o.spec?.clusterIP), 'spec.type': (o) => str(o.spec?.type) }, error: notSupported },
  'batch/Job': { fields: { ...meta, 'status.successful': (o) => String(o.status?.succeeded ?? 0) }, error: (label) => `field label "${label}" not supported for Job` },
}

/** Every other kind: runtime.DefaultMetaV1FieldSelectorConversion. */
const DEFAULT = { fields: meta, error: (label: string) => `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"` }

const kindOf = (t: ResourceType) => KINDS[`${t.group}/${t.kind}`] ?? DEFAULT

/**
 * Checks a parsed field selector against the kind's field labels (`spec.host` is the old name of
 * `spec.nodeName` on pods); throws FieldSelectorError with the apiserver's message.
 * @example convertFieldSelector(pods, [{ field: 'spec.foo', op: '=', value: 'x' }]) // throws "field label not supported: spec.foo"
 */
export function convertFieldSelector(t: ResourceType, reqs: FieldRequirement[]): FieldRequirement[] {
  const k = kindOf(t)
  return reqs.map((r) => {
    const field = t.kind === 'Pod' && t.group === '' && r.field === 'spec.host' ? 'spec.nodeName' : r.field
    if (!(field in k.fields)) throw new FieldSelectorError(k.error(r.field))
    return { ...r, field }
  })
}

/** Whether an object matches converted requirements, reading fields as the registry does. */
export function matchesSelectableFields(t: ResourceType, reqs: FieldRequirement[], o: object): boolean {
  const k = kindOf(t)
  for (const r of reqs) {
    const read = k.fields[r.field]
    const v = read ? read(o as Obj) : fieldValue(o, r.field)
    if (r.op === '=' ? v !== r.value : v === r.value) return false
  }
  return true
}
