/**
 * List pagination: `?limit=500` returns the first items and a `continue` token; the next request
 * sends the token back and gets the items after the last key it saw. The token has the shape of
 * the real one: base64 of `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key>"}`.
 * Upstream: staging/src/k8s.io/apiserver/pkg/storage/continue.go, etcd3/store.go GetList.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function utf8(s: string): number[] {
  const out: number[] = []
  for (const ch of s) {
    let c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
      c = 0
    }
  }
  return out
}

function fromUtf8(bytes: number[]): string {
  let s = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]
    let c: number
    if (b < 0x80) (c = b), (i += 1)
    else if (b < 0xe0) (c = ((b & 31) << 6) | (bytes[i + 1] & 63)), (i += 2)
    else if (b < 0xf0) (c = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63)), (i += 3)
    else (c = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63)), (i += 4)
    s += String.fromCodePoint(c)
  }
  return s
}

export function base64Encode(s: string): string {
  const b = utf8(s)
  let out = ''
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=')
  }
  return out
}

/** Decodes base64 (standard or URL alphabet); undefined when it is not base64. */
export function base64Decode(s: string): string | undefined {
  const clean = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined
  const bytes: number[] = []
  let n = 0
  let bits = 0
  for (const ch of clean) {
    n = (n << 6) | B64.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((n >> bits) & 255)
    }
  }
  return fromUtf8(bytes)
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
