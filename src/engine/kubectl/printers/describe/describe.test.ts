import { describe as group, expect, it } from 'vitest'
import { rfc3339 } from '../../../sim/time'
import { makeFixtures } from '../testdata/cluster'
import { CAPTURE_NOW, describes } from '../testdata/kubectl-1.33'
import { describeEvents, printTolerationsMultiline, rfc1123z } from './common'
import { describeNode } from './node'
import { describePod } from './pod'
import { describeNamespace, describeService } from './service'
import { describeDeployment, describeReplicaSet } from './workloads'
import { tabbedString } from './writer'

/* eslint-disable @typescript-eslint/no-explicit-any */
const objs = makeFixtures(CAPTURE_NOW)
const of = (kind: string): any[] => objs.filter((o) => o.kind === kind)
const events = of('Event')
const evFor = (o: any): any[] =>
  events.filter(
    (e) =>
      e.involvedObject.kind === o.kind &&
      e.involvedObject.name === o.metadata.name &&
      (e.involvedObject.uid === o.metadata.uid || e.involvedObject.uid === o.metadata.name),
  )
const selects = (rs: any) => (p: any) => Object.entries(rs.spec.selector.matchLabels).every(([k, v]) => p.metadata.labels?.[k] === v)

function render(key: string, now: number): string {
  const [kind, name] = key.split('/')
  const find = (k: string): any => of(k).find((o) => o.metadata.name === name)
  switch (kind) {
    case 'pod':
      return describePod(find('Pod'), evFor(find('Pod')), now)
    case 'deployment':
      return describeDeployment(find('Deployment'), of('ReplicaSet'), evFor(find('Deployment')), now)
    case 'replicaset':
      return describeReplicaSet(find('ReplicaSet'), of('Pod').filter(selects(find('ReplicaSet'))), evFor(find('ReplicaSet')), now)
    case 'node':
      return describeNode(find('Node'), { pods: of('Pod'), events: evFor(find('Node')), lease: of('Lease').find((l) => l.metadata.name === name) }, now)
    case 'service':
      return describeService(find('Service'), of('EndpointSlice').filter((e) => e.metadata.labels['kubernetes.io/service-name'] === name), evFor(find('Service')), now)
    case 'namespace':
      return describeNamespace(find('Namespace'), of('ResourceQuota').filter((q) => q.metadata.namespace === name), of('LimitRange').filter((q) => q.metadata.namespace === name))
  }
  throw new Error(key)
}

group('describe matches kubectl 1.33 byte for byte', () => {
  it.each(Object.keys(describes))('kubectl describe %s', (key) => {
    const { offset, text } = describes[key]
    expect(render(key, CAPTURE_NOW + offset)).toBe(text)
  })
})

group('describe helpers', () => {
  it('formats times as RFC 1123 with a numeric zone', () => {
    expect(rfc1123z('2025-01-06T09:05:03Z')).toBe('Mon, 06 Jan 2025 09:05:03 +0000')
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000')
  })

  it('prints the default tolerations aligned under their title', () => {
    const text = tabbedString((w) => {
      w.write(0, 'QoS Class:\tBestEffort\n')
      printTolerationsMultiline(w, 'Tolerations', [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ])
    })
    expect(text).toBe(
      'QoS Class:    BestEffort\n' +
        'Tolerations:  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n' +
        '              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n',
    )
  })

  it('prints Events: <none> without events and ages with counts otherwise', () => {
    expect(tabbedString((w) => describeEvents([], w, 0))).toBe('Events:  <none>\n')
    const text = tabbedString((w) =>
      describeEvents(
        [
          { metadata: {}, involvedObject: {}, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', source: { component: 'kubelet' }, firstTimestamp: rfc3339(0), lastTimestamp: rfc3339(120_000), count: 3 },
          { metadata: {}, involvedObject: {}, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/nginx to node-1', reportingComponent: 'default-scheduler', eventTime: '2025-01-06T09:00:00.000000Z', firstTimestamp: undefined },
        ],
        w,
        300_000,
      ),
    )
    expect(text).toBe(
      'Events:\n' +
        '  Type     Reason     Age              From               Message\n' +
        '  ----     ------     ----             ----               -------\n' +
        '  Normal   Scheduled  5m               default-scheduler  Successfully assigned default/nginx to node-1\n' +
        '  Warning  BackOff    3m (x3 over 5m)  kubelet            Back-off restarting failed container\n',
    )
  })
})
