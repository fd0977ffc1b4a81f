import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../../sim/time'
import { printers } from '../registry'
import { formatEndpoints } from './core'

const NOW = 10 * 24 * 3_600_000
const meta = (name: string, ago = 3_600_000, extra = {}) => ({ name, namespace: 'default', creationTimestamp: rfc3339(NOW - ago), ...extra })
const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } }
const row = (resource: string, obj: object): unknown[] => printers[resource].row(obj, NOW)

describe('workload rows (printers.go)', () => {
  it('deployments: READY ready/desired, UP-TO-DATE, AVAILABLE, wide containers, images, selector', () => {
    const d = { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tpl }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }
    expect(row('deployments', d)).toEqual(['web', '2/3', 3, 2, '60m', 'nginx,log', 'nginx:1.27,busybox', 'app=web'])
    expect(printers.deployments.columns).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'])
    expect(printers.deployments.wideColumns).toEqual(['CONTAINERS', 'IMAGES', 'SELECTOR'])
  })

  it('replica sets and replication controllers: DESIRED CURRENT READY', () => {
    const rs = { metadata: meta('web-abc'), spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }, template: tpl }, status: { replicas: 3 } }
    expect(row('replicasets', rs)).toEqual(['web-abc', 3, 3, 0, '60m', 'nginx,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=abc'])
    const rc = { metadata: meta('old'), spec: { replicas: 1, selector: { app: 'old' }, template: tpl }, status: { replicas: 1, readyReplicas: 1 } }
    expect(row('replicationcontrollers', rc)).toEqual(['old', 1, 1, 1, '60m', 'nginx,log', 'nginx:1.27,busybox', 'app=old'])
  })

  it('stateful sets and daemon sets', () => {
    expect(row('statefulsets', { metadata: meta('mysql'), spec: { replicas: 3, template: tpl }, status: { readyReplicas: 1 } })).toEqual([
      'mysql', '1/3', '60m', 'nginx,log', 'nginx:1.27,busybox',
    ])
    const ds = {
      metadata: meta('agent', 8 * 24 * 3_600_000),
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'a', image: 'agent:1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    }
    expect(row('daemonsets', ds)).toEqual(['agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '8d', 'a', 'agent:1', 'app=agent'])
    expect(printers.daemonsets.columns).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'])
  })

  it('jobs: STATUS, COMPLETIONS, DURATION', () => {
    const job = (spec: object, status: object, extra = {}) => ({ metadata: meta('pi', 600_000, extra), spec: { template: tpl, ...spec }, status })
    expect(row('jobs', job({ completions: 1 }, { succeeded: 1, startTime: rfc3339(NOW - 590_000), completionTime: rfc3339(NOW - 500_000), conditions: [{ type: 'Complete', status: 'True' }] })).slice(0, 5)).toEqual([
      'pi', 'Complete', '1/1', '90s', '10m',
    ])
    expect(row('jobs', job({ completions: 5, parallelism: 2 }, { succeeded: 2, startTime: rfc3339(NOW - 125_000) })).slice(1, 4)).toEqual(['Running', '2/5', '2m5s'])
    expect(row('jobs', job({ parallelism: 3 }, {})).slice(1, 4)).toEqual(['Running', '0/1 of 3', ''])
    expect(row('jobs', job({}, { failed: 6, conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] })).slice(1, 3)).toEqual(['Failed', '0/1'])
    expect(row('jobs', job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }))[1]).toBe('Suspended')
    expect(row('jobs', job({}, {}, { deletionTimestamp: rfc3339(NOW) }))[1]).toBe('Terminating')
    expect(printers.jobs.columns).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'])
  })

  it('cron jobs: SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE', () => {
    const cj = { metadata: meta('backup', 3 * 86_400_000), spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template: tpl } } }, status: { active: [{ name: 'backup-1' }], lastScheduleTime: rfc3339(NOW - 125_000) } }
    expect(row('cronjobs', cj)).toEqual(['backup', '*/5 * * * *', '<none>', 'False', 1, '2m5s', '3d', 'nginx,log', 'nginx:1.27,busybox', '<none>'])
    expect(row('cronjobs', { ...cj, spec: { ...cj.spec, suspend: undefined, timeZone: 'Etc/UTC' }, status: {} }).slice(2, 6)).toEqual(['Etc/UTC', '<unset>', 0, '<none>'])
  })
})

