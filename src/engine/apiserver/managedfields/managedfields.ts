/**
 * Field management (server-side apply): `metadata.managedFields` records, per manager and
 * operation, the fields it set. Every write updates it: an Update (POST, PUT, PATCH) gives its
 * manager the fields it changed and takes them from everyone else; an Apply (PATCH
 * `application/apply-patch+yaml`) makes the applied configuration the manager's whole set,
 * removes the fields it applied before and applies no more (unless someone else manages them),
 * and fails with 409 Conflict when it would change a field another manager owns, unless forced.
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/managedfields (internal/structuredmerge.go,
 * internal/managedfields.go, internal/conflict.go, internal/stripmeta.go),
 * sigs.k8s.io/structured-merge-diff merge/update.go.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1'
import type { KObject } from '../../api/meta'
import type { ComponentId } from '../../trace/hop'
import { intersect, intern, minus, node, pathString, paths, setId, union, without, type FieldSet } from './fieldset'
import { compare, mergeApplied, removePaths, toFieldSet, valueAt, type Comparison } from './typed'
import { deepEqual } from '../../api/meta'

/** One write as field management sees it. */
export interface FieldWrite {
  manager: string
  /** `status` or `scale` for writes through those subresources. */
  subresource?: string
  /** The object's apiVersion (`apps/v1`). */
  apiVersion: string
  kind: string
  /** RFC 3339 time of the write. */
  time: string
  /** Whether the resource has a status the main resource's writes reset (status subresource). */
  hasStatus: boolean
}

