/**
 * `kubectl create token SERVICE_ACCOUNT [--duration=1h]`: asks the TokenRequest API for a bound
 * token of the service account and prints it. Present it with `--token=<token>` and the
 * apiserver authenticates you as `system:serviceaccount:<namespace>:<name>`.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_token.go.
 */
import { restPath } from '../../apiserver/resources'
import { R } from '../../client/client'
import { CommandError, type Ctx } from '../context'
import { parseDuration } from '../flags'

export function createToken(c: Ctx, args: string[]): void {
  if (args.length !== 1) throw new CommandError(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create token -h' for help and examples`)
  const [name] = args
  const duration = c.flags.duration as string | undefined
  let expirationSeconds: number | undefined
  if (duration !== undefined) {
    const ms = parseDuration(duration)
    if (ms === undefined) throw new CommandError(`error: invalid argument "${duration}" for "--duration" flag: time: invalid duration "${duration}"\nSee 'kubectl create token --help' for usage.`)
    expirationSeconds = Math.floor(ms / 1000)
  }
  const body = { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { audiences: null, expirationSeconds: expirationSeconds ?? null, boundObjectRef: null }, status: { token: '', expirationTimestamp: null } }
  const r = c.request('POST', `${restPath(R.serviceaccounts, c.namespace, name)}/token`, { body, summary: `kubectl asks for a token of service account ${c.namespace}/${name}` })
  if (r.status !== 201) throw new CommandError(`error: failed to create token: ${(r.body as { message?: string })?.message ?? ''}`)
  c.print((r.body as { status: { token: string } }).status.token)
}
