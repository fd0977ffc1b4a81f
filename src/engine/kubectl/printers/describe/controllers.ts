/**
 * `kubectl describe statefulset|daemonset|job|cronjob`, line for line as kubectl 1.33 prints them.
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describeStatefulSet,
 * describeVolumeClaimTemplates, describeDaemonSet, describeJob, describeCronJob,
 * describeJobTemplate, printActiveJobs).
 */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { CronJob, Job, JobTemplateSpec } from 'kubernetes-types/batch/v1'
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { parseTime } from '../../../sim/time'
import { humanDuration } from '../duration'
import { formatLabels, labelSelectorString } from '../labels'
import { describeEvents, printAnnotationsMultiline, printBool, printController, printLabelsMultiline, rfc1123z } from './common'
import { describePodTemplate, podStatusCounts } from './workloads'
import { LEVEL_0, LEVEL_1, tabbedString, type Writer } from './writer'

/** `pods` are the namespace's pods; those the set controls are counted. */
export function describeStatefulSet(ps: StatefulSet, pods: readonly Pod[], events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const meta = ps.metadata ?? {}
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`)
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(ps.spec?.selector)}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `Replicas:\t${ps.spec?.replicas ?? 0} desired | ${ps.status?.replicas ?? 0} total\n`)
    w.write(LEVEL_0, `Update Strategy:\t${ps.spec?.updateStrategy?.type ?? ''}\n`)
    const ru = ps.spec?.updateStrategy?.rollingUpdate
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`)
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`)
    }
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(pods, meta.uid)}\n`)
    describePodTemplate(ps.spec?.template, w)
    describeVolumeClaimTemplates(ps.spec?.volumeClaimTemplates ?? [], w)
    if (events) describeEvents(events, w, now)
  })
}

function describeVolumeClaimTemplates(templates: PersistentVolumeClaim[], w: Writer): void {
  if (templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n')
    return
  }
  w.write(LEVEL_0, 'Volume Claims:\n')
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`)
    w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ', '\t')
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ', '\t')
    const storage = pvc.spec?.resources?.requests?.storage
    w.write(LEVEL_1, `Capacity:\t${storage === undefined ? '<default>' : String(storage)}\n`)
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`)
  }
}

export function describeDaemonSet(ds: DaemonSet, pods: readonly Pod[], events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const meta = ds.metadata ?? {}
    const st = ds.status
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(ds.spec?.selector)}\n`)
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`)
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`)
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`)
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`)
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`)
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(pods, meta.uid)}\n`)
    describePodTemplate(ds.spec?.template, w)
    if (events) describeEvents(events, w, now)
  })
}

const set = (v: unknown): v is number | boolean | string => v !== undefined && v !== null

export function describeJob(job: Job, events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const meta = job.metadata ?? {}
    const spec = job.spec
    const st = job.status ?? {}
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec?.selector)}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    const by = printController(meta as never)
    if (by) w.write(LEVEL_0, `Controlled By:\t${by}\n`)
    if (set(spec?.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec!.parallelism}\n`)
    w.write(LEVEL_0, `Completions:\t${set(spec?.completions) ? spec!.completions : '<unset>'}\n`)
    if (set(spec?.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec!.completionMode}\n`)
    if (set(spec?.suspend)) w.write(LEVEL_0, `Suspend:\t${spec!.suspend}\n`)
    if (set(spec?.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec!.backoffLimit}\n`)
    if (set(spec?.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec!.ttlSecondsAfterFinished}\n`)
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`)
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`)
    if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(parseTime(st.completionTime) - parseTime(st.startTime))}\n`)
    if (set(spec?.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec!.activeDeadlineSeconds}s\n`)
    if (!set(st.ready)) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`)
    else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`)
    describePodTemplate(spec?.template, w)
    if (events) describeEvents(events, w, now)
  })
}

function describeJobTemplate(jt: JobTemplateSpec | undefined, w: Writer): void {
  const spec = jt?.spec
  w.write(LEVEL_0, `Selector:\t${spec?.selector ? labelSelectorString(spec.selector) : '<unset>'}\n`)
  w.write(LEVEL_0, `Parallelism:\t${set(spec?.parallelism) ? spec!.parallelism : '<unset>'}\n`)
  w.write(LEVEL_0, `Completions:\t${set(spec?.completions) ? spec!.completions : '<unset>'}\n`)
  if (set(spec?.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec!.activeDeadlineSeconds}s\n`)
  describePodTemplate(spec?.template, w)
}

export function describeCronJob(cj: CronJob, events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    const meta = cj.metadata ?? {}
    const spec = cj.spec
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', meta.labels)
    printAnnotationsMultiline(w, 'Annotations', meta.annotations)
    w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`)
    w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`)
    w.write(LEVEL_0, `Suspend:\t${set(spec?.suspend) ? printBool(spec!.suspend) : '<unset>'}\n`) // printBoolPtr
    w.write(LEVEL_0, `Successful Job History Limit:\t${set(spec?.successfulJobsHistoryLimit) ? spec!.successfulJobsHistoryLimit : '<unset>'}\n`)
    w.write(LEVEL_0, `Failed Job History Limit:\t${set(spec?.failedJobsHistoryLimit) ? spec!.failedJobsHistoryLimit : '<unset>'}\n`)
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${set(spec?.startingDeadlineSeconds) ? `${spec!.startingDeadlineSeconds}s` : '<unset>'}\n`)
    describeJobTemplate(spec?.jobTemplate, w)
    w.write(LEVEL_0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`)
    const active = cj.status?.active ?? []
    w.write(LEVEL_0, 'Active Jobs:\t')
    if (active.length === 0) w.writeLine('<none>')
    else {
      w.write(LEVEL_0, active.map((j) => j.name).join(', '))
      w.writeLine('')
    }
    if (events) describeEvents(events, w, now)
  })
}
