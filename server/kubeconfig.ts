/**
 * The kubeconfig `npm run serve` writes: one cluster `podium`, the user `kubernetes-admin` with
 * its bearer token (context `podium`, the current one) and, when the cluster has the student
 * user (`--student`), the user `student` with its token (context `student`), so
 * `export KUBECONFIG=…` points the real kubectl at the served engine.
 */
import { writeFileSync } from 'node:fs'

/** Where the served cluster is and the tokens of its users (what startServer returns). */
export interface ServedCluster {
  url: string
  /** The HTTPS certificate (PEM), for certificate-authority-data. */
  caCert?: string
  credentials: { admin?: string; student?: string }
}

/** kubeconfig YAML for a served cluster. */
export function kubeconfigYaml(s: ServedCluster): string {
  const ca = s.caCert ? `    certificate-authority-data: ${Buffer.from(s.caCert).toString('base64')}\n` : ''
  const context = (name: string, user: string, namespace: string) => `- name: ${name}\n  context:\n    cluster: podium\n    user: ${user}\n    namespace: ${namespace}\n`
  // Without a token (a cluster started without ClusterOptions.adminToken) requests act as the admin.
  const user = (name: string, token: string | undefined) => `- name: ${name}\n  user:${token ? `\n    token: ${token}` : ' {}'}\n`
  const { admin, student } = s.credentials
  return `apiVersion: v1
kind: Config
clusters:
- name: podium
  cluster:
    server: ${s.url}
${ca}contexts:
${context('podium', 'kubernetes-admin', 'default')}${student ? context('student', 'student', 'dev') : ''}current-context: podium
users:
${user('kubernetes-admin', admin)}${student ? user('student', student) : ''}preferences: {}
`
}

/** Writes the kubeconfig file (mode 0600, as kubectl does: it holds the tokens). */
export function writeKubeconfig(path: string, s: ServedCluster): void {
  writeFileSync(path, kubeconfigYaml(s), { mode: 0o600 })
}
