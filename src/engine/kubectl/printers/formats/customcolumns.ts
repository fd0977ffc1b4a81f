/**
 * `kubectl get -o custom-columns=HEADER:path,…`: one row per object, the paths relaxed to
 * `{.path}`, missing values `<none>`, several values comma-joined.
 *
 * Upstream: k8s.io/kubectl/pkg/cmd/get/customcolumn.go (NewCustomColumnsPrinterFromSpec,
 * RelaxedJSONPathExpression, printOneObject) through the table tabwriter.
 */
import { escapeTerminal } from '../table'
import { tabwrite, TABLE_TABWRITER } from '../tabwriter'
import { goSprint } from './gofmt'
import { findJSONPathResults } from './jsonpath'
import { parseJSONPath } from './jsonpath-parse'

/** A custom-columns spec that kubectl rejects; the message is upstream's. */
export class CustomColumnsError extends Error {}

interface Column {
  header: string
  fieldSpec: string
}

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJSONPathExpression(path: string): string {
  if (path.length === 0) return path
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path)
  if (!m) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    )
  }
  return `{.${m[1] !== undefined && m[1].length > 0 ? m[1] : m[2]}}`
}

/** Parses `NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
export function parseCustomColumns(spec: string): Column[] {
  if (spec.length === 0) throw new CustomColumnsError('custom-columns format specified but no custom columns given')
  return spec.split(',').map((part) => {
    const i = part.indexOf(':')
    if (i < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
    const fieldSpec = relaxedJSONPathExpression(part.slice(i + 1))
    parseJSONPath(fieldSpec)
    return { header: part.slice(0, i), fieldSpec }
  })
}

/**
 * Prints objects as custom columns (the header once, even with no objects).
 * @example printCustomColumns('NAME:.metadata.name', [pod]) // 'NAME\nnginx\n'
 */
export function printCustomColumns(spec: string, objects: readonly unknown[], noHeaders = false): string {
  const columns = parseCustomColumns(spec)
  const lines: string[] = []
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'))
  for (const obj of objects) {
    const data = JSON.parse(JSON.stringify(obj ?? null)) as unknown
    const cells = columns.map((c) => {
      const values = findJSONPathResults(c.fieldSpec, data, true)
      const strings: string[] = []
      if (values.length === 0 || values[0].length === 0) strings.push('<none>')
      for (const set of values) for (const v of set) strings.push(escapeTerminal(goSprint(v)))
      return strings.join(',')
    })
    lines.push(cells.join('\t'))
  }
  return tabwrite(lines.map((l) => l + '\n').join(''), TABLE_TABWRITER)
}