/** Metadata fields no manager owns (the server sets them). Upstream: internal/stripmeta.go. */
const STRIPPED_META = new Set(['name', 'namespace', 'uid', 'creationTimestamp', 'resourceVersion', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'])

/**
 * The manager a component's requests are recorded under when they name none: the prefix of its
 * User-Agent, as kube-apiserver takes it (`kube-controller-manager/v1.33.1 …`).
 */
export function defaultManager(from: ComponentId): string {
  if (from === 'kubectl') return 'kubectl'
  if (from === 'scheduler') return 'kube-scheduler'
  if (from === 'controller-manager' || from.startsWith('controller-manager/')) return 'kube-controller-manager'
  if (from.startsWith('kubelet/')) return 'kubelet'
  if (from.startsWith('kube-proxy/')) return 'kube-proxy'
  if (from === 'apiserver') return 'kube-apiserver'
  return from
}

/** `kube-controller-manager/v1.33.1 (linux/amd64) …` → `kube-controller-manager`. Upstream: prefixFromUserAgent. */
export function managerFromUserAgent(userAgent: string | undefined): string | undefined {
  return userAgent ? userAgent.split('/')[0] : undefined
}

/** The part of an object field management looks at: without server-set metadata, apiVersion and kind. */
function managedPart(o: KObject, w: FieldWrite): Record<string, unknown> {
  const obj = o as Record<string, unknown>
  // Writes to the main resource do not change status, and status writes change only status.
  if (w.subresource === 'status') return { status: obj.status }
  // Copied key by key (no `delete`, no rest spread): this runs twice on every write.
  let meta: Record<string, unknown> | undefined
  const m = obj.metadata as Record<string, unknown> | undefined
  for (const k in m) {
    if (m[k] === undefined || STRIPPED_META.has(k)) continue
    ;(meta ??= {})[k] = m[k]
  }
  // Metadata with nothing but those fields is not in the set at all (`f:metadata` is a struct, never a leaf).
  const out: Record<string, unknown> = meta ? { metadata: meta } : {}
  for (const k in obj) {
    if (k === 'metadata' || unmanaged(k, w)) continue
    out[k] = obj[k]
  }
  return out
}

/** A top-level field no manager owns: apiVersion, kind, and status for writes to the main resource. */
function unmanaged(k: string, w: FieldWrite): boolean {
  return k === 'apiVersion' || k === 'kind' || (k === 'status' && w.hasStatus)
}

/**
 * What Go's empty object of a kind serializes to: value structs are present even when empty, so
 * a create does not own them as a whole (`f:spec` has no `.`, `f:strategy` neither).
 */
function emptyObject(kind: string): Record<string, unknown> {
  // A nil slice or time is `null` in Go's JSON: containers and creationTimestamp are there, empty.
  const template = { metadata: { creationTimestamp: null }, spec: { containers: null } }
  switch (kind) {
    case 'Deployment':
      return { metadata: {}, spec: { template, strategy: {} } }
    case 'StatefulSet':
    case 'DaemonSet':
      return { metadata: {}, spec: { template, updateStrategy: {} } }
    case 'ReplicaSet':
    case 'Job':
      return { metadata: {}, spec: { template } }
    case 'CronJob':
      return { metadata: {}, spec: { jobTemplate: { metadata: {}, spec: { template } } } }
    case 'Pod':
      return { metadata: {}, spec: { containers: null } }
    case 'Service':
    case 'Node':
    case 'Namespace':
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
    case 'ResourceQuota':
      return { metadata: {}, spec: {} }
    default:
      return { metadata: {} }
  }
}

/** Whether `e` is the writer's Update entry (`identity` equal to its, without building the strings). */
function isWritersUpdate(e: ManagedFieldsEntry, w: FieldWrite): boolean {
  return e.operation === 'Update' && e.manager === w.manager && e.apiVersion === w.apiVersion && (e.subresource ?? '') === (w.subresource ?? '')
}

function identity(e: ManagedFieldsEntry): string {
  return `${e.manager}\u0000${e.operation}\u0000${e.operation === 'Apply' ? '' : e.apiVersion}\u0000${e.subresource ?? ''}`
}

/**
 * Entries in the order kube-apiserver keeps them: Apply first, then by time (to the second),
 * manager, apiVersion, subresource. Times are RFC 3339 in UTC, so their first 19 characters
 * compare as the seconds do. An object has a few entries: sorted in place by insertion
 * (Array.prototype.sort copies the array first, on every write).
 */
function sortEntries(es: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  for (let i = 1; i < es.length; i++) {
    const e = es[i]
    let j = i
    for (; j > 0 && byEntryOrder(es[j - 1], e) > 0; j--) es[j] = es[j - 1]
    es[j] = e
  }
  return es
}

function byEntryOrder(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return cmp(p.operation, q.operation) || cmpSeconds(p.time, q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource)
}

/** Two RFC 3339 times by their seconds (the first 19 characters), without cutting them. */
function cmpSeconds(a = '', b = ''): number {
  if (a === b) return 0
  for (let i = 0; i < 19; i++) {
    const d = (a.charCodeAt(i) || 0) - (b.charCodeAt(i) || 0)
    if (d) return d
  }
  return 0
}

function cmp(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0
}

// Entries and whole managedFields lists are shared too: the pods a controller creates in one
// second, and the events of one second, carry the very same list. An entry's time is part of
// its identity, so the tables only keep the current second's. Both are found by object identity
// (field sets are canonical): no key strings.
let entries = new Map<FieldSet, ManagedFieldsEntry[]>()
/**
 * Whether an entry can be shared as it is: the entries made here are frozen, and nothing else
 * freezes one (request bodies are parsed fresh; in-process copies keep frozen data as it is).
 */
const immutable = (e: ManagedFieldsEntry): boolean => Object.isFrozen(e)
interface ListNode {
  /** The first list going on from here (its next entry and node), inline; the others in a Map. */
  entry: ManagedFieldsEntry | undefined
  next: ListNode | undefined
  more: Map<ManagedFieldsEntry, ListNode> | undefined
  list: ManagedFieldsEntry[] | undefined
}
const listNode = (): ListNode => ({ entry: undefined, next: undefined, more: undefined, list: undefined })
let lists = listNode()
let tablesTime = ''
let tableSize = 0

function startSecond(time: string): void {
  tablesTime = time
  entries = new Map()
  lists = listNode()
  tableSize = 0
}

function entry(w: FieldWrite, operation: 'Apply' | 'Update', fields: FieldSet): ManagedFieldsEntry {
  return makeEntry(w.manager, operation, w.apiVersion, w.subresource, w.time, fields)
}

/** An entry with fewer fields (another manager took some). */
function narrowed(e: ManagedFieldsEntry, fields: FieldSet): ManagedFieldsEntry {
  return makeEntry(e.manager ?? '', e.operation === 'Apply' ? 'Apply' : 'Update', e.apiVersion ?? '', e.subresource, e.time ?? '', fields)
}

function makeEntry(manager: string, operation: 'Apply' | 'Update', apiVersion: string, subresource: string | undefined, time: string, computed: FieldSet): ManagedFieldsEntry {
  // Stored sets are shared (fieldset.ts): 10,000 pods of one template carry one set.
  const fields = intern(computed)
  if (time !== tablesTime || tableSize > 10_000) startSecond(time)
  let same = entries.get(fields)
  if (same) {
    for (const e of same) if (e.manager === manager && e.operation === operation && e.apiVersion === apiVersion && e.subresource === subresource) return e
  } else entries.set(fields, (same = []))
  const e: ManagedFieldsEntry = { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields }
  if (subresource) e.subresource = subresource
  Object.freeze(e)
  same.push(e)
  tableSize++
  return e
}

/** The shared, frozen list of these entries (a list with a mutable entry stays unshared). */
function list(es: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  let n = lists
  for (const e of es) {
    if (!immutable(e)) return es
    let next = n.entry === e ? n.next : n.more?.get(e)
    if (!next) {
      next = listNode()
      if (n.entry === undefined) {
        n.entry = e
        n.next = next
      } else (n.more ??= new Map()).set(e, next)
      tableSize++
    }
    n = next
  }
  return (n.list ??= Object.freeze(es) as ManagedFieldsEntry[])
}

/**
 * The managed fields after an Update from `before` (undefined for a create) to `after`: the
 * writer's entry gains what changed; every entry loses what changed (others) or was removed.
 * Returns the old array itself when nothing changed.
 */
export function updateManagedFields(before: KObject | undefined, after: KObject, w: FieldWrite): ManagedFieldsEntry[] | undefined {
  let old = before?.metadata?.managedFields
  // A request that changes managedFields itself (kubectl's client-side to server-side apply
  // upgrade sends a JSON patch of them) replaces the live entries; one without them keeps them.
  // Upstream: internal/fieldmanager.go decodeLiveOrNew.
  const given = after.metadata?.managedFields
  if (given !== undefined && given !== old && wellFormed(given) && !deepEqual(given, old)) old = given
  const c = before || old?.length ? compare(before ? managedPart(before, w) : emptyObject(w.kind), managedPart(after, w), [], w.kind) : created(after, w)
  if (!c.changed && !c.removed) return old
  const out: ManagedFieldsEntry[] = []
  let mine: FieldSet | undefined
  for (const e of old ?? []) {
    const set = intern(e.fieldsV1 as FieldSet)
    if (isWritersUpdate(e, w)) {
      mine = set
      continue
    }
    const left = without(minus(set, c.changed), c.removed)
    if (left === set) out.push(e)
    else if (left) out.push(narrowed(e, left))
  }
  const own = without(union(mine, c.changed), c.removed)
  if (own) out.push(entry(w, 'Update', own))
  return list(sortEntries(out))
}

/**
 * What a create sets. It depends only on the body's shape (which fields, which list items), and
 * components create many objects of one shape (a controller's pods, the kubelets' events): the
 * sets of the shapes seen are remembered in a trie.
 *
 * The trie is walked along the body instead of building a key string: one step per field name,
 * scalar or list item. Most nodes have one child, kept inline and compared with `===` (field
 * names are V8's internalized strings: a pointer comparison); the others go in a Map. Its edges
 * are the tokens of the body as a self-delimiting sequence: `{` field-name value … `}`, `[` item
 * … `]`, null, and a scalar as nothing after its field name (its value does not matter) except
 * inside lists, where values matter (set items, merge keys) and stand as themselves. Two bodies reach one trie node only if they have the same fields, the same list
 * contents and the same manager, kind and subresource, so they have the same set.
 */
interface ShapeNode {
  /** The first child and the token leading to it. */
  token: unknown
  next: ShapeNode | undefined
  /** The other children. */
  more: Map<unknown, ShapeNode> | undefined
  /** The set of the bodies whose walk ends here. */
  created: Comparison | undefined
}
const OPEN = Symbol('{')
const CLOSE = Symbol('}')
const LIST = Symbol('[')
const END_LIST = Symbol(']')
const NULL = Symbol('null')
const SCALAR = Symbol('.')
const shapeNode = (): ShapeNode => ({ token: undefined, next: undefined, more: undefined, created: undefined })
let shapes = shapeNode()
let shapeNodes = 0
/** Trie nodes kept at most (a cluster's bootstrap objects alone take a few thousand). */
const MAX_SHAPE_NODES = 20_000

function created(after: KObject, w: FieldWrite): Comparison {
  if (shapeNodes >= MAX_SHAPE_NODES) {
    shapes = shapeNode()
    shapeNodes = 0
  }
  const root = step(step(step(shapes, w.manager), w.kind), w.subresource ?? '')
  // The walk skips what managedPart leaves out instead of copying the object first.
  const at = w.subresource === 'status' ? walkShape(root, managedPart(after, w), false) : walkManaged(root, after, w)
  if (at.created) return at.created
  const c = compare(emptyObject(w.kind), managedPart(after, w), [], w.kind)
  return (at.created = c.changed ? { changed: intern(c.changed) } : c)
}

function step(n: ShapeNode, token: unknown): ShapeNode {
  if (n.next !== undefined) {
    if (n.token === token) return n.next
    const other = n.more?.get(token)
    if (other) return other
  }
  const child = shapeNode()
  if (n.next === undefined) {
    n.token = token
    n.next = child
  } else (n.more ??= new Map()).set(token, child)
  shapeNodes++
  return child
}

/** walkShape over managedPart(o, w) (a write to the main resource) without building it. */
function walkManaged(n: ShapeNode, o: KObject, w: FieldWrite): ShapeNode {
  const obj = o as Record<string, unknown>
  n = step(n, OPEN)
  for (const k in obj) {
    const x = obj[k]
    if (x === undefined || unmanaged(k, w)) continue
    n = step(n, k)
    if (k !== 'metadata' || typeof x !== 'object' || x === null) {
      if (typeof x === 'object') n = walkShape(n, x, false)
      continue
    }
    n = step(n, OPEN)
    const m = x as Record<string, unknown>
    for (const mk in m) {
      const mx = m[mk]
      if (mx === undefined || STRIPPED_META.has(mk)) continue
      n = step(n, mk)
      if (typeof mx === 'object') n = walkShape(n, mx, false)
    }
    n = step(n, CLOSE)
  }
  return step(n, CLOSE)
}

/** The trie node below `n` for value `v` (`inList`: a list item or inside one, as JSON has it). */
function walkShape(n: ShapeNode, v: unknown, inList: boolean): ShapeNode {
  // JSON writes an undefined list item as null.
  if (v === null || v === undefined) return step(n, NULL)
  if (typeof v !== 'object') return step(n, inList ? v : SCALAR)
  if (Array.isArray(v)) {
    n = step(n, LIST)
    for (const x of v) n = walkShape(n, x, true)
    return step(n, END_LIST)
  }
  n = step(n, OPEN)
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k]
    if (x === undefined) continue
    n = step(n, k)
    // Outside lists a scalar's value does not matter and the field name says it is there: no
    // token (anything else starts with one of its own).
    if (inList || typeof x === 'object') n = walkShape(n, x, inList)
  }
  return step(n, CLOSE)
}

