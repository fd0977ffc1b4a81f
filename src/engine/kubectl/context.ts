/** What every kubectl command works with: the apiserver as kubectl's HTTP client, and output. */
import type { ApiServer } from '../apiserver/apiserver'
import type { ApiResponse, PatchType, Verb } from '../apiserver/request'
import { restPath, type ResourceType } from '../apiserver/resources'
import type { KObject } from '../api/meta'
import type { FlagValues } from './flags'
import { credentialsFor, type Kubeconfig } from './kubeconfig'

export interface KubectlHost {
  api: ApiServer
  /** Virtual ms now. */
  now(): number
  /**
   * Runs the cluster forward until `done()` holds or `timeoutMs` of virtual time pass, as a real
   * terminal waits for a watch. Returns whether `done()` held.
   */
  waitFor(done: () => boolean, timeoutMs: number): boolean
  /** Whether the cluster still has work pending (not counting heartbeats). */
  busy(): boolean
  /** Who kubectl is: its kubeconfig users. Absent: the cluster's own `kubectl` identity (kubernetes-admin). */
  kubeconfig?: Kubeconfig
}

/** kubectl's `--validate` value as the `fieldValidation` query parameter. Upstream: cmdutil.GetValidationDirective. */
function fieldValidation(validate: string): string {
  if (validate === 'warn') return 'Warn'
  if (validate === 'false' || validate === 'ignore') return 'Ignore'
  return 'Strict'
}

/** An error that ends the command: its text goes to stderr as is, with the exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/**
 * The `fieldManager` kubectl's commands send with their writes, as managedFields then name them.
 * scale, cordon, drain and rollout undo send none; rollout restart, pause and resume name
 * `kubectl-rollout` themselves. Upstream: each command's `fieldManager` default (cmd/create,
 * cmd/apply `kubectl-client-side-apply`, cmd/label …).
 */
const FIELD_MANAGERS: Record<string, string> = {
  'kubectl apply': 'kubectl-client-side-apply',
  'kubectl create': 'kubectl-create',
  'kubectl run': 'kubectl-run',
  'kubectl expose': 'kubectl-expose',
  'kubectl label': 'kubectl-label',
  'kubectl annotate': 'kubectl-annotate',
  'kubectl set': 'kubectl-set',
  'kubectl taint': 'kubectl-taint',
  'kubectl patch': 'kubectl-patch',
  'kubectl replace': 'kubectl-replace',
  'kubectl edit': 'kubectl-edit',
  'kubectl autoscale': 'kubectl-autoscale',
}

export class Ctx {
  readonly out: string[] = []
  readonly err: string[] = []
  exitCode = 0

  constructor(
    readonly host: KubectlHost,
    readonly flags: FlagValues,
    readonly stdin: string | undefined,
    readonly cmdPath: string,
  ) {}

  /** The namespace of `-n`, or `default`. */
  get namespace(): string {
    return (this.flags.namespace as string | undefined) || 'default'
  }

  get allNamespaces(): boolean {
    return this.flags['all-namespaces'] === true
  }

  print(line: string): void {
    this.out.push(line.endsWith('\n') ? line : line + '\n')
  }

  printRaw(text: string): void {
    this.out.push(text)
  }

  /** Writes an error line and marks the command failed (exit 1) without stopping it. */
  error(line: string): void {
    this.err.push(line.endsWith('\n') ? line : line + '\n')
    this.exitCode = 1
  }

  warn(line: string): void {
    this.err.push(line.endsWith('\n') ? line : line + '\n')
  }

  request(verb: Verb, path: string, o: { body?: unknown; query?: Record<string, string>; patchType?: PatchType; summary?: string } = {}): ApiResponse {
    const user = this.flags.as as string | undefined
    const credentials = this.host.kubeconfig ? credentialsFor(this.host.kubeconfig, this.flags) : undefined
    const body = o.body !== undefined && typeof o.body !== 'string' ? JSON.stringify(o.body) : o.body
    // Commands with --validate (apply, create) ask the server to check fields: Strict by default.
    const validate = this.flags.validate
    let query = validate !== undefined && (verb === 'POST' || verb === 'PUT' || verb === 'PATCH') ? { ...o.query, fieldValidation: fieldValidation(String(validate)) } : o.query
    // The field manager each command names for its writes (without one the apiserver takes `kubectl`, its User-Agent).
    const manager = FIELD_MANAGERS[this.cmdPath]
    if (manager && (verb === 'POST' || verb === 'PUT' || verb === 'PATCH') && !query?.fieldManager) query = { fieldManager: manager, ...query }
    const r = this.host.api.handle({ verb, path, query, body, patchType: o.patchType, from: 'kubectl', user, summary: o.summary, ...(credentials ? { credentials } : {}) })
    // client-go's warning handler prints each `Warning` header.
    for (const w of r.warnings ?? []) this.warn(`Warning: ${w}`)
    return r
  }

  get(t: ResourceType, namespace: string | undefined, name: string): ApiResponse {
    return this.request('GET', restPath(t, t.namespaced ? namespace : undefined, name))
  }

  list(t: ResourceType, namespace: string | undefined, query: Record<string, string> = {}): ApiResponse {
    return this.request('GET', restPath(t, t.namespaced ? namespace : undefined), { query })
  }
}

/** `Error from server (NotFound): pods "x" not found`: how kubectl prints an apiserver Status. */
export function statusError(r: ApiResponse, context?: string): string {
  const s = r.body as { reason?: string; message?: string; details?: { kind?: string; name?: string; causes?: { field?: string; message?: string }[] } }
  if (r.status === 0) return 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?'
  // kubectl's StandardErrorMessage. (With a cold discovery cache, discovery fails first and the
  // text ends "(the server has asked for the client to provide credentials)"; Podium's kubectl
  // always has a warm cache.) Upstream: kubectl/pkg/cmd/util/helpers.go.
  if (s?.reason === 'Unauthorized') return `error: You must be logged in to the server (${context ? `${context}: ` : ''}${s.message})`
  if (s?.reason === 'Invalid' && s.details) {
    const head = `The ${s.details.kind} "${s.details.name}" is invalid`
    const causes = s.details.causes ?? []
    const seen = new Set<string>()
    const lines: string[] = []
    for (const c of causes) {
      const m = `${c.field}: ${c.message}`
      if (!seen.has(m)) {
        seen.add(m)
        lines.push(m)
      }
    }
    if (lines.length === 0) return head
    if (lines.length === 1) return `${head}: ${lines[0]}`
    return `${head}: \n${lines.map((l) => `* ${l}`).join('\n')}`
  }
  const msg = context ? `${context}: ${s?.message}` : s?.message
  return s?.reason ? `Error from server (${s.reason}): ${msg}` : `Error from server: ${msg}`
}

export type Obj = KObject
