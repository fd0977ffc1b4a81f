/**
 * `kubectl auth can-i VERB TYPE[/NAME] | VERB /path`: asks the apiserver with a
 * SelfSubjectAccessReview (as the impersonated user with `--as`) and prints `yes` (exit 0) or
 * `no` (exit 1), with `--quiet` only the exit code. Warnings as kubectl 1.33 prints them.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go.
 */
import { CommandError, statusError, type Ctx } from '../context'
import { resolveType } from '../resolve'

const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']
/** Resources RBAC knows that discovery does not list. Upstream: nonStandardResourceNames. */
const NON_STANDARD = ['users', 'groups']

/** `kubectl auth SUBCOMMAND`. */
export function cmdAuth(c: Ctx, args: string[]): void {
  const [sub, ...rest] = args
  if (sub !== 'can-i') {
    if (!sub) throw new CommandError(`error: Required resource not specified.\nSee 'kubectl auth -h' for help and examples`)
    throw new CommandError(`error: unknown command "${sub}" for "kubectl auth"`)
  }
  canI(c, rest)
}

function canI(c: Ctx, args: string[]): void {
  if (c.flags.list) throw new CommandError(`error: "kubectl auth can-i --list" is not available in Podium's simulated terminal yet`)
  if (args.length !== 2) throw new CommandError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.")
  const [verb, target] = args
  const all = c.flags['all-namespaces'] === true
  const namespace = all ? '' : c.namespace
  const sub = (c.flags.subresource as string | undefined) ?? ''
  let spec: object
  if (target.startsWith('/')) {
    if (sub) throw new CommandError('error: --subresource can not be used with NonResourceURL')
    if (!NON_RESOURCE_VERBS.includes(verb)) c.warn(`Warning: verb '${verb}' is not a known verb`)
    spec = { nonResourceAttributes: { verb, path: target } }
  } else {
    const slash = target.indexOf('/')
    const typed = slash >= 0 ? target.slice(0, slash) : target
    const name = slash >= 0 ? target.slice(slash + 1) : ''
    let group = ''
    let resource = typed
    if (typed !== '*') {
      const t = resolveType(typed.toLowerCase())
      if (t) {
        group = t.group
        resource = t.resource
        // Upstream: cani.go prints the message with its own "\n" through the warning printer, which adds one.
        if (!all && !t.namespaced) c.warn(group ? `Warning: resource '${resource}' is not namespace scoped in group '${group}'\n\n` : `Warning: resource '${resource}' is not namespace scoped\n\n`)
      } else {
        const dot = typed.indexOf('.')
        const [r, g] = dot >= 0 ? [typed.slice(0, dot), typed.slice(dot + 1)] : [typed, '']
        if (!NON_STANDARD.includes(typed.toLowerCase())) {
          c.warn(g ? `Warning: the server doesn't have a resource type '${r}' in group '${g}'` : `Warning: the server doesn't have a resource type '${r}'`)
        }
      }
    }
    if (!RESOURCE_VERBS.includes(verb)) c.warn(`Warning: verb '${verb}' is not a known verb`)
    spec = { resourceAttributes: { namespace, verb, group, resource, subresource: sub, name } }
  }
  const r = c.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec },
    summary: `kubectl asks whether ${(c.flags.as as string | undefined) ?? 'the current user'} can ${verb} ${target}`,
  })
  if (r.status !== 201) throw new CommandError(statusError(r))
  const status = (r.body as { status?: { allowed?: boolean; reason?: string; evaluationError?: string } }).status ?? {}
  const quiet = c.flags.quiet === true
  if (status.allowed) {
    if (!quiet) c.print('yes')
    return
  }
  if (!quiet) c.print(`no${status.reason ? ` - ${status.reason}` : ''}${status.evaluationError ? ` - ${status.evaluationError}` : ''}`)
  c.exitCode = 1
}