/** Whether entries from a request can be taken as they are (otherwise the live ones stay). */
function wellFormed(es: unknown): es is ManagedFieldsEntry[] {
  return Array.isArray(es) && es.every((e) => typeof e === 'object' && e !== null && typeof e.manager === 'string' && (e.operation === 'Apply' || e.operation === 'Update') && typeof e.fieldsV1 === 'object' && e.fieldsV1 !== null && !Array.isArray(e.fieldsV1))
}

/** A 409 from apply: the conflicting paths and their managers. */
export interface ApplyConflict {
  message: string
  causes: { reason: 'FieldManagerConflict'; message: string; field: string }[]
}

/** `"kubectl-scale" with subresource "scale" using apps/v1`. Upstream: internal/conflict.go printManager. */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager)
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`
  return s
}

/** The conflict message. Upstream: internal/conflict.go getConflictMessage. */
function conflictError(conflicts: { manager: string; path: string }[]): ApplyConflict {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict' as const, message: `conflict with ${c.manager}`, field: c.path }))
  if (conflicts.length === 1) return { message: `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${conflicts[0].path}`, causes }
  const by = new Map<string, string[]>()
  for (const c of conflicts) by.set(c.manager, [...(by.get(c.manager) ?? []), c.path])
  const lines: string[] = []
  for (const m of [...by.keys()].sort()) lines.push(`conflicts with ${m}:`, ...by.get(m)!.map((p) => `- ${p}`))
  return { message: `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, causes }
}

