/**
 * PodTopologySpread: spreads matching pods across topology domains (zones, nodes, …).
 * Filter enforces DoNotSchedule constraints; Score prefers the emptier domains for ScheduleAnyway
 * constraints and for the system defaults (hostname maxSkew 3, zone maxSkew 5) that apply to pods
 * of a Service or workload controller that declare no constraints.
 *
 * Upstream: pkg/scheduler/framework/plugins/podtopologyspread/.
 */
export const Name = 'PodTopologySpread'
export * from './common'
export {
  ErrReasonConstraintsNotMatch,
  ErrReasonNodeLabelNotMatch,
  PreFilter,
  Filter,
  type PreFilterState,
  clonePreFilterState,
  updateWithPod,
  minMatchNum,
} from './filtering'
export { PreScore, Score, NormalizeScore, type PreScoreState, topologyNormalizingWeight, scoreForCount } from './scoring'
