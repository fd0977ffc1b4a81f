/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`, what kubectl's
 * `--validate` sends): the fields of a body that its kind does not have. Strict rejects the
 * request with 400, Warn answers with a `Warning` per field, Ignore drops them silently.
 * Fields are walked in sorted order, as kubectl sends JSON with sorted keys (the decoder names
 * unknown fields in the order it meets them).
 * Upstream: apiserver/pkg/endpoints/handlers/create.go (transformDecodeError), patch.go
 * (applyPatchToObject), sigs.k8s.io/json strict decoding.
 */
import type { ResourceType } from '../resources'
import { DEFINITIONS, KIND_DEFINITIONS } from './knownfields'

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'

/** The query value, or undefined for none/unknown. */
export function fieldValidationOf(v: string | undefined): FieldValidation | undefined {
  return v === 'Strict' || v === 'Warn' || v === 'Ignore' ? v : undefined
}

/**
 * The paths of the fields `body` has and kind `t` does not: `spec.replica`,
 * `spec.template.spec.containers[0].imagePullPolice`. Patch directives (`$patch`,
 * `$setElementOrder/…`) are not fields. Kinds without a known schema have none. With `prune`,
 * they are also deleted from `body`, as decoding into the typed object drops them.
 * @example unknownFields(deployments, { spec: { replica: 3 } }) // ['spec.replica']
 */
export function unknownFields(t: ResourceType, body: unknown, prune = false): string[] {
  const def = KIND_DEFINITIONS[`${t.group}/${t.version}/${t.kind}`]
  const out: string[] = []
  if (def) walk(def, body, '', out, prune)
  return out
}

function walk(def: string, value: unknown, path: string, out: string[], prune: boolean): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return
  const fields = DEFINITIONS[def]
  if (!fields) return
  for (const k of Object.keys(value).sort()) {
    if (k.startsWith('$')) continue
    const at = path ? `${path}.${k}` : k
    const shape = fields[k]
    if (shape === undefined) {
      out.push(at)
      if (prune) delete (value as Record<string, unknown>)[k]
      continue
    }
    const v = (value as Record<string, unknown>)[k]
    if (shape.startsWith('[]')) {
      if (Array.isArray(v)) v.forEach((item, i) => walk(shape.slice(2), item, `${at}[${i}]`, out, prune))
    } else if (shape.startsWith('{}')) {
      if (v && typeof v === 'object') for (const key of Object.keys(v).sort()) walk(shape.slice(2), (v as Record<string, unknown>)[key], `${at}.${key}`, out, prune)
    } else if (shape) walk(shape, v, at, out, prune)
  }
}

/** `strict decoding error: unknown field "a", unknown field "b"`. */
export function strictDecodingError(fields: string[]): string {
  return `strict decoding error: ${fields.map((f) => `unknown field "${f}"`).join(', ')}`
}
