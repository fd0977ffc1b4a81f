/**
 * The cluster's network, as cluster.ts wires it: a kube-proxy per node, cluster DNS (CoreDNS),
 * the cloud-controller-manager's service controller, the Services every cluster boots with
 * (`default/kubernetes` at 10.96.0.1, `kube-system/kube-dns` at 10.96.0.10), `kubectl exec`
 * through the kubelets, and requests from outside the cluster.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { ApiServer } from '../apiserver/apiserver'
import type { Component, Ctx } from '../client/component'
import { CloudControllerManager, newCloudControllerManagerState, type CloudControllerManagerState } from '../cloud/service'
import type { Kubelet } from '../kubelet/kubelet'
import { nodeIP } from '../kubelet/node'
import { hex64 } from '../kubelet/runtime/hash'
import type { Etcd } from '../store/etcd'
import type { ToolResult } from './clients'
import { CoreDNS, newCoreDNSState, type CoreDNSState, CLUSTER_DNS_IP } from './dns'
import { execInPod } from './exec'
import { KubeProxy, newKubeProxyState, type KubeProxyState, type ProxyMode } from './proxy'
import { httpRequest, type NetEnv } from './traffic'

/** The control plane's address on the machine network (the `kubernetes` Service's endpoint). */
export const APISERVER_ADDRESS = '172.18.0.1'
/** CoreDNS's two replicas, on the control plane's pod network 10.244.0.0/24. */
export const COREDNS_ADDRESSES = ['10.244.0.2', '10.244.0.3']

export interface NetworkState {
  mode: ProxyMode
  proxies: Map<string, KubeProxyState>
  coredns: CoreDNSState
  cloud: CloudControllerManagerState
}

export function newNetworkState(mode: ProxyMode = 'iptables'): NetworkState {
  return { mode, proxies: new Map(), coredns: newCoreDNSState(), cloud: newCloudControllerManagerState() }
}

/** What a request from outside the cluster got back (`Cluster.request`). */
export interface ExternalResponse {
  status?: number
  body: string
  error?: string
  /** The first hop of the exchange, to read it with `hops(firstHop - 1)`. */
  firstHop: number
}

export class Network {
  readonly proxies = new Map<string, KubeProxy>()
  readonly dns: CoreDNS
  readonly cloud: CloudControllerManager
  readonly env: NetEnv

  constructor(
    readonly s: NetworkState,
    private readonly ctx: Ctx,
    private readonly etcd: Etcd,
    private readonly kubelets: () => Map<string, Kubelet>,
  ) {
    this.dns = new CoreDNS(s.coredns, ctx)
    this.cloud = new CloudControllerManager(s.cloud, ctx)
    for (const ps of s.proxies.values()) this.proxies.set(ps.node, new KubeProxy(ps, ctx))
    this.env = {
      ctx,
      dns: this.dns,
      proxies: this.proxies,
      nodes: () => [...this.proxies.values()].filter((p) => p.s.up).map((p) => ({ name: p.s.node, ip: p.s.nodeIP })),
      podAt: (ip) => {
        for (const kv of this.etcd.range('/registry/pods/')) {
          const p = kv.value as Pod
          if (p.status?.podIP === ip && p.spec?.nodeName) return { namespace: p.metadata!.namespace!, name: p.metadata!.name!, node: p.spec.nodeName }
        }
        return undefined
      },
      processes: (node, ns, pod) => this.kubelets().get(node)?.podProcesses(ns, pod)?.containers,
      appendLog: (node, ns, pod, container, text) => this.kubelets().get(node)?.appendLog(ns, pod, container, text),
    }
  }

  /** The components to register with the event loop. */
  components(): Component[] {
    return [this.dns, this.cloud, ...this.proxies.values()]
  }

  /** A node joins: its kube-proxy (not started). */
  addNode(name: string, index: number): KubeProxy {
    const ps = newKubeProxyState(name, nodeIP(index), this.s.mode)
    this.s.proxies.set(name, ps)
    const p = new KubeProxy(ps, this.ctx)
    this.proxies.set(name, p)
    return p
  }

  removeNode(name: string): void {
    this.proxies.get(name)?.stop()
    this.proxies.delete(name)
    this.s.proxies.delete(name)
  }

  setMode(mode: ProxyMode): void {
    this.s.mode = mode
    for (const p of this.proxies.values()) p.setMode(mode)
  }

