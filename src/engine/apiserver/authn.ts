/**
 * Authentication: who is asking. Podium's components authenticate as in a kubeadm cluster:
 * kubectl with the admin's client certificate (`kubernetes-admin`, group `kubeadm:cluster-admins`),
 * the scheduler and controller-manager with their own certificates, each controller with its
 * service account token (`--use-service-account-credentials`), kubelets as `system:node:<name>`,
 * kube-proxy and CoreDNS with their service accounts, the apiserver itself with its loopback
 * token (group `system:masters`). `kubectl --as=<user>` impersonates another user.
 * Requests that carry credentials (kubectl's kubeconfig user, `--token`) go through the union
 * authenticator instead: client certificate, then the static token file, then service account tokens.
 * What each identity may do is authorization's business (authz/).
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/filters/authentication.go, impersonation.go.
 */
import type { ComponentId } from '../trace/hop'
import { controllerAccount } from './authz/bootstrap'
import type { UserInfo } from './authz/rules'
import type { Credentials } from './request'

export type { UserInfo } from './authz/rules'

function serviceAccount(namespace: string, name: string, method = 'service account token'): UserInfo {
  return { name: `system:serviceaccount:${namespace}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'], method }
}

const identities = new Map<ComponentId, UserInfo>()

/** The identity a component's requests carry (before impersonation). Shared and read-only. */
export function authenticate(from: ComponentId): UserInfo {
  let u = identities.get(from)
  if (!u) identities.set(from, (u = identify(from)))
  return u
}

function identify(from: ComponentId): UserInfo {
  if (from === 'kubectl') return { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'], method: 'client certificate' }
  if (from === 'scheduler') return { name: 'system:kube-scheduler', groups: ['system:authenticated'], method: 'client certificate' }
  if (from.startsWith('controller-manager/')) return serviceAccount('kube-system', controllerAccount(from.slice('controller-manager/'.length)))
  if (from === 'controller-manager') return { name: 'system:kube-controller-manager', groups: ['system:authenticated'], method: 'client certificate' }
  if (from.startsWith('kubelet/')) return { name: `system:node:${from.slice('kubelet/'.length)}`, groups: ['system:nodes', 'system:authenticated'], method: 'client certificate' }
  if (from.startsWith('kube-proxy/')) return serviceAccount('kube-system', 'kube-proxy')
  if (from === 'coredns') return serviceAccount('kube-system', 'coredns')
  if (from === 'cloud-controller-manager') return serviceAccount('kube-system', 'cloud-controller-manager')
  return { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'], method: 'loopback token' }
}

/**
 * The user a request acts as after `Impersonate-User` (`kubectl --as`): a service account name
 * (`system:serviceaccount:ns:name`) gets its groups; any other user gets `system:authenticated`.
 * Upstream: filters/impersonation.go WithImpersonation.
 */
export function impersonated(name: string, by: UserInfo): UserInfo {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name)
  if (m) return serviceAccount(m[1], m[2], `impersonated by ${by.name}`)
  return { name, groups: ['system:authenticated'], method: `impersonated by ${by.name}` }
}

/** One line of kube-apiserver's `--token-auth-file`: `token,user,uid,"group1,group2"`. */
export interface TokenFileEntry {
  token: string
  user: string
  uid: string
  groups: string[]
}

/** The `--token-auth-file` line of an entry, as an administrator writes it. */
export function tokenFileLine(e: TokenFileEntry): string {
  return `${e.token},${e.user},${e.uid}${e.groups.length ? `,"${e.groups.join(',')}"` : ''}`
}

/**
 * Who presents `credentials`, as kube-apiserver's union authenticator decides: a client
 * certificate first (x509: CN is the user, each O a group), then a bearer token from the static
 * token file, then a service account token. Every authenticated user is also in
 * `system:authenticated`. Undefined means 401 Unauthorized; no credentials at all means the
 * anonymous user (`--anonymous-auth`, on in kubeadm clusters).
 * Upstream: pkg/kubeapiserver/authenticator/config.go (New), staging/src/k8s.io/apiserver/pkg/
 * authentication/request/x509 (CommonNameUserConversion), plugin/pkg/authenticator/token/tokenfile,
 * request/anonymous.
 */
export function authenticateCredentials(credentials: Credentials, tokenFile: readonly TokenFileEntry[], serviceAccountToken: (token: string) => UserInfo | undefined): UserInfo | undefined {
  const cert = credentials.clientCertificate
  if (cert) return { name: cert.commonName, groups: [...cert.organizations, 'system:authenticated'], method: 'client certificate' }
  const token = credentials.token
  if (token === undefined) return { name: 'system:anonymous', groups: ['system:unauthenticated'], method: 'anonymous' }
  const entry = tokenFile.find((e) => e.token === token)
  if (entry) return { name: entry.user, groups: [...entry.groups, 'system:authenticated'], method: 'bearer token' }
  return serviceAccountToken(token)
}
