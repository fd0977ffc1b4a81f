/**
 * kubectl's kubeconfig, reduced to what authentication needs: the user entries (`users:`) with
 * their credentials and the user of the current context. `--user=<name>` picks another entry;
 * `--token=<t>` presents a bearer token on top of the entry's own credentials (the apiserver
 * still tries a client certificate first, as its union authenticator does).
 * Upstream: staging/src/k8s.io/client-go/tools/clientcmd (client_config.go, validation.go).
 */
import type { Credentials } from '../apiserver/request'
import { CommandError } from './context'
import type { FlagValues } from './flags'

export interface Kubeconfig {
  /** The user of the current context. */
  currentUser: string
  /** User entries by name. */
  users: Record<string, Credentials>
}

/** kubeadm's admin.conf: `kubernetes-admin` with a client certificate (O = kubeadm:cluster-admins). */
export function adminKubeconfig(): Kubeconfig {
  return { currentUser: 'kubernetes-admin', users: { 'kubernetes-admin': { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } } } }
}

/** The credentials a command sends, after `--user` and `--token`. */
export function credentialsFor(kc: Kubeconfig, flags: FlagValues): Credentials {
  // A string: `create rolebinding --user` is that command's own flag (a list of subjects).
  const name = (typeof flags.user === 'string' && flags.user) || kc.currentUser
  const entry = kc.users[name]
  // Upstream: clientcmd validation.go validateAuthInfo → `auth info "x" does not exist`.
  if (!entry) throw new CommandError(`error: auth info "${name}" does not exist`)
  const token = flags.token as string | undefined
  return token ? { ...entry, token } : entry
}
