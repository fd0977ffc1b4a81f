/**
 * A small cluster as the apiserver would return it, with every timestamp relative to `now`
 * (virtual ms). The expected outputs in ./kubectl-1.33.ts were printed by the real kubectl 1.33
 * from exactly these objects, served by a fake apiserver.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { rfc3339, rfc3339Micro } from '../../../sim/time'
export const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H
/** All fixture objects for a given virtual `now`. */
export function makeFixtures(now: number): any[] {
  const t = (ago: number) => rfc3339(now - ago)
  const tm = (ago: number) => rfc3339Micro(now - ago)
  const meta = (name: string, ns: string | undefined, ago: number, extra: any = {}) => ({ name, ...(ns ? { namespace: ns } : {}), uid: `uid-${name}`, resourceVersion: '12', creationTimestamp: t(ago), ...extra })
  const podBase = (name: string, ago: number, extra: any = {}) => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: meta(name, 'default', ago, { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5d', uid: 'uid-web-7d4b9c8f5d', controller: true, blockOwnerDeletion: true }] }),
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }, env: [{ name: 'MODE', value: 'prod' }, { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }, { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }], volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }, { name: 'data', mountPath: '/data' }], terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', serviceAccountName: 'default', serviceAccount: 'default', nodeName: 'node-1', securityContext: {}, schedulerName: 'default-scheduler',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      priority: 0, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
      volumes: [{ name: 'data', emptyDir: {} }, { name: 'kube-api-access-abcde', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } }],
    },
    status: {
      phase: 'Running', hostIP: '10.0.0.11', hostIPs: [{ ip: '10.0.0.11' }], podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], startTime: t(ago - 1 * S), qosClass: 'Burstable',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: t(ago - 3 * S) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t(ago - 1 * S) },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t(ago - 9 * S) },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: t(ago - 9 * S) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t(ago) },
      ],
      containerStatuses: [{ name: 'nginx', state: { running: { startedAt: t(ago - 4 * S) } }, lastState: {}, ready: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:abc', containerID: 'containerd://0123456789abcdef', started: true }],
    },
    ...extra,
  })
  const crash = podBase('web-7d4b9c8f5d-x2k9p', 10 * M + 30 * S)
  crash.status.containerStatuses[0] = { name: 'nginx', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=nginx pod=web-7d4b9c8f5d-x2k9p_default(uid)' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: t(2 * M + 10 * S), finishedAt: t(41 * S + 500) , containerID: 'containerd://1'} }, ready: false, restartCount: 3, image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:abc', containerID: 'containerd://1', started: false } as any
  crash.status.conditions[2] = { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: t(5 * M), reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' } as any
  const pending = podBase('web-7d4b9c8f5d-b5c6d', 5 * S + 500)
  pending.spec.nodeName = undefined as any
  pending.status = { phase: 'Pending', qosClass: 'Burstable', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: t(5 * S), reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' }] } as any
  const init = podBase('init-demo', 30 * S + 500, { })
  init.metadata.ownerReferences = undefined as any
  init.metadata.labels = { run: 'init-demo' }
  init.spec.initContainers = [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'sleep 10'], resources: {} }]
  init.status = { phase: 'Pending', hostIP: '10.0.0.12', podIP: '10.244.2.9', podIPs: [{ ip: '10.244.2.9' }], startTime: t(30 * S), qosClass: 'Burstable', conditions: [{ type: 'Initialized', status: 'False', lastProbeTime: null, lastTransitionTime: t(30 * S), reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait]' }, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t(30 * S) }], initContainerStatuses: [{ name: 'wait', state: { running: { startedAt: t(28 * S) } }, lastState: {}, ready: false, restartCount: 0, image: 'docker.io/library/busybox:latest', imageID: '', containerID: 'containerd://9', started: true }], containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'PodInitializing' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false }] } as any
  init.spec.nodeName = 'node-2'
  const term = podBase('web-7d4b9c8f5d-zzzzz', 3 * H + 5 * M + 10 * S, {})
  term.metadata.deletionTimestamp = t(12 * S + 500)
  term.metadata.deletionGracePeriodSeconds = 30
  const pods = [podBase('web-7d4b9c8f5d-abcde', 2 * M + 1 * S + 500), crash, pending, init, term]
  const node = (name: string, ago: number, extra: any = {}) => ({
    apiVersion: 'v1', kind: 'Node',
    metadata: meta(name, undefined, ago, { labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...(extra.labels ?? {}) }, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } }),
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], ...(extra.spec ?? {}) },
    status: {
      capacity: { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '20Gi' }, allocatable: { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '20Gi' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: t(10 * S), lastTransitionTime: t(ago), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: t(10 * S), lastTransitionTime: t(ago), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: t(10 * S), lastTransitionTime: t(ago), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: extra.ready ?? 'True', lastHeartbeatTime: t(10 * S), lastTransitionTime: t(ago - 20 * S), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [{ type: 'InternalIP', address: extra.ip ?? '10.0.0.11' }, { type: 'Hostname', address: name }],
      nodeInfo: { machineID: 'm1', systemUUID: 's1', bootID: 'b1', kernelVersion: '6.8.0-podium', osImage: 'Podium Linux 1.0', containerRuntimeVersion: 'containerd://1.7.22', kubeletVersion: 'v1.33.1', kubeProxyVersion: 'v1.33.1', operatingSystem: 'linux', architecture: 'amd64' },
    },
  })
  const nodes = [node('control-plane', 5 * D + 3 * H, { labels: { 'node-role.kubernetes.io/control-plane': '' }, spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } }), node('node-1', 5 * D + 2 * H, { ip: '10.0.0.11' }), node('node-2', 2 * H + 5 * M, { ip: '10.0.0.12', spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: t(5 * M) }] } })]
  const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('node-1', 'kube-node-lease', 5 * D, { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-node-1' }] }), spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: tm(3 * S) } }
  const ev = (name: string, involved: any, reason: string, msg: string, first: number, last: number, count: number, type = 'Normal', component = 'kubelet', host?: string) => ({
    apiVersion: 'v1', kind: 'Event', metadata: meta(name, involved.namespace ?? 'default', first), involvedObject: involved, reason, message: msg, source: { component, ...(host ? { host } : {}) },
    firstTimestamp: t(first), lastTimestamp: t(last), count, type, eventTime: null, reportingComponent: component, reportingInstance: host ?? '',
  })
  const podRef = (p: any) => ({ kind: 'Pod', namespace: 'default', name: p.metadata.name, uid: p.metadata.uid, apiVersion: 'v1', resourceVersion: '10', fieldPath: 'spec.containers{nginx}' })
  const events = [
    ev('web-7d4b9c8f5d-x2k9p.181a1', { kind: 'Pod', namespace: 'default', name: crash.metadata.name, uid: crash.metadata.uid, apiVersion: 'v1', resourceVersion: '10' }, 'Scheduled', 'Successfully assigned default/web-7d4b9c8f5d-x2k9p to node-1', 10 * M + 30 * S, 10 * M + 30 * S, 1, 'Normal', 'default-scheduler'),
    ev('web-7d4b9c8f5d-x2k9p.181a2', podRef(crash), 'Pulled', 'Container image "nginx:1.27" already present on machine', 10 * M, 2 * M + 30 * S, 4, 'Normal', 'kubelet', 'node-1'),
    ev('web-7d4b9c8f5d-x2k9p.181a3', podRef(crash), 'BackOff', 'Back-off restarting failed container nginx in pod web-7d4b9c8f5d-x2k9p_default(uid-web-7d4b9c8f5d-x2k9p)', 9 * M + 10 * S, 20 * S + 500, 12, 'Warning', 'kubelet', 'node-1'),
    ev('web-7d4b9c8f5d-b5c6d.1', { kind: 'Pod', namespace: 'default', name: pending.metadata.name, uid: pending.metadata.uid, apiVersion: 'v1', resourceVersion: '10' }, 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 5 * S + 500, 5 * S + 500, 1, 'Warning', 'default-scheduler'),
    ev('web.1', { kind: 'Deployment', namespace: 'default', name: 'web', uid: 'uid-web', apiVersion: 'apps/v1', resourceVersion: '5' }, 'ScalingReplicaSet', 'Scaled up replica set web-7d4b9c8f5d from 0 to 3', 3 * H + 5 * M + 30 * S, 3 * H + 5 * M + 30 * S, 1, 'Normal', 'deployment-controller'),
    ev('node-2.1', { kind: 'Node', name: 'node-2', uid: 'node-2', apiVersion: 'v1' }, 'NodeNotSchedulable', 'Node node-2 status is now: NodeNotSchedulable', 5 * M + 30 * S, 5 * M + 30 * S, 1, 'Normal', 'kubelet', 'node-2'),
  ]
  const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler' } }
  const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web', 'default', 3 * H + 5 * M + 31 * S, { labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' }, generation: 1 }),
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tpl, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
    status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 2, conditions: [{ type: 'Available', status: 'False', lastUpdateTime: t(3 * H), lastTransitionTime: t(3 * H), reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, { type: 'Progressing', status: 'True', lastUpdateTime: t(3 * H), lastTransitionTime: t(3 * H), reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-7d4b9c8f5d" is progressing.' }] } }
  const rsTpl = JSON.parse(JSON.stringify(tpl)); rsTpl.metadata.labels['pod-template-hash'] = '7d4b9c8f5d'
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-7d4b9c8f5d', 'default', 3 * H + 5 * M + 30 * S, { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' }, annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }] }),
    spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' } }, template: rsTpl }, status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 } }
  const svc = (name: string, type: string, extra: any = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name, 'default', extra.ago ?? 3 * H, { labels: extra.labels }), spec: { type, clusterIP: extra.ip ?? '10.96.12.34', clusterIPs: [extra.ip ?? '10.96.12.34'], ports: extra.ports ?? [{ port: 80, targetPort: 80, protocol: 'TCP', ...(type !== 'ClusterIP' ? { nodePort: 30080 } : {}) }], selector: extra.selector ?? { app: 'web' }, sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', ...(type !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}) }, status: { loadBalancer: extra.lb ?? {} } })
  const svcs = [svc('kubernetes', 'ClusterIP', { ip: '10.96.0.1', ago: 5 * D, ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }], selector: undefined, labels: { component: 'apiserver', provider: 'kubernetes' } }), svc('web', 'NodePort', { labels: { app: 'web' } }), svc('lb', 'LoadBalancer', { ip: '10.96.200.1' })]
  const eps = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('web-abc12', 'default', 3 * H, { labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } }), addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-7d4b9c8f5d-abcde', uid: 'x' } }, { addresses: ['10.244.1.6'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node-1' }], ports: [{ name: '', port: 80, protocol: 'TCP' }] }
  const ns = (name: string, ago: number) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, ago, { labels: { 'kubernetes.io/metadata.name': name } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } })
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-root-ca.crt', 'default', 5 * D, { annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }), data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } }
  const extraPods: any[] = []
  const extraWorkloads: any[] = []
  const extraServices: any[] = []
  const extraCluster: any[] = []

  // --- more pods for describe: sidecars, init failures, probes, env sources, volumes ---
  const sidecar: any = podBase('sidecar-demo', 20 * M + 10 * S, {})
  sidecar.metadata.labels = { app: 'side' }
  sidecar.metadata.ownerReferences = undefined
  sidecar.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}\n', note: 'multi\nline value', 'example.com/long': 'x'.repeat(150) }
  sidecar.spec.initContainers = [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always', command: ['envoy', '-c', '/etc/envoy.yaml'], args: ['--log-level', 'info\ndebug'], ports: [{ containerPort: 9901, protocol: 'TCP' }, { containerPort: 15001, hostPort: 15001, protocol: 'TCP' }], startupProbe: { tcpSocket: { port: 9901 }, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 30 }, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } } }]
  sidecar.spec.containers[0].livenessProbe = { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 3, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 }
  sidecar.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'creds', optional: true }, prefix: 'DB_' }]
  sidecar.spec.containers[0].env.push({ name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'nginx', resource: 'limits.memory', divisor: '1Mi' } } }, { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }, { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level', optional: true } } }, { name: 'MULTI', value: 'a\nb' }, { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } })
  sidecar.spec.containers[0].volumeMounts.push({ name: 'conf', mountPath: '/etc/conf', subPath: 'app.conf' }, { name: 'host', mountPath: '/host', readOnly: true })
  sidecar.spec.volumes.push({ name: 'conf', configMap: { name: 'settings', defaultMode: 420 } }, { name: 'creds', secret: { secretName: 'creds', optional: true } }, { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } }, { name: 'claim', persistentVolumeClaim: { claimName: 'data-claim' } }, { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } })
  sidecar.spec.nodeSelector = { 'kubernetes.io/os': 'linux', disk: 'ssd' }
  sidecar.spec.tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists' })
  sidecar.spec.readinessGates = [{ conditionType: 'example.com/gate' }]
  sidecar.spec.priorityClassName = 'high'
  sidecar.spec.priority = 1000
  sidecar.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'side' } } }, { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }]
  sidecar.status.qosClass = undefined
  sidecar.status.initContainerStatuses = [{ name: 'proxy', state: { running: { startedAt: t(20 * M) } }, lastState: { terminated: { exitCode: 137, signal: 9, startedAt: t(25 * M), finishedAt: t(5 * M + 30 * S), containerID: 'containerd://p0' } }, ready: true, restartCount: 2, image: 'docker.io/envoyproxy/envoy:1.30', imageID: 'docker.io/envoyproxy/envoy@sha256:def', containerID: 'containerd://p1', started: true }]
  sidecar.status.conditions.push({ type: 'example.com/gate', status: 'True', lastProbeTime: null, lastTransitionTime: t(19 * M) })

  const failing: any = podBase('init-fail', 3 * M + 10 * S, {})
  failing.metadata.ownerReferences = undefined
  failing.metadata.labels = { run: 'init-fail' }
  failing.spec.initContainers = [{ name: 'migrate', image: 'busybox', command: ['sh', '-c', 'exit 1'], resources: {} }, { name: 'seed', image: 'busybox', resources: {} }]
  failing.spec.containers[0].resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }
  failing.status = { phase: 'Pending', hostIP: '10.0.0.12', podIP: '10.244.2.10', podIPs: [{ ip: '10.244.2.10' }], startTime: t(3 * M), qosClass: 'Guaranteed', conditions: [{ type: 'Initialized', status: 'False', lastProbeTime: null, lastTransitionTime: t(3 * M), reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [migrate seed]' }],
    initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 1, reason: 'Error', message: 'migration failed', startedAt: t(40 * S), finishedAt: t(39 * S), containerID: 'containerd://m' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: t(2 * M), finishedAt: t(119 * S) } }, ready: false, restartCount: 4, image: 'busybox:latest', imageID: 'docker.io/library/busybox@sha256:1', containerID: 'containerd://m', started: false },
      { name: 'seed', state: { waiting: { reason: 'PodInitializing' } }, lastState: {}, ready: false, restartCount: 0, image: 'busybox', imageID: '', started: false }],
    containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'PodInitializing' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false }] }
  failing.spec.nodeName = 'node-2'

  const done: any = podBase('batch-done-x7k2p', 2 * D + 3 * H, {})
  done.metadata.labels = { 'batch.kubernetes.io/job-name': 'batch-done', 'job-name': 'batch-done' }
  done.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'batch-done', uid: 'uid-batch-done', controller: true, blockOwnerDeletion: true }]
  done.spec.restartPolicy = 'Never'
  done.spec.containers = [{ name: 'pi', image: 'perl:5.34', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(200)'], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }]
  done.spec.volumes = []
  done.status = { phase: 'Succeeded', hostIP: '10.0.0.11', podIP: '10.244.1.9', podIPs: [{ ip: '10.244.1.9' }], startTime: t(2 * D + 3 * H), qosClass: 'BestEffort', conditions: [{ type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t(2 * D + 3 * H), reason: 'PodCompleted' }, { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: t(2 * D + 2 * H), reason: 'PodCompleted' }],
    containerStatuses: [{ name: 'pi', state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: t(2 * D + 3 * H - 5 * S), finishedAt: t(2 * D + 2 * H + 59 * M) } }, lastState: {}, ready: false, restartCount: 0, image: 'docker.io/library/perl:5.34', imageID: 'docker.io/library/perl@sha256:2', containerID: 'containerd://pi', started: false }] }

  const lost: any = podBase('web-7d4b9c8f5d-lost1', 6 * H, {})
  lost.metadata.deletionTimestamp = t(4 * M)
  lost.metadata.deletionGracePeriodSeconds = 0
  lost.status.reason = 'NodeLost'
  lost.status.message = 'Node node-3 which was running pod web-7d4b9c8f5d-lost1 is unresponsive'
  lost.spec.nodeName = 'node-3'
  extraPods.push(sidecar, failing, done, lost)

  // --- a deployment mid-rollout: a new ReplicaSet and an old one ---
  const tpl2 = JSON.parse(JSON.stringify(tpl))
  tpl2.spec.containers[0].image = 'nginx:1.28'
  const api = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('api', 'default', 2 * D, { labels: { app: 'api' }, annotations: { 'deployment.kubernetes.io/revision': '2' }, generation: 2 }),
    spec: { replicas: 4, selector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'backend'] }] }, template: { ...tpl2, metadata: { labels: { app: 'api', tier: 'backend' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-06T09:00:00Z' } } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '50%' } }, minReadySeconds: 5, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
    status: { observedGeneration: 2, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 1, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: t(2 * D), lastTransitionTime: t(2 * D), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }, { type: 'Progressing', status: 'True', lastUpdateTime: t(30 * S), lastTransitionTime: t(90 * S), reason: 'ReplicaSetUpdated', message: 'ReplicaSet "api-5f7c9d6b8" is progressing.' }] } }
  const apiRs = (name: string, hash: string, ago: number, t0: any, replicas: number, ready: number) => {
    const tp = JSON.parse(JSON.stringify(t0)); tp.metadata.labels['pod-template-hash'] = hash
    return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(name, 'default', ago, { labels: { app: 'api', tier: 'backend', 'pod-template-hash': hash }, annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'uid-api', controller: true, blockOwnerDeletion: true }] }),
      spec: { replicas, selector: { matchLabels: { app: 'api', 'pod-template-hash': hash }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'backend'] }] }, template: tp }, status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 } }
  }
  const oldTpl = { ...tpl, metadata: { labels: { app: 'api', tier: 'backend' } } }
  extraWorkloads.push(api, apiRs('api-7b8d9f6c4', '7b8d9f6c4', 2 * D, oldTpl, 3, 3), apiRs('api-5f7c9d6b8', '5f7c9d6b8', 90 * S, api.spec.template, 2, 1))

  // --- services: headless, ExternalName, load balancer with an address ---
  const headless = svc('db', 'ClusterIP', { ip: 'None', ports: [{ name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP' }], selector: { app: 'db' } })
  const ext = { apiVersion: 'v1', kind: 'Service', metadata: meta('search', 'default', 40 * M), spec: { type: 'ExternalName', externalName: 'search.example.com', sessionAffinity: 'None' }, status: { loadBalancer: {} } }
  const lb2 = svc('edge', 'LoadBalancer', { ip: '10.96.200.2', lb: { ingress: [{ ip: '203.0.113.10', ipMode: 'VIP' }] }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 8443, nodePort: 31443, protocol: 'TCP' }] })
  ;(lb2.spec as any).externalIPs = ['198.51.100.7']
  ;(lb2.spec as any).loadBalancerSourceRanges = ['10.0.0.0/8']
  const edgeSlice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('edge-x1', 'default', 3 * H, { labels: { 'kubernetes.io/service-name': 'edge' } }), addressType: 'IPv4', endpoints: ['10.244.1.20', '10.244.1.21', '10.244.2.22', '10.244.2.23', '10.244.2.24'].map((ip, i) => ({ addresses: [ip], conditions: { ready: i !== 1 } })), ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'https', port: 8443, protocol: 'TCP' }] }
  extraServices.push(headless, ext, lb2, edgeSlice)

  // --- a namespace with a quota and a limit range ---
  const teamA = ns('team-a', 1 * H)
  ;(teamA.metadata as any).annotations = { owner: 'team-a@example.com' }
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('compute', 'team-a', 1 * H), spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' }, scopes: ['NotBestEffort'] }, status: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' }, used: { 'requests.cpu': '1500m', 'requests.memory': '3Gi', pods: '5' } } }
  const limits = { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('defaults', 'team-a', 1 * H), spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' }, max: { cpu: '2' } }] } }
  extraCluster.push(teamA, quota, limits)
  return [...pods, ...extraPods, ...nodes, lease, ...events, deploy, rs, ...extraWorkloads, ...svcs, eps, ...extraServices, ns('default', 5 * D), ns('kube-system', 5 * D), ns('kube-node-lease', 5 * D), ...extraCluster, cm]
}
