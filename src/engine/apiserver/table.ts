/**
 * Server-side printing: the `meta.k8s.io/v1` Table the apiserver returns when a client sends
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (what `kubectl get` always asks for).
 * The cells come from the same row printers the simulated kubectl prints with, so real kubectl
 * and Podium's kubectl show the same text.
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go (transformResponseObject),
 * pkg/printers/internalversion/printers.go, pkg/printers/tablegenerator.go.
 */
import { buildTable } from '../kubectl/printers/registry'

/** Whether an Accept header asks for a Table (`as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false
  return accept.split(',').some((part) => {
    const params = part.split(';').map((s) => s.trim())
    return params.includes('as=Table') && (params.includes('g=meta.k8s.io') || !params.some((p) => p.startsWith('g=')))
  })
}

interface Meta {
  apiVersion?: string
  kind?: string
  metadata?: Record<string, unknown> & { name?: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string }
}

/** `includeObject`: None, Metadata (kubectl's default) or Object. */
export type IncludeObject = 'None' | 'Metadata' | 'Object'

function rowObject(o: Meta, include: IncludeObject): object | undefined {
  if (include === 'None') return undefined
  if (include === 'Object') return o
  // PartialObjectMetadata: the object's metadata, managedFields dropped as the server does.
  const { managedFields: _, ...metadata } = o.metadata ?? {}
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata }
}

/**
 * The Table of `objects` of `resource` at virtual time `now`.
 * @example toTable('pods', [pod], now, '42', 'Metadata').rows[0].cells // ['nginx', '1/1', 'Running', '0', '5s', …]
 */
export function toTable(resource: string, objects: readonly object[], now: number, meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number }, include: IncludeObject = 'Metadata'): object {
  const t = buildTable(resource, objects as Meta[], now)
  const metadata: Record<string, unknown> = {}
  if (meta.resourceVersion) metadata.resourceVersion = meta.resourceVersion
  if (meta.continue) metadata.continue = meta.continue
  if (meta.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: t.columnDefinitions.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: '', priority: c.priority })),
    rows: t.rows.map((r, i) => {
      const row: Record<string, unknown> = { cells: r.cells }
      const obj = rowObject(objects[i] as Meta, include)
      if (obj) row.object = obj
      return row
    }),
  }
}