/**
 * Server-side apply of `applied` (the manager's whole configuration) to `live` (undefined:
 * the object does not exist yet). Returns the object to store (before defaulting) with its
 * managed fields, or the conflicts. Upstream: internal/structuredmerge.go Apply,
 * merge/update.go Updater.Apply.
 */
export function apply(live: KObject | undefined, applied: KObject, w: FieldWrite, force: boolean): { object: KObject } | { conflict: ApplyConflict } {
  const mine = toFieldSet(managedPart(applied, w), [], w.kind)
  const me: ManagedFieldsEntry = { manager: w.manager, operation: 'Apply', apiVersion: w.apiVersion, ...(w.subresource ? { subresource: w.subresource } : {}) }
  const id = identity(me)
  const entries = live?.metadata?.managedFields ?? []
  const previous = entries.find((e) => identity(e) === id)
  const prevSet = previous ? intern(previous.fieldsV1 as FieldSet) : undefined
  // The merged object: the configuration over the live object.
  const base = live ?? ({ apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} } as KObject)
  let merged = mergeApplied(base, { ...applied, metadata: { ...applied.metadata } }, [], w.kind) as KObject
  // Conflicts: fields the configuration would change that another manager owns.
  const others = entries.filter((e) => identity(e) !== id)
  const conflicts: { manager: string; path: string; entry: ManagedFieldsEntry; steps: string[] }[] = []
  for (const e of others) {
    const shared = intersect(intern(e.fieldsV1 as FieldSet), mine)
    for (const steps of paths(shared)) {
      // Members with members below (a list item, `.`) conflict through those.
      if (!isLeafAt(mine, steps)) continue
      const a = valueAt(managedPart(applied, w), steps, [], w.kind)
      const l = valueAt(live ? managedPart(live, w) : {}, steps, [], w.kind)
      if (!deepEqual(a, l)) conflicts.push({ manager: printManager(e), path: pathString(steps), entry: e, steps })
    }
  }
  if (conflicts.length && !force) return { conflict: conflictError(conflicts) }
  // Fields this manager applied before and applies no more go, unless someone else manages them.
  const othersSet = others.reduce<FieldSet | undefined>((acc, e) => union(acc, intern(e.fieldsV1 as FieldSet)), undefined)
  const dropped = minus(minus(prevSet, mine), othersSet)
  if (dropped) merged = removePaths(merged, dropped, [], w.kind) as KObject
  // Forced: the others lose what this manager took.
  const taken = conflicts.length ? conflicts.reduce<FieldSet | undefined>((acc, c) => union(acc, pathSet(c.steps)), undefined) : undefined
  const out: ManagedFieldsEntry[] = []
  for (const e of others) {
    const set = intern(e.fieldsV1 as FieldSet)
    const left = minus(set, taken)
    if (left === set) out.push(e)
    else if (left) out.push(narrowed(e, left))
  }
  // A re-apply that changes nothing keeps the entry (and its time) as it was.
  const unchangedObject = live && deepEqual(managedPart(merged, w), managedPart(live, w))
  if (previous && prevSet && setId(prevSet) === setId(mine) && unchangedObject) out.push(previous)
  else out.push(entry(w, 'Apply', mine))
  return { object: { ...merged, metadata: { ...merged.metadata, managedFields: list(sortEntries(out)) } } }
}

/** Whether the path is a member of the set with nothing below it (a value compared whole). */
function isLeafAt(s: FieldSet, steps: string[]): boolean {
  let n: FieldSet | undefined = s
  for (const step of steps) n = n?.[step]
  return n !== undefined && Object.keys(n).length === 0
}

/** The set holding one path. */
function pathSet(steps: string[]): FieldSet | undefined {
  let n = node(true, {})
  for (let i = steps.length - 1; i >= 0; i--) n = node(false, { [steps[i]]: n! })
  return n
}