describe('core rows (printers.go)', () => {
  it('nodes: Ready, NotReady, Unknown, SchedulingDisabled, roles, wide addresses', () => {
    const node = (conditions: object[], extra: object = {}) => ({
      metadata: { name: 'n1', creationTimestamp: rfc3339(NOW - 3 * 86_400_000), labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'edge' } },
      spec: {},
      status: { conditions, addresses: [{ type: 'InternalIP', address: '10.0.0.1' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
      ...extra,
    })
    expect(row('nodes', node([{ type: 'Ready', status: 'True' }]))).toEqual([
      'n1', 'Ready', 'control-plane,edge,worker', '3d', 'v1.33.1', '10.0.0.1', '<none>', '<unknown>', '<unknown>', '<unknown>',
    ])
    expect(row('nodes', node([{ type: 'Ready', status: 'Unknown' }]))[1]).toBe('NotReady')
    expect(row('nodes', node([]))[1]).toBe('Unknown')
    expect(row('nodes', node([{ type: 'Ready', status: 'True' }], { spec: { unschedulable: true } }))[1]).toBe('Ready,SchedulingDisabled')
    expect(row('nodes', { metadata: { name: 'n2' }, status: {} })[2]).toBe('<none>')
  })

  it('services: cluster IPs, external IPs, <pending>, ports', () => {
    const svc = (spec: object, status: object = {}) => ({ metadata: meta('web'), spec, status })
    expect(row('services', svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }))).toEqual([
      'web', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '60m', '<none>',
    ])
    expect(row('services', svc({ type: 'NodePort', clusterIPs: ['10.96.1.1'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } })).slice(2)).toEqual([
      '10.96.1.1', '<none>', '80:30080/TCP', '60m', 'app=web',
    ])
    expect(row('services', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }))[3]).toBe('<pending>')
    expect(row('services', svc({ type: 'LoadBalancer', externalIPs: ['1.2.3.4'] }, { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example.com' }] } }))[3]).toBe(
      '5.6.7.8,lb.example.com,1.2.3.4',
    )
    expect(row('services', svc({ type: 'ExternalName', externalName: 'db.example.com' })).slice(2, 5)).toEqual(['<none>', 'db.example.com', '<none>'])
    expect(row('services', svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }))[2]).toBe('None')
  })

  it('endpoints: three addresses, then "+ N more..."', () => {
    const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip }))
    expect(formatEndpoints({ subsets: [{ addresses, ports: [{ port: 80 }] }] })).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...')
    expect(formatEndpoints({ subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] })).toBe('[fd00::1]:80')
    expect(formatEndpoints({})).toBe('<none>')
    expect(row('endpoints', { metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.0.0.9' }] }] })).toEqual(['web', '10.0.0.9', '60m'])
  })

  it('config maps, secrets, service accounts, namespaces', () => {
    expect(row('configmaps', { metadata: meta('c'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })).toEqual(['c', 3, '60m'])
    expect(row('secrets', { metadata: meta('s'), type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } })).toEqual(['s', 'kubernetes.io/tls', 2, '60m'])
    expect(row('serviceaccounts', { metadata: meta('default') })).toEqual(['default', 0, '60m'])
    expect(row('namespaces', { metadata: { name: 'dev', creationTimestamp: rfc3339(NOW - 119_000) }, status: { phase: 'Terminating' } })).toEqual(['dev', 'Terminating', '119s'])
  })

  it('events: last seen, object, count, series and eventTime fallbacks', () => {
    const base = { metadata: { name: 'p.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Normal', reason: 'Pulled', message: ' pulled \n' }
    expect(row('events', { ...base, firstTimestamp: rfc3339(NOW - 600_000), lastTimestamp: rfc3339(NOW - 30_000), count: 4, source: { component: 'kubelet', host: 'node-1' } })).toEqual([
      '30s', 'Normal', 'Pulled', 'pod/p', '', 'kubelet, node-1', 'pulled', '10m', 4, 'p.1',
    ])
    expect(row('events', { ...base, eventTime: rfc3339(NOW - 5_000), reportingComponent: 'default-scheduler', reportingInstance: 'sched-1' }).filter((_, i) => [0, 5, 7, 8].includes(i))).toEqual([
      '5s', 'default-scheduler, sched-1', '5s', 1,
    ])
    expect(row('events', { ...base, eventTime: rfc3339(NOW - 600_000), series: { count: 7, lastObservedTime: rfc3339(NOW - 2_000) } }).filter((_, i) => [0, 7, 8].includes(i))).toEqual([
      '2s', '10m', 7,
    ])
    expect(row('events', { ...base, involvedObject: { kind: 'Node' } })[3]).toBe('node')
    expect(printers.events.columns).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'])
  })
})

describe('storage and coordination rows', () => {
  it('persistent volume claims: bound and pending', () => {
    const pvc = {
      metadata: meta('data'),
      spec: { volumeName: 'pv-1', storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '1.5Gi' } },
    }
    expect(row('persistentvolumeclaims', pvc)).toEqual(['data', 'Bound', 'pv-1', '1536Mi', 'RWO,ROX', 'standard', '<unset>', '60m', 'Filesystem'])
    expect(row('persistentvolumeclaims', { metadata: meta('new'), spec: { storageClassName: 'standard' }, status: { phase: 'Pending' } })).toEqual([
      'new', 'Pending', '', '', '', 'standard', '<unset>', '60m', '<unset>',
    ])
  })

  it('persistent volumes and storage classes', () => {
    const pv = {
      metadata: { name: 'pv-1', creationTimestamp: rfc3339(NOW - 3_600_000), annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } },
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard' },
      status: { phase: 'Bound' },
    }
    expect(row('persistentvolumes', pv)).toEqual(['pv-1', '10Gi', 'RWOP', 'Delete', 'Bound', 'default/data', 'old', '<unset>', '', '60m', '<unset>'])
    const sc = { metadata: { name: 'standard', creationTimestamp: rfc3339(NOW - 3_600_000), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'podium.dev/hostpath' }
    expect(row('storageclasses', sc)).toEqual(['standard (default)', 'podium.dev/hostpath', 'Delete', 'Immediate', false, '60m'])
  })

  it('leases', () => {
    expect(row('leases', { metadata: meta('node-1'), spec: { holderIdentity: 'node-1' } })).toEqual(['node-1', 'node-1', '60m'])
  })
})
