/**
 * Validation with the apiserver's real messages. Upstream: pkg/apis/core/validation/validation.go,
 * pkg/apis/apps/validation/validation.go. Not every rule upstream has is here; each rule that is
 * here prints what the real apiserver prints.
 */
import type { Container, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { KObject } from '../../api/meta'
import { deepCopy, deepEqual } from '../../api/meta'
import { fromLabelSelector, matches } from '../../api/labels'
import type { ResourceType } from '../resources'
import type { FieldError } from '../status'
import { validateWorkload } from './workloads'
import { dns1123LabelErrors, dns1123SubdomainErrors, duplicate, forbidden, goValue, invalidRaw, invalidValue, labelErrors, notSupported, required } from './field'

export function validateObjectMeta(o: KObject, t: ResourceType): FieldError[] {
  const errs: FieldError[] = []
  const m = o.metadata ?? {}
  if (!m.name) errs.push(required('metadata.name', 'name or generateName is required'))
  else if (t.kind === 'Namespace' || t.kind === 'Service') errs.push(...dns1123LabelErrors('metadata.name', m.name))
  else if (t.group === 'rbac.authorization.k8s.io') errs.push(...pathSegmentErrors(m.name))
  else if (t.kind !== 'Event' && t.kind !== 'Node' && t.kind !== 'Lease') errs.push(...dns1123SubdomainErrors('metadata.name', m.name))
  if (t.namespaced && !m.namespace) errs.push(required('metadata.namespace'))
  errs.push(...labelErrors('metadata.labels', m.labels))
  return errs
}

/**
 * RBAC names are path segments (`system:controller:job-controller` is fine).
 * Upstream: pkg/apis/rbac/validation ValidateRBACName = path.IsValidPathSegmentName.
 */
function pathSegmentErrors(name: string): FieldError[] {
  if (name === '.' || name === '..') return [invalidValue('metadata.name', name, `may not be '${name}'`)]
  for (const bad of ['/', '%']) if (name.includes(bad)) return [invalidValue('metadata.name', name, `may not contain '${bad}'`)]
  return []
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never']

function validateContainers(list: Container[] | undefined, path: string, errs: FieldError[], names: Set<string>): void {
  ;(list ?? []).forEach((c, i) => {
    const p = `${path}[${i}]`
    if (!c.name) errs.push(required(`${p}.name`))
    else {
      errs.push(...dns1123LabelErrors(`${p}.name`, c.name))
      if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name))
      names.add(c.name)
    }
    if (!c.image) errs.push(required(`${p}.image`))
    if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES))
    ;(c.ports ?? []).forEach((port, j) => {
      if (typeof port.containerPort !== 'number' || port.containerPort < 1 || port.containerPort > 65535) {
        errs.push(invalidValue(`${p}.ports[${j}].containerPort`, port.containerPort ?? 0, 'must be between 1 and 65535, inclusive'))
      }
    })
  })
}

export function validatePodSpec(spec: PodSpec | undefined, path: string, restartPolicies = ['Always', 'OnFailure', 'Never']): FieldError[] {
  const errs: FieldError[] = []
  if (!spec) return [required(path)]
  if (!spec.containers || spec.containers.length === 0) errs.push(required(`${path}.containers`))
  const names = new Set<string>()
  validateContainers(spec.initContainers, `${path}.initContainers`, errs, names)
  validateContainers(spec.containers, `${path}.containers`, errs, names)
  if (spec.restartPolicy && !restartPolicies.includes(spec.restartPolicy)) errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, restartPolicies))
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    errs.push(invalidValue(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'))
  }
  const dns = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']
  if (spec.dnsPolicy && !dns.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, dns))
  return errs
}

function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  kindWord: string,
  errs: FieldError[],
  restartPolicies: string[],
): void {
  if (!selector) errs.push(required('spec.selector'))
  else if (!selector.matchLabels && !selector.matchExpressions) {
    errs.push(invalidRaw('spec.selector', goSelector(selector), `empty selector is invalid for ${kindWord}`))
  }
  if (!template) {
    errs.push(required('spec.template'))
    return
  }
  const labels = template.metadata?.labels ?? {}
  if (selector && (selector.matchLabels || selector.matchExpressions) && !matches(fromLabelSelector(selector), labels)) {
    errs.push(invalidValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'))
  }
  errs.push(...labelErrors('spec.template.metadata.labels', template.metadata?.labels))
  errs.push(...validatePodSpec(template.spec, 'spec.template.spec', restartPolicies))
}

/** Go's %#v of a *metav1.LabelSelector, as the apiserver prints it in messages. */
export function goSelector(s: LabelSelector): string {
  const ml = s.matchLabels ? goValue(s.matchLabels) : 'map[string]string(nil)'
  const me = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:[]string{${(e.values ?? []).map((v) => JSON.stringify(v)).join(', ')}}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)'
  return `&v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`
}

function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === 'number' && v < 0) errs.push(invalidValue(field, v, 'must be greater than or equal to 0'))
}

/** Percent or integer: the value of maxSurge / maxUnavailable. */
function intOrPercent(v: unknown): { ok: boolean; zero: boolean; pct?: number } {
  if (typeof v === 'number') return { ok: v >= 0, zero: v === 0 }
  if (typeof v === 'string' && /^\d+%$/.test(v)) return { ok: true, zero: parseInt(v) === 0, pct: parseInt(v) }
  return { ok: false, zero: false }
}

