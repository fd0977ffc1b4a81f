/**
 * Building blocks of the row printers: column definitions and the helpers printers.go shares.
 *
 * Upstream: pkg/printers/internalversion/printers.go.
 */
import type { Container } from 'kubernetes-types/core/v1'
import type { Cell, ColumnDefinition } from '../table'

/** A column as printers.go declares it (`priority` 1 = `-o wide` only). */
export function column(name: string, type: ColumnDefinition['type'] = 'string', priority = 0): ColumnDefinition {
  return { name, type, priority }
}

/** The NAME column (`Format: "name"`, the one `kind/name` decorates). */
export const NAME_COLUMN: ColumnDefinition = { name: 'Name', type: 'string', format: 'name', priority: 0 }

/** A resource's row printer: the server's column definitions and one row per object. */
export interface RowPrinter<T = unknown> {
  /** All column definitions, wide ones flagged with priority 1. */
  definitions: ColumnDefinition[]
  /** Upper-case headers shown without `-o wide`. */
  columns: string[]
  /** Upper-case headers added by `-o wide`. */
  wideColumns: string[]
  /** Every cell of the row (the apiserver always generates the wide cells). */
  row(obj: T, now: number): Cell[]
}

/** Derives the header lists from the definitions. */
export function rowPrinter<T>(definitions: ColumnDefinition[], row: (obj: T, now: number) => Cell[]): RowPrinter<T> {
  return {
    definitions,
    columns: definitions.filter((d) => d.priority === 0).map((d) => d.name.toUpperCase()),
    wideColumns: definitions.filter((d) => d.priority !== 0).map((d) => d.name.toUpperCase()),
    row,
  }
}

/** layoutContainerCells: container names and images, comma-joined. */
export function layoutContainerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? []
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')]
}

/** The `Containers`, `Images` wide columns of workload printers. */
export const CONTAINER_COLUMNS: ColumnDefinition[] = [column('Containers', 'string', 1), column('Images', 'string', 1)]

/** printBool / printBoolPtr of printers.go. */
export function printBoolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return '<unset>'
  return value ? 'True' : 'False'
}

/** Compares two RFC 3339 timestamps as instants. */
export function timeBefore(a: string | undefined, b: string | undefined): boolean {
  const ta = a ? Date.parse(a) : Number.NEGATIVE_INFINITY
  const tb = b ? Date.parse(b) : Number.NEGATIVE_INFINITY
  return ta < tb
}
