/**
 * Podium's engine: a deterministic simulated Kubernetes v1.33 cluster (DESIGN §4).
 *
 * ```ts
 * const c = createCluster({ seed: 1, nodes: 3 })
 * c.kubectl('apply -f -', yamlText)   // { stdout, stderr, exitCode }
 * c.settle()
 * c.hops()                            // every message between components, in causal order
 * ```
 *
 * This file is the engine's whole public surface: the app, lessons, tests and tools import from
 * here and nowhere else.
 */
export { clockStart, createCluster, runScenario } from './cluster'
export type { Cluster, ClusterSnapshot } from './cluster'
export type { ClusterOptions, NodeSpec, KubectlResult, KeyValueView, Scenario, ScenarioStep, StudentMode } from './types'
export type { Hop, HopKind, HopDetail, ComponentId, EtcdWrite, HttpDetail, SchedulingDecision, NodeVerdict } from './trace/hop'
export { podStatusText } from './kubectl/printers/podstatus'
export type { ProxyMode } from './proxy/proxy'
export type { ExternalResponse } from './proxy/network'
export type { CloudRoute } from './cloud/route'
export type { HttpRequest, HttpResponse } from './apiserver/http'
export { servedResources } from './apiserver/discovery'
