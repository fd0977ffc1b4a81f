/**
 * The root CA certificate publisher: every namespace has a ConfigMap `kube-root-ca.crt` holding
 * the cluster CA bundle (`ca.crt`), which each pod's service account volume mounts; it is put back
 * when deleted or changed. Podium has no PKI: the certificate is a fixed, well-formed placeholder.
 * Upstream: pkg/controller/certificates/rootcacertpublisher/publisher.go (syncNamespace),
 * run as `root-ca-cert-publisher`.
 */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** The ConfigMap's name. Upstream: RootCACertConfigMapName. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt'

/** Upstream: DescriptionAnnotation's value. */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

/** A placeholder cluster CA (kubeadm's CA is named `kubernetes`); not a usable certificate. */
export const CLUSTER_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIPodiumCAAAAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDPodiumSimulatedClusterCertificateAuthorityNotARealKeyAAAA
-----END CERTIFICATE-----
`

/** The root-ca-cert-publisher controller (`controller-manager/rootcacertpublisher`). */
export class RootCACertPublisher extends Controller {
  readonly watches = ['namespaces', 'configmaps']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('rootcacertpublisher', s, env)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (resource === 'namespaces') {
      if (type !== 'DELETED') this.enqueue(obj.metadata!.name!, hop)
    } else if (obj.metadata?.name === ROOT_CA_CONFIGMAP) this.enqueue(obj.metadata.namespace!, hop)
  }

  sync(name: string, cause?: number): void {
    const ns = this.env.informers.namespaces.get(name) as Namespace | undefined
    if (!ns || ns.status?.phase !== 'Active') return
    const cm = this.env.informers.configmaps.get(`${name}/${ROOT_CA_CONFIGMAP}`) as ConfigMap | undefined
    const data = { 'ca.crt': CLUSTER_CA_PEM }
    const annotations = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION }
    if (!cm) {
      this.env.client.create(R.configmaps, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, annotations }, data } as KObject, {
        cause,
        summary: `The root-ca-cert-publisher creates ConfigMap ${ROOT_CA_CONFIGMAP} in namespace ${name}`,
      })
      return
    }
    if (cm.data?.['ca.crt'] === CLUSTER_CA_PEM && Object.keys(cm.data).length === 1 && cm.metadata?.annotations?.['kubernetes.io/description'] === ROOT_CA_DESCRIPTION) return
    this.env.client.update(R.configmaps, { ...cm, data, metadata: { ...cm.metadata, annotations: { ...cm.metadata?.annotations, ...annotations } } } as KObject, {
      cause,
      summary: `The root-ca-cert-publisher puts back ConfigMap ${ROOT_CA_CONFIGMAP} in namespace ${name}`,
    })
  }
}
