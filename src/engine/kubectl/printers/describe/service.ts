/**
 * `kubectl describe service` (endpoints from the service's EndpointSlices) and
 * `kubectl describe namespace` (resource quotas and limit ranges).
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describeService, formatEndpointSlices,
 * buildIngressString, describeNamespace, DescribeResourceQuotas, DescribeLimitRanges).
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { Event, LimitRange, Namespace, ResourceQuota, Service } from 'kubernetes-types/core/v1'
import { byteCompare, formatLabels } from '../labels'
import { canonicalQuantity } from '../quantity'
import { joinHostPort } from '../rows/core'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './common'
import { LEVEL_0, LEVEL_1, tabbedString, type Writer } from './writer'

/** formatEndpointSlices: ready endpoints of the named port, three at most, `+ N more...`. */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string | null): string {
  if (slices.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  for (const slice of slices) {
    const ready = (e: EndpointSlice['endpoints'][number]): boolean => e.conditions?.ready === undefined || e.conditions.ready === true
    if ((slice.ports ?? []).length === 0) {
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true
        if (!ready(e)) continue
        if (!more) list.push(e.addresses[0])
        count++
      }
    } else {
      for (const port of slice.ports ?? []) {
        if (portName !== null && (port.name ?? '') !== portName) continue
        for (const e of slice.endpoints ?? []) {
          if (list.length === max) more = true
          if (!ready(e)) continue
          if (!more) list.push(joinHostPort(e.addresses[0], port.port ?? 0))
          count++
        }
      }
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - max} more...` : ret
}

/**
 * The text of `kubectl describe service`; `endpointSlices` are those labelled
 * `kubernetes.io/service-name=<name>`.
 */
export function describeService(svc: Service, endpointSlices: readonly EndpointSlice[], events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const meta = svc.metadata ?? {}
    const spec = svc.spec ?? {}
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`)
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`)
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
    w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? (spec.ipFamilies ?? []).join(',') : '<none>'}\n`)
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`)
    w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? (spec.clusterIPs ?? []).join(',') : '<none>'}\n`)
    if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${(spec.externalIPs ?? []).join(',')}\n`)
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`)
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`)
    const ingress = svc.status?.loadBalancer?.ingress ?? []
    if (ingress.length > 0) {
      const list = ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : (i.hostname ?? ''))).join(', ')
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`)
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>'
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? ''}\n`)
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${sp.protocol ?? ''}\n`)
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? ''}\n`)
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(endpointSlices, sp.name ?? '')}\n`)
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`)
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`)
    if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${(spec.loadBalancerSourceRanges ?? []).join(',')}\n`)
    }
    if (events) describeEvents(events, w, now)
  })
}

const QUOTA_SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
}

function describeResourceQuotas(quotas: readonly ResourceQuota[], w: Writer): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n')
    return
  }
  const list = [...quotas].sort((a, b) => byteCompare(a.metadata?.name ?? '', b.metadata?.name ?? ''))
  w.write(LEVEL_0, 'Resource Quotas\n')
  for (const q of list) {
    w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`)
    const scopes = [...(q.spec?.scopes ?? [])].sort(byteCompare)
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`)
      for (const s of scopes) if (QUOTA_SCOPE_HELP[s]) w.write(LEVEL_1, `* ${QUOTA_SCOPE_HELP[s]}\n`)
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n')
    w.write(LEVEL_1, '--------\t---\t---\n')
    const hard = q.status?.hard ?? {}
    for (const r of Object.keys(hard).sort(byteCompare)) {
      w.write(LEVEL_1, `${r}\t${canonicalQuantity(q.status?.used?.[r] ?? '0')}\t${canonicalQuantity(hard[r])}\n`)
    }
  }
}

function describeLimitRanges(ranges: readonly LimitRange[], w: Writer): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n')
    return
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n')
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n')
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio]
      // Go iterates a map here (random order); sorted keeps the output stable.
      const names = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort(byteCompare)
      for (const k of names) {
        const v = lists.map((l) => (l && l[k] !== undefined ? canonicalQuantity(l[k]) : '-'))
        w.write(LEVEL_0, ` ${item.type}\t${k}\t${v[0]}\t${v[1]}\t${v[2]}\t${v[3]}\t${v[4]}\n`)
      }
    }
  }
}

/**
 * The text of `kubectl describe namespace`; `quotas` and `limitRanges` are the namespace's
 * (null when the server has no such resource).
 */
export function describeNamespace(ns: Namespace, quotas: readonly ResourceQuota[] | null, limitRanges: readonly LimitRange[] | null): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata?.name ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels)
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations)
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`)
    const conditions = ns.status?.conditions ?? []
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n')
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n')
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n')
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`)
      }
    }
    if (quotas) {
      w.write(LEVEL_0, '\n')
      describeResourceQuotas(quotas, w)
    }
    if (limitRanges) {
      w.write(LEVEL_0, '\n')
      describeLimitRanges(limitRanges, w)
    }
  })
}