/** Validates a new object (create) or the new version of one (update, with `old`). */
export function validate(o: KObject, t: ResourceType, old?: KObject): FieldError[] {
  const errs = validateObjectMeta(o, t)
  const spec = o.spec as Record<string, unknown> | undefined
  switch (o.kind) {
    case 'Pod':
      errs.push(...validatePodSpec(spec as unknown as PodSpec, 'spec'))
      if (old) errs.push(...validatePodUpdate(o, old))
      break
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      const kindWord = o.kind.toLowerCase()
      nonNegative('spec.replicas', spec?.replicas, errs)
      validateSelectorAndTemplate(spec?.selector as LabelSelector, spec?.template as PodTemplateSpec, kindWord, errs, ['Always'])
      if (o.kind === 'Deployment') validateStrategy(spec, errs)
      // A StatefulSet's selector change is covered by its spec rule (validation/workloads.ts).
      if (old && o.kind !== 'StatefulSet' && !deepEqual((old.spec as Record<string, unknown>)?.selector, spec?.selector)) {
        errs.push(invalidRaw('spec.selector', goSelector(spec?.selector as LabelSelector), 'field is immutable'))
      }
      break
    }
    case 'ReplicationController': {
      nonNegative('spec.replicas', spec?.replicas, errs)
      const sel = spec?.selector as Record<string, string> | undefined
      if (!sel || Object.keys(sel).length === 0) errs.push(required('spec.selector'))
      const tmpl = spec?.template as PodTemplateSpec | undefined
      if (!tmpl) errs.push(required('spec.template'))
      else {
        const labels = tmpl.metadata?.labels ?? {}
        if (sel && !Object.entries(sel).every(([k, v]) => labels[k] === v)) {
          errs.push(invalidValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'))
        }
        errs.push(...validatePodSpec(tmpl.spec, 'spec.template.spec', ['Always']))
      }
      break
    }
    case 'Service': {
      const ports = (spec?.ports as { port?: number; name?: string }[] | undefined) ?? []
      const type = spec?.type as string
      if (ports.length === 0 && spec?.clusterIP !== 'None') errs.push(required('spec.ports'))
      ports.forEach((p, i) => {
        if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) errs.push(invalidValue(`spec.ports[${i}].port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'))
        if (ports.length > 1 && !p.name) errs.push(required(`spec.ports[${i}].name`))
      })
      const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
      if (type && !types.includes(type)) errs.push(notSupported('spec.type', type, types))
      break
    }
  }
  errs.push(...validateWorkload(o, old))
  return errs
}

function validateStrategy(spec: Record<string, unknown> | undefined, errs: FieldError[]): void {
  const strategy = spec?.strategy as { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } } | undefined
  if (!strategy) return
  const types = ['Recreate', 'RollingUpdate']
  if (strategy.type && !types.includes(strategy.type)) errs.push(notSupported('spec.strategy.type', strategy.type, types))
  if (strategy.type === 'Recreate' && strategy.rollingUpdate) {
    errs.push(forbidden('spec.strategy.rollingUpdate', 'may not be specified when strategy `type` is \'Recreate\''))
  }
  const ru = strategy.rollingUpdate
  if (strategy.type === 'RollingUpdate' && ru) {
    const s = intOrPercent(ru.maxSurge)
    const u = intOrPercent(ru.maxUnavailable)
    if (!s.ok) errs.push(invalidRaw('spec.strategy.rollingUpdate.maxSurge', String(ru.maxSurge), 'must be greater than or equal to 0'))
    if (!u.ok) errs.push(invalidRaw('spec.strategy.rollingUpdate.maxUnavailable', String(ru.maxUnavailable), 'must be greater than or equal to 0'))
    if (u.pct !== undefined && u.pct > 100) errs.push(invalidRaw('spec.strategy.rollingUpdate.maxUnavailable', String(ru.maxUnavailable), 'must not be greater than 100%'))
    if (s.ok && u.ok && s.zero && u.zero) errs.push(invalidRaw('spec.strategy.rollingUpdate.maxUnavailable', String(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'))
  }
}

/**
 * Pods are mostly immutable. Upstream: ValidatePodUpdate (the message lists what may change).
 */
function validatePodUpdate(o: KObject, old: KObject): FieldError[] {
  const a = deepCopy(o.spec) as PodSpec
  const b = old.spec as PodSpec
  // Fields that may change: container images, activeDeadlineSeconds, tolerations (additions),
  // terminationGracePeriodSeconds; nodeName is set through the binding subresource only.
  a.containers = a.containers?.map((c, i) => ({ ...c, image: b.containers?.[i]?.image }))
  a.initContainers = a.initContainers?.map((c, i) => ({ ...c, image: b.initContainers?.[i]?.image }))
  a.activeDeadlineSeconds = b.activeDeadlineSeconds
  a.tolerations = b.tolerations
  a.terminationGracePeriodSeconds = b.terminationGracePeriodSeconds
  if (deepEqual(a, b)) return []
  return [
    forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ]
}
