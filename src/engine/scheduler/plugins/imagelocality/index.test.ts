import type { Node } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { newSnapshot } from '../../snapshot'
import { makeNode, makePod } from '../../testing'
import { normalizedImageName, PreScore, Score } from './index'

const mb = 1024 * 1024
const imageNode = (name: string, images: { names: string[]; size: number }[]): Node =>
  makeNode(name).with((n) => (n.status!.images = images.map((i) => ({ names: i.names, sizeBytes: i.size })))).obj()

const node403002000 = imageNode('node1', [
  { names: ['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], size: 40 * mb },
  { names: ['gcr.io/300:latest', 'gcr.io/300:v1'], size: 300 * mb },
  { names: ['gcr.io/2000:latest'], size: 2000 * mb },
])
const node25010 = imageNode('node2', [
  { names: ['gcr.io/250:latest'], size: 250 * mb },
  { names: ['gcr.io/10:latest', 'gcr.io/10:v1'], size: 10 * mb },
])

function scores(images: string[], nodes: Node[]): number[] {
  const snap = newSnapshot(nodes)
  const pod = makePod()
    .with((p) => (p.spec!.containers = images.map((image, i) => ({ name: `c${i}`, image }))))
    .obj()
  const st = PreScore(pod)
  return snap.list.map((ni) => Score(st, ni, snap.list.length))
}

// Upstream: pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go TestImageLocalityPriority.
describe('ImageLocality Score', () => {
  it('two images spread on two nodes, prefer the larger image one', () => {
    // node1: 40MB × 1/2 < 23MB → 0; node2: 100 × (250MB/2 − 23MB) / (1000MB × 2 − 23MB) = 5.
    expect(scores(['gcr.io/40', 'gcr.io/250'], [node403002000, node25010])).toEqual([0, 5])
  })
  it('two images on one node, prefer this node', () => {
    // node1: 100 × ((40MB + 300MB)/2 − 23MB) / (2000MB − 23MB) = 7.
    expect(scores(['gcr.io/40', 'gcr.io/300'], [node403002000, node25010])).toEqual([7, 0])
  })
  it('if exceed limit, use limit', () => {
    // node1: 2000MB/2 = 1000MB of a 2000MB cap → 49; node2: 10MB/2 < 23MB → 0.
    expect(scores(['gcr.io/2000', 'gcr.io/10'], [node403002000, node25010])).toEqual([49, 0])
  })
  it('an image present on every node is scaled by spread 1', () => {
    const n1 = imageNode('a', [{ names: ['nginx:1.25'], size: 500 * mb }])
    const n2 = imageNode('b', [{ names: ['nginx:1.25'], size: 500 * mb }])
    // 100 × (500MB − 23MB) / (1000MB − 23MB) = 48.8 → 48.
    expect(scores(['nginx:1.25'], [n1, n2])).toEqual([48, 48])
  })
  it('normalizedImageName adds :latest to untagged names only', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest')
    expect(normalizedImageName('nginx:1.25')).toBe('nginx:1.25')
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest')
  })
})
