/**
 * metav1.Status bodies for failed requests, with the apiserver's exact texts.
 * Upstream: k8s.io/apimachinery/pkg/api/errors/errors.go.
 */
import type { Status, StatusCause } from 'kubernetes-types/meta/v1'
import { qualifiedResource, type ResourceType } from './resources'

export interface ApiError {
  status: number
  body: Status
}

function status(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  const body: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }
  if (details) body.details = details
  return { status: code, body }
}

function gk(t: ResourceType, name?: string): Status['details'] {
  const d: Status['details'] = {}
  if (name !== undefined) d.name = name
  if (t.group) d.group = t.group
  d.kind = t.resource
  return d
}

export function notFound(t: ResourceType, name: string): ApiError {
  return status(404, 'NotFound', `${qualifiedResource(t)} "${name}" not found`, gk(t, name))
}

export function alreadyExists(t: ResourceType, name: string): ApiError {
  return status(409, 'AlreadyExists', `${qualifiedResource(t)} "${name}" already exists`, gk(t, name))
}

export function conflict(t: ResourceType, name: string, why: string): ApiError {
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": ${why}`, gk(t, name))
}

/** Server-side apply's 409: the fields other managers own. Upstream: errors.NewApplyConflict. */
export function applyConflict(message: string, causes: StatusCause[]): ApiError {
  return status(409, 'Conflict', message, { causes })
}

export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again'

/** One field error, as k8s.io/apimachinery/pkg/util/validation/field formats it. */
export interface FieldError {
  type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany'
  field: string
  /** What follows `field: `, e.g. `Required value` or `Invalid value: "x": must be …`. */
  body: string
}

export function invalid(t: ResourceType, name: string, errs: FieldError[]): ApiError {
  const qualifiedKind = t.group ? `${t.kind}.${t.group}` : t.kind
  const parts = errs.map((e) => `${e.field}: ${e.body}`)
  const agg = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: e.body, field: e.field }))
  const details: Status['details'] = { name }
  if (t.group) details.group = t.group
  details.kind = t.kind
  details.causes = causes
  return status(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${agg}`, details)
}

export function badRequest(message: string): ApiError {
  return status(400, 'BadRequest', message)
}

export function methodNotAllowed(): ApiError {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
}

export function pathNotFound(): ApiError {
  return status(404, 'NotFound', 'the server could not find the requested resource')
}

export function tooLarge(): ApiError {
  return status(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728')
}

/** 401: no authenticator accepted the request's credentials. Upstream: apierrors.NewUnauthorized via filters.Unauthorized. */
export function unauthorized(): ApiError {
  return status(401, 'Unauthorized', 'Unauthorized')
}

export function forbidden(t: ResourceType, name: string, message: string): ApiError {
  return status(403, 'Forbidden', `${qualifiedResource(t)} "${name}" is forbidden: ${message}`, gk(t, name))
}

/**
 * 403 from authorization: `pods is forbidden: User "x" cannot list …` (no name for collections).
 * Upstream: responsewriters.Forbidden → apierrors.NewForbidden(gr, name, err).
 */
export function forbiddenRequest(t: ResourceType, name: string | undefined, message: string): ApiError {
  const d: Status['details'] = {}
  if (name) d.name = name
  if (t.group) d.group = t.group
  d.kind = t.resource
  return status(403, 'Forbidden', `${qualifiedResource(t)}${name ? ` "${name}"` : ''} is forbidden: ${message}`, d)
}

export function serviceUnavailable(message: string): ApiError {
  return status(503, 'ServiceUnavailable', message)
}

/**
 * 504 Timeout: the request's deadline (`--request-timeout`, 1 min) passed before storage
 * answered, e.g. while etcd is unreachable. Upstream: apierrors.NewTimeoutError, with the
 * message of server/filters/timeout.go (reads) or handlers/finisher/finisher.go (writes).
 */
export function timeout(message: string): ApiError {
  return status(504, 'Timeout', `Timeout: ${message}`, {})
}

export function gone(message: string): ApiError {
  return status(410, 'Expired', message)
}
