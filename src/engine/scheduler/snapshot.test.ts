import { describe, expect, it } from 'vitest'
import { newSnapshot, snapshotAddPod, snapshotRemoveNode, snapshotRemovePod, snapshotSetNode, snapshotUpdatePod, zoneKey } from './snapshot'
import { makeNode, makePod } from './testing'

const node = (name: string, zone?: string) => {
  const w = makeNode(name).capacity({ cpu: '2', memory: '4Gi' })
  return (zone ? w.labels({ 'topology.kubernetes.io/zone': zone }) : w).obj()
}

// Upstream: pkg/scheduler/backend/cache/node_tree_test.go TestNodeTree_AddNode / List, and
// cache_test.go TestAddPodWillConfirm / TestNodeOperators.
describe('snapshot (scheduler cache)', () => {
  it('lists nodes zone by zone in turn, and re-lists when nodes come, go or change zone', () => {
    const s = newSnapshot([node('a1', 'a'), node('a2', 'a'), node('b1', 'b')])
    expect(s.list.map((n) => n.name)).toEqual(['a1', 'b1', 'a2'])
    snapshotSetNode(s, node('c1', 'c'))
    expect(s.list.map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2'])
    snapshotSetNode(s, node('a1', 'c'))
    expect(s.list.map((n) => n.name)).toEqual(['a2', 'b1', 'c1', 'a1'])
    snapshotRemoveNode(s, 'b1')
    expect(s.list.map((n) => n.name)).toEqual(['a2', 'c1', 'a1'])
    expect(s.zones).toEqual(['a', 'c'].map((z) => `:\u0000:${z}`))
  })

  it('zoneKey uses region and zone, GA labels first', () => {
    expect(zoneKey(makeNode('n').labels({ 'topology.kubernetes.io/region': 'r', 'failure-domain.beta.kubernetes.io/zone': 'z' }).obj())).toBe('r:\u0000:z')
    expect(zoneKey(makeNode('n').obj())).toBe('')
  })

  it('adds, updates and removes pods; ignores pending and terminal pods', () => {
    const s = newSnapshot([node('n1')])
    snapshotAddPod(s, makePod('pending').req({ cpu: '1' }).obj())
    snapshotAddPod(s, makePod('done').node('n1').req({ cpu: '1' }).status({ phase: 'Succeeded' }).obj())
    snapshotAddPod(s, makePod('run').node('n1').req({ cpu: '500m' }).obj())
    const ni = s.nodeInfoMap.get('n1')!
    expect(ni.requested.milliCPU).toBe(500)
    snapshotUpdatePod(s, makePod('run').node('n1').req({ cpu: '700m' }).obj())
    expect(ni.requested.milliCPU).toBe(700)
    expect(ni.pods).toHaveLength(1)
    snapshotUpdatePod(s, makePod('run').node('n1').req({ cpu: '700m' }).status({ phase: 'Failed' }).obj())
    expect(ni.requested.milliCPU).toBe(0)
    snapshotAddPod(s, makePod('again').node('n1').req({ cpu: '100m' }).obj())
    snapshotRemovePod(s, 'default/again')
    expect(ni.pods).toHaveLength(0)
  })

  it('keeps pods of a node it has not seen yet and attaches them when the node arrives', () => {
    const s = newSnapshot([])
    snapshotAddPod(s, makePod('early').node('late').req({ cpu: '1' }).obj())
    snapshotSetNode(s, node('late'))
    expect(s.nodeInfoMap.get('late')!.requested.milliCPU).toBe(1000)
  })

  it('counts on how many nodes each image is (ImageStateSummary.NumNodes)', () => {
    const img = (name: string) => makeNode(name).images({ 'nginx:1.27': 70e6 }).obj()
    const s = newSnapshot([img('a'), img('b'), node('c')])
    expect(s.nodeInfoMap.get('a')!.imageStates.get('nginx:1.27')).toEqual({ size: 70e6, numNodes: 2 })
    snapshotSetNode(s, img('c'))
    expect(s.nodeInfoMap.get('a')!.imageStates.get('nginx:1.27')!.numNodes).toBe(3)
    snapshotRemoveNode(s, 'b')
    expect(s.nodeInfoMap.get('c')!.imageStates.get('nginx:1.27')!.numNodes).toBe(2)
  })

  it('survives structuredClone (snapshots of the engine)', () => {
    const s = newSnapshot([node('n1', 'a'), node('n2', 'b')], [makePod('p').node('n1').req({ cpu: '1' }).obj()])
    const copy = structuredClone(s)
    expect(copy.list.map((n) => n.name)).toEqual(['n1', 'n2'])
    expect(copy.nodeInfoMap.get('n1')!.requested.milliCPU).toBe(1000)
    snapshotAddPod(copy, makePod('q').node('n2').req({ cpu: '1' }).obj())
    expect(s.nodeInfoMap.get('n2')!.requested.milliCPU).toBe(0)
  })
})
