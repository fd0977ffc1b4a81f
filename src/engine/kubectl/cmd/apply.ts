/**
 * `kubectl apply -f` (client-side apply) and `kubectl create -f`.
 * Apply stores the manifest in the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation; the next apply sends a three-way patch (last applied → new manifest, against the
 * live object): `created`, `configured`, or `unchanged` when the patch is empty.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, patcher.go.
 */
import { restPath, resourceForKind, type ResourceType } from '../../apiserver/resources'
import { deepCopy, type KObject } from '../../api/meta'
import { mergeKeyFor } from '../../api/patch'
import { CommandError, statusError, type Ctx } from '../context'
import { ManifestError, parseManifests } from '../manifest'
import { formatOutput } from '../printers/output'
import { objectRef } from '../resolve'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** Reads `-f` sources: only `-` (stdin) exists in the simulated terminal, or files given by name through stdin. */
export function readObjects(c: Ctx): { objs: KObject[]; source: string } {
  const files = (c.flags.filename as string[] | undefined) ?? []
  if (files.length === 0) throw new CommandError('error: must specify one of -f and -k')
  const source = files[0] === '-' ? 'STDIN' : files[0]
  const text = c.stdin
  if (text === undefined) {
    throw new CommandError(`error: the path "${files[0]}" does not exist`)
  }
  try {
    return { objs: parseManifests(text, source), source }
  } catch (e) {
    if (e instanceof ManifestError) throw new CommandError(`error: ${e.message}`)
    throw e
  }
}

/** The served type of a manifest object, or kubectl's mapping error. */
export function typeOfObject(o: KObject, source: string, c: Ctx): ResourceType {
  const t = resourceForKind(o.apiVersion ?? '', o.kind ?? '')
  if (!t) {
    const version = o.apiVersion ?? ''
    const ns = o.metadata?.namespace ?? (c.flags.namespace as string | undefined) ?? ''
    const [group, ver] = version.includes('/') ? version.split('/') : ['', version]
    const where = group ? `in version "${group}/${ver}"` : `in version "${ver}"`
    throw new CommandError(
      `error: resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${ns}" from "${source}": no matches for kind "${o.kind}" ${where}\nensure CRDs are installed first`,
    )
  }
  return t
}

/** Sets the namespace from `-n` and checks a conflicting one, as kubectl does. */
export function namespaceFor(o: KObject, t: ResourceType, c: Ctx): string | undefined {
  if (!t.namespaced) return undefined
  const flagNs = c.flags.namespace as string | undefined
  const objNs = o.metadata?.namespace
  if (flagNs && objNs && flagNs !== objNs) {
    throw new CommandError(`error: the namespace from the provided object "${objNs}" does not match the namespace "${flagNs}". You must pass '--namespace=${objNs}' to perform this operation.`)
  }
  return objNs || flagNs || 'default'
}

/** JSON with sorted keys, as Go marshals an unstructured object. */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * A three-way merge patch: fields removed since the last apply become `null`; fields of the new
 * manifest that differ from the live object are set. Empty when nothing would change.
 * Upstream: strategicpatch.CreateThreeWayMergePatch (lists are compared whole here).
 */
export function threeWayPatch(original: unknown, modified: unknown, current: unknown, path: string[] = []): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  const o = isObj(original) ? original : {}
  const m = isObj(modified) ? modified : {}
  const cur = isObj(current) ? current : {}
  for (const k of Object.keys(o)) if (!(k in m) && k in cur) patch[k] = null
  for (const [k, v] of Object.entries(m)) {
    const key = mergeKeyFor(k, path)
    if (isObj(v) && isObj(cur[k])) {
      const sub = threeWayPatch(o[k], v, cur[k], [...path, k])
      if (Object.keys(sub).length) patch[k] = sub
    } else if (key && Array.isArray(v) && Array.isArray(cur[k])) {
      const list = listPatch(Array.isArray(o[k]) ? (o[k] as unknown[]) : [], v, cur[k] as unknown[], key, [...path, k])
      if (list.length) patch[k] = list
    } else if (sortedJson(v) !== sortedJson(cur[k])) patch[k] = v
  }
  return patch
}

