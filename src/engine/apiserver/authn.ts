/**
 * The first two stages of every request: who is asking (authentication) and may they
 * (authorization, modes Node and RBAC). Podium's components authenticate as in a kubeadm
 * cluster: kubectl with the admin's client certificate, the scheduler and controller-manager
 * with their own certificates (each controller with its service account token), kubelets as
 * `system:node:<name>`. RBAC objects arrive with the workloads issue; until then every identity
 * here has the rights kubeadm's default bindings give it, and the stages say which binding.
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/filters, plugin/pkg/auth/authorizer.
 */
import type { ComponentId } from '../trace/hop'

export interface UserInfo {
  name: string
  groups: string[]
  /** How the apiserver knew: `client certificate`, `service account token`. */
  method: string
  /** The authorizer and binding that allows this identity. */
  allowedBy: string
}

/** The identity a component's requests carry. */
export function authenticate(from: ComponentId, impersonate?: string): UserInfo {
  if (from === 'kubectl') {
    if (impersonate) return { name: impersonate, groups: ['system:authenticated'], method: 'impersonation by kubernetes-admin', allowedBy: 'RBAC (impersonated user)' }
    return { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'], method: 'client certificate', allowedBy: 'RBAC: ClusterRoleBinding kubeadm:cluster-admins → ClusterRole cluster-admin' }
  }
  if (from === 'scheduler') return { name: 'system:kube-scheduler', groups: ['system:authenticated'], method: 'client certificate', allowedBy: 'RBAC: ClusterRoleBinding system:kube-scheduler' }
  if (from.startsWith('controller-manager/')) {
    const c = from.slice('controller-manager/'.length)
    const sa = `${c}-controller`
    return { name: `system:serviceaccount:kube-system:${sa}`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'], method: 'service account token', allowedBy: `RBAC: ClusterRoleBinding system:controller:${sa}` }
  }
  if (from === 'controller-manager') return { name: 'system:kube-controller-manager', groups: ['system:authenticated'], method: 'client certificate', allowedBy: 'RBAC: ClusterRoleBinding system:kube-controller-manager' }
  if (from.startsWith('kubelet/')) {
    const node = from.slice('kubelet/'.length)
    return { name: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'], method: 'client certificate', allowedBy: `Node authorizer: ${node} may act on itself and its pods` }
  }
  if (from === 'cloud-controller-manager') return { name: 'system:serviceaccount:kube-system:cloud-controller-manager', groups: ['system:serviceaccounts', 'system:authenticated'], method: 'service account token', allowedBy: 'RBAC: ClusterRoleBinding system:cloud-controller-manager' }
  return { name: 'system:apiserver', groups: ['system:masters'], method: 'loopback token', allowedBy: 'group system:masters' }
}
