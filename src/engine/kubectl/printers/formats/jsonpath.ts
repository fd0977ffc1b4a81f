/**
 * kubectl's JSONPath evaluator (`-o jsonpath=…`, custom-columns), over plain JSON values.
 *
 * Upstream: k8s.io/client-go/util/jsonpath/jsonpath.go (FindResults with range/end, evalArray,
 * evalFilter, PrintResults: maps and lists as compact JSON, scalars as fmt.Fprint) and
 * client-go/third_party/forked/golang/template (the filter comparisons).
 * Go iterates map keys in random order for `*` and `..`; here they are sorted, so output is stable.
 */
import { goJSON } from './json'
import { goNumber } from './yamlscalar'
import { parseJSONPath, type JPList, type JPNode } from './jsonpath-parse'
import { utf8 } from '../../../api/utf8'

export { JSONPathParseError } from './jsonpath-parse'

/** A template evaluation failure; the message is upstream's. */
export class JSONPathEvalError extends Error {}

type Value = unknown
/** A found value; `missing` marks Go's invalid reflect.Value is never stored. */
type Results = Value[]

const isMap = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Go's %v type name of a JSON value, as in `map[string]interface {} is not array or slice`. */
function goTypeName(v: Value): string {
  if (isMap(v)) return 'map[string]interface {}'
  if (Array.isArray(v)) return '[]interface {}'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64'
  return 'interface {}'
}

type Kind = 'bool' | 'int' | 'float' | 'string'
function basicKind(v: Value): Kind {
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float'
  throw new JSONPathEvalError('invalid type for comparison')
}

function compare(op: string, left: Value, right: Value, literalFloat: boolean): boolean {
  const k1 = basicKind(left)
  let k2 = basicKind(right)
  if (literalFloat && k2 === 'int') k2 = 'float'
  if (op === '==' || op === '!=') {
    if (k1 !== k2) throw new JSONPathEvalError('incompatible types for comparison')
    return (left === right) === (op === '==')
  }
  if (k1 !== k2) throw new JSONPathEvalError('incompatible types for comparison')
  if (k1 === 'bool') throw new JSONPathEvalError('invalid type for comparison')
  const l = left as number | string
  const r = right as number | string
  switch (op) {
    case '<':
      return l < r
    case '>':
      return l > r
    case '<=':
      return l <= r
    case '>=':
      return l >= r
  }
  throw new JSONPathEvalError(`unrecognized filter operator ${op}`)
}

class Evaluator {
  private beginRange = 0
  private inRange = 0
  private endRange = 0
  private lastEndNode: JPNode | undefined
  constructor(private readonly root: JPList, private readonly allowMissingKeys: boolean) {}

