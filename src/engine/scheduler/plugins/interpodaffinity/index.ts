/**
 * InterPodAffinity: required pod affinity / anti-affinity (Filter) and preferred terms (Score).
 *
 * Upstream: pkg/scheduler/framework/plugins/interpodaffinity/.
 */
export const Name = 'InterPodAffinity'
export {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  PreFilter,
  Filter,
  type PreFilterState,
  clonePreFilterState,
  updateWithPod,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
  satisfyExistingPodsAntiAffinity,
  podMatchesAllAffinityTerms,
} from './filtering'
export { PreScore, Score, NormalizeScore, type PreScoreState, HARD_POD_AFFINITY_WEIGHT } from './scoring'
