/**
 * The three patch formats the apiserver accepts.
 * - JSON merge patch (RFC 7386): objects merge, `null` deletes, lists are replaced.
 * - Strategic merge patch: like merge patch, but lists of known kinds merge by a key
 *   (containers by `name`, ports by `containerPort`, …) as the Go struct tags declare
 *   (`patchMergeKey`). Upstream: k8s.io/apimachinery/pkg/util/strategicpatch.
 * - JSON patch (RFC 6902): a list of operations.
 */

import { deepCopy, deepEqual } from './meta'

type Json = unknown
type JsonObject = Record<string, Json>

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return deepCopy(patch)
  const out: JsonObject = isObject(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v)
  }
  return out
}

/** Merge keys of lists, by field name, as the API types declare them. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  conditions: 'type',
  taints: 'key',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  volumeDevices: 'devicePath',
}

/** Merge keys that depend on the parent: container ports merge by containerPort, service ports by port. */
export function mergeKeyFor(field: string, parentPath: string[]): string | undefined {
  if (field === 'ports') return parentPath.includes('containers') || parentPath.includes('initContainers') ? 'containerPort' : 'port'
  return MERGE_KEYS[field]
}

export function strategicMergePatch(target: Json, patch: Json, path: string[] = []): Json {
  if (!isObject(patch)) return deepCopy(patch)
  const out: JsonObject = isObject(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue
    if (v === null) {
      delete out[k]
      continue
    }
    const key = mergeKeyFor(k, path)
    if (Array.isArray(v) && key && Array.isArray(out[k])) {
      out[k] = mergeList(out[k] as Json[], v, key, [...path, k])
      // `$setElementOrder/<field>`: the order the sender wants the merged list in.
      const order = patch[`$setElementOrder/${k}`]
      if (Array.isArray(order)) {
        const list = out[k] as JsonObject[]
        const rank = (x: JsonObject) => {
          const i = order.findIndex((o) => isObject(o) && o[key] === x[key])
          return i < 0 ? order.length : i
        }
        out[k] = [...list].sort((a, b) => rank(a) - rank(b))
      }
    } else if (k === 'finalizers' && Array.isArray(v) && Array.isArray(out[k])) {
      // Lists of primitives with patchStrategy merge keep the union.
      const merged = [...(out[k] as Json[])]
      for (const x of v) if (!merged.includes(x)) merged.push(x)
      out[k] = merged
    } else {
      out[k] = strategicMergePatch(out[k], v, [...path, k])
    }
  }
  return out
}

function mergeList(base: Json[], patch: Json[], key: string, path: string[]): Json[] {
  const out = base.map((x) => x)
  for (const item of patch) {
    if (!isObject(item)) {
      out.push(item)
      continue
    }
    const idx = out.findIndex((x) => isObject(x) && x[key] === item[key])
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1)
    } else if (idx >= 0) out[idx] = strategicMergePatch(out[idx], item, path)
    else out.push(strategicMergePatch({}, item, path))
  }
  return out
}

/**
 * The smallest strategic merge patch with the effect of patching `current` with `wanted` whole:
 * the fields of `wanted` that differ, items of merged lists by their key with only what differs
 * (and `$setElementOrder/<list>` when a list changes), nothing for fields `wanted` leaves out.
 * Empty when the patch would change nothing. This is what the kubelet sends for a status: upstream
 * computes CreateTwoWayMergePatch(old, mergePodStatus(old, new)) and skips the request when it
 * holds nothing (pkg/util/pod PatchPodStatus, pkg/util/node PatchNodeStatus).
 */
