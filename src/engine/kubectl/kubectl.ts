/**
 * The simulated kubectl: parses a command line exactly as kubectl 1.33 would, talks to the
 * apiserver through `kubectl` hops, and prints what the real binary prints.
 */
import type { ApiServer } from '../apiserver/apiserver'
import type { KubectlResult } from '../types'
import { splitArgs } from './argv'
import { cmdApply, cmdCreateFromFile } from './cmd/apply'
import { cmdCreate, cmdRun } from './cmd/create'
import { cmdDelete } from './cmd/delete'
import { attachAndRemove, cmdExec } from './cmd/exec'
import { cmdCreateService, cmdExpose } from './cmd/expose'
import { cmdDescribe } from './cmd/describe'
import { cmdDrain } from './cmd/drain'
import { cmdGet } from './cmd/get'
import { cmdLogs } from './cmd/logs'
import { cmdCordon, cmdLabelOrAnnotate, cmdScale, cmdSetImage, cmdTaint } from './cmd/mutate'
import { cmdRollout } from './cmd/rollout'
import { cmdApiResources, cmdVersion } from './cmd/info'
import { cmdWait } from './cmd/wait'
import { cmdAuth } from './cmd/auth'
import { CommandError, Ctx } from './context'
import { FlagError, parseFlags, type FlagSpec } from './flags'
import type { Kubeconfig } from './kubeconfig'

export interface KubectlEnv {
  api: ApiServer
  now(): number
  waitFor(done: () => boolean, timeoutMs: number): boolean
  busy(): boolean
  /** Whether an etcd key exists (how `delete` knows the object is gone; kubectl uses a watch). */
  exists(key: string): boolean
  kubeconfig?: Kubeconfig
}

const f = (name: string, type: FlagSpec['type'], short?: string, dflt?: FlagSpec['default']): FlagSpec => ({ name, type, short, default: dflt })

const OUTPUT = f('output', 'string', 'o')
const SELECTOR = f('selector', 'string', 'l')
const FILENAME = f('filename', 'stringArray', 'f')
const ALL_NS = f('all-namespaces', 'bool', 'A')
const DRY_RUN = f('dry-run', 'string')

interface Command {
  flags: FlagSpec[]
  run(c: Ctx, args: string[], env: KubectlEnv): void
}

