/**
 * Resolving what the user typed (`po`, `deploy`, `deployments.apps`, `pod/nginx`) to served
 * resource types, as kubectl's RESTMapper does from discovery.
 */
import { RESOURCES, type ResourceType } from '../apiserver/resources'

export class ResolveError extends Error {}

/** Finds the resource type for a name as typed; undefined when the server has none. */
export function resolveType(word: string): ResourceType | undefined {
  const w = word.toLowerCase()
  const dot = w.indexOf('.')
  const name = dot < 0 ? w : w.slice(0, dot)
  const group = dot < 0 ? undefined : w.slice(dot + 1)
  for (const t of RESOURCES) {
    if (group !== undefined && t.group !== group && !(group === '' && t.group === '')) {
      // `deployments.apps`, `deployments.v1.apps`
      if (!(group === `${t.version}.${t.group}`)) continue
    }
    if (t.resource === name || t.singular === name || t.shortNames.includes(name) || t.kind.toLowerCase() === name) return t
  }
  return undefined
}

/** Types in the `all` category, in the order `kubectl get all` prints them. */
export const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs', 'replicationcontrollers']

/** `pod/nginx`, `deployment.apps/web`: how kubectl names an object in messages. */
export function objectRef(t: ResourceType, name: string): string {
  return `${t.group ? `${t.singular}.${t.group}` : t.singular}/${name}`
}

/** `pods "nginx"` / `deployments.apps "web"`. */
export function quotedRef(t: ResourceType, name: string): string {
  return `${t.group ? `${t.resource}.${t.group}` : t.resource} "${name}"`
}

export interface TypedName {
  type: ResourceType
  name?: string
}

/**
 * Parses the resource arguments of get/delete/describe: `pods`, `pods nginx web`, `pod/nginx`,
 * `pods,deployments`. Returns the requested (type, name) pairs.
 */
export function parseResourceArgs(args: string[]): TypedName[] | { error: string } {
  if (args.length === 0) return []
  if (args.some((a) => a.includes('/'))) {
    const out: TypedName[] = []
    for (const a of args) {
      const i = a.indexOf('/')
      if (i < 0) return { error: `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` }
      const t = resolveType(a.slice(0, i))
      if (!t) return { error: `the server doesn't have a resource type "${a.slice(0, i)}"` }
      out.push({ type: t, name: a.slice(i + 1) })
    }
    return out
  }
  const [typesArg, ...names] = args
  const types: ResourceType[] = []
  for (const word of typesArg.split(',')) {
    if (word === 'all') {
      for (const r of ALL_CATEGORY) types.push(RESOURCES.find((t) => t.resource === r)!)
      continue
    }
    const t = resolveType(word)
    if (!t) return { error: `the server doesn't have a resource type "${word}"` }
    types.push(t)
  }
  if (names.length === 0) return types.map((type) => ({ type }))
  const out: TypedName[] = []
  for (const type of types) for (const name of names) out.push({ type, name })
  return out
}
