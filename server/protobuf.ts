/**
 * Protobuf request bodies. kubectl's typed clients (`kubectl create deployment`, `create
 * namespace`, `create configmap`, `auth can-i` …) send `application/vnd.kubernetes.protobuf`.
 * The wire schema comes from the client itself: every Kubernetes Go binary embeds its
 * generated.proto files as gzipped FileDescriptorProto messages, so the server reads them from
 * the kubectl binary (found on PATH, or named by `KUBECTL`) the first time it needs them, and
 * turns each body into the JSON the same command would send with `-o json`. The engine then sees
 * ordinary JSON (and the scenario records JSON, so a replay needs no binary).
 * Upstream: k8s.io/apimachinery/pkg/runtime/serializer/protobuf (the `k8s\0` + runtime.Unknown
 * envelope), gogo/protobuf's generated descriptors, google/protobuf/descriptor.proto.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

interface FieldDesc {
  name: string
  type: number
  repeated: boolean
  typeName?: string
}

interface MessageDesc {
  fields: Map<number, FieldDesc>
  mapEntry: boolean
}

/** Message descriptors by full name (`.k8s.io.api.apps.v1.Deployment`). */
export type Schema = Map<string, MessageDesc>

// descriptor.proto field types
const T_DOUBLE = 1
const T_FLOAT = 2
const T_INT64 = 3
const T_UINT64 = 4
const T_INT32 = 5
const T_BOOL = 8
const T_STRING = 9
const T_MESSAGE = 11
const T_BYTES = 12
const T_UINT32 = 13
const T_ENUM = 14
const T_SINT32 = 17
const T_SINT64 = 18

type Raw = { n: number; wire: number; int?: bigint; bytes?: Buffer }

function readFields(b: Buffer): Raw[] {
  const out: Raw[] = []
  let i = 0
  const varint = (): bigint => {
    let v = 0n
    let shift = 0n
    for (;;) {
      if (i >= b.length) throw new Error('truncated varint')
      const x = b[i++]
      v |= BigInt(x & 127) << shift
      if (x < 128) return v
      shift += 7n
    }
  }
  while (i < b.length) {
    const key = Number(varint())
    const n = key >>> 3
    const wire = key & 7
    if (wire === 0) out.push({ n, wire, int: varint() })
    else if (wire === 2) {
      const len = Number(varint())
      if (i + len > b.length) throw new Error('truncated field')
      out.push({ n, wire, bytes: b.subarray(i, i + len) })
      i += len
    } else if (wire === 1) {
      out.push({ n, wire, bytes: b.subarray(i, i + 8) })
      i += 8
    } else if (wire === 5) {
      out.push({ n, wire, bytes: b.subarray(i, i + 4) })
      i += 4
    } else throw new Error(`unsupported wire type ${wire}`)
  }
  return out
}

function packedVarints(b: Buffer): bigint[] {
  const out: bigint[] = []
  let v = 0n
  let shift = 0n
  for (const x of b) {
    v |= BigInt(x & 127) << shift
    shift += 7n
    if (x < 128) {
      out.push(v)
      v = 0n
      shift = 0n
    }
  }
  return out
}

const str = (b?: Buffer) => (b ? b.toString('utf8') : '')

function addMessages(schema: Schema, prefix: string, descriptors: Buffer[]): void {
  for (const d of descriptors) {
    let name = ''
    const fields = new Map<number, FieldDesc>()
    const nested: Buffer[] = []
    let mapEntry = false
    for (const f of readFields(d)) {
      if (f.n === 1) name = str(f.bytes)
      else if (f.n === 2 && f.bytes) {
        const fd: FieldDesc = { name: '', type: 0, repeated: false }
        let number = 0
        let jsonName = ''
        for (const g of readFields(f.bytes)) {
          if (g.n === 1) fd.name = str(g.bytes)
          else if (g.n === 3) number = Number(g.int)
          else if (g.n === 4) fd.repeated = Number(g.int) === 3
          else if (g.n === 5) fd.type = Number(g.int)
          else if (g.n === 6) fd.typeName = str(g.bytes)
          else if (g.n === 10) jsonName = str(g.bytes)
        }
        // Kubernetes' proto field names are the JSON names already; json_name is a camel-cased copy.
        if (!fd.name) fd.name = jsonName
        fields.set(number, fd)
      } else if (f.n === 3 && f.bytes) nested.push(f.bytes)
      else if (f.n === 7 && f.bytes) mapEntry = readFields(f.bytes).some((o) => o.n === 7 && o.int === 1n)
    }
    const full = `${prefix}.${name}`
    schema.set(full, { fields, mapEntry })
    addMessages(schema, full, nested)
  }
}

