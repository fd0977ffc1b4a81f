/**
 * The kubeconfig `npm run serve` writes: one cluster `podium`, one user, one context, so
 * `export KUBECONFIG=…` points the real kubectl at the served engine.
 */
import { writeFileSync } from 'node:fs'

/** kubeconfig YAML for `server` (with the CA certificate for HTTPS). */
export function kubeconfigYaml(server: string, caCertPem?: string): string {
  const ca = caCertPem ? `    certificate-authority-data: ${Buffer.from(caCertPem).toString('base64')}\n` : ''
  return `apiVersion: v1
kind: Config
clusters:
- name: podium
  cluster:
    server: ${server}
${ca}contexts:
- name: podium
  context:
    cluster: podium
    user: kubernetes-admin
    namespace: default
current-context: podium
users:
- name: kubernetes-admin
  user:
    # Any token: the served cluster takes every request as kubernetes-admin (it listens on
    # loopback only). Without credentials kubectl would prompt for a username over HTTPS.
    token: podium
preferences: {}
`
}

/** Writes the kubeconfig file (mode 0600, as kubectl does). */
export function writeKubeconfig(path: string, server: string, caCertPem?: string): void {
  writeFileSync(path, kubeconfigYaml(server, caCertPem), { mode: 0o600 })
}
