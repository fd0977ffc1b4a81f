import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../../sim/time'
import { podStatusText } from '../podstatus'
import { podPrinter, podStatusCells } from './pod'

const NOW = 3_600_000
const running = (name = 'app', extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: true,
  restartCount: 0,
  started: true,
  state: { running: { startedAt: rfc3339(0) } },
  ...extra,
})

function pod(p: { spec?: Partial<NonNullable<Pod['spec']>>; status?: NonNullable<Pod['status']>; meta?: Partial<NonNullable<Pod['metadata']>> }): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', creationTimestamp: rfc3339(0), ...p.meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...p.spec },
    status: p.status ?? {},
  }
}

describe('printPod STATUS, READY and RESTARTS', () => {
  it.each<[string, Pod, string, string, string]>([
    ['pending, nothing reported', pod({ status: { phase: 'Pending' } }), '0/1', 'Pending', '0'],
    ['running and ready', pod({ status: { phase: 'Running', containerStatuses: [running()] } }), '1/1', 'Running', '0'],
    [
      'waiting reason wins',
      pod({ status: { phase: 'Pending', containerStatuses: [{ ...running(), ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] } }),
      '0/1',
      'ContainerCreating',
      '0',
    ],
    [
      'CrashLoopBackOff with the last restart time',
      pod({
        status: {
          phase: 'Running',
          containerStatuses: [
            { ...running(), ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: rfc3339(NOW - 41_000) } } },
          ],
        },
      }),
      '0/1',
      'CrashLoopBackOff',
      '3 (41s ago)',
    ],
    ['restarts without a termination time', pod({ status: { phase: 'Running', containerStatuses: [running('app', { restartCount: 5 })] } }), '1/1', 'Running', '5'],
    [
      'terminated without reason: signal',
      pod({ status: { phase: 'Failed', containerStatuses: [{ ...running(), ready: false, state: { terminated: { exitCode: 137, signal: 9 } } }] } }),
      '0/1',
      'Signal:9',
      '0',
    ],
    [
      'terminated without reason: exit code',
      pod({ status: { phase: 'Failed', containerStatuses: [{ ...running(), ready: false, state: { terminated: { exitCode: 2 } } }] } }),
      '0/1',
      'ExitCode:2',
      '0',
    ],
    [
      'completed',
      pod({ status: { phase: 'Succeeded', containerStatuses: [{ ...running(), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } }),
      '0/1',
      'Completed',
      '0',
    ],
    [
      'one container completed, one running, pod not ready: NotReady',
      pod({
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: { phase: 'Running', containerStatuses: [{ ...running('a'), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, running('b')] },
      }),
      '1/2',
      'NotReady',
      '0',
    ],
    [
      'one container completed, one running, pod ready: Running',
      pod({
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ ...running('a'), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, running('b')],
        },
      }),
      '1/2',
      'Running',
      '0',
    ],
    [
      'first init container running',
      pod({
        spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }] },
        status: { phase: 'Pending', initContainerStatuses: [{ ...running('i1'), ready: false }], containerStatuses: [{ ...running(), ready: false, state: { waiting: { reason: 'PodInitializing' } } }] },
      }),
      '0/1',
      'Init:0/2',
      '0',
    ],
    [
      'second init container pending after the first succeeded',
      pod({
        spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [{ ...running('i1'), state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { ...running('i2'), ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
        },
      }),
      '0/1',
      'Init:1/2',
      '0',
    ],
    [
      'init container failed',
      pod({
        spec: { initContainers: [{ name: 'i1' }] },
        status: { phase: 'Pending', initContainerStatuses: [{ ...running('i1'), ready: false, restartCount: 2, state: { terminated: { exitCode: 1, reason: 'Error' } } }] },
      }),
      '0/1',
      'Init:Error',
      '2',
    ],
    [
      'init container failed without reason',
      pod({
        spec: { initContainers: [{ name: 'i1' }] },
        status: { phase: 'Pending', initContainerStatuses: [{ ...running('i1'), ready: false, state: { terminated: { exitCode: 3 } } }] },
      }),
      '0/1',
      'Init:ExitCode:3',
      '0',
    ],
    [
      'init container crash looping',
      pod({
        spec: { initContainers: [{ name: 'i1' }] },
        status: { phase: 'Pending', initContainerStatuses: [{ ...running('i1'), ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
      }),
      '0/1',
      'Init:CrashLoopBackOff',
      '0',
    ],
    [
      'a started sidecar counts as a container',
      pod({
        spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [running('proxy', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: rfc3339(NOW - 300_000) } } })],
          containerStatuses: [running()],
        },
      }),
      '2/2',
      'Running',
      '2 (5m ago)',
    ],
    [
      'scheduling gates',
      pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }),
      '0/1',
      'SchedulingGated',
      '0',
    ],
    ['evicted', pod({ status: { phase: 'Failed', reason: 'Evicted' } }), '0/1', 'Evicted', '0'],
    [
      'terminating while running',
      pod({ meta: { deletionTimestamp: rfc3339(NOW - 5000) }, status: { phase: 'Running', containerStatuses: [running()] } }),
      '1/1',
      'Terminating',
      '0',
    ],
    [
      'a finished pod being deleted is not Terminating',
      pod({ meta: { deletionTimestamp: rfc3339(NOW) }, status: { phase: 'Succeeded', containerStatuses: [{ ...running(), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } }),
      '0/1',
      'Completed',
      '0',
    ],
    ['a pod on a lost node', pod({ meta: { deletionTimestamp: rfc3339(NOW) }, status: { phase: 'Running', reason: 'NodeLost' } }), '0/1', 'Unknown', '0'],
  ])('%s', (_, p, ready, reason, restarts) => {
    expect(podStatusCells(p, NOW)).toEqual({ ready, reason, restarts })
    expect(podStatusText(p)).toBe(reason)
  })
})

describe('pod row', () => {
  it('has the wide cells with <none> placeholders and readiness gates', () => {
    const p = pod({
      spec: { nodeName: 'node-1', readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
      status: { phase: 'Running', podIP: '10.244.0.5', conditions: [{ type: 'a', status: 'True' }], containerStatuses: [running()] },
    })
    expect(podPrinter.row(p, NOW)).toEqual(['p', '1/1', 'Running', '0', '60m', '10.244.0.5', 'node-1', '<none>', '1/2'])
    expect(podPrinter.row(pod({}), NOW).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>'])
    expect(podPrinter.columns).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'])
    expect(podPrinter.wideColumns).toEqual(['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'])
  })
})
