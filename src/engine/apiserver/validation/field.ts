/**
 * Field errors formatted exactly as k8s.io/apimachinery/pkg/util/validation/field/errors.go.
 */
import type { FieldError } from '../status'

/** Formats a value the way Go's `%#v` shows it in validation messages. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`
    }
  }
  return JSON.stringify(v)
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, body: 'Required value' + (detail ? `: ${detail}` : '') }
}

export function invalidValue(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${goValue(value)}` + (detail ? `: ${detail}` : '') }
}

/** For values Go formats through a Stringer (quantities, int-or-strings): no quotes. */
export function invalidRaw(field: string, shown: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${shown}` + (detail ? `: ${detail}` : '') }
}

export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ')
  return { type: 'FieldValueNotSupported', field, body: `Unsupported value: ${goValue(value)}: supported values: ${list}` }
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, body: `Duplicate value: ${goValue(value)}` }
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, body: `Forbidden: ${detail}` }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Upstream: k8s.io/apimachinery/pkg/util/validation IsDNS1123Subdomain. */
export function dns1123SubdomainErrors(field: string, value: string): FieldError[] {
  const errs: FieldError[] = []
  if (value.length > 253) errs.push(invalidValue(field, value, 'must be no more than 253 characters'))
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errs.push(
      invalidValue(
        field,
        value,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ),
    )
  }
  return errs
}

/** Upstream: IsDNS1123Label. */
export function dns1123LabelErrors(field: string, value: string): FieldError[] {
  const errs: FieldError[] = []
  if (value.length > 63) errs.push(invalidValue(field, value, 'must be no more than 63 characters'))
  if (!DNS1123_LABEL.test(value)) {
    errs.push(
      invalidValue(
        field,
        value,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ),
    )
  }
  return errs
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

/** Upstream: ValidateLabels (IsQualifiedName for keys, IsValidLabelValue for values). */
export function labelErrors(field: string, labels: Record<string, string> | undefined): FieldError[] {
  const errs: FieldError[] = []
  for (const [k, v] of Object.entries(labels ?? {})) {
    const name = k.includes('/') ? k.slice(k.indexOf('/') + 1) : k
    if (!QUALIFIED_NAME.test(name) || name.length > 63) {
      errs.push(
        invalidValue(
          field,
          k,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
      )
    }
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      errs.push(
        invalidValue(
          field,
          v,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      )
    }
  }
  return errs
}
