import { resourceByPath, type ResourceType } from './resources'

export interface ParsedPath {
  type: ResourceType
  namespace?: string
  name?: string
  subresource?: string
}

/**
 * Parses a REST path: `/api/v1/namespaces/default/pods/nginx/status`,
 * `/apis/apps/v1/deployments`, `/api/v1/nodes/node-1`. Returns undefined for unknown paths.
 */
const cache = new Map<string, ParsedPath | undefined>()

export function parsePath(path: string): ParsedPath | undefined {
  let p = cache.get(path)
  if (p === undefined && !cache.has(path)) {
    // Paths repeat (the same objects are read and written again and again): remember them.
    if (cache.size > 4_096) cache.clear()
    p = parse(path)
    cache.set(path, p)
  }
  return p
}

function parse(path: string): ParsedPath | undefined {
  const parts = path.split('?')[0].split('/').filter(Boolean)
  let group = ''
  let version: string
  let i: number
  if (parts[0] === 'api') {
    version = parts[1]
    i = 2
  } else if (parts[0] === 'apis') {
    group = parts[1]
    version = parts[2]
    i = 3
  } else return undefined
  if (!version) return undefined
  let namespace: string | undefined
  // `/api/v1/namespaces/x` is the namespace object itself; `/api/v1/namespaces/x/pods` is scoped.
  // `/api/v1/namespaces/x/status` and `/finalize` are subresources of the namespace itself.
  const nsSub = parts[i] === 'namespaces' && parts.length === i + 3 && (parts[i + 2] === 'status' || parts[i + 2] === 'finalize')
  if (parts[i] === 'namespaces' && parts.length > i + 2 && !nsSub) {
    namespace = parts[i + 1]
    i += 2
  }
  const resource = parts[i]
  if (!resource) return undefined
  const type = resourceByPath(group, version, resource)
  if (!type) return undefined
  if (namespace !== undefined && !type.namespaced) return undefined
  const name = parts[i + 1]
  const subresource = parts[i + 2]
  if (parts.length > i + 3) return undefined
  return { type, namespace, name, subresource }
}