/** Reads the gzipped FileDescriptorProtos a Go binary embeds. */
export function schemaFromBinary(path: string): Schema {
  const bin = readFileSync(path)
  const schema: Schema = new Map()
  const magic = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00])
  for (let at = bin.indexOf(magic); at >= 0; at = bin.indexOf(magic, at + 1)) {
    let file: Buffer
    try {
      // The stream ends where gzip says; what follows is ignored.
      file = gunzipSync(bin.subarray(at, at + 2_000_000), { finishFlush: 2 })
    } catch {
      continue
    }
    if (!file.subarray(0, 200).includes('generated.proto')) continue
    let pkg = ''
    const messages: Buffer[] = []
    try {
      for (const f of readFields(file)) {
        if (f.n === 2) pkg = str(f.bytes)
        else if (f.n === 4 && f.bytes) messages.push(f.bytes)
      }
    } catch {
      continue
    }
    if (pkg.startsWith('k8s.io.')) addMessages(schema, `.${pkg}`, messages)
  }
  return schema
}

/** Pointer fields: present on the wire only when the client set them, so a zero there is meant. */
const KEEP_ZERO = new Set(['replicas', 'automountServiceAccountToken', 'parallelism', 'completions', 'backoffLimit', 'suspend', 'immutable', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'gracePeriodSeconds', 'allowPrivilegeEscalation', 'privileged', 'readOnlyRootFilesystem', 'runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup'])

const META = '.k8s.io.apimachinery.pkg.apis.meta.v1'

function scalar(f: FieldDesc, r: Raw): unknown {
  switch (f.type) {
    case T_STRING:
      return str(r.bytes)
    case T_BYTES:
      return (r.bytes ?? Buffer.alloc(0)).toString('base64')
    case T_BOOL:
      return r.int !== 0n
    case T_INT32:
    case T_ENUM:
      return Number(BigInt.asIntN(32, r.int ?? 0n))
    case T_INT64:
      return Number(BigInt.asIntN(64, r.int ?? 0n))
    case T_UINT32:
    case T_UINT64:
      return Number(r.int ?? 0n)
    case T_SINT32:
    case T_SINT64: {
      const v = r.int ?? 0n
      return Number((v >> 1n) ^ -(v & 1n))
    }
    case T_DOUBLE:
      return r.bytes ? r.bytes.readDoubleLE(0) : 0
    case T_FLOAT:
      return r.bytes ? r.bytes.readFloatLE(0) : 0
  }
  return undefined
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)
}

