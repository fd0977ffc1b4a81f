/**
 * Every non-table `-o` format of `kubectl get` (and of create/apply/label … `-o`):
 * `yaml`, `json`, `name`, `jsonpath=`, `jsonpath-as-json=`, `custom-columns=`.
 *
 * Upstream: k8s.io/kubectl/pkg/cmd/get/get.go printGeneric (several objects are wrapped in a
 * `List` with `resourceVersion: ""`), cli-runtime printers (JSONPrinter, YAMLPrinter,
 * NamePrinter, JSONPathPrinter) and kubectl/pkg/cmd/get/customcolumn.go.
 */
import { CustomColumnsError, printCustomColumns, relaxedJSONPathExpression } from './formats/customcolumns'
import { goSharpV } from './formats/gofmt'
import { toJSON } from './formats/json'
import { executeJSONPath, JSONPathEvalError, JSONPathParseError } from './formats/jsonpath'
import { toYaml, YamlConversionError } from './formats/yaml'

export { toYaml } from './formats/yaml'
export { toJSON, goJSON } from './formats/json'
export { executeJSONPath } from './formats/jsonpath'
export { printCustomColumns } from './formats/customcolumns'

/**
 * The text a relaxed JSONPath expression (`.status.phase`, `{.status.phase}`) gives for one object,
 * `''` when it matches nothing or does not evaluate (what `kubectl wait --for=jsonpath=` compares).
 * @example evalJsonPath(pod, '{.status.phase}') // 'Running'
 */
export function evalJsonPath(obj: unknown, path: string): string {
  try {
    return executeJSONPath(relaxedJSONPathExpression(path), obj, { allowMissingKeys: true })
  } catch {
    return ''
  }
}

/**
 * A format kubectl refuses. Print it as kubectl's CheckErr does: `error: ${message}\n`
 * (the message never ends with the final newline itself).
 */
export class OutputError extends Error {}

/** How the objects were asked for and how to print them. */
export interface OutputOptions {
  /** One named object was asked for (`get pod nginx`): print it bare, not in a List. */
  single?: boolean
  /** `--no-headers` (custom-columns). */
  noHeaders?: boolean
  /** `--show-managed-fields`: keep metadata.managedFields, which kubectl otherwise leaves out. */
  showManagedFields?: boolean
  /** `--allow-missing-template-keys` (default true). */
  allowMissingTemplateKeys?: boolean
  /**
   * The object was built by kubectl itself (`create deployment … --dry-run=client`): `-o json`
   * keeps its keys in the order given (Go struct order; map fields should already be sorted).
   */
  typed?: boolean
  /** The formats the command accepts, for the `unable to match a printer` message. */
  allowedFormats?: string[]
}

/** The formats `kubectl get` lists when the output format is unknown. */
export const GET_FORMATS = [
  'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath',
  'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml',
]

interface Obj {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string }
}

/** The `List` kubectl prints several objects in. */
export function listOf(objects: readonly unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: [...objects], kind: 'List', metadata: { resourceVersion: '' } }
}

/**
 * `-o name`: `pod/nginx`, `deployment.apps/web`, one per line.
 * @example nameOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }) // 'deployment.apps/web'
 */
export function nameOf(obj: Obj): string {
  const kind = (obj.kind ?? '').toLowerCase()
  if (!kind) throw new OutputError(`missing kind for resource with name ${obj.metadata?.name ?? ''}`)
  const slash = (obj.apiVersion ?? '').indexOf('/')
  const group = slash < 0 ? '' : (obj.apiVersion as string).slice(0, slash)
  return group ? `${kind}.${group}/${obj.metadata?.name ?? ''}` : `${kind}/${obj.metadata?.name ?? ''}`
}

function jsonPath(template: string, data: unknown, options: OutputOptions, asJSON: boolean): string {
  if (template.length === 0) throw new OutputError('template format specified but no template given')
  try {
    return executeJSONPath(template, data, { allowMissingKeys: options.allowMissingTemplateKeys ?? true, asJSON })
  } catch (e) {
    if (e instanceof JSONPathParseError) throw new OutputError(`error parsing jsonpath ${template}, ${e.message}\n`.trimEnd())
    if (e instanceof JSONPathEvalError) {
      const dump = goSharpV(JSON.parse(JSON.stringify(data ?? null)))
      throw new OutputError(
        `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${dump}\n\n`,
      )
    }
    throw e
  }
}

function omitManagedFields(o: unknown): unknown {
  const m = (o as Obj | null)?.metadata as Record<string, unknown> | undefined
  if (!m || !('managedFields' in m)) return o
  const { managedFields: _, ...metadata } = m
  return { ...(o as Obj), metadata }
}

/**
 * Formats objects for `-o <format>`; throws OutputError with kubectl's message.
 * @example formatOutput([pod], 'jsonpath={.metadata.name}', { single: true }) // 'nginx'
 */
export function formatOutput(objects: readonly unknown[], output: string, options: OutputOptions = {}): string {
  const eq = output.indexOf('=')
  const format = eq < 0 ? output : output.slice(0, eq)
  const arg = eq < 0 ? '' : output.slice(eq + 1)
  // kubectl prints objects without managedFields unless asked. Upstream: printers.OmitManagedFieldsPrinter.
  if (!options.showManagedFields) objects = objects.map(omitManagedFields)
  const data: unknown = options.single && objects.length === 1 ? objects[0] : listOf(objects)
  switch (format) {
    case 'yaml':
      try {
        return toYaml(data)
      } catch (e) {
        if (e instanceof YamlConversionError) throw new OutputError(e.message)
        throw e
      }
    case 'json':
      return toJSON(data, !options.typed)
    case 'name':
      return objects.map((o) => nameOf(o as Obj) + '\n').join('')
    case 'jsonpath':
      return jsonPath(arg, data, options, false)
    case 'jsonpath-as-json':
      return jsonPath(arg, data, options, true)
    case 'custom-columns':
      if (eq >= 0 && arg.length > 0) {
        try {
          return printCustomColumns(arg, objects, options.noHeaders)
        } catch (e) {
          if (e instanceof CustomColumnsError) throw new OutputError(e.message)
          if (e instanceof JSONPathParseError) throw new OutputError(e.message)
          throw e
        }
      }
      if (eq >= 0) throw new OutputError('custom-columns format specified but no custom columns given')
  }
  const allowed = options.allowedFormats ?? GET_FORMATS
  throw new OutputError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}`,
  )
}
