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
  if (def) walk(def, body, [], out, prune)
  return out
}

/** `spec.containers[0].imagePullPolicyy`: a path of field names, map keys and list indexes. */
function pathText(path: (string | number)[]): string {
  let s = ''
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p
  return s
}

/** `path` is one stack for the whole walk (pushed and popped); only an unknown field prints it. */
function walk(def: string, value: unknown, path: (string | number)[], out: string[], prune: boolean): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return
  const fields = DEFINITIONS[def]
  if (!fields) return
  for (const k of Object.keys(value).sort()) {
    if (k.startsWith('$')) continue
    const shape = fields[k]
    path.push(k)
    if (shape === undefined) {
      out.push(pathText(path))
      if (prune) delete (value as Record<string, unknown>)[k]
    } else {
      const v = (value as Record<string, unknown>)[k]
      if (shape.startsWith('[]')) {
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            path.push(i)
            walk(shape.slice(2), v[i], path, out, prune)
            path.pop()
          }
        }
      } else if (shape.startsWith('{}')) {
        if (v && typeof v === 'object') {
          for (const key of Object.keys(v).sort()) {
            path.push(key)
            walk(shape.slice(2), (v as Record<string, unknown>)[key], path, out, prune)
            path.pop()
          }
        }
      } else if (shape) walk(shape, v, path, out, prune)
    }
    path.pop()
  }
}

/** `strict decoding error: unknown field "a", unknown field "b"`. */
export function strictDecodingError(fields: string[]): string {
  return `strict decoding error: ${fields.map((f) => `unknown field "${f}"`).join(', ')}`
}
