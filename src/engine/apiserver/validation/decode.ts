/**
 * Decoding a body into the typed object: a JSON value of the wrong type where the Go field is a
 * string fails the whole request, as encoding/json (sigs.k8s.io/json) reports it:
 * `json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string`.
 * The usual way to get there is YAML 1.1: kubectl reads `value: yes` (or `on`, `n`, `off`) as a
 * boolean and `value: 8080` as a number. The struct is the Go type holding the field; the path
 * is every JSON field name from the top, list indexes left out.
 * Only the string fields students meet are typed here (the known-fields table has no scalar types).
 * Upstream: apiserver/pkg/endpoints/handlers/create.go (transformDecodeError), encoding/json UnmarshalTypeError.
 */
import type { ResourceType } from '../resources'
import { DEFINITIONS, KIND_DEFINITIONS } from './knownfields'

/** Scalar string fields (`string`), string lists (`[]string`) and string maps (`map[string]string`), by definition. */
const STRING_FIELDS: Record<string, Record<string, 'string' | '[]string' | 'map[string]string'>> = {
  'core.v1.EnvVar': { name: 'string', value: 'string' },
  'core.v1.Container': { name: 'string', image: 'string', command: '[]string', args: '[]string', workingDir: 'string' },
  'core.v1.ContainerPort': { name: 'string' },
  'core.v1.PodSpec': { nodeSelector: 'map[string]string', serviceAccountName: 'string', nodeName: 'string' },
  'core.v1.ConfigMap': { data: 'map[string]string' },
  'core.v1.Secret': { stringData: 'map[string]string' },
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (v === null) return 'null'
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'object' ? 'object' : 'string'
}

/**
 * The first value of the wrong type in `body` for kind `t`, as the JSON decoder words it, or
 * undefined. Fields are met in the body's order, as the decoder reads them.
 * @example decodeTypeError(deployments, body) // 'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string'
 */
export function decodeTypeError(t: ResourceType, body: unknown): string | undefined {
  const def = KIND_DEFINITIONS[`${t.group}/${t.version}/${t.kind}`]
  return def ? walk(def, body, []) : undefined
}

function mismatch(def: string, path: string[], value: unknown, type: string): string | undefined {
  const got = jsonType(value)
  if (got === 'string' || got === 'null') return undefined
  return `json: cannot unmarshal ${got} into Go struct field ${def.split('.').pop()}.${path.join('.')} of type ${type}`
}

/** A list or map field given a value of another JSON type (null is fine: the field stays empty). */
function notA(def: string, path: string[], value: unknown, type: string, want: string): string | undefined {
  const got = jsonType(value)
  return got === want || got === 'null' ? undefined : `json: cannot unmarshal ${got} into Go struct field ${def.split('.').pop()}.${path.join('.')} of type ${type}`
}

/**
 * The definitions a typed field can be found in or below: the walk enters nothing else (an
 * Event, a Lease or a status has none), so it costs only the paths to the fields it checks.
 */
const TYPED_BELOW: ReadonlySet<string> = (() => {
  const reach = new Set(Object.keys(STRING_FIELDS))
  for (let grew = true; grew; ) {
    grew = false
    for (const [def, fields] of Object.entries(DEFINITIONS)) {
      if (reach.has(def)) continue
      if (Object.values(fields).some((shape) => reach.has(shape.replace(/^(\[\]|\{\})/, '')))) {
        reach.add(def)
        grew = true
      }
    }
  }
  return reach
})()

function walk(def: string, value: unknown, path: string[]): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !TYPED_BELOW.has(def)) return undefined
  const fields = DEFINITIONS[def]
  if (!fields) return undefined
  const strings = STRING_FIELDS[def]
  // `path` is one stack for the whole walk (pushed and popped); an error copies it.
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k]
    const typed = strings?.[k]
    let err: string | undefined
    path.push(k)
    if (typed === 'string') err = mismatch(def, path, v, 'string')
    else if (typed === '[]string') {
      if (!Array.isArray(v)) err = notA(def, path, v, typed, 'array')
      else for (const x of v) if ((err = mismatch(def, path, x, 'string'))) break
    } else if (typed === 'map[string]string') {
      if (jsonType(v) !== 'object') err = notA(def, path, v, typed, 'object')
      else for (const x of Object.values(v as object)) if ((err = mismatch(def, path, x, 'string'))) break
    } else {
      const shape = fields[k]
      if (shape?.startsWith('[]')) {
        if (Array.isArray(v)) for (const item of v) if ((err = walk(shape.slice(2), item, path))) break
      } else if (shape?.startsWith('{}')) {
        if (v && typeof v === 'object') for (const item of Object.values(v)) if ((err = walk(shape.slice(2), item, path))) break
      } else if (shape) err = walk(shape, v, path)
    }
    path.pop()
    if (err) return err
  }
  return undefined
}
