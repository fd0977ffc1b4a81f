/**
 * The few protobuf bodies real kubectl sends: its typed clients (`kubectl auth can-i`) encode
 * requests as `application/vnd.kubernetes.protobuf`. The envelope is `k8s\0` followed by a
 * runtime.Unknown message (typeMeta, raw object bytes); the object is decoded field by field
 * for the kinds Podium reads this way, and anything else is answered 415.
 * Upstream: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go,
 * staging/src/k8s.io/api/authorization/v1/generated.proto.
 */

/** One decoded field: a varint, or length-delimited bytes. */
type Field = { n: number; varint?: number; bytes?: Uint8Array }

function fields(b: Uint8Array): Field[] {
  const out: Field[] = []
  let i = 0
  const varint = (): number => {
    let v = 0
    let mul = 1
    for (;;) {
      if (i >= b.length) throw new Error('truncated varint')
      const x = b[i++]
      v += (x & 127) * mul
      if (x < 128) return v
      mul *= 128
    }
  }
  while (i < b.length) {
    const key = varint()
    const n = Math.floor(key / 8)
    const wire = key & 7
    if (wire === 0) out.push({ n, varint: varint() })
    else if (wire === 2) {
      const len = varint()
      if (i + len > b.length) throw new Error('truncated field')
      out.push({ n, bytes: b.subarray(i, i + len) })
      i += len
    } else if (wire === 1) i += 8
    else if (wire === 5) i += 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
  return out
}

function text(b: Uint8Array | undefined): string {
  if (!b) return ''
  let s = ''
  for (const x of b) s += String.fromCharCode(x)
  try {
    return decodeURIComponent(escape(s))
  } catch {
    return s
  }
}

function strings(b: Uint8Array, names: Record<number, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields(b)) if (names[f.n] && f.bytes) out[names[f.n]] = text(f.bytes)
  return out
}

const RESOURCE_ATTRIBUTES = { 1: 'namespace', 2: 'verb', 3: 'group', 4: 'version', 5: 'resource', 6: 'subresource', 7: 'name' }
const NON_RESOURCE_ATTRIBUTES = { 1: 'path', 2: 'verb' }

function selfSubjectAccessReview(raw: Uint8Array): object {
  const spec: Record<string, unknown> = {}
  for (const f of fields(raw)) {
    if (f.n !== 2 || !f.bytes) continue
    for (const s of fields(f.bytes)) {
      if (s.n === 1 && s.bytes) spec.resourceAttributes = strings(s.bytes, RESOURCE_ATTRIBUTES)
      if (s.n === 2 && s.bytes) spec.nonResourceAttributes = strings(s.bytes, NON_RESOURCE_ATTRIBUTES)
    }
  }
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec }
}

const DECODERS: Record<string, (raw: Uint8Array) => object> = {
  'authorization.k8s.io/v1/SelfSubjectAccessReview': selfSubjectAccessReview,
}

/**
 * Decodes a protobuf request body (as latin-1 text, one char per byte) into the JSON object it
 * encodes; a string is the error message.
 */
export function decodeProtobuf(body: string): { value: object } | { error: string; unsupported?: boolean } {
  const b = new Uint8Array(body.length)
  for (let i = 0; i < body.length; i++) b[i] = body.charCodeAt(i) & 255
  if (b.length < 4 || b[0] !== 0x6b || b[1] !== 0x38 || b[2] !== 0x73 || b[3] !== 0) return { error: 'provided object is not a Kubernetes protobuf message (missing the k8s\\0 prefix)' }
  try {
    let apiVersion = ''
    let kind = ''
    let raw: Uint8Array | undefined
    for (const f of fields(b.subarray(4))) {
      if (f.n === 1 && f.bytes) ({ apiVersion = '', kind = '' } = strings(f.bytes, { 1: 'apiVersion', 2: 'kind' }))
      if (f.n === 2) raw = f.bytes
    }
    const decode = DECODERS[`${apiVersion}/${kind}`]
    if (!decode) return { error: `Podium decodes protobuf only for ${Object.keys(DECODERS).join(', ')}; send ${apiVersion}/${kind} as application/json`, unsupported: true }
    return { value: decode(raw ?? new Uint8Array()) }
  } catch (e) {
    return { error: `unable to decode protobuf body: ${(e as Error).message}` }
  }
}