/** The strategic patch of a list merged by `key`: changed or new items, and deletions. */
function listPatch(original: unknown[], modified: unknown[], current: unknown[], key: string, path: string[]): unknown[] {
  const out: unknown[] = []
  const find = (list: unknown[], id: unknown) => list.find((x) => isObj(x) && x[key] === id)
  for (const item of modified) {
    if (!isObj(item)) return modified
    const id = item[key]
    const live = find(current, id)
    if (!live) {
      out.push(item)
      continue
    }
    const sub = threeWayPatch(find(original, id), item, live, path)
    if (Object.keys(sub).length) out.push({ [key]: id, ...sub })
  }
  for (const item of original) {
    if (isObj(item) && !find(modified, item[key]) && find(current, item[key])) out.push({ [key]: item[key], $patch: 'delete' })
  }
  return out
}

/**
 * resource.Info.String(): the resource and kind as Go prints a GroupVersionResource and a
 * GroupVersionKind (`/v1, Resource=pods` for the core group), then name and namespace.
 */
function infoString(t: ResourceType, name: string, ns: string | undefined): string {
  return `Resource: "${t.group}/${t.version}, Resource=${t.resource}", GroupVersionKind: "${t.group}/${t.version}, Kind=${t.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"`
}

export function cmdApply(c: Ctx): void {
  const { objs, source } = readObjects(c)
  if (objs.length === 0) throw new CommandError('error: no objects passed to apply')
  // --dry-run: `client` sends no write, `server` sends it with dryRun=All; the verb gets a suffix.
  // -o prints the object instead. Upstream: apply.go ToPrinter, cmdutil.PrintFlagsWithDryRunStrategy.
  const dry = c.flags['dry-run'] as string | undefined
  const query = dry === 'server' ? { dryRun: 'All' } : undefined
  const suffix = dry === 'server' ? ' (server dry run)' : dry === 'client' ? ' (dry run)' : ''
  const output = c.flags.output as string | undefined
  const done = (t: ResourceType, obj: KObject, verb: string) => {
    if (output) c.printRaw(formatOutput([obj], output, { single: true }))
    else c.print(`${objectRef(t, obj.metadata?.name ?? '')} ${verb}${suffix}`)
  }
  if (c.flags['server-side'] === true) return applyServerSide(c, objs, source, query, done)
  for (const input of objs) {
    const t = typeOfObject(input, source, c)
    const ns = namespaceFor(input, t, c)
    const name = input.metadata?.name ?? ''
    // The annotation holds the manifest as given, without the annotation itself but with an
    // `annotations` map (maybe empty) and, for namespaced kinds, the namespace the builder set.
    // Upstream: apply/patcher.go → util.GetModifiedConfiguration, resource.Builder.DefaultNamespace.
    const given = deepCopy(input)
    given.metadata = { ...given.metadata, annotations: { ...given.metadata?.annotations } }
    delete given.metadata.annotations![LAST_APPLIED]
    if (t.namespaced && !given.metadata.namespace) given.metadata.namespace = ns
    const lastApplied = sortedJson(given) + '\n'
    const modified = deepCopy(given)
    modified.metadata = { ...modified.metadata, annotations: { ...(modified.metadata?.annotations ?? {}), [LAST_APPLIED]: lastApplied } }
    if (!name) {
      c.error(`error: error when retrieving current configuration of:\n${infoString(t, '', ns)}\nfrom server for: "${source}": resource name may not be empty`)
      continue
    }
    const cur = c.get(t, ns, name)
    if (cur.status === 404) {
      if (dry === 'client') {
        done(t, modified, 'created')
        continue
      }
      const r = c.request('POST', restPath(t, ns), { body: modified, query, summary: `kubectl apply: create ${objectRef(t, name)}` })
      if (r.status === 201) done(t, r.body, 'created')
      else c.error(statusError(r, `error when creating "${source}"`))
      continue
    }
    if (cur.status !== 200) {
      // Upstream: apply.go applyOneObject → cmdutil.AddSourceToErr("retrieving current configuration of: …").
      c.error(statusError(cur, `error when retrieving current configuration of:\n${infoString(t, name, ns)}\nfrom server for: "${source}"`))
      continue
    }
    const live = cur.body as KObject
    const original = live.metadata?.annotations?.[LAST_APPLIED]
    let originalObj: unknown = {}
    if (original) {
      try {
        originalObj = JSON.parse(original)
      } catch {
        originalObj = {}
      }
    } else {
      c.warn(
        `Warning: resource ${t.resource} ${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
      )
    }
    // A client dry run sends nothing and says `configured` even when nothing would change
    // (upstream applyOneObject skips the patcher under client dry run; checked with kubectl 1.33).
    if (dry === 'client') {
      done(t, live, 'configured')
      continue
    }
    const patch = threeWayPatch(originalObj, modified, live)
    if (Object.keys(patch).length === 0) {
      done(t, live, 'unchanged')
      continue
    }
    const r = c.request('PATCH', restPath(t, ns, name), { body: patch, query, patchType: 'strategic', summary: `kubectl apply: patch ${objectRef(t, name)}` })
    if (r.status === 200) done(t, r.body, 'configured')
    // Upstream: apply.go AddSourceToErr("applying patch:\n%s\nto:\n%v\nfor:") around patcher.go's AddSourceToErr("patching").
    else c.error(statusError(r, `error when applying patch:\n${sortedJson(patch)}\nto:\n${infoString(t, name, ns)}\nfor: "${source}": error when patching "${source}"`))
  }
}

/** The text kubectl adds to a server-side apply's 409. Upstream: apply.go applyOneObject. */
const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`

/**
 * `kubectl apply --server-side`: each object is sent whole as an apply patch; the apiserver
 * merges it and keeps field ownership (managedFields). `--field-manager` names the manager
 * (default `kubectl`), `--force-conflicts` takes fields other managers own.
 * Upstream: apply.go applyOneObject (ServerSideApply).
 */
function applyServerSide(c: Ctx, objs: KObject[], source: string, dryQuery: Record<string, string> | undefined, done: (t: ResourceType, obj: KObject, verb: string) => void): void {
  const manager = (c.flags['field-manager'] as string | undefined) || 'kubectl'
  for (const input of objs) {
    const t = typeOfObject(input, source, c)
    const ns = namespaceFor(input, t, c)
    const name = input.metadata?.name ?? ''
    const body = deepCopy(input)
    if (t.namespaced) body.metadata = { ...body.metadata, namespace: ns }
    if (c.flags['dry-run'] === 'client') {
      done(t, body, 'serverside-applied')
      continue
    }
    const query = { fieldManager: manager, ...(dryQuery ?? {}), force: String(c.flags['force-conflicts'] === true) }
    const r = c.request('PATCH', restPath(t, ns, name), { body, query, patchType: 'apply', summary: `kubectl apply --server-side: ${objectRef(t, name)} as field manager ${manager}` })
    if (r.status === 200 || r.status === 201) done(t, r.body, 'serverside-applied')
    else if (r.status === 409 && r.body?.reason === 'Conflict') c.error(`error: ${r.body.message}\n${CONFLICT_HELP}`)
    else c.error(statusError(r))
  }
}

export function cmdCreateFromFile(c: Ctx): void {
  const { objs, source } = readObjects(c)
  if (objs.length === 0) throw new CommandError('error: no objects passed to create')
  for (const input of objs) {
    const t = typeOfObject(input, source, c)
    const ns = namespaceFor(input, t, c)
    const name = input.metadata?.name ?? input.metadata?.generateName ?? ''
    const r = c.request('POST', restPath(t, ns), { body: input, summary: `kubectl create: ${objectRef(t, name)}` })
    if (r.status === 201) c.print(`${objectRef(t, r.body.metadata.name)} created`)
    else c.error(statusError(r, `error when creating "${source}"`))
  }
}