const COMMANDS: Record<string, Command> = {
  apply: { flags: [FILENAME, f('recursive', 'bool', 'R'), DRY_RUN, OUTPUT, f('server-side', 'bool'), f('force-conflicts', 'bool'), f('force', 'bool'), f('validate', 'string', undefined, 'strict'), f('prune', 'bool'), SELECTOR, f('field-manager', 'string'), f('overwrite', 'bool')], run: (c) => cmdApply(c) },
  create: { flags: [FILENAME, DRY_RUN, OUTPUT, f('image', 'stringArray'), f('replicas', 'int'), f('port', 'int'), f('validate', 'string', undefined, 'strict'), f('save-config', 'bool'), f('from-literal', 'rawArray'), f('type', 'string'), f('verb', 'stringArray'), f('resource', 'stringArray'), f('resource-name', 'rawArray'), f('non-resource-url', 'stringArray'), f('role', 'string'), f('clusterrole', 'string'), f('user', 'rawArray'), f('group', 'rawArray'), f('serviceaccount', 'rawArray'), f('schedule', 'string'), f('restart', 'string'), f('from', 'string'), f('tcp', 'stringArray'), f('clusterip', 'string'), f('node-port', 'int'), f('external-name', 'string'), f('duration', 'string')], run: (c, a) => (globalUserUnlessBinding(c, a[0]), c.flags.filename ? cmdCreateFromFile(c) : a[0] === 'service' || a[0] === 'svc' ? cmdCreateService(c, a.slice(1)) : cmdCreate(c, a)) },
  run: { flags: [f('image', 'string'), f('restart', 'string'), f('labels', 'string'), f('port', 'string'), f('env', 'stringArray'), f('command', 'bool'), DRY_RUN, OUTPUT, f('rm', 'bool'), f('stdin', 'bool', 'i'), f('tty', 'bool', 't'), f('image-pull-policy', 'string'), f('attach', 'bool')], run: (c, a) => runMaybeAttached(c, a) },
  exec: { flags: [f('container', 'string', 'c'), f('stdin', 'bool', 'i'), f('tty', 'bool', 't'), f('quiet', 'bool', 'q')], run: (c, a) => cmdExec(c, a) },
  expose: {
    flags: [FILENAME, DRY_RUN, OUTPUT, f('port', 'string'), f('target-port', 'string'), f('name', 'string'), f('type', 'string'), f('protocol', 'string'), f('selector', 'string'), f('labels', 'string', 'l'), f('external-ip', 'string'), f('cluster-ip', 'string'), f('session-affinity', 'string')],
    run: (c, a) => cmdExpose(c, a),
  },
  get: {
    flags: [OUTPUT, SELECTOR, ALL_NS, f('field-selector', 'string'), f('show-labels', 'bool'), f('no-headers', 'bool'), f('label-columns', 'stringArray', 'L'), f('watch', 'bool', 'w'), f('watch-only', 'bool'), f('ignore-not-found', 'bool'), f('show-kind', 'bool'), f('sort-by', 'string'), FILENAME, f('chunk-size', 'int'), f('show-managed-fields', 'bool')],
    run: (c, a) => cmdGet(c, a),
  },
  describe: { flags: [SELECTOR, ALL_NS, f('show-events', 'bool', undefined, true), FILENAME], run: (c, a) => cmdDescribe(c, a) },
  delete: {
    flags: [FILENAME, SELECTOR, ALL_NS, f('all', 'bool'), f('grace-period', 'int', undefined, -1), f('force', 'bool'), f('now', 'bool'), f('cascade', 'string'), f('wait', 'bool', undefined, true), f('timeout', 'string'), f('ignore-not-found', 'bool'), f('field-selector', 'string'), OUTPUT],
    run: (c, a, e) => cmdDelete(c, a, { exists: e.exists }),
  },
  scale: { flags: [f('replicas', 'int'), SELECTOR, f('all', 'bool'), f('current-replicas', 'int'), FILENAME, f('timeout', 'string')], run: (c, a) => cmdScale(c, a) },
  label: { flags: [f('overwrite', 'bool'), SELECTOR, f('all', 'bool'), f('list', 'bool'), ALL_NS], run: (c, a) => cmdLabelOrAnnotate(c, a, 'labels') },
  annotate: { flags: [f('overwrite', 'bool'), SELECTOR, f('all', 'bool'), ALL_NS], run: (c, a) => cmdLabelOrAnnotate(c, a, 'annotations') },
  cordon: { flags: [SELECTOR, DRY_RUN], run: (c, a) => cmdCordon(c, a, true) },
  uncordon: { flags: [SELECTOR, DRY_RUN], run: (c, a) => cmdCordon(c, a, false) },
  drain: { flags: [f('ignore-daemonsets', 'bool'), f('delete-emptydir-data', 'bool'), f('force', 'bool'), f('grace-period', 'int', undefined, -1), f('timeout', 'string'), SELECTOR, f('pod-selector', 'string'), f('disable-eviction', 'bool')], run: (c, a) => cmdDrain(c, a) },
  taint: { flags: [f('overwrite', 'bool'), SELECTOR, f('all', 'bool')], run: (c, a) => cmdTaint(c, a) },
  logs: { flags: [f('container', 'string', 'c'), f('follow', 'bool', 'f'), f('previous', 'bool', 'p'), f('tail', 'int', undefined, -1), f('timestamps', 'bool'), f('since', 'string'), SELECTOR, f('all-containers', 'bool'), f('prefix', 'bool')], run: (c, a) => cmdLogs(c, a) },
  rollout: { flags: [f('revision', 'int'), f('to-revision', 'int'), f('watch', 'bool', 'w', true), f('timeout', 'string'), OUTPUT], run: (c, a) => cmdRollout(c, a) },
  set: { flags: [SELECTOR, f('all', 'bool'), f('record', 'bool')], run: (c, a) => (a[0] === 'image' ? cmdSetImage(c, a.slice(1)) : errorUnknownSub(c, 'set', a[0])) },
  wait: { flags: [f('for', 'string'), f('timeout', 'string'), SELECTOR, f('all', 'bool'), ALL_NS], run: (c, a) => cmdWait(c, a) },
  auth: { flags: [ALL_NS, f('quiet', 'bool', 'q'), f('subresource', 'string'), f('list', 'bool'), f('no-headers', 'bool')], run: (c, a) => cmdAuth(c, a) },
  version: { flags: [f('client', 'bool'), OUTPUT], run: (c) => cmdVersion(c) },
  'api-resources': { flags: [f('namespaced', 'string'), f('api-group', 'string'), OUTPUT, f('no-headers', 'bool')], run: (c) => cmdApiResources(c) },
}

