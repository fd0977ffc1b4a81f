/**
 * The classroom's `student` user (ClusterOptions.student): what an administrator sets up to give
 * a person limited rights. The apiserver's `--token-auth-file` gets a line for `student` (group
 * `students`); kubectl's kubeconfig gets a user entry `student` with that token; two RoleBindings
 * grant the built-in ClusterRoles: `edit` in namespace `dev` (created for it) and `view` in
 * `default`. Everything else is forbidden, with the apiserver's real Forbidden texts.
 * Upstream: kube-apiserver --token-auth-file (plugin/pkg/authenticator/token/tokenfile),
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles.
 */
import type { TokenFileEntry } from '../authn'

export const STUDENT = 'student'
/** The characters of a generated bearer token. */
export const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** The namespace the student may change. */
export const STUDENT_NAMESPACE = 'dev'

/** The student's token-file line, with a token from the cluster's seeded random stream. */
export function studentTokenEntry(token: string, uid: string): TokenFileEntry {
  return { token, user: STUDENT, uid, groups: ['students'] }
}

/**
 * The token-file line of `kubernetes-admin` in a served cluster (ClusterOptions.adminToken): the
 * same user and group as the admin's client certificate in a kubeadm cluster, which kubeadm
 * binds to `cluster-admin`.
 */
export function adminTokenEntry(token: string): TokenFileEntry {
  return { token, user: 'kubernetes-admin', uid: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] }
}

/** The student's RoleBindings: edit in `dev`, view in `default`. */
export function studentBindings(): { path: string; body: object }[] {
  const binding = (namespace: string, role: string) => ({
    path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`,
    body: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${STUDENT}-${role}`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: STUDENT }],
    },
  })
  return [binding(STUDENT_NAMESPACE, 'edit'), binding('default', 'view')]
}
