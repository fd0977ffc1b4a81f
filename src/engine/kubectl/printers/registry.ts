/**
 * The row printers by resource (plural, lower case), and the Table the apiserver would return
 * for a list of objects.
 *
 * Upstream: pkg/printers/internalversion/printers.go AddHandlers; the apiserver always
 * generates the wide cells and kubectl hides priority 1 columns unless `-o wide`.
 */
import { translateTimestampSince } from './duration'
import type { RowPrinter } from './rows/common'
import { column, NAME_COLUMN, rowPrinter } from './rows/common'
import {
  configMapPrinter,
  endpointsPrinter,
  eventPrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './rows/core'
import { endpointSlicePrinter } from './rows/discovery'
import { podPrinter } from './rows/pod'
import { resourceQuotaPrinter, roleBindingPrinter } from './rows/rbac'
import { leasePrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './rows/storage'
import {
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './rows/workloads'
import type { Table } from './table'

export type { RowPrinter } from './rows/common'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPrinter = RowPrinter<any>

/** Row printers keyed by resource plural (`pods`, `deployments`, …). */
export const printers: Record<string, AnyPrinter> = {
  pods: podPrinter,
  deployments: deploymentPrinter,
  replicasets: replicaSetPrinter,
  replicationcontrollers: replicationControllerPrinter,
  statefulsets: statefulSetPrinter,
  daemonsets: daemonSetPrinter,
  jobs: jobPrinter,
  cronjobs: cronJobPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  services: servicePrinter,
  endpoints: endpointsPrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  serviceaccounts: serviceAccountPrinter,
  events: eventPrinter,
  persistentvolumeclaims: persistentVolumeClaimPrinter,
  persistentvolumes: persistentVolumePrinter,
  storageclasses: storageClassPrinter,
  leases: leasePrinter,
  endpointslices: endpointSlicePrinter,
  rolebindings: roleBindingPrinter,
  clusterrolebindings: roleBindingPrinter,
  resourcequotas: resourceQuotaPrinter,
}

interface Meta {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string }
}

/** A CustomResource without printer columns: NAME, AGE (the CRD default). */
export const customResourcePrinter: RowPrinter<Meta> = rowPrinter<Meta>([NAME_COLUMN, column('Age')], (obj, now) => [
  obj.metadata?.name ?? '',
  translateTimestampSince(obj.metadata?.creationTimestamp, now),
])

/** A built-in resource without a printer: NAME, CREATED AT (apiserver default TableConvertor). */
export const defaultTablePrinter: RowPrinter<Meta> = rowPrinter<Meta>(
  [NAME_COLUMN, column('Created At', 'date')],
  (obj) => [obj.metadata?.name ?? '', obj.metadata?.creationTimestamp ?? ''],
)

/**
 * The Table the apiserver returns for `objects` of `resource` (`as=Table`), rows in input order.
 * @example buildTable('pods', [pod], now) // { columnDefinitions: [...], rows: [{ cells: ['nginx', '1/1', ...] }] }
 */
export function buildTable(resource: string, objects: readonly Meta[], now: number): Table {
  const printer = printers[resource] ?? defaultTablePrinter
  return {
    columnDefinitions: printer.definitions,
    rows: objects.map((obj) => ({
      cells: printer.row(obj, now),
      metadata: { namespace: obj.metadata?.namespace, labels: obj.metadata?.labels },
    })),
  }
}
