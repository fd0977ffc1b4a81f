/**
 * Defaults of the workload and storage kinds: StatefulSet, DaemonSet, Job, CronJob,
 * PersistentVolumeClaim, PersistentVolume. Objects are fresh copies owned by the request.
 * Upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_StatefulSet, SetDefaults_DaemonSet),
 * pkg/apis/batch/v1/defaults.go (SetDefaults_Job, SetDefaults_CronJob),
 * pkg/apis/core/v1/defaults.go (SetDefaults_PersistentVolumeClaimSpec, SetDefaults_PersistentVolume).
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { KObject } from '../api/meta'
import { defaultTemplate } from './defaults'

type Obj = Record<string, unknown>

/** The claim defaults, also applied to a StatefulSet's volumeClaimTemplates. */
function defaultClaim(c: Obj, template: boolean): void {
  const spec = ((c.spec as Obj | undefined) ?? (c.spec = {})) as Obj
  spec.volumeMode ??= 'Filesystem'
  if (template) {
    c.apiVersion ??= 'v1'
    c.kind ??= 'PersistentVolumeClaim'
    c.metadata ??= {}
    ;(c.metadata as Obj).creationTimestamp ??= null
    c.status ??= { phase: 'Pending' }
  }
}

/** Applies the kind's defaults, for the kinds this file covers; others are left alone. */
export function applyWorkloadDefaults(o: KObject): void {
  switch (o.kind) {
    case 'StatefulSet': {
      const spec = (o.spec ??= {}) as Obj
      spec.replicas ??= 1
      spec.podManagementPolicy ??= 'OrderedReady'
      const us = (spec.updateStrategy ??= {}) as Obj
      us.type ??= 'RollingUpdate'
      if (us.type === 'RollingUpdate') {
        const ru = (us.rollingUpdate ??= {}) as Obj
        ru.partition ??= 0
      }
      spec.revisionHistoryLimit ??= 10
      const ret = (spec.persistentVolumeClaimRetentionPolicy ??= {}) as Obj
      ret.whenDeleted ??= 'Retain'
      ret.whenScaled ??= 'Retain'
      for (const c of (spec.volumeClaimTemplates as Obj[] | undefined) ?? []) defaultClaim(c, true)
      defaultTemplate(spec.template as PodTemplateSpec | undefined)
      break
    }
    case 'DaemonSet': {
      const spec = (o.spec ??= {}) as Obj
      const us = (spec.updateStrategy ??= {}) as Obj
      us.type ??= 'RollingUpdate'
      if (us.type === 'RollingUpdate') {
        const ru = (us.rollingUpdate ??= {}) as Obj
        ru.maxUnavailable ??= 1
        ru.maxSurge ??= 0
      }
      spec.revisionHistoryLimit ??= 10
      defaultTemplate(spec.template as PodTemplateSpec | undefined)
      break
    }
    case 'Job':
      defaultJobSpec((o.spec ??= {}) as Obj)
      break
    case 'CronJob': {
      const spec = (o.spec ??= {}) as Obj
      spec.concurrencyPolicy ??= 'Allow'
      spec.suspend ??= false
      spec.successfulJobsHistoryLimit ??= 3
      spec.failedJobsHistoryLimit ??= 1
      const jt = (spec.jobTemplate ??= {}) as Obj
      jt.metadata ??= {}
      ;(jt.metadata as Obj).creationTimestamp ??= null
      defaultTemplate(((jt.spec ??= {}) as Obj).template as PodTemplateSpec | undefined)
      break
    }
    case 'PersistentVolumeClaim':
      defaultClaim(o, false)
      break
    case 'PersistentVolume': {
      const spec = (o.spec ??= {}) as Obj
      spec.persistentVolumeReclaimPolicy ??= 'Retain'
      spec.volumeMode ??= 'Filesystem'
      break
    }
  }
}

/** Upstream: SetDefaults_Job. */
export function defaultJobSpec(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1
    spec.parallelism = 1
  }
  spec.parallelism ??= 1
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6
  spec.completionMode ??= 'NonIndexed'
  spec.suspend ??= false
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed'
  defaultTemplate(spec.template as PodTemplateSpec | undefined)
}
