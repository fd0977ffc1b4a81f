/**
 * Validation of StatefulSet, DaemonSet, Job, CronJob and PersistentVolumeClaim beyond what the
 * shared workload rules check (selector, template, replicas), with the apiserver's messages.
 * Upstream: pkg/apis/apps/validation/validation.go (ValidateStatefulSetSpec,
 * ValidateStatefulSetUpdate, ValidateDaemonSetUpdateStrategy), pkg/apis/batch/validation/
 * validation.go (validateJobSpec, ValidateJobSpecUpdate, validateCronJobSpec,
 * validateScheduleFormat), pkg/apis/core/validation (ValidatePersistentVolumeClaimSpec).
 */
import type { PodSpec } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { deepEqual } from '../../api/meta'
import { CronParseError, isKnownTimeZone, parseCron } from '../../api/cron'
import type { FieldError } from '../status'
import { forbidden, invalidRaw, invalidValue, notSupported, required } from './field'
import { goSelector, validatePodSpec } from './validate'

type Obj = Record<string, unknown>

function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === 'number' && v < 0) errs.push(invalidValue(field, v, 'must be greater than or equal to 0'))
}

/** Extra rules for the kinds above; other kinds give no errors. */
export function validateWorkload(o: KObject, old?: KObject): FieldError[] {
  const errs: FieldError[] = []
  const spec = (o.spec ?? {}) as Obj
  const oldSpec = (old?.spec ?? {}) as Obj
  switch (o.kind) {
    case 'StatefulSet': {
      const pmp = spec.podManagementPolicy as string | undefined
      if (pmp && !['OrderedReady', 'Parallel'].includes(pmp)) errs.push(notSupported('spec.podManagementPolicy', pmp, ['OrderedReady', 'Parallel']))
      const us = spec.updateStrategy as { type?: string; rollingUpdate?: { partition?: number } } | undefined
      if (us?.type && !['OnDelete', 'RollingUpdate'].includes(us.type)) errs.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']))
      nonNegative('spec.updateStrategy.rollingUpdate.partition', us?.rollingUpdate?.partition, errs)
      if (old) {
        const a = { ...spec }
        for (const f of ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy']) a[f] = oldSpec[f]
        if (!deepEqual(a, oldSpec)) {
          errs.push(forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))
        }
      }
      break
    }
    case 'DaemonSet': {
      const us = spec.updateStrategy as { type?: string } | undefined
      if (us?.type && !['OnDelete', 'RollingUpdate'].includes(us.type)) errs.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']))
      break
    }
    case 'Job':
      errs.push(...validateJobSpec(spec, 'spec', true))
      if (old) {
        if (!deepEqual(spec.selector, oldSpec.selector)) errs.push(invalidRaw('spec.selector', goSelector(spec.selector as never), 'field is immutable'))
        if (!deepEqual(spec.template, oldSpec.template) && !spec.suspend) errs.push(invalidRaw('spec.template', 'core.PodTemplateSpec{…}', 'field is immutable'))
        if (spec.completions !== oldSpec.completions) errs.push(invalidValue('spec.completions', spec.completions ?? null, 'field is immutable'))
        if (spec.completionMode !== oldSpec.completionMode) errs.push(invalidValue('spec.completionMode', spec.completionMode, 'field is immutable'))
      }
      break
    case 'CronJob': {
      const schedule = spec.schedule as string | undefined
      if (!schedule) errs.push(required('spec.schedule'))
      else if (schedule.includes('TZ')) errs.push(invalidValue('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'))
      else {
        try {
          parseCron(schedule)
        } catch (e) {
          if (!(e instanceof CronParseError)) throw e
          errs.push(invalidValue('spec.schedule', schedule, e.message))
        }
      }
      const tz = spec.timeZone as string | undefined
      if (tz !== undefined && tz !== null && !isKnownTimeZone(tz)) errs.push(invalidValue('spec.timeZone', tz, `unknown time zone ${tz}`))
      const cp = spec.concurrencyPolicy as string | undefined
      if (cp && !['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']))
      nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds, errs)
      nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit, errs)
      nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit, errs)
      const jt = (spec.jobTemplate ?? {}) as Obj
      errs.push(...validateJobSpec((jt.spec ?? {}) as Obj, 'spec.jobTemplate.spec', false))
      break
    }
    case 'PersistentVolumeClaim': {
      const modes = spec.accessModes as string[] | undefined
      if (!modes?.length) errs.push(required('spec.accessModes', 'at least 1 access mode is required'))
      const storage = (spec.resources as { requests?: Obj } | undefined)?.requests?.storage
      if (storage === undefined) errs.push(required('spec.resources[storage]'))
      if (old) {
        // The binder sets volumeName once; resources may change (expansion).
        const a = { ...spec, resources: oldSpec.resources, volumeName: oldSpec.volumeName ? spec.volumeName : undefined }
        if (!deepEqual(a, oldSpec)) errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'))
      }
      break
    }
  }
  return errs
}

/** Upstream: validateJobSpec (restart policy and counts; the pod spec itself when `withPodSpec`). */
function validateJobSpec(spec: Obj, path: string, withPodSpec: boolean): FieldError[] {
  const errs: FieldError[] = []
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) nonNegative(`${path}.${f}`, spec[f], errs)
  const tspec = (spec.template as { spec?: PodSpec } | undefined)?.spec
  if (withPodSpec) return [...errs, ...validatePodSpec(tspec, `${path}.template.spec`, ['OnFailure', 'Never'])]
  const rp = tspec?.restartPolicy
  if (rp && rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']))
  return errs
}
