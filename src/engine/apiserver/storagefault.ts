/**
 * What kube-apiserver does while etcd is unreachable. The apiserver process is up: discovery,
 * authentication and authorization (RBAC reads its informer caches) still work, but every
 * request that needs storage waits for etcd until the request deadline (`--request-timeout`,
 * 1 minute by default) and then answers 504 Timeout. Nothing is written, so nothing is lost:
 * watches simply have nothing to deliver, and clients retry with their usual back-off.
 *
 * Which text the client reads depends on who notices the deadline first. Writes run through
 * `finisher.FinishRequest`, which answers "request did not complete within requested timeout -
 * context deadline exceeded"; reads are cut off by the timeout filter, which answers "request did
 * not complete within the allotted timeout". Both are `apierrors.NewTimeoutError` (504, reason
 * Timeout, message prefixed with `Timeout: `), which kubectl prints as
 * `Error from server (Timeout): Timeout: …`.
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/finisher/finisher.go,
 * staging/src/k8s.io/apiserver/pkg/server/filters/timeout.go, pkg/server/options ServerRunOptions.RequestTimeout.
 */
import type { ParsedPath } from './paths'
import type { ApiRequest } from './request'
import * as S from './status'

/** kube-apiserver's `--request-timeout` default. */
export const REQUEST_TIMEOUT_MS = 60_000

/** Whether a request reaches storage (everything but the reviews answered from the authorizers). */
export function needsStorage(req: ApiRequest, p: ParsedPath): boolean {
  return !(req.verb === 'POST' && p.type.resource.endsWith('subjectaccessreviews'))
}

/** The 504 a request gets when its deadline passes while etcd does not answer. */
export function storageTimeout(req: ApiRequest): S.ApiError {
  return req.verb === 'GET'
    ? S.timeout('request did not complete within the allotted timeout')
    : S.timeout('request did not complete within requested timeout - context deadline exceeded')
}

/** The etcd call the request waits on, for its apiserver→etcd hop. */
export function pendingEtcdCall(req: ApiRequest, p: ParsedPath, key: string): string {
  // A POST to a subresource (binding, eviction, token) reads the object first.
  if (req.verb === 'POST' && !p.name) return `Txn: create ${key}`
  if (req.verb === 'GET' || req.verb === 'POST') return `Range ${key}`
  // Updates, patches and deletes read the current object first (GuaranteedUpdate).
  return `Range ${key} (to ${req.verb === 'DELETE' ? 'delete' : 'update'} it)`
}