  findResults(data: Value, nodes: JPNode[] = this.root.nodes): Results[] {
    const cur: Results = [data]
    const full: Results[] = []
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i])
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--
        this.lastEndNode = nodes[i]
        break
      }
      if (this.beginRange > 0) {
        this.beginRange--
        this.inRange++
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, nodes.slice(i + 1)))
        } else {
          this.findResults(null, nodes.slice(i + 1))
        }
        this.inRange--
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k
            break
          }
        }
        continue
      }
      full.push(results)
    }
    return full
  }

  private walk(input: Results, node: JPNode): Results {
    switch (node.type) {
      case 'list':
        return node.nodes.reduce<Results>((cur, n) => this.walk(cur, n), input)
      case 'text':
        return [node.text]
      case 'field':
        return this.evalField(input, node.name)
      case 'array':
        return this.evalArray(input, node.params)
      case 'filter':
        return this.evalFilter(input, node)
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value)
      case 'wildcard':
        return input.flatMap((v) => children(v))
      case 'recursive':
        return this.evalRecursive(input)
      case 'union':
        return node.nodes.flatMap((list) => this.walk(input, list))
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++
          return input
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++
            return []
          }
          throw new JSONPathEvalError('not in range, nothing to end')
        }
        throw new JSONPathEvalError(`unrecognized identifier ${node.name}`)
    }
  }

  private evalField(input: Results, name: string): Results {
    const results: Results = []
    if (input.length === 0) return results
    for (const v of input) {
      if (v === null || v === undefined) continue
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name])
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JSONPathEvalError(`${name} is not found`)
    return results
  }

  private evalArray(input: Results, p: [{ value: number; known: boolean; derived: boolean }, { value: number; known: boolean; derived: boolean }, { value: number; known: boolean; derived: boolean }]): Results {
    const result: Results = []
    for (const v of input) {
      if (v === null || v === undefined) continue
      if (!Array.isArray(v)) throw new JSONPathEvalError(`${goTypeName(v)} is not array or slice`)
      const len = v.length
      let start = p[0].known ? p[0].value : 0
      if (start < 0) start += len
      let end = p[1].known ? p[1].value : len
      if (end < 0 || (end === 0 && p[1].derived)) end += len
      if (end === start) return result
      if (start >= len || start < 0) throw new JSONPathEvalError(`array index out of bounds: index ${start}, length ${len}`)
      if (end > len || end < 0) throw new JSONPathEvalError(`array index out of bounds: index ${end - 1}, length ${len}`)
      if (start > end) throw new JSONPathEvalError(`starting index ${start} is greater than ending index ${end}`)
      let step = 1
      if (p[2].known) {
        if (p[2].value <= 0) throw new JSONPathEvalError('step must be > 0')
        step = p[2].value
      }
      const slice = v.slice(start, end)
      for (let i = 0; i < slice.length; i += step) result.push(slice[i])
    }
    return result
  }

  private evalRecursive(input: Results): Results {
    const result: Results = []
    for (const v of input) {
      if (v === null || v === undefined) continue
      const kids = children(v)
      if (kids.length !== 0) {
        result.push(v)
        result.push(...this.evalRecursive(kids))
      }
    }
    return result
  }

  private evalFilter(input: Results, node: Extract<JPNode, { type: 'filter' }>): Results {
    const results: Results = []
    for (const v of input) {
      if (!Array.isArray(v)) throw new JSONPathEvalError(`${goValueText(v)} is not array or slice and cannot be filtered`)
      for (const item of v) {
        let lefts: Results
        try {
          lefts = this.walk([item], node.left)
        } catch (e) {
          if (node.operator === 'exists') continue
          throw e
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item)
          continue
        }
        // an item without the field is skipped; several values cannot be compared
        if (lefts.length === 0) continue
        if (lefts.length > 1) throw new JSONPathEvalError('can only compare one element at a time')
        const rights = this.walk([item], node.right)
        if (rights.length === 0) continue
        if (rights.length > 1) throw new JSONPathEvalError('can only compare one element at a time')
        const rightNode = node.right.nodes[node.right.nodes.length - 1]
        if (compare(node.operator, lefts[0], rights[0], rightNode?.type === 'float')) results.push(item)
      }
    }
    return results
  }
}

/** The members `*` and `..` visit: map values (keys sorted), list items, string bytes. */
function children(v: Value): Results {
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k])
  if (Array.isArray(v)) return [...v]
  if (typeof v === 'string') return utf8(v)
  return []
}


/** fmt.Fprint of a scalar as evalToText prints it. */
function goValueText(v: Value): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goNumber(v)
  if (isMap(v) || Array.isArray(v)) return goJSON(v)
  return String(v)
}

/** PrintResults: maps and lists as compact JSON, scalars as text, space-separated. */
function printResults(results: Results, asJSON: boolean): string {
  if (asJSON) return goJSON(results, '    ') + '\n'
  return results.map((r) => (isMap(r) || Array.isArray(r) ? goJSON(r) : goValueText(r))).join(' ')
}

/** Options of the JSONPath printer. */
export interface JSONPathOptions {
  /** `--allow-missing-template-keys` (default true): missing fields print nothing. */
  allowMissingKeys?: boolean
  /** `-o jsonpath-as-json`: each result set as an indented JSON array. */
  asJSON?: boolean
}

/**
 * Executes a template against a JSON value, as `kubectl get -o jsonpath=TEMPLATE` prints it.
 * Throws JSONPathParseError or JSONPathEvalError with upstream's messages.
 * @example executeJSONPath('{.metadata.name}', pod) // 'nginx'
 */
export function executeJSONPath(template: string, data: unknown, options: JSONPathOptions = {}): string {
  const root = parseJSONPath(template)
  const json = JSON.parse(JSON.stringify(data ?? null)) as Value
  const ev = new Evaluator(root, options.allowMissingKeys ?? true)
  return ev.findResults(json).map((r) => printResults(r, options.asJSON ?? false)).join('')
}

/** Evaluates one parsed template and returns the raw result sets (custom-columns uses this). */
export function findJSONPathResults(template: string, data: unknown, allowMissingKeys = true): unknown[][] {
  const ev = new Evaluator(parseJSONPath(template), allowMissingKeys)
  return ev.findResults(data)
}
