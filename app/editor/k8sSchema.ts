/**
 * Build-time generator of the Kubernetes JSON schema used by monaco-yaml (completion, hover
 * documentation, validation markers). It reads the `kubernetes-types` declaration files, which are
 * generated from the Kubernetes OpenAPI spec and carry the API's own field descriptions, with the
 * TypeScript compiler's parser, and turns each interface into a JSON-schema definition.
 *
 * Runs in Node only (from vite.config.ts); the browser receives the resulting JSON in the lazy
 * Monaco chunk, so no schema is ever fetched at run time.
 *
 * ```ts
 * const schema = generateKubernetesSchema()   // { allOf: [{ if: {kind: Pod}, then: {$ref} }…], definitions }
 * ```
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** The API groups a student's manifests use; every kind declared in them becomes a top-level choice. */
export const SCHEMA_FILES = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'networking/v1',
  'autoscaling/v2',
  'policy/v1',
  'rbac/v1',
  'storage/v1',
  'scheduling/v1',
  'coordination/v1',
  'discovery/v1',
] as const

/** Kinds that are lists or API plumbing rather than something a student writes. */
const SKIPPED_KINDS = /List$|^(Binding|Status|Event|ComponentStatus|Eviction)$/

type JsonSchema = Record<string, unknown>

interface Declaration {
  node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration
  file: string
}

