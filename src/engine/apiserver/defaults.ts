/**
 * Defaulting, as the apiserver applies it when decoding a request (SetDefaults_*).
 * Upstream: pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go.
 * Objects here are fresh copies owned by the request, so they are changed in place.
 */
import type { Container, PodSpec, PodTemplateSpec, Probe } from 'kubernetes-types/core/v1'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { KObject } from '../api/meta'
import { applyWorkloadDefaults } from './defaults-workloads'
import { encodeBase64 } from '../api/base64'

/** `Always` for `:latest` or no tag, else `IfNotPresent`. Upstream: SetDefaults_Container. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent'
  const lastSlash = image.lastIndexOf('/')
  const colon = image.indexOf(':', lastSlash + 1)
  const tag = colon < 0 ? '' : image.slice(colon + 1)
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent'
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return
  p.timeoutSeconds ??= 1
  p.periodSeconds ??= 10
  p.successThreshold ??= 1
  p.failureThreshold ??= 3
  if (p.httpGet) {
    p.httpGet.path ??= '/'
    p.httpGet.scheme ??= 'HTTP'
  }
}

function defaultContainer(c: Container): void {
  if (c.image && !c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image)
  c.terminationMessagePath ??= '/dev/termination-log'
  c.terminationMessagePolicy ??= 'File'
  c.resources ??= {}
  // SetDefaults_Pod: requests default to limits when only limits are given.
  const { limits, requests } = c.resources
  if (limits) {
    const req = { ...(requests ?? {}) }
    for (const [k, v] of Object.entries(limits)) if (req[k] === undefined) req[k] = v
    c.resources.requests = req
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP'
  defaultProbe(c.livenessProbe)
  defaultProbe(c.readinessProbe)
  defaultProbe(c.startupProbe)
}

/** Upstream: SetDefaults_PodSpec and SetDefaults_Container. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.restartPolicy ??= 'Always'
  spec.terminationGracePeriodSeconds ??= 30
  spec.securityContext ??= {}
  spec.schedulerName ??= 'default-scheduler'
  for (const c of spec.initContainers ?? []) defaultContainer(c)
  for (const c of spec.containers ?? []) defaultContainer(c)
}

export function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (!t) return
  t.metadata ??= {}
  // Templates carry `creationTimestamp: null`, as the real API serialises an unset metav1.Time.
  ;(t.metadata as { creationTimestamp?: string | null }).creationTimestamp ??= null
  if (t.spec) defaultPodSpec(t.spec)
}

/** Applies the kind's defaults to a decoded object. */
export function applyDefaults(o: KObject): void {
  switch (o.kind) {
    case 'Pod': {
      const spec = (o.spec ??= {}) as PodSpec
      defaultPodSpec(spec)
      spec.enableServiceLinks ??= true
      break
    }
    case 'Deployment': {
      const d = o as Deployment
      const spec = (d.spec ??= {} as Deployment['spec'])!
      spec.replicas ??= 1
      spec.revisionHistoryLimit ??= 10
      spec.progressDeadlineSeconds ??= 600
      spec.strategy ??= {}
      spec.strategy.type ??= 'RollingUpdate'
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {}
        spec.strategy.rollingUpdate.maxSurge ??= '25%'
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%'
      }
      defaultTemplate(spec.template)
      break
    }
    case 'ReplicaSet': {
      const spec = ((o as ReplicaSet).spec ??= {} as ReplicaSet['spec'])!
      spec.replicas ??= 1
      defaultTemplate(spec.template)
      break
    }
    case 'ReplicationController': {
      const spec = (o.spec ??= {}) as { replicas?: number; selector?: Record<string, string>; template?: PodTemplateSpec }
      spec.replicas ??= 1
      // The v1 RC defaults its selector from the template's labels.
      if (!spec.selector && spec.template?.metadata?.labels) spec.selector = { ...spec.template.metadata.labels }
      defaultTemplate(spec.template)
      break
    }
    case 'Service': {
      const spec = (o.spec ??= {}) as Record<string, unknown>
      spec.type ??= 'ClusterIP'
      spec.sessionAffinity ??= 'None'
      spec.internalTrafficPolicy ??= 'Cluster'
      for (const p of (spec.ports as Record<string, unknown>[] | undefined) ?? []) {
        p.protocol ??= 'TCP'
        p.targetPort ??= p.port
      }
      if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') spec.externalTrafficPolicy ??= 'Cluster'
      break
    }
    case 'Secret': {
      o.type ??= 'Opaque'
      // stringData is write-only: decoding folds it into data (base64), overwriting the same keys.
      // Upstream: pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret.
      const sec = o as { stringData?: Record<string, string>; data?: Record<string, string> }
      if (sec.stringData) {
        const data = { ...(sec.data ?? {}) }
        for (const [k, v] of Object.entries(sec.stringData)) data[k] = encodeBase64(String(v))
        sec.data = data
        delete sec.stringData
      }
      break
    }
    case 'LimitRange':
      for (const item of ((o.spec as { limits?: LimitItemDefaults[] } | undefined)?.limits ?? [])) defaultLimitRangeItem(item)
      break
    default:
      applyWorkloadDefaults(o)
  }
}

type LimitItemDefaults = { type?: string; min?: Record<string, string>; max?: Record<string, string>; default?: Record<string, string>; defaultRequest?: Record<string, string> }

/**
 * A container limit's default limit is its max, and its default request the default limit, else
 * the min. Upstream: SetDefaults_LimitRangeItem.
 */
function defaultLimitRangeItem(item: LimitItemDefaults): void {
  if (item.type !== 'Container') return
  const def = { ...(item.default ?? {}) }
  const req = { ...(item.defaultRequest ?? {}) }
  for (const [k, v] of Object.entries(item.max ?? {})) if (def[k] === undefined) def[k] = v
  for (const [k, v] of Object.entries(def)) if (req[k] === undefined) req[k] = v
  for (const [k, v] of Object.entries(item.min ?? {})) if (req[k] === undefined) req[k] = v
  if (Object.keys(def).length) item.default = def
  if (Object.keys(req).length) item.defaultRequest = req
}
