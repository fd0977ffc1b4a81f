/**
 * `kubectl describe persistentvolumeclaim`.
 * Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePersistentVolumeClaim,
 * printPersistentVolumeClaim, printPodsMultilineWithIndent).
 */
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { canonicalQuantity } from '../quantity'
import { accessModesString, storageClassOf } from '../rows/storage'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './common'
import { translateTimestampSince } from '../duration'
import { LEVEL_0, LEVEL_1, tabbedString } from './writer'

/** The pods whose volumes name the claim (getPodsForPVC). */
export function podsUsingClaim(pvc: PersistentVolumeClaim, pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata?.name))
}

export function describePersistentVolumeClaim(pvc: PersistentVolumeClaim, events: readonly Event[] | null, mountPods: readonly Pod[], now: number): string {
  return tabbedString((w) => {
    const meta = pvc.metadata ?? {}
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`)
    if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`)
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`)
    w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`)
    // Bound claims show the volume's capacity and modes; pending ones show nothing.
    const bound = !!pvc.spec?.volumeName
    const capacity = bound && pvc.status?.capacity?.storage !== undefined ? canonicalQuantity(String(pvc.status.capacity.storage)) : ''
    w.write(LEVEL_0, `Capacity:\t${capacity}\n`)
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`)
    if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`)
    const users = [...mountPods].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))
    if (users.length === 0) w.write(LEVEL_0, 'Used By:\t<none>\n')
    users.forEach((p, i) => w.write(LEVEL_0, `${i === 0 ? 'Used By:' : ''}\t${p.metadata?.name ?? ''}\n`))
    const conditions = pvc.status?.conditions ?? []
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n')
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n')
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n')
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`)
    }
    if (events) describeEvents(events, w, now)
  })
}
