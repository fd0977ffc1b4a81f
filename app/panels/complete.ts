/**
 * Tab completion for the kubectl console: verbs, resource types and object names.
 *
 * ```ts
 * complete('desc', ctx)           // { line: 'describe ', options: ['describe'] }
 * complete('describe pod ng', ctx) // { line: 'describe pod nginx ', options: ['nginx'] }
 * ```
 */

export const VERBS = [
  'annotate', 'api-resources', 'apply', 'cordon', 'create', 'delete', 'describe', 'drain', 'edit', 'explain', 'expose',
  'get', 'label', 'logs', 'rollout', 'run', 'scale', 'set', 'taint', 'uncordon', 'version',
]

/** Resource names as kubectl accepts them, each with the keyspace prefix of its objects. */
export const RESOURCES: Record<string, string> = {
  pods: '/registry/pods/',
  pod: '/registry/pods/',
  po: '/registry/pods/',
  deployments: '/registry/deployments/',
  deployment: '/registry/deployments/',
  deploy: '/registry/deployments/',
  replicasets: '/registry/replicasets/',
  replicaset: '/registry/replicasets/',
  rs: '/registry/replicasets/',
  replicationcontrollers: '/registry/controllers/',
  rc: '/registry/controllers/',
  statefulsets: '/registry/statefulsets/',
  sts: '/registry/statefulsets/',
  daemonsets: '/registry/daemonsets/',
  ds: '/registry/daemonsets/',
  jobs: '/registry/jobs/',
  cronjobs: '/registry/cronjobs/',
  cj: '/registry/cronjobs/',
  services: '/registry/services/specs/',
  service: '/registry/services/specs/',
  svc: '/registry/services/specs/',
  endpoints: '/registry/services/endpoints/',
  ep: '/registry/services/endpoints/',
  configmaps: '/registry/configmaps/',
  cm: '/registry/configmaps/',
  secrets: '/registry/secrets/',
  nodes: '/registry/minions/',
  node: '/registry/minions/',
  no: '/registry/minions/',
  namespaces: '/registry/namespaces/',
  ns: '/registry/namespaces/',
  events: '/registry/events/',
  ev: '/registry/events/',
  persistentvolumeclaims: '/registry/persistentvolumeclaims/',
  pvc: '/registry/persistentvolumeclaims/',
  persistentvolumes: '/registry/persistentvolumes/',
  pv: '/registry/persistentvolumes/',
}

const ROLLOUT = ['history', 'pause', 'restart', 'resume', 'status', 'undo']
const FLAGS = ['-o', '--output', '-n', '--namespace', '-A', '--all-namespaces', '-l', '--selector', '-w', '--watch', '-f', '--replicas', '--image', '--to-revision']

export interface CompletionContext {
  /** Every key of the keyspace now: object names come from here. */
  keys: readonly string[]
}

export interface Completion {
  /** The line with the word completed as far as it is unambiguous. */
  line: string
  /** Every candidate for the word (to show when there are several). */
  options: string[]
}

/** Completes the last word of `line`. */
export function complete(line: string, ctx: CompletionContext): Completion {
  const stripped = line.replace(/^\s*kubectl\s+/, '')
  const prefix = line.slice(0, line.length - stripped.length)
  const words = stripped.split(/\s+/)
  const word = words[words.length - 1] ?? ''
  const before = words.slice(0, -1).filter((w) => !w.startsWith('-'))
  let candidates: string[]
  if (word.startsWith('-')) candidates = FLAGS
  else if (before.length === 0) candidates = VERBS
  else if (before[0] === 'rollout' && before.length === 1) candidates = ROLLOUT
  else {
    const typeIndex = before[0] === 'rollout' ? 2 : 1
    if (before.length === typeIndex) {
      // A resource type, or `type/name`.
      const slash = word.indexOf('/')
      if (slash > 0 && RESOURCES[word.slice(0, slash)]) {
        const type = word.slice(0, slash)
        candidates = namesOf(RESOURCES[type], ctx).map((n) => `${type}/${n}`)
      } else {
        candidates = Object.keys(RESOURCES)
      }
    } else {
      const type = before[typeIndex]
      candidates = type && RESOURCES[type] ? namesOf(RESOURCES[type], ctx) : []
    }
  }
  const options = [...new Set(candidates.filter((c) => c.startsWith(word)))].sort()
  if (options.length === 0) return { line, options }
  const common = commonPrefix(options)
  const head = prefix + [...words.slice(0, -1), ''].join(' ')
  const completed = options.length === 1 ? options[0] + ' ' : common
  return { line: head + completed, options }
}

function namesOf(prefix: string, ctx: CompletionContext): string[] {
  return ctx.keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(k.lastIndexOf('/') + 1))
}

function commonPrefix(words: string[]): string {
  let p = words[0]
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1)
  return p
}
