/**
 * Field sets in the FieldsV1 format of `metadata.managedFields[].fieldsV1`: a tree whose keys
 * name one step of a path each (`f:<field>`, `k:<merge key JSON>` for an item of a keyed list,
 * `v:<value JSON>` for an item of a set), and `.` marks a node that is itself a member of the set
 * while it has members below it. A member without members below is `{}`.
 *
 * Sets are immutable and hash-consed (`intern`): equal subtrees are one object, so the sets of
 * 10,000 pods made from one template share almost everything.
 * Upstream: sigs.k8s.io/structured-merge-diff fieldpath (Set, PathElement, SetFromValue),
 * staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/fields.go (FieldsV1 encoding).
 */

import { fnv1a } from '../../api/fnv'

/** A FieldsV1 tree. */
export type FieldSet = { readonly [step: string]: FieldSet }

/**
 * A canonical node's id, under a symbol: JSON, YAML, Object.keys and structuredClone all leave it
 * out (a cloned set is simply not canonical until interned again).
 */
const ID = Symbol('fieldSetId')
const idOf = (s: FieldSet): number | undefined => (s as { [ID]?: number })[ID]

export const EMPTY: FieldSet = Object.freeze(Object.defineProperty({}, ID, { value: 0 }))

/** A member with no members below it. */
export const LEAF: FieldSet = EMPTY

const MEMBER = '.'

/** Whether the node's own path is in the set (a leaf, or `.`). */
export function isMember(n: FieldSet): boolean {
  for (const k in n) return k === MEMBER || MEMBER in n
  return true
}

/** The node's steps below it, without `.`. */
function steps(n: FieldSet): string[] {
  return Object.keys(n).filter((k) => k !== MEMBER)
}

// ---- hash-consing ------------------------------------------------------------------------------

/**
 * Canonical nodes by hash, in two generations: a node not asked for since the younger one filled
 * up is forgotten with the older one (it stays correct, it is only shared less), so the table
 * holds what is in use, not every set ever stored. A node's hash does not depend on the order of
 * its steps, so finding a node costs no sorting and no key string.
 */
type Bucket = FieldSet | FieldSet[]
let byHash = new Map<number, Bucket>()
let older = new Map<number, Bucket>()
const GENERATION = 10_000
let nextId = 1

/**
 * A step name's hash, computed from the string the caller holds: it touches no table (a table
 * of every step seen is large, and cold by the next write).
 */
const stepNumber = (step: string): number => fnv1a(step)

/** The id of an interned set (0 for the empty leaf): equal sets, equal ids. */
export function setId(s: FieldSet): number {
  return idOf(s) ?? idOf(intern(s))!
}

/**
 * The node for `member` and `children`, or undefined for an empty set. Every set is built
 * canonical, so equal sets are one object: what a write changed and what an entry keeps are
 * compared by identity and stored without another pass.
 */
export function node(member: boolean, children: Record<string, FieldSet>): FieldSet | undefined {
  return canonical(member, children)
}

/** Whether canonical node `c` has exactly `member` and these (canonical) children. */
function sameNode(c: FieldSet, member: boolean, children: Record<string, FieldSet>, count: number): boolean {
  if ((MEMBER in c) !== member) return false
  let n = 0
  for (const k in c) {
    if (k === MEMBER) continue
    if (children[k] !== c[k]) return false
    n++
  }
  return n === count
}

function findIn(b: Bucket | undefined, member: boolean, children: Record<string, FieldSet>, count: number): FieldSet | undefined {
  if (b === undefined) return undefined
  if (!Array.isArray(b)) return sameNode(b as FieldSet, member, children, count) ? (b as FieldSet) : undefined
  for (const c of b) if (sameNode(c, member, children, count)) return c
  return undefined
}

function addTo(table: Map<number, Bucket>, h: number, n: FieldSet): void {
  const b = table.get(h)
  if (b === undefined) table.set(h, n)
  else if (Array.isArray(b)) b.push(n)
  else table.set(h, [b as FieldSet, n])
}

/**
 * The canonical node for `member` and `children` (canonical themselves), or undefined for an
 * empty set. Its steps are sorted, so equal sets are the same object and print the same.
 */
