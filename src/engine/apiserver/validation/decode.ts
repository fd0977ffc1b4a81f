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

/** What the walk does with one field of a definition: check its type, or go into its value. */
type FieldPlan =
  | { check: 'string' | '[]string' | 'map[string]string' }
  | { def: string; items: 'one' | 'list' | 'map' }

/**
 * Per definition, only its fields that are typed or lead to a typed field (an Event, a Lease or
 * a status has none): a small table, so a request's check reads a few entries, not the whole schema.
 */
const PLANS: ReadonlyMap<string, ReadonlyMap<string, FieldPlan>> = (() => {
  const target = (shape: string) => shape.replace(/^(\[\]|\{\})/, '')
  const reach = new Set(Object.keys(STRING_FIELDS))
  for (let grew = true; grew; ) {
    grew = false
    for (const [def, fields] of Object.entries(DEFINITIONS)) {
      if (!reach.has(def) && Object.values(fields).some((shape) => shape && reach.has(target(shape)))) {
        reach.add(def)
        grew = true
      }
    }
  }
  const plans = new Map<string, Map<string, FieldPlan>>()
  for (const def of reach) {
    const plan = new Map<string, FieldPlan>()
    for (const [field, shape] of Object.entries(DEFINITIONS[def] ?? {})) {
      const check = STRING_FIELDS[def]?.[field]
      if (check) plan.set(field, { check })
      else if (shape && reach.has(target(shape))) plan.set(field, { def: target(shape), items: shape.startsWith('[]') ? 'list' : shape.startsWith('{}') ? 'map' : 'one' })
    }
    plans.set(def, plan)
  }
  return plans
})()

function walk(def: string, value: unknown, path: string[]): string | undefined {
  const plan = PLANS.get(def)
  if (!plan || !value || typeof value !== 'object' || Array.isArray(value)) return undefined
  // `path` is one stack for the whole walk (pushed and popped); an error copies it.
  for (const k in value) {
    const step = plan.get(k)
    if (!step) continue
    const v = (value as Record<string, unknown>)[k]
    let err: string | undefined
    path.push(k)
    if (!('check' in step)) {
      if (step.items === 'one') err = walk(step.def, v, path)
      else if (step.items === 'list') {
        if (Array.isArray(v)) for (const item of v) if ((err = walk(step.def, item, path))) break
      } else if (v && typeof v === 'object') for (const item of Object.values(v)) if ((err = walk(step.def, item, path))) break
    } else if (step.check === 'string') err = mismatch(def, path, v, 'string')
    else if (step.check === '[]string') {
      if (!Array.isArray(v)) err = notA(def, path, v, step.check, 'array')
      else for (const x of v) if ((err = mismatch(def, path, x, 'string'))) break
    } else if (jsonType(v) !== 'object') err = notA(def, path, v, step.check, 'object')
    else for (const x of Object.values(v as object)) if ((err = mismatch(def, path, x, 'string'))) break
    path.pop()
    if (err) return err
  }
  return undefined
}
