/**
 * `kubectl create secret generic NAME [--type=T] [--from-literal=k=v …]`, and the literal parsing
 * it shares with `kubectl create configmap`. Values are base64 in `data`, as kubectl 1.33 sends
 * them (no `type` unless `--type` is given; the apiserver defaults it to Opaque).
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret.go, create_configmap.go
 * (parseLiteralSource, addKeyFromLiteralToSecret).
 */
import { resourceByPath } from '../../apiserver/resources'
import { encodeBase64 } from '../../api/base64'
import type { KObject } from '../../api/meta'
import { CommandError, type Ctx } from '../context'
import { post } from './create'

/** `--from-literal` pairs in order; kubectl refuses a malformed pair or a repeated key. */
export function literalData(c: Ctx): Record<string, string> {
  const data: Record<string, string> = {}
  for (const lit of (c.flags['from-literal'] as string[] | undefined) ?? []) {
    const i = lit.indexOf('=')
    if (i <= 0) throw new CommandError(`error: invalid literal source ${lit}, expected key=value`)
    const key = lit.slice(0, i)
    if (Object.prototype.hasOwnProperty.call(data, key)) throw new CommandError(`error: cannot add key ${key}, another key by that name already exists`)
    data[key] = lit.slice(i + 1)
  }
  return data
}

/** `kubectl create secret generic`. */
export function createSecret(c: Ctx, sub: string | undefined, rest: string[]): void {
  if (sub !== 'generic') {
    if (!sub) throw new CommandError(`error: Required resource not specified.\nSee 'kubectl create secret -h' for help and examples`)
    throw new CommandError(`error: unknown command "${[sub, ...rest].join(' ')}"\nSee 'kubectl create secret -h' for help and examples`)
  }
  const [name] = rest
  if (!name || rest.length !== 1) throw new CommandError(`error: exactly one NAME is required, got ${rest.length}\nSee 'kubectl create secret generic -h' for help and examples`)
  const data: Record<string, string> = {}
  for (const [k, v] of Object.entries(literalData(c))) data[k] = encodeBase64(v)
  // Go struct order (kubectl prints -o json in it): kind, apiVersion, metadata, data, type.
  const secret = { kind: 'Secret', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, data, ...(c.flags.type ? { type: String(c.flags.type) } : {}) } as unknown as KObject
  post(c, resourceByPath('', 'v1', 'secrets')!, secret)
}
