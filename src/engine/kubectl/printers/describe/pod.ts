/**
 * `kubectl describe pod`.
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describePod, describePodIPs,
 * describeTopologySpreadConstraints) for Kubernetes 1.33.
 */
import type { Event, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1'
import { isZeroTime, translateTimestampSince } from '../duration'
import { formatLabelSelector } from '../labels'
import {
  describeEvents,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
  rfc1123z,
} from './common'
import { describeContainers, describeResources, envValueRetriever } from './containers'
import { goSort } from './gosort'
import { podQOS } from './podresources'
import { describeVolumes } from './volumes'
import { LEVEL_0, LEVEL_1, tabbedString, type Writer } from './writer'

/** describeTopologySpreadConstraints (sorted by topology key). */
export function describeTopologySpreadConstraints(tscs: TopologySpreadConstraint[] | undefined, w: Writer, space: string): void {
  const list = [...(tscs ?? [])]
  if (list.length === 0) return
  goSort(list, (a, b) => a.topologyKey < b.topologyKey)
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`)
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space)
      w.write(LEVEL_0, '\t')
    }
    let line = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`
    if (t.labelSelector) line += ` for selector ${formatLabelSelector(t.labelSelector)}`
    w.write(LEVEL_0, line + '\n')
  })
}

/**
 * The text of `kubectl describe pod <name>`; `events` are those about the pod, or null for
 * `--show-events=false`.
 * @example describePod(pod, events, now) // 'Name:             nginx\nNamespace:        default\n…'
 */
export function describePod(pod: Pod, events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const spec = pod.spec ?? { containers: [] }
    const status = pod.status ?? {}
    const meta = pod.metadata ?? {}
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`)
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`)
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`)
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n')
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`)
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    if (!isZeroTime(meta.deletionTimestamp) && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`)
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`)
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`)
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`)
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`)
    const seccomp = spec.securityContext?.seccompProfile
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`)
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`)
    const ips = status.podIPs ?? []
    if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n')
    else {
      w.write(LEVEL_0, 'IPs:\n')
      for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`)
    }
    const controlledBy = printController(meta)
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`)
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`)
    const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] }).resources
    if (podResources) {
      w.write(LEVEL_0, 'Resources:\n')
      describeResources(podResources, w, LEVEL_1)
    }
    const resolve = envValueRetriever(pod)
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec.initContainers ?? [], status.initContainerStatuses, resolve, w, '')
    }
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolve, w, '')
    if ((spec.ephemeralContainers ?? []).length > 0) {
      describeContainers('Ephemeral Containers', spec.ephemeralContainers ?? [], status.ephemeralContainerStatuses, resolve, w, '')
    }
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n')
      for (const g of spec.readinessGates ?? []) {
        const c = (status.conditions ?? []).find((x) => x.type === g.conditionType)
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`)
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n')
      for (const c of status.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status} \n`)
    }
    describeVolumes(spec.volumes, w, '')
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`)
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector)
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations)
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '')
    if (events) describeEvents(events, w, now)
  })
}
