/**
 * Row printers of the workload controllers: deployments, replica sets, replication controllers,
 * stateful sets, daemon sets, jobs and cron jobs.
 *
 * Upstream: pkg/printers/internalversion/printers.go (printDeployment, printReplicaSet,
 * printReplicationController, printStatefulSet, printDaemonSet, printJob, printCronJob).
 * Missing integers print as Go's zero value, 0.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1'
import type { ReplicationController } from 'kubernetes-types/core/v1'
import { humanDuration, isZeroTime, translateTimestampSince } from '../duration'
import { formatLabels, formatLabelSelector, labelSelectorString } from '../labels'
import type { Cell } from '../table'
import { column, CONTAINER_COLUMNS, layoutContainerCells, NAME_COLUMN, printBoolPtr, rowPrinter } from './common'
import { parseTime } from '../../../sim/time'

const age = (meta: { creationTimestamp?: string } | undefined, now: number): string =>
  translateTimestampSince(meta?.creationTimestamp, now)

/** `kubectl get deployments` */
export const deploymentPrinter = rowPrinter<Deployment>(
  [
    NAME_COLUMN,
    column('Ready'),
    column('Up-to-date'),
    column('Available'),
    column('Age'),
    ...CONTAINER_COLUMNS,
    column('Selector', 'string', 1),
  ],
  (d, now): Cell[] => {
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers)
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata, now),
      names,
      images,
      labelSelectorString(d.spec?.selector),
    ]
  },
)

const replicaColumns = [
  NAME_COLUMN,
  column('Desired', 'integer'),
  column('Current', 'integer'),
  column('Ready', 'integer'),
  column('Age'),
  ...CONTAINER_COLUMNS,
  column('Selector', 'string', 1),
]

/** `kubectl get replicasets` */
export const replicaSetPrinter = rowPrinter<ReplicaSet>(replicaColumns, (rs, now): Cell[] => {
  const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers)
  return [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs.metadata, now),
    names,
    images,
    formatLabelSelector(rs.spec?.selector),
  ]
})

/** `kubectl get replicationcontrollers` */
export const replicationControllerPrinter = rowPrinter<ReplicationController>(replicaColumns, (rc, now): Cell[] => {
  const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers)
  return [
    rc.metadata?.name ?? '',
    rc.spec?.replicas ?? 0,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    age(rc.metadata, now),
    names,
    images,
    formatLabels(rc.spec?.selector),
  ]
})

/** `kubectl get statefulsets` */
export const statefulSetPrinter = rowPrinter<StatefulSet>(
  [NAME_COLUMN, column('Ready'), column('Age'), ...CONTAINER_COLUMNS],
  (sts, now): Cell[] => {
    const [names, images] = layoutContainerCells(sts.spec?.template?.spec?.containers)
    return [
      sts.metadata?.name ?? '',
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`,
      age(sts.metadata, now),
      names,
      images,
    ]
  },
)

/** `kubectl get daemonsets` */
export const daemonSetPrinter = rowPrinter<DaemonSet>(
  [
    NAME_COLUMN,
    column('Desired', 'integer'),
    column('Current', 'integer'),
    column('Ready', 'integer'),
    column('Up-to-date', 'integer'),
    column('Available', 'integer'),
    column('Node Selector'),
    column('Age'),
    ...CONTAINER_COLUMNS,
    column('Selector', 'string', 1),
  ],
  (ds, now): Cell[] => {
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers)
    const s = ds.status
    return [
      ds.metadata?.name ?? '',
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds.metadata, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ]
  },
)

function hasJobCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type)
  return c?.status === 'True'
}

/** The STATUS cell of a job (1.31+: Complete, Failed, Terminating, Suspended, FailureTarget, Running). */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions
  if (hasJobCondition(conditions, 'Complete')) return 'Complete'
  if (hasJobCondition(conditions, 'Failed')) return 'Failed'
  if (!isZeroTime(job.metadata?.deletionTimestamp)) return 'Terminating'
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended'
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

/** `kubectl get jobs` */
export const jobPrinter = rowPrinter<Job>(
  [
    NAME_COLUMN,
    column('Status'),
    column('Completions'),
    column('Duration'),
    column('Age'),
    ...CONTAINER_COLUMNS,
    column('Selector', 'string', 1),
  ],
  (job, now): Cell[] => {
    const succeeded = job.status?.succeeded ?? 0
    let completions: string
    if (job.spec?.completions !== undefined && job.spec?.completions !== null) {
      completions = `${succeeded}/${job.spec.completions}`
    } else {
      const parallelism = job.spec?.parallelism ?? 0
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
    }
    let jobDuration = ''
    const start = job.status?.startTime
    const completion = job.status?.completionTime
    if (start && !completion) jobDuration = humanDuration(now - parseTime(start))
    else if (start && completion) jobDuration = humanDuration(parseTime(completion) - parseTime(start))
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers)
    return [
      job.metadata?.name ?? '',
      jobStatus(job),
      completions,
      jobDuration,
      age(job.metadata, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ]
  },
)

/** `kubectl get cronjobs` */
export const cronJobPrinter = rowPrinter<CronJob>(
  [
    NAME_COLUMN,
    column('Schedule'),
    column('Timezone'),
    column('Suspend', 'boolean'),
    column('Active', 'integer'),
    column('Last Schedule'),
    column('Age'),
    ...CONTAINER_COLUMNS,
    column('Selector', 'string', 1),
  ],
  (cj, now): Cell[] => {
    const last = cj.status?.lastScheduleTime
    const [names, images] = layoutContainerCells(cj.spec?.jobTemplate?.spec?.template?.spec?.containers)
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBoolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last ? translateTimestampSince(last, now) : '<none>',
      age(cj.metadata, now),
      names,
      images,
      formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
    ]
  },
)
