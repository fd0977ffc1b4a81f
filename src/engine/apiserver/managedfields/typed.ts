/**
 * Field sets of objects: what an object sets (`toFieldSet`, the applied configuration's set),
 * what one write changed (`compare`, an Update's set), and the merge of an applied
 * configuration into the live object. Lists follow the API's list types: keyed lists
 * (`x-kubernetes-list-type: map`) by their keys (containers by name, container ports by
 * containerPort and protocol), sets by value, everything else atomic, as are the maps and structs
 * marked atomic (label selectors, node selectors, owner references).
 * Upstream: sigs.k8s.io/structured-merge-diff typed (tofieldset.go, compare.go, merge.go), the
 * `+listType`/`+listMapKey`/`+mapType`/`+structType` markers of k8s.io/api.
 */
import { deepEqual } from '../../api/meta'
import { node, LEAF, type FieldSet } from './fieldset'

type Json = unknown
type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Keyed lists by field name: their key fields, in the order the schema lists them. */
const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  conditions: ['type'],
  addresses: ['type'],
  podIPs: ['ip'],
  hostIPs: ['ip'],
  ownerReferences: ['uid'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
}

/** Key fields with a schema default: a missing one counts with its default in the key. */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' }

/** Maps and structs replaced whole (`+mapType=atomic`, `+structType=atomic`). */
const ATOMIC_MAPS = new Set(['selector', 'nodeSelector', 'fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'roleRef'])

/** Lists whose items are atomic structs (`+structType=atomic` on the item type). */
const ATOMIC_ITEMS = new Set(['ownerReferences'])

type ListType = { keys: string[] } | 'set' | 'atomic'

function listType(path: readonly string[], kind: string): ListType {
  const name = path[path.length - 1]
  if (name === 'finalizers' && path.length === 2 && path[0] === 'metadata') return 'set'
  if (name === 'ports') {
    if (path.length >= 2 && /ontainers$/.test(path[path.length - 2])) return { keys: ['containerPort', 'protocol'] }
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return { keys: ['port', 'protocol'] }
    return 'atomic'
  }
  const keys = LIST_KEYS[name]
  return keys ? { keys } : 'atomic'
}

function isAtomicMap(path: readonly string[]): boolean {
  return path.length > 0 && ATOMIC_MAPS.has(path[path.length - 1])
}

/**
 * `f:replicas`: a field's step. One string per field name, made once: steps are built for every
 * field a write changes, and a string seen before has its hash already.
 */
const fieldSteps = new Map<string, string>()
function fieldStep(name: string): string {
  let step = fieldSteps.get(name)
  if (step === undefined) {
    if (fieldSteps.size >= 50_000) fieldSteps.clear()
    fieldSteps.set(name, (step = `f:${name}`))
  }
  return step
}

const singleKeySteps = new Map<string, Map<string | number, string>>()

/** `k:{"containerPort":80,"protocol":"TCP"}`: an item's step in a keyed list. */
export function itemStep(item: unknown, keys: string[]): string {
  const o = isObj(item) ? item : {}
  // One key (most lists): the step is remembered per key name and value, as field steps are.
  if (keys.length === 1) {
    const v = o[keys[0]]
    if (typeof v === 'string' || typeof v === 'number') {
      let byValue = singleKeySteps.get(keys[0])
      if (!byValue) singleKeySteps.set(keys[0], (byValue = new Map()))
      let step = byValue.get(v)
      if (step === undefined) {
        if (byValue.size >= 10_000) byValue.clear()
        byValue.set(v, (step = `k:{"${keys[0]}":${typeof v === 'number' ? v : JSON.stringify(v)}}`))
      }
      return step
    }
  }
  // The JSON of the key object, written directly (this runs for every item of every write).
  let step = 'k:{'
  for (const k of keys) {
    const v = o[k] ?? KEY_DEFAULTS[k]
    if (v === undefined) continue
    step += `${step.length > 3 ? ',' : ''}"${k}":${typeof v === 'number' ? v : JSON.stringify(v)}`
  }
  return step + '}'
}

function itemsByStep(list: unknown[], keys: string[]): Map<string, unknown> {
  const m = new Map<string, unknown>()
  for (const it of list) m.set(itemStep(it, keys), it)
  return m
}

/**
 * What a value sets: its scalars, nulls, empty maps and lists, atomic values, list items; a
 * map that has fields is not a member itself. `member` makes the value's own path a member too
 * (the items of a list, everything below a path the other object lacks).
 * Upstream: typed.TypedValue.ToFieldSet.
 */
export function toFieldSet(v: Json, path: readonly string[], kind: string, allMembers = false, member = false): FieldSet {
  if (isObj(v)) {
    if (isAtomicMap(path)) return LEAF
    const children: Record<string, FieldSet> = {}
    const at = path as string[]
    for (const k in v) {
      const x = v[k]
      if (x === undefined) continue
      at.push(k)
      children[fieldStep(k)] = toFieldSet(x, at, kind, allMembers, allMembers)
      at.pop()
    }
    return node(member || Object.keys(children).length === 0, children) ?? LEAF
  }
  if (Array.isArray(v) && v.length) {
    const lt = listType(path, kind)
    if (lt === 'atomic') return LEAF
    const children: Record<string, FieldSet> = {}
    if (lt === 'set') for (const x of v) children[`v:${JSON.stringify(x)}`] = LEAF
    else for (const it of v) children[itemStep(it, lt.keys)] = ATOMIC_ITEMS.has(path[path.length - 1]) ? LEAF : toFieldSet(it, path, kind, allMembers, true)
    return node(member, children) ?? LEAF
  }
  return LEAF
}

/** What one write changed: paths added or modified, and paths removed (whole subtrees). */
export interface Comparison {
  changed?: FieldSet
  removed?: FieldSet
}

/**
 * The paths `after` adds or modifies and the paths it removes, against `before`. A path that is
 * new counts with everything below it, itself included (an Update then owns the new map or list
 * item as a whole, `.`). Upstream: typed.TypedValue.Compare.
 */
export function compare(before: Json, after: Json, path: readonly string[], kind: string): Comparison {
  if (before === after) return SAME
  if (isObj(after) && isObj(before) && !isAtomicMap(path)) {
    // Most of a write is unchanged: the records exist only once something differs.
    let changed: Record<string, FieldSet> | undefined
    let removed: Record<string, FieldSet> | undefined
    // `path` is one stack for the whole walk (pushed and popped): a write compares whole objects.
    const at = path as string[]
    for (const k in after) {
      const x = after[k]
      if (x === undefined) continue
      const b = before[k]
      if (b === x) continue
      // Two different scalars (most of what a write changes): the field is changed, a leaf.
      if (typeof x !== 'object' && b !== undefined && typeof b !== 'object') {
        ;(changed ??= {})[fieldStep(k)] = LEAF
        continue
      }
      at.push(k)
      if (b === undefined) (changed ??= {})[fieldStep(k)] = toFieldSet(x, at, kind, true, true)
      else {
        const c = compare(b, x, at, kind)
        if (c.changed) (changed ??= {})[fieldStep(k)] = c.changed
        if (c.removed) (removed ??= {})[fieldStep(k)] = c.removed
      }
      at.pop()
    }
    for (const k in before) if (before[k] !== undefined && after[k] === undefined) (removed ??= {})[fieldStep(k)] = LEAF
    if (!changed && !removed) return SAME
    return { changed: changed && node(false, changed), removed: removed && node(false, removed) }
  }
  // A list that was null (Go's nil slice) is compared item by item, as an empty one.
  if (before === null && Array.isArray(after)) before = []
  if (Array.isArray(after) && Array.isArray(before) && after.length) {
    const lt = listType(path, kind)
    if (lt !== 'atomic') {
      const changed: Record<string, FieldSet> = {}
      const removed: Record<string, FieldSet> = {}
      if (lt === 'set') {
        const had = new Set(before.map((x) => JSON.stringify(x)))
        const has = new Set(after.map((x) => JSON.stringify(x)))
        for (const x of has) if (!had.has(x)) changed[`v:${x}`] = LEAF
        for (const x of had) if (!has.has(x)) removed[`v:${x}`] = LEAF
      } else {
        // Items that are the very same object at the same position are unchanged and stay: only
        // the others need their keys (a write shares what it did not change with the stored object).
        const old = new Map<string, unknown>()
        for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) old.set(itemStep(before[i], lt.keys), before[i])
        const atomicItems = ATOMIC_ITEMS.has(path[path.length - 1])
        for (let i = 0; i < after.length; i++) {
          const it = after[i]
          if (it === before[i]) continue
          const step = itemStep(it, lt.keys)
          if (!old.has(step)) changed[step] = atomicItems ? LEAF : toFieldSet(it, path, kind, true, true)
          else if (atomicItems) {
            if (!deepEqual(old.get(step), it)) changed[step] = LEAF
          } else {
            const c = compare(old.get(step), it, path, kind)
            if (c.changed) changed[step] = c.changed
            if (c.removed) removed[step] = c.removed
          }
          old.delete(step)
        }
        for (const step of old.keys()) removed[step] = LEAF
      }
      return { changed: node(false, changed), removed: node(false, removed) }
    }
  }
  return deepEqual(before, after) ? SAME : CHANGED
}

const SAME: Comparison = Object.freeze({})
const CHANGED: Comparison = Object.freeze({ changed: LEAF })

/**
 * The live object with the applied configuration merged in: maps field by field, keyed lists
 * item by item (live items the configuration leaves out stay), atomic values replaced.
 * Upstream: typed.TypedValue.Merge.
 */
export function mergeApplied(live: Json, applied: Json, path: readonly string[], kind: string): Json {
  if (isObj(applied) && isObj(live) && !isAtomicMap(path)) {
    const out: Obj = { ...live }
    for (const [k, x] of Object.entries(applied)) if (x !== undefined) out[k] = mergeApplied(live[k], x, [...path, k], kind)
    return out
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const lt = listType(path, kind)
    if (lt === 'set') return [...live, ...applied.filter((x) => !live.some((y) => deepEqual(x, y)))]
    if (lt !== 'atomic' && !ATOMIC_ITEMS.has(path[path.length - 1])) {
      const mine = itemsByStep(applied, lt.keys)
      const out = live.map((it) => {
        const step = itemStep(it, lt.keys)
        const a = mine.get(step)
        if (a === undefined) return it
        mine.delete(step)
        return mergeApplied(it, a, path, kind)
      })
      return [...out, ...mine.values()]
    }
  }
  return applied
}

/**
 * The object without the member paths of `gone` (fields an applier stopped applying that no
 * one else manages). Upstream: merge.Updater.prune.
 */
export function removePaths(v: Json, gone: FieldSet | undefined, path: readonly string[], kind: string): Json {
  if (!gone) return v
  if (isObj(v)) {
    const out: Obj = { ...v }
    for (const step of Object.keys(gone)) {
      if (!step.startsWith('f:')) continue
      const k = step.slice(2)
      if (!(k in out)) continue
      const g = gone[step]
      if (Object.keys(g).length === 0 || '.' in g) delete out[k]
      else {
        const left = removePaths(out[k], g, [...path, k], kind)
        // What is left empty is gone once the object is stored (`omitempty` lists, labels, annotations).
        if ((Array.isArray(left) && left.length === 0) || ((k === 'labels' || k === 'annotations') && isObj(left) && Object.keys(left).length === 0)) delete out[k]
        else out[k] = left
      }
    }
    return out
  }
  if (Array.isArray(v)) {
    const lt = listType(path, kind)
    if (lt === 'atomic') return v
    return v
      .filter((it) => {
        const g = gone[lt === 'set' ? `v:${JSON.stringify(it)}` : itemStep(it, lt.keys)]
        return !(g && (Object.keys(g).length === 0 || '.' in g))
      })
      .map((it) => {
        if (lt === 'set') return it
        const g = gone[itemStep(it, lt.keys)]
        return g ? removePaths(it, g, path, kind) : it
      })
  }
  return v
}

/** The value at a path of steps, for comparing what an applier sets with what is live. */
export function valueAt(v: Json, steps: readonly string[], path: readonly string[], kind: string): Json {
  let cur: Json = v
  const fieldPath = [...path]
  for (const step of steps) {
    if (cur === undefined || cur === null) return undefined
    if (step.startsWith('f:')) {
      if (!isObj(cur)) return undefined
      const k = step.slice(2)
      cur = cur[k]
      fieldPath.push(k)
    } else if (Array.isArray(cur)) {
      const lt = listType(fieldPath, kind)
      cur = lt === 'set' ? cur.find((x) => `v:${JSON.stringify(x)}` === step) : lt === 'atomic' ? undefined : cur.find((it) => itemStep(it, lt.keys) === step)
    } else return undefined
  }
  return cur
}