export function changesPatch(current: Json, wanted: JsonObject, path: string[] = []): JsonObject {
  const cur = isObject(current) ? current : {}
  const out: JsonObject = {}
  for (const k in wanted) {
    const v = wanted[k]
    const was = cur[k]
    if (v === undefined || v === was || k.startsWith('$')) continue
    // `null` deletes: a change only where there is something to delete.
    if (v === null) {
      if (was !== undefined) out[k] = null
      continue
    }
    if (isObject(v) && isObject(was)) {
      const sub = changesPatch(was, v, [...path, k])
      for (const _ in sub) {
        out[k] = sub
        break
      }
      continue
    }
    const key = Array.isArray(v) && Array.isArray(was) ? mergeKeyFor(k, path) : undefined
    if (key && (v as Json[]).every(isObject) && (was as Json[]).every(isObject)) {
      const items = listChanges(was as JsonObject[], v as JsonObject[], key, [...path, k])
      if (items) {
        out[k] = items
        out[`$setElementOrder/${k}`] = (v as JsonObject[]).map((x) => ({ [key]: x[key] }))
      }
      continue
    }
    if (!deepEqual(v, was)) out[k] = v
  }
  return out
}

/** The changed and new items of a merged list, or undefined when the merge changes nothing (order included). */
function listChanges(cur: JsonObject[], wanted: JsonObject[], key: string, path: string[]): JsonObject[] | undefined {
  const items: JsonObject[] = []
  for (const item of wanted) {
    const live = cur.find((x) => x[key] === item[key])
    if (!live) items.push(item)
    else if (live !== item) {
      const sub = changesPatch(live, item, path)
      for (const _ in sub) {
        items.push({ [key]: item[key], ...sub })
        break
      }
    }
  }
  if (items.length) return items
  // Same items: the merge still reorders them (the wanted ones first, in their order).
  for (let i = 0; i < wanted.length; i++) if (cur[i]?.[key] !== wanted[i][key]) return items
  return undefined
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  value?: Json
  from?: string
}

function pointer(p: string): string[] {
  if (p === '') return []
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Applies RFC 6902 operations; throws an Error with the upstream-style message on failure. */
export function jsonPatch(target: Json, ops: JsonPatchOp[]): Json {
  let doc = deepCopy(target)
  const get = (parts: string[]): Json => {
    let cur: Json = doc
    for (const p of parts) {
      if (Array.isArray(cur)) cur = cur[Number(p)]
      else if (isObject(cur)) cur = cur[p]
      else return undefined
    }
    return cur
  }
  const parentOf = (parts: string[]): [Json, string] => [get(parts.slice(0, -1)), parts[parts.length - 1]]
  for (const op of ops) {
    const parts = pointer(op.path)
    if (parts.length === 0) {
      if (op.op === 'replace' || op.op === 'add') doc = deepCopy(op.value)
      continue
    }
    const [parent, last] = parentOf(parts)
    switch (op.op) {
      case 'add':
      case 'replace': {
        if (Array.isArray(parent)) {
          const i = last === '-' ? parent.length : Number(last)
          if (op.op === 'add') parent.splice(i, 0, deepCopy(op.value))
          else parent[i] = deepCopy(op.value)
        } else if (isObject(parent)) {
          if (op.op === 'replace' && !(last in parent)) throw new Error(`replace operation does not apply: doc is missing key: ${op.path}: missing value`)
          parent[last] = deepCopy(op.value)
        } else throw new Error(`${op.op} operation does not apply: doc is missing path: "${op.path}": missing value`)
        break
      }
      case 'remove': {
        if (Array.isArray(parent)) parent.splice(Number(last), 1)
        else if (isObject(parent) && last in parent) delete parent[last]
        else throw new Error(`remove operation does not apply: doc is missing path: "${op.path}": missing value`)
        break
      }
      case 'test':
        if (JSON.stringify(get(parts)) !== JSON.stringify(op.value)) throw new Error(`testing value ${op.path} failed: test failed`)
        break
      case 'move':
      case 'copy': {
        const v = deepCopy(get(pointer(op.from ?? '')))
        if (op.op === 'move') doc = jsonPatch(doc, [{ op: 'remove', path: op.from ?? '' }])
        doc = jsonPatch(doc, [{ op: 'add', path: op.path, value: v }])
        break
      }
    }
  }
  return doc
}