function canonical(member: boolean, children: Record<string, FieldSet>): FieldSet | undefined {
  let h = member ? 1 : 0
  let count = 0
  for (const k in children) {
    let id = idOf(children[k])
    // A child from elsewhere (a set decoded from a request) becomes canonical first.
    if (id === undefined) id = idOf((children[k] = intern(children[k])))!
    h = (h + Math.imul(stepNumber(k) ^ id, 0x85ebca6b)) | 0
    count++
  }
  if (count === 0) return member ? LEAF : undefined
  const hit = findIn(byHash.get(h), member, children, count)
  if (hit) return hit
  const old = findIn(older.get(h), member, children, count)
  if (old) {
    addTo(byHash, h, old)
    return old
  }
  const out: Record<string, FieldSet> = {}
  if (member) out[MEMBER] = LEAF
  for (const n of Object.keys(children).sort()) out[n] = children[n]
  Object.defineProperty(out, ID, { value: nextId++ })
  Object.freeze(out)
  if (byHash.size >= GENERATION) {
    older = byHash
    byHash = new Map()
  }
  addTo(byHash, h, out)
  return out
}

/** The canonical copy of a set from elsewhere (a stored object, a request body). */
export function intern(s: FieldSet): FieldSet {
  if (idOf(s) !== undefined) return s
  const children: Record<string, FieldSet> = {}
  let member = true
  for (const k in s) {
    if (k === MEMBER) continue
    member = false
    children[k] = intern(s[k])
  }
  return canonical(member || MEMBER in s, children) ?? EMPTY
}

// ---- set algebra -------------------------------------------------------------------------------

// The operations give back `a` itself when the result equals it, so an entry another write did
// not touch stays the very same object (no copy, no new key in the table). They walk a node's
// steps with `for…in` (own string keys, in Object.keys order; the id is a symbol): no array per node.

/** a ∪ b. */
export function union(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet | undefined {
  if (!a || a === b) return b ?? a
  if (!b) return a
  const children: Record<string, FieldSet> = {}
  let same = isMember(a) || !isMember(b)
  for (const k in a) if (k !== MEMBER) children[k] = a[k]
  for (const k in b) {
    if (k === MEMBER) continue
    const c = k in children ? union(children[k], b[k])! : b[k]
    if (c !== children[k]) same = false
    children[k] = c
  }
  return same ? a : node(isMember(a) || isMember(b), children)
}

/** a − b (paths of a not in b). */
export function minus(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet | undefined {
  if (!a || !b) return a
  if (a === b) return undefined
  const children: Record<string, FieldSet> = {}
  let same = !(isMember(a) && isMember(b))
  for (const k in a) {
    if (k === MEMBER) continue
    const c = k in b ? minus(a[k], b[k]) : a[k]
    if (c !== a[k]) same = false
    if (c) children[k] = c
  }
  return same ? a : node(isMember(a) && !isMember(b), children)
}

/** a ∩ b. */
export function intersect(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet | undefined {
  if (!a || !b) return undefined
  if (a === b) return a
  const children: Record<string, FieldSet> = {}
  for (const k in a) {
    if (k === MEMBER) continue
    if (!(k in b)) continue
    const c = intersect(a[k], b[k])
    if (c) children[k] = c
  }
  return node(isMember(a) && isMember(b), children)
}

/** Removes whole subtrees: every member path of `gone` and everything below it. */
export function without(a: FieldSet | undefined, gone: FieldSet | undefined): FieldSet | undefined {
  if (!a || !gone) return a
  const children: Record<string, FieldSet> = {}
  let same = true
  for (const k in a) {
    if (k === MEMBER) continue
    if (!(k in gone)) children[k] = a[k]
    else if (!isMember(gone[k])) {
      const c = without(a[k], gone[k])
      if (c !== a[k]) same = false
      if (c) children[k] = c
    } else same = false
  }
  return same ? a : node(isMember(a), children)
}

/** Every member path, as lists of steps, in sorted order. */
export function paths(s: FieldSet | undefined, prefix: string[] = []): string[][] {
  if (!s) return []
  const out: string[][] = []
  if (prefix.length && isMember(s)) out.push(prefix)
  for (const k of steps(s).sort()) out.push(...paths(s[k], [...prefix, k]))
  return out
}

/**
 * A path as structured-merge-diff prints it in conflicts: `.spec.replicas`,
 * `.spec.template.spec.containers[name="nginx"].image`, `.metadata.finalizers[="x"]`.
 */
export function pathString(p: string[]): string {
  return p
    .map((step) => {
      const v = step.slice(2)
      if (step.startsWith('f:')) return `.${v}`
      if (step.startsWith('v:')) return `[=${v}]`
      const key = JSON.parse(v) as Record<string, unknown>
      return `[${Object.entries(key).map(([k, x]) => `${k}=${JSON.stringify(x)}`).join(',')}]`
    })
    .join('')
}
