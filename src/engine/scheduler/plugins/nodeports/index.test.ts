import { describe, expect, it } from 'vitest'
import { newPodInfo } from '../../podinfo'
import { makeNode, makePod } from '../../testing'
import { newNodeInfo } from '../../types'
import { ErrReason, Filter, PreFilter } from './index'

const pod = (ports: [string, string, number][]) =>
  makePod()
    .with((p) => {
      p.spec!.containers = [{ name: 'c', image: 'x', ports: ports.map(([proto, ip, port]) => ({ protocol: proto, hostIP: ip, hostPort: port, containerPort: port })) }]
    })
    .obj()

function run(want: [string, string, number][], existing: [string, string, number][]) {
  const ni = newNodeInfo(makeNode('n').obj(), [{ ...pod(existing), spec: { ...pod(existing).spec!, nodeName: 'n' } }])
  const ports = PreFilter(newPodInfo(pod(want)))
  return ports ? Filter(ports, ni) : null
}
const rejected = { code: 'Unschedulable', reasons: [ErrReason] }

// Upstream: pkg/scheduler/framework/plugins/nodeports/node_ports_test.go TestNodePorts.
describe('NodePorts Filter', () => {
  it('nothing running', () => expect(run([], [])).toBeNull())
  it('other port', () => expect(run([['UDP', '127.0.0.1', 8080]], [['UDP', '127.0.0.1', 9090]])).toBeNull())
  it('same udp port', () => expect(run([['UDP', '127.0.0.1', 8080]], [['UDP', '127.0.0.1', 8080]])).toEqual(rejected))
  it('same tcp port', () => expect(run([['TCP', '127.0.0.1', 8080]], [['TCP', '127.0.0.1', 8080]])).toEqual(rejected))
  it('different host ip', () => expect(run([['TCP', '127.0.0.1', 8080]], [['TCP', '127.0.0.2', 8080]])).toBeNull())
  it('different protocol', () => expect(run([['UDP', '127.0.0.1', 8080]], [['TCP', '127.0.0.1', 8080]])).toBeNull())
  it('second udp port conflict', () => expect(run([['UDP', '127.0.0.1', 8000], ['UDP', '127.0.0.1', 8080]], [['UDP', '127.0.0.1', 8080]])).toEqual(rejected))
  it('first tcp port conflict due to 0.0.0.0 hostIP', () => expect(run([['TCP', '0.0.0.0', 8001], ['UDP', '127.0.0.1', 8000]], [['TCP', '127.0.0.1', 8001]])).toEqual(rejected))
  it('second tcp port conflict to 0.0.0.0 hostIP', () => expect(run([['TCP', '10.0.10.10', 8001], ['TCP', '0.0.0.0', 8001]], [['TCP', '127.0.0.1', 8001]])).toEqual(rejected))
  it('second different protocol', () => expect(run([['UDP', '127.0.0.1', 8001]], [['TCP', '0.0.0.0', 8001]])).toBeNull())
  it('UDP hostPort conflict due to 0.0.0.0 hostIP', () => expect(run([['UDP', '127.0.0.1', 8001]], [['TCP', '0.0.0.0', 8001], ['UDP', '0.0.0.0', 8001]])).toEqual(rejected))
  it('PreFilter skips pods without host ports', () => expect(PreFilter(newPodInfo(makePod().req({ cpu: '1' }).obj()))).toBeNull())
})
