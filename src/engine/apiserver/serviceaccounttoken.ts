/**
 * Bound service account tokens: the JWTs the TokenRequest API issues (`kubectl create token`,
 * and the kubelet for a pod's `kube-api-access-*` projected volume), and their check when a
 * request presents one as `Authorization: Bearer …`. The claims are the real ones (issuer, audience,
 * `kubernetes.io` with the namespace and the service account's name and uid); the signature is
 * simulated: a keyed hash instead of RS256, so a token cannot be forged by editing its claims.
 * A token is valid until it expires and while its service account exists with the same uid.
 * Upstream: pkg/serviceaccount/claims.go (Claims, privateClaims, Validate),
 * pkg/serviceaccount/jwt.go (JWTTokenGenerator, JWTTokenAuthenticator),
 * pkg/registry/core/serviceaccount/storage/token.go (TokenREST.Create).
 */
import { decodeBase64, encodeBase64 } from '../api/base64'
import type { UserInfo } from './authz/rules'

/** The issuer and default audience kubeadm configures (`--service-account-issuer`). */
export const ISSUER = 'https://kubernetes.default.svc.cluster.local'
/** TokenRequest's default lifetime (`expirationSeconds`). */
export const DEFAULT_EXPIRATION_SECONDS = 3600

interface Claims {
  aud: string[]
  exp: number
  iat: number
  iss: string
  jti: string
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } }
  nbf: number
  sub: string
}

function base64url(text: string): string {
  return encodeBase64(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

function fromBase64url(s: string): string | undefined {
  const r = decodeBase64(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4))
  return r.ok ? r.text : undefined
}

/** The simulated signature: eight rounds of a keyed FNV-1a over the signed part, as hex. */
function sign(signed: string): string {
  let out = ''
  for (let round = 0; round < 8; round++) {
    let h = 0x811c9dc5 ^ round
    for (const ch of `podium-service-account-key:${round}:${signed}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return base64url(out)
}

/**
 * Issues a token for a service account at `nowSec` (Unix seconds), for `audiences` (TokenRequest
 * spec.audiences; the apiserver's own audience, its issuer, when none are asked for).
 */
export function issueServiceAccountToken(namespace: string, name: string, uid: string, jti: string, nowSec: number, expirationSeconds = DEFAULT_EXPIRATION_SECONDS, audiences: readonly string[] = [ISSUER]): { token: string; expirationTimestamp: number } {
  const claims: Claims = {
    aud: [...audiences],
    exp: nowSec + expirationSeconds,
    iat: nowSec,
    iss: ISSUER,
    jti,
    'kubernetes.io': { namespace, serviceaccount: { name, uid } },
    nbf: nowSec,
    sub: `system:serviceaccount:${namespace}:${name}`,
  }
  const signed = `${base64url(JSON.stringify({ alg: 'RS256', kid: 'podium' }))}.${base64url(JSON.stringify(claims))}`
  return { token: `${signed}.${sign(signed)}`, expirationTimestamp: claims.exp }
}

/**
 * The user a service account token stands for, or undefined when it is not one of ours, was
 * tampered with, has expired, or names a service account that no longer exists (or was recreated).
 * `accountUid` looks the account up in storage.
 */
export function verifyServiceAccountToken(token: string, nowSec: number, accountUid: (namespace: string, name: string) => string | undefined): UserInfo | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || sign(`${parts[0]}.${parts[1]}`) !== parts[2]) return undefined
  const json = fromBase64url(parts[1])
  let claims: Claims
  try {
    claims = JSON.parse(json ?? '') as Claims
  } catch {
    return undefined
  }
  const k = claims['kubernetes.io']
  if (claims.iss !== ISSUER || !k || claims.exp <= nowSec || nowSec < claims.nbf) return undefined
  // A token minted for another audience (kubectl create token --audience=vault) is not for the apiserver.
  if (!Array.isArray(claims.aud) || !claims.aud.includes(ISSUER)) return undefined
  if (accountUid(k.namespace, k.serviceaccount.name) !== k.serviceaccount.uid) return undefined
  return {
    name: `system:serviceaccount:${k.namespace}:${k.serviceaccount.name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, 'system:authenticated'],
    method: 'service account token',
  }
}