/** The JSON schema of every kind in {@link SCHEMA_FILES}, with `definitions` shared between kinds. */
export function generateKubernetesSchema(typesRoot = kubernetesTypesRoot()): JsonSchema {
  const declarations = new Map<string, Declaration>() // "core/v1.Pod" → declaration
  const imports = new Map<string, Map<string, string>>() // file → local name → qualified name
  const pending = [...SCHEMA_FILES] as string[]
  const seenFiles = new Set<string>()
  while (pending.length) {
    const file = pending.pop()!
    if (seenFiles.has(file)) continue
    seenFiles.add(file)
    const path = join(typesRoot, `${file}.d.ts`)
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true)
    const fileImports = new Map<string, string>()
    imports.set(file, fileImports)
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = relative(typesRoot, resolve(dirname(path), statement.moduleSpecifier.text)).replaceAll('\\', '/')
        pending.push(target)
        const named = statement.importClause?.namedBindings
        if (named && ts.isNamedImports(named)) {
          for (const el of named.elements) fileImports.set(el.name.text, `${target}.${el.name.text}`)
        }
      } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
        declarations.set(`${file}.${statement.name.text}`, { node: statement, file })
      }
    }
  }

  const definitions: Record<string, JsonSchema> = {}
  const defName = (qualified: string) => qualified.replace('/', '.')

  function resolveName(file: string, name: string): string {
    return imports.get(file)?.get(name) ?? `${file}.${name}`
  }

  function require(qualified: string): JsonSchema {
    const name = defName(qualified)
    if (!(name in definitions)) {
      const decl = declarations.get(qualified)
      definitions[name] = {} // placeholder against recursion (JSONSchemaProps refers to itself)
      definitions[name] = decl ? declarationSchema(decl) : {}
    }
    return { $ref: `#/definitions/${name}` }
  }

  function declarationSchema({ node, file }: Declaration): JsonSchema {
    const description = docOf(node)
    if (ts.isTypeAliasDeclaration(node)) {
      // Quantity is a string on the wire, but YAML authors write `cpu: 1` as a number: accept both.
      if (node.name.text === 'Quantity') return withDescription({ type: ['string', 'number'] }, description)
      return withDescription(typeSchema(node.type, file), description)
    }
    const properties: Record<string, JsonSchema> = {}
    const required: string[] = []
    let additional: JsonSchema | boolean = false
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.type) {
        const key = member.name.getText().replace(/^"|"$/g, '')
        properties[key] = withDescription(typeSchema(member.type, file), docOf(member))
        if (!member.questionToken) required.push(key)
      } else if (ts.isIndexSignatureDeclaration(member) && member.type) {
        additional = typeSchema(member.type, file)
      }
    }
    const schema: JsonSchema = { type: 'object', properties, additionalProperties: additional }
    if (required.length) schema.required = required
    return withDescription(schema, description)
  }

  function typeSchema(type: ts.TypeNode, file: string): JsonSchema {
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' }
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' }
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' }
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return {}
    }
    if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return { type: 'string', enum: [type.literal.text] }
    if (ts.isParenthesizedTypeNode(type)) return typeSchema(type.type, file)
    if (ts.isArrayTypeNode(type)) return { type: 'array', items: typeSchema(type.elementType, file) }
    if (ts.isUnionTypeNode(type)) {
      const parts = type.types.map((t) => typeSchema(t, file))
      if (parts.every((p) => typeof p.type === 'string' && Object.keys(p).length === 1)) {
        return { type: parts.map((p) => p.type as string) }
      }
      return { anyOf: parts }
    }
    if (ts.isTypeLiteralNode(type)) {
      const index = type.members.find(ts.isIndexSignatureDeclaration)
      if (index?.type) return { type: 'object', additionalProperties: typeSchema(index.type, file) }
      return { type: 'object' }
    }
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName.getText()
      if ((name === 'Array' || name === 'ReadonlyArray') && type.typeArguments?.length === 1) {
        return { type: 'array', items: typeSchema(type.typeArguments[0], file) }
      }
      if (name === 'Record' && type.typeArguments?.length === 2) {
        return { type: 'object', additionalProperties: typeSchema(type.typeArguments[1], file) }
      }
      return require(resolveName(file, name))
    }
    return {}
  }

  // Top level: one `if kind (and apiVersion) then $ref` branch per kind, plus enums for completion.
  const kinds: { kind: string; apiVersion: string; ref: JsonSchema }[] = []
  for (const file of SCHEMA_FILES) {
    for (const [qualified, decl] of declarations) {
      if (decl.file !== file || !ts.isInterfaceDeclaration(decl.node)) continue
      const kind = literalOf(decl.node, 'kind')
      const apiVersion = literalOf(decl.node, 'apiVersion')
      if (!kind || !apiVersion || SKIPPED_KINDS.test(kind)) continue
      kinds.push({ kind, apiVersion, ref: require(qualified) })
    }
  }
  kinds.sort((a, b) => a.kind.localeCompare(b.kind))
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    // kubernetes-types' newest release describes the v1.30 API; the fields students use are the same in v1.33.
    title: 'Kubernetes object',
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(kinds.map((k) => k.apiVersion))].sort() },
      kind: { type: 'string', enum: kinds.map((k) => k.kind) },
    },
    allOf: kinds.map(({ kind, apiVersion, ref }) => ({
      if: { required: ['kind', 'apiVersion'], properties: { kind: { const: kind }, apiVersion: { const: apiVersion } } },
      then: ref,
    })),
    definitions,
  }
}

function literalOf(node: ts.InterfaceDeclaration, property: string): string | undefined {
  for (const member of node.members) {
    if (ts.isPropertySignature(member) && member.name.getText() === property && member.type) {
      if (ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)) return member.type.literal.text
    }
  }
  return undefined
}

function docOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc
  const text = docs?.map((d) => (typeof d.comment === 'string' ? d.comment : ts.getTextOfJSDocComment(d.comment))).join('\n')
  return text?.trim() || undefined
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  if (!description) return schema
  // yaml-language-server (vscode-json-languageservice) keeps a $ref's sibling keys when it resolves
  // the reference, so the field's own description wins over the referenced type's on hover.
  return { description, ...schema }
}

function kubernetesTypesRoot(): string {
  const require = createRequire(import.meta.url)
  return dirname(require.resolve('kubernetes-types/package.json'))
}