/** One message as JSON, with the special apimachinery types in their JSON form. */
function decodeMessage(schema: Schema, type: string, b: Buffer): unknown {
  if (type === `${META}.Time` || type === `${META}.MicroTime`) {
    let seconds = 0n
    for (const f of readFields(b)) if (f.n === 1) seconds = BigInt.asIntN(64, f.int ?? 0n)
    return b.length ? new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z') : null
  }
  if (type === '.k8s.io.apimachinery.pkg.api.resource.Quantity') return str(readFields(b).find((f) => f.n === 1)?.bytes)
  if (type === '.k8s.io.apimachinery.pkg.util.intstr.IntOrString') {
    let kind = 0
    let intVal = 0
    let strVal = ''
    for (const f of readFields(b)) {
      if (f.n === 1) kind = Number(f.int)
      else if (f.n === 2) intVal = Number(BigInt.asIntN(32, f.int ?? 0n))
      else if (f.n === 3) strVal = str(f.bytes)
    }
    return kind === 1 ? strVal : intVal
  }
  if (type === '.k8s.io.apimachinery.pkg.runtime.RawExtension') {
    const raw = readFields(b).find((f) => f.n === 1)?.bytes
    return raw?.length ? JSON.parse(raw.toString('utf8')) : null
  }
  const m = schema.get(type)
  if (!m) throw new Error(`no protobuf schema for ${type.slice(1)}`)
  const out: Record<string, unknown> = {}
  for (const r of readFields(b)) {
    const f = m.fields.get(r.n)
    if (!f) continue
    let v: unknown
    if (f.type === T_MESSAGE) {
      const entry = schema.get(f.typeName!)
      if (entry?.mapEntry && r.bytes) {
        // map<K, V>: repeated entries of key = 1, value = 2.
        const kv = decodeMessage(schema, f.typeName!, r.bytes) as { key?: string; value?: unknown }
        const map = (out[f.name] ??= {}) as Record<string, unknown>
        map[String(kv.key ?? '')] = kv.value ?? (schema.get(f.typeName!)!.fields.get(2)?.type === T_STRING ? '' : null)
        continue
      }
      v = decodeMessage(schema, f.typeName!, r.bytes ?? Buffer.alloc(0))
    } else if (f.repeated && r.wire === 2 && f.type !== T_STRING && f.type !== T_BYTES) {
      // Packed repeated scalars.
      const list = (out[f.name] ??= []) as unknown[]
      if (f.type === T_DOUBLE || f.type === T_FLOAT) {
        const size = f.type === T_DOUBLE ? 8 : 4
        for (let i = 0; i + size <= r.bytes!.length; i += size) list.push(scalar(f, { n: r.n, wire: 1, bytes: r.bytes!.subarray(i, i + size) }))
      } else for (const int of packedVarints(r.bytes!)) list.push(scalar(f, { n: r.n, wire: 0, int }))
      continue
    } else v = scalar(f, r)
    if (f.repeated) {
      ;((out[f.name] ??= []) as unknown[]).push(v)
      continue
    }
    // Non-pointer fields are always on the wire; their zero values mean "unset" in JSON.
    if (isEmpty(v) || ((v === 0 || v === false) && !(KEEP_ZERO.has(f.name) && !type.endsWith('Status')))) continue
    out[f.name] = v
  }
  return out
}

/** The proto package of an API group: `apps` → `k8s.io.api.apps.v1`, `rbac.authorization.k8s.io` → `k8s.io.api.rbac.v1`. */
function protoType(apiVersion: string, kind: string): string[] {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
  if (group === 'meta.k8s.io' || (!group && ['DeleteOptions', 'Status'].includes(kind))) return [`${META}.${kind}`]
  const short = group ? group.split('.')[0] : 'core'
  return [`.k8s.io.api.${short}.${version}.${kind}`, `${META}.${kind}`]
}

/**
 * Decodes a protobuf body into JSON text, or undefined when the schema does not know its kind.
 * @example decodeKubernetesProtobuf(schema, body) // '{"apiVersion":"apps/v1","kind":"Deployment",…}'
 */
export function decodeKubernetesProtobuf(schema: Schema, body: Buffer): string | undefined {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0') return undefined
  let apiVersion = ''
  let kind = ''
  let raw: Buffer = Buffer.alloc(0)
  for (const f of readFields(body.subarray(4))) {
    if (f.n === 1 && f.bytes) {
      for (const g of readFields(f.bytes)) {
        if (g.n === 1) apiVersion = str(g.bytes)
        else if (g.n === 2) kind = str(g.bytes)
      }
    } else if (f.n === 2 && f.bytes) raw = f.bytes
  }
  const type = protoType(apiVersion, kind).find((t) => schema.has(t))
  if (!type) return undefined
  const obj = decodeMessage(schema, type, raw) as Record<string, unknown>
  return JSON.stringify({ apiVersion, kind, ...obj })
}

/** The kubectl binary whose descriptors to read: `KUBECTL`, else `kubectl` on PATH. */
export function findKubectl(): string | undefined {
  const env = process.env.KUBECTL
  if (env && existsSync(env)) return env
  try {
    const p = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    if (p && existsSync(p)) return p
  } catch {
    // not on PATH
  }
  const gcloud = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
  return existsSync(gcloud) ? gcloud : undefined
}