  /** The objects kube-apiserver and kubeadm create at boot. */
  bootstrap(api: ApiServer): void {
    const post = (path: string, body: object, what: string) => api.handle({ verb: 'POST', path, body, from: 'apiserver', summary: `bootstrap: ${what}` })
    post('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
    }, 'Service kubernetes')
    post('/api/v1/namespaces/default/endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: APISERVER_ADDRESS }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    }, 'Endpoints kubernetes')
    post('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [APISERVER_ADDRESS], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    }, 'EndpointSlice kubernetes')
    // kube-dns: CoreDNS is modelled as a component, not pods, so the Service has no selector and
    // its endpoints are written here (real clusters select `k8s-app: kube-dns` pods).
    const ports = [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ]
    const labels = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }
    post('/api/v1/namespaces/kube-system/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels, annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' } },
      spec: { clusterIP: CLUSTER_DNS_IP, ports, type: 'ClusterIP' },
    }, 'Service kube-dns')
    post('/api/v1/namespaces/kube-system/endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels },
      subsets: [{ addresses: COREDNS_ADDRESSES.map((ip) => ({ ip })), ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) }],
    }, 'Endpoints kube-dns')
    post('/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kube-dns-coredns', namespace: 'kube-system', labels: { ...labels, 'kubernetes.io/service-name': 'kube-dns' } },
      addressType: 'IPv4',
      endpoints: COREDNS_ADDRESSES.map((ip) => ({ addresses: [ip], conditions: { ready: true, serving: true, terminating: false } })),
      ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
    }, 'EndpointSlice kube-dns')
  }

  /**
   * `pods/exec`, served by the pod's kubelet: the apiserver → kubelet request, the CRI ExecSync
   * call, the command (and its network hops), the kubelet's answer.
   */
  exec(namespace: string, podName: string, container: string | undefined, argv: string[], cause: number): { status: number; body: unknown } {
    const trace = this.ctx.trace
    const now = this.ctx.queue.now
    const status = (code: number, reason: string, message: string) => ({ status: code, body: { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } } })
    const pod = this.etcd.get(`/registry/pods/${namespace}/${podName}`)?.value as Pod | undefined
    if (!pod) return status(404, 'NotFound', `pods "${podName}" not found`)
    const node = pod.spec?.nodeName
    const procs = node ? this.kubelets().get(node)?.podProcesses(namespace, podName) : undefined
    const name = container ?? pod.spec?.containers?.[0]?.name
    const c = procs?.containers.find((x) => x.name === name)
    const reqHop = trace.record({ t: now, from: 'apiserver', to: `kubelet/${node ?? ''}`, kind: 'request', summary: `The apiserver asks the kubelet on ${node} to run \`${argv.join(' ')}\` in ${podName}/${name}`, cause })
    const kubelet = node ? this.kubelets().get(node) : undefined
    // A stopped kubelet does not answer: the request above is its last hop.
    if (kubelet?.processStopped) return kubelet.dialError()
    if (!node || !procs || !c || !c.running || !c.program) {
      trace.record({ t: now, from: `kubelet/${node ?? ''}`, to: 'apiserver', kind: 'response', summary: `container ${name} of ${podName} is not running`, cause: reqHop })
      return status(400, 'BadRequest', `unable to upgrade connection: container not found ("${name}")`)
    }
    const cri = trace.record({ t: now, from: `kubelet/${node}`, to: `runtime/${node}`, kind: 'cri', summary: `ExecSync in ${podName}/${name}: ${argv.join(' ')}`, detail: { cri: { call: 'ExecSync', container: name } }, cause: reqHop })
    const r: ToolResult & { startError?: string } = execInPod(this.env, { kind: 'pod', namespace, name: podName, ip: procs.ip, node }, c.program, argv, cri)
    if (r.startError) {
      const id = hex64(`exec|${podName}|${argv.join(' ')}|${now}`)
      trace.record({ t: now, from: `kubelet/${node}`, to: 'apiserver', kind: 'response', summary: `exec failed: ${argv[0]} not found in the container`, cause: r.hop ?? cri })
      return status(500, 'InternalError', r.startError.replace('failed to start exec:', `failed to start exec "${id}":`).replace(/^error: Internal error occurred: /, ''))
    }
    trace.record({ t: now, from: `kubelet/${node}`, to: 'apiserver', kind: 'response', summary: `exec in ${podName} exited with code ${r.exitCode}`, cause: r.hop ?? cri })
    return { status: 200, body: { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode } }
  }

  /** A request from outside the cluster (a browser, curl on a laptop) to a LoadBalancer IP or a node port. */
  request(url: string): ExternalResponse {
    const first = this.ctx.trace.s.nextId
    const r = httpRequest(this.env, { kind: 'external', ip: '198.51.100.7' }, url, { userAgent: 'curl/8.14.1' })
    if (r.answer) return { status: r.answer.status, body: r.answer.body, firstHop: first }
    const error = r.error?.kind === 'resolve' ? `Could not resolve host: ${r.host}` : r.error?.kind === 'not-http' ? 'Received HTTP/0.9 when not allowed' : `Failed to connect to ${r.host} port ${r.port}: Couldn't connect to server`
    return { body: '', error, firstHop: first }
  }
}
