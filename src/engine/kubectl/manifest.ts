/**
 * Reading manifests as kubectl does: multi-document YAML (or JSON) into objects, with the
 * errors kubectl prints. kubectl converts YAML to JSON with go-yaml, so syntax errors are
 * reported in go-yaml's words (`yaml: line 4: did not find expected key`); the `yaml` package's
 * errors are translated to those.
 */
import { parseAllDocuments, Schema, type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags } from 'yaml'
import type { KObject } from '../api/meta'

export interface ManifestDoc {
  obj: KObject
}

export class ManifestError extends Error {}

/** Nesting deeper than this is refused (a real apiserver limits JSON depth too). */
export const MAX_DEPTH = 100

function goYamlMessage(code: string, message: string, line: number): string {
  switch (code) {
    case 'BAD_INDENT':
      if (message.startsWith('Flow sequence')) return `line ${Math.max(1, line - 1)}: did not find expected ',' or ']'`
      if (message.startsWith('Flow map')) return `line ${Math.max(1, line - 1)}: did not find expected ',' or '}'`
      return `line ${Math.max(1, line - 1)}: did not find expected key`
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `line ${line}: mapping values are not allowed in this context`
    case 'MISSING_CHAR':
      return `line ${line}: found unexpected end of stream`
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return 'found character that cannot start any token'
    case 'UNEXPECTED_TOKEN':
      return `line ${line}: did not find expected <document start>`
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
      return `line ${line}: found undefined alias`
    case 'RESOURCE_EXHAUSTION':
      return 'document contains excessive aliasing'
    default:
      return `line ${line}: ${message.split(' at line')[0]}`
  }
}

function depth(v: unknown, d = 0): number {
  if (d > MAX_DEPTH) return d
  if (typeof v !== 'object' || v === null) return d
  let m = d
  for (const x of Object.values(v)) m = Math.max(m, depth(x, d + 1))
  return m
}

/**
 * How kubectl's YAML reader (sigs.k8s.io/yaml, a fork of go-yaml v2) resolves plain scalars:
 * YAML 1.1, so `yes`, `on`, `y` are true and `no`, `off`, `n` false (keys too: `n:` is "false"),
 * `0755` is octal and `1_000` a thousand; but timestamps stay strings and there are no base-60
 * numbers (`1:20` is a string), which go-yaml never supported.
 */
const GO_YAML_OPTIONS = {
  version: '1.1',
  // One schema for every document (the yaml package would build its tag list per document).
  schema: new Schema({
    schema: 'yaml-1.1',
    resolveKnownTags: false,
    customTags: (tags: Tags) => tags.filter((t) => !(typeof t === 'object' && (t.format === 'TIME' || t.tag === 'tag:yaml.org,2002:timestamp'))),
  }),
} satisfies ParseOptions & DocumentOptions & SchemaOptions

/**
 * Parses every document of `text`. `source` names the input in errors (`STDIN`, `web.yaml`).
 * Throws ManifestError with kubectl's full message (without the `error: ` prefix).
 */
export function parseManifests(text: string, source: string): KObject[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false, strict: false, ...GO_YAML_OPTIONS })
  const out: KObject[] = []
  for (const doc of docs) {
    const err = doc.errors[0]
    if (err) {
      // go-yaml names the line where it found the problem: for a stray `:` that is where the
      // offending span ends (a key that ran on from the line before), not where it starts.
      const runOn = err.code === 'BLOCK_AS_IMPLICIT_KEY' ? doc.errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY') : undefined
      const at = runOn ? runOn.linePos?.[1] : err.linePos?.[0]
      const line = at?.line ?? 1
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: ${goYamlMessage(err.code, err.message, line)}`)
    }
    let v: unknown
    try {
      v = doc.toJS({ maxAliasCount: 100 })
    } catch (e) {
      const m = (e as Error).message
      const msg = /alias/i.test(m) ? 'document contains excessive aliasing' : m
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: ${msg}`)
    }
    if (v === null || v === undefined) continue
    if (depth(v) > MAX_DEPTH) throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_DEPTH}`)
    if (typeof v !== 'object' || Array.isArray(v)) {
      const what = Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string'
      throw new ManifestError(`unable to decode "${source}": json: cannot unmarshal ${what} into Go value of type unstructured.detector`)
    }
    const o = v as KObject
    if (o.kind === 'List' && Array.isArray(o.items)) {
      out.push(...(o.items as KObject[]))
      continue
    }
    if (!o.kind) throw new ManifestError(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(o)}'`)
    out.push(o)
  }
  return out
}
