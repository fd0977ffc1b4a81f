/**
 * The human-readable table of `kubectl get`: server-side Table rows decorated and aligned by
 * the client exactly as kubectl 1.33 does.
 *
 * Upstream: k8s.io/cli-runtime/pkg/printers/tableprinter.go (decorateTable, printTable) and
 * k8s.io/kubectl/pkg/cmd/get/get.go (one printer per resource type, a flush and a blank line
 * between types, `No resources found` on stderr).
 */
import { formatLabels } from './labels'
import { tabwrite, TABLE_TABWRITER } from './tabwriter'

/** metav1.TableColumnDefinition: `priority` 1 columns show only with `-o wide`. */
export interface ColumnDefinition {
  name: string
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date'
  format?: 'name'
  priority: number
}

/** A cell as the server sends it; `null` prints nothing. */
export type Cell = string | number | boolean | null

/** metav1.TableRow with the row's object metadata (namespace and labels decorate the row). */
export interface TableRow {
  cells: Cell[]
  metadata?: { namespace?: string; labels?: Record<string, string> }
}

/** metav1.Table as the apiserver returns it for one resource type. */
export interface Table {
  columnDefinitions: ColumnDefinition[]
  rows: TableRow[]
}

/** The rows of one resource type, printed under one header. */
export interface TableGroup {
  table: Table
  /** GroupKind as `Kind.group`: `Pod`, `Deployment.apps`, `Job.batch`. Lower-cased for `kind/name`. */
  groupKind: string
  /** Namespaced resources get a NAMESPACE column with `-A`. */
  namespaced: boolean
}

/** The `kubectl get` flags that shape a table. */
export interface TablePrintOptions {
  /** `-o wide`: also the priority 1 columns. */
  wide?: boolean
  /** `--no-headers` */
  noHeaders?: boolean
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean
  /** `-L key1,key2`: one column per label key, headed by the key's last path segment. */
  labelColumns?: string[]
  /** `-A`: a NAMESPACE column first (namespaced resources only). */
  allNamespaces?: boolean
  /** `kind/name` names; defaults to true when the groups hold more than one kind (`get all`). */
  withKind?: boolean
  /** The namespace named in `No resources found in <ns> namespace.` */
  namespace: string
  /** `--ignore-not-found`, or errors were reported: no `No resources found` line. */
  suppressNotFound?: boolean
}

/** What `kubectl get` writes. */
export interface TableOutput {
  stdout: string
  stderr: string
}

/** printers.WriteEscaped: terminal escapes are made visible. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r')
}

/** One cell as printTable writes it: truncated at the first line break with `...`. */
export function formatCell(cell: Cell): string {
  if (cell === null) return ''
  const text = typeof cell === 'string' ? cell : String(cell)
  const br = text.search(/[\f\n\r]/)
  if (br >= 0) return escapeTerminal(text.slice(0, br)) + '...'
  return escapeTerminal(text)
}

function labelHeader(key: string): string {
  const parts = key.split('/')
  return parts[parts.length - 1].toUpperCase()
}

/** decorateTable + printTable for one group; returns tab-separated lines. */
function tableText(group: TableGroup, options: TablePrintOptions, withKind: boolean): string {
  const { table } = group
  const withNamespace = Boolean(options.allNamespaces) && group.namespaced
  const labelColumns = options.labelColumns ?? []
  const columns: ColumnDefinition[] = [
    ...(withNamespace ? [{ name: 'Namespace', type: 'string', priority: 0 } as ColumnDefinition] : []),
    ...table.columnDefinitions,
    ...labelColumns.map((k): ColumnDefinition => ({ name: labelHeader(k), type: 'string', priority: 0 })),
    ...(options.showLabels ? [{ name: 'Labels', type: 'string', priority: 0 } as ColumnDefinition] : []),
  ]
  const nameColumn = withKind
    ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string')
    : -1
  const kind = group.groupKind.toLowerCase()
  const rows: Cell[][] = table.rows.map((row) => {
    const cells = [...row.cells]
    while (cells.length < table.columnDefinitions.length) cells.push(null)
    if (nameColumn >= 0) cells[nameColumn] = `${kind}/${formatCell(cells[nameColumn])}`
    const labels = row.metadata?.labels ?? {}
    return [
      ...(withNamespace ? [row.metadata?.namespace ?? ''] : []),
      ...cells.slice(0, table.columnDefinitions.length),
      ...labelColumns.map((k) => labels[k] ?? ''),
      ...(options.showLabels ? [formatLabels(labels)] : []),
    ]
  })

  const visible = columns.map((c) => Boolean(options.wide) || c.priority === 0)
  const lines: string[] = []
  if (!options.noHeaders) {
    if (rows.length === 0) return ''
    lines.push(columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()).join('\t'))
  }
  for (const cells of rows) {
    lines.push(cells.filter((_, i) => visible[i]).map(formatCell).join('\t'))
  }
  return lines.map((l) => l + '\n').join('')
}

/**
 * Prints the tables of `kubectl get` for one or more resource types.
 * @example
 * printTables([{ table, groupKind: 'Pod', namespaced: true }], { namespace: 'default' })
 * // { stdout: 'NAME    READY   STATUS ...\n', stderr: '' }
 */
export function printTables(groups: TableGroup[], options: TablePrintOptions): TableOutput {
  const kinds = new Set(groups.map((g) => g.groupKind))
  const withKind = options.withKind ?? kinds.size > 1
  let stdout = ''
  let separatorReady = false
  groups.forEach((group, i) => {
    // get.go: a new printer per resource type; a blank line once something was written.
    if (i > 0 && !options.noHeaders && stdout.length > 0) separatorReady = true
    const text = tabwrite(tableText(group, options, withKind), TABLE_TABWRITER)
    if (text.length > 0) {
      if (separatorReady) stdout += '\n'
      separatorReady = false
      stdout += text
    }
  })
  let stderr = ''
  if (stdout.length === 0 && !options.suppressNotFound) {
    const allNamespaced = !options.allNamespaces && groups.every((g) => g.namespaced)
    stderr = allNamespaced ? `No resources found in ${options.namespace} namespace.\n` : 'No resources found\n'
  }
  return { stdout, stderr }
}
