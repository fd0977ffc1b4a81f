/**
 * `kubectl describe` text for pods, deployments, replica sets, nodes, services and namespaces,
 * byte-identical to kubectl 1.33 (checked against the real binary, see ../testdata).
 *
 * Each describer takes the object, the related objects kubectl would fetch, and `now` (virtual
 * ms). Pass `events: null` for `--show-events=false`.
 */
export { describePod } from './pod'
export { describeDeployment, describeReplicaSet, deploymentReplicaSets, describePodTemplate } from './workloads'
export { describeNode, type NodeDescribeInput } from './node'
export { describeService, describeNamespace, formatEndpointSlices } from './service'
export { describeEvents, rfc1123z } from './common'
export { describeProbe } from './containers'
export { podQOS, podRequestsAndLimits } from './podresources'
export { goSort } from './gosort'
