/**
 * Upstream: pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore).
 */
import { MAX_NODE_SCORE } from '../../status'

/**
 * `DefaultNormalizeScore`: scales scores so the highest becomes `maxPriority` (integer division,
 * truncated as Go does); with `reverse`, subtracts from `maxPriority`. When every score is 0,
 * scores stay 0, or all become `maxPriority` if reversed.
 * Example: `defaultNormalizeScore(100, false, [1, 2, 4])` → `[25, 50, 100]`.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: readonly number[]): number[] {
  let maxCount = 0
  for (const s of scores) if (s > maxCount) maxCount = s
  const out = new Array<number>(scores.length)
  if (maxCount === 0) {
    for (let i = 0; i < scores.length; i++) out[i] = reverse ? maxPriority : scores[i]
    return out
  }
  for (let i = 0; i < scores.length; i++) {
    let score = Math.trunc((maxPriority * scores[i]) / maxCount)
    if (reverse) score = maxPriority - score
    out[i] = score
  }
  return out
}

/** The common case: normalise to [0, MaxNodeScore]. */
export function normalizeToMax(scores: readonly number[], reverse: boolean): number[] {
  return defaultNormalizeScore(MAX_NODE_SCORE, reverse, scores)
}
