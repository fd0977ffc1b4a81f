/**
 * ImageLocality: favours nodes that already have the pod's images, weighting each image by its
 * size and by how widely it is spread (an image on every node does not help choose).
 *
 * Upstream: pkg/scheduler/framework/plugins/imagelocality/image_locality.go. Images are matched
 * by exact name after adding ":latest" to untagged names, against the names the kubelet reports
 * in node.status.images.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { MAX_NODE_SCORE } from '../../status'
import type { NodeInfo } from '../../types'

/** Plugin name as in the scheduler configuration. */
export const Name = 'ImageLocality'

const MAX = MAX_NODE_SCORE
const MB = 1024 * 1024
/** `minThreshold`: 23 MB; smaller totals score 0. */
export const MIN_THRESHOLD = 23 * MB
/** `maxContainerThreshold`: 1000 MB per container; larger totals score 100. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB

/** `normalizedImageName`: appends ":latest" when the name has no tag. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest'
  return name
}

/** Per-pod data: normalised image names of init containers then containers, and their count. */
export interface PreScoreState {
  images: readonly string[]
  numContainers: number
}

/** Precomputes the pod's image names (upstream does this inside Score). */
export function PreScore(pod: Pod): PreScoreState {
  const images: string[] = []
  for (const c of pod.spec?.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''))
  for (const c of pod.spec?.containers ?? []) images.push(normalizedImageName(c.image ?? ''))
  return { images, numContainers: images.length }
}

/** `scaledImageScore`: size × (nodes with the image / all nodes), truncated. */
export function scaledImageScore(size: number, numNodes: number, totalNumNodes: number): number {
  const spread = numNodes / totalNumNodes
  return Math.trunc(size * spread)
}

/** `calculatePriority`: clamps the sum to [23MB, 1000MB × containers] and maps it to 0–100. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers
  let s = sumScores
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD
  else if (s > maxThreshold) s = maxThreshold
  return Math.trunc((MAX * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD))
}

/** `ImageLocality.Score`; `totalNumNodes` is the number of nodes in the snapshot. */
export function Score(state: PreScoreState, nodeInfo: NodeInfo, totalNumNodes: number): number {
  let sum = 0
  for (const name of state.images) {
    const st = nodeInfo.imageStates.get(name)
    if (st) sum += scaledImageScore(st.size, st.numNodes, totalNumNodes)
  }
  return calculatePriority(sum, state.numContainers)
}