/**
 * Only `create rolebinding` and `create clusterrolebinding` have their own `--user` (subjects);
 * for every other `create` subcommand `--user` is the global flag (the kubeconfig user, last one wins).
 */
function globalUserUnlessBinding(c: Ctx, sub: string | undefined): void {
  const u = c.flags.user
  if (sub !== 'rolebinding' && sub !== 'clusterrolebinding' && Array.isArray(u)) c.flags.user = u[u.length - 1]
}

/** `kubectl run … --rm -i -t`: attach to the pod instead of printing `pod/x created`, then delete it. */
function runMaybeAttached(c: Ctx, a: string[]): void {
  const attach = c.flags.stdin === true || c.flags.tty === true || c.flags.attach === true
  if (c.flags.rm === true && !attach) throw new CommandError('error: --rm should only be used for attached containers')
  const before = c.out.length
  cmdRun(c, a)
  if (!attach || c.flags['dry-run'] || c.flags.output) return
  c.out.splice(before)
  attachAndRemove(c, a[0], c.flags.rm === true)
}

function errorUnknownSub(c: Ctx, cmd: string, sub: string | undefined): void {
  throw new CommandError(sub ? `error: unknown command "${sub}" for "kubectl ${cmd}"` : `error: Required resource not specified.\nSee 'kubectl ${cmd} -h' for help and examples`)
}

const ALL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon',
  'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
]

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

/** cobra's "Did you mean this?": commands within distance 2 or starting with the typed word. */
function suggestions(word: string): string[] {
  return ALL_COMMANDS.filter((c) => levenshtein(word.toLowerCase(), c) <= 2 || c.startsWith(word.toLowerCase()))
}

/** Runs one kubectl command line. */
export function runKubectl(line: string, stdin: string | undefined, env: KubectlEnv): KubectlResult {
  let words = splitArgs(line.trim())
  if (words[0] === 'kubectl') words = words.slice(1)
  if (words.length === 0) {
    return { stdout: '', stderr: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n', exitCode: 0 }
  }
  // Global flags may come before the command: `kubectl -n kube-system get pods`.
  let i = 0
  const takesValue = (w: string) => ['-n', '--namespace', '--as', '--user', '--token', '--context', '--kubeconfig', '--request-timeout', '-v'].includes(w)
  while (i < words.length && words[i].startsWith('-')) i += takesValue(words[i]) ? 2 : 1
  const name = words[i]
  const argv = [...words.slice(0, i), ...words.slice(i + 1)]
  const cmd = name ? COMMANDS[name] : undefined
  if (!cmd) {
    if (name && ALL_COMMANDS.includes(name)) {
      return { stdout: '', stderr: `error: "kubectl ${name}" is not available in Podium's simulated terminal yet\n`, exitCode: 1 }
    }
    const s = suggestions(name ?? '')
    const hint = s.length ? `\n\nDid you mean this?\n${s.map((x) => `\t${x}`).join('\n')}` : ''
    return { stdout: '', stderr: `error: unknown command "${name}" for "kubectl"${hint}\n`, exitCode: 1 }
  }
  const ctxArgs: string[] = []
  let c: Ctx | undefined
  try {
    const { flags, positional } = parseFlags(argv, cmd.flags, `kubectl ${name}`)
    ctxArgs.push(...positional)
    c = new Ctx({ api: env.api, now: env.now, waitFor: env.waitFor, busy: env.busy, kubeconfig: env.kubeconfig }, flags, stdin, `kubectl ${name}`)
    cmd.run(c, ctxArgs, env)
    return { stdout: c.out.join(''), stderr: c.err.join(''), exitCode: c.exitCode }
  } catch (e) {
    if (e instanceof FlagError) return { stdout: '', stderr: `error: ${e.message}\n`, exitCode: 1 }
    if (e instanceof CommandError) {
      const msg = e.message.endsWith('\n') ? e.message : e.message + '\n'
      return { stdout: c?.out.join('') ?? '', stderr: (c?.err.join('') ?? '') + msg, exitCode: e.exitCode }
    }
    throw e
  }
}
