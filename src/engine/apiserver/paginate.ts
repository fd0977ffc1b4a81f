/**
 * List pagination: `?limit=500` returns the first items and a `continue` token; the next request
 * sends the token back and gets the items after the last key it saw. The token has the shape of
 * the real one: base64 of `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key>"}`.
 * Upstream: staging/src/k8s.io/apiserver/pkg/storage/continue.go, etcd3/store.go GetList.
 */
import { decodeBase64, encodeBase64 } from '../api/base64'

/** The continue token's encoding: standard base64 of its JSON. */
export const base64Encode = encodeBase64

/** Decodes base64 (standard or URL alphabet, padded or not); undefined when it is not base64. */
export function base64Decode(s: string): string | undefined {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
  if (std.length % 4 === 1) return undefined
  const r = decodeBase64(std + '='.repeat((4 - (std.length % 4)) % 4))
  return r.ok ? r.text : undefined
}

export interface Page<T> {
  items: T[]
  continue?: string
  remainingItemCount?: number
}

/**
 * One page of `items` (sorted by `keyOf`, as an etcd range is) for `limit` and `continueToken`.
 * Returns an error message for a token the server cannot read (400 BadRequest upstream).
 * @example paginate(pods, (p) => key(p), 500, undefined, 42)
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, limit: number | undefined, continueToken: string | undefined, revision: number): Page<T> | { error: string } {
  let start = 0
  if (continueToken) {
    const text = base64Decode(continueToken)
    let token: { v?: string; start?: string } | undefined
    try {
      token = text ? (JSON.parse(text) as { v?: string; start?: string }) : undefined
    } catch {
      token = undefined
    }
    if (!token || token.v !== 'meta.k8s.io/v1' || typeof token.start !== 'string') return { error: 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)' }
    const from = token.start
    start = items.findIndex((it) => keyOf(it) >= from)
    if (start < 0) start = items.length
  }
  if (!limit || limit <= 0 || start + limit >= items.length) return { items: items.slice(start) }
  const page = items.slice(start, start + limit)
  const next = keyOf(items[start + limit])
  return {
    items: page,
    continue: base64Encode(JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start: next })),
    remainingItemCount: items.length - start - limit,
  }
}
