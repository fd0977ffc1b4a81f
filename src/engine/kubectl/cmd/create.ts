/**
 * Imperative creation: `kubectl create deployment|namespace|configmap|secret|role|…` and `kubectl run`,
 * building the same objects the real generators build.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/*.go, cmd/run/run.go.
 */
import { restPath, resourceByPath, type ResourceType } from '../../apiserver/resources'
import type { KObject } from '../../api/meta'
import { CommandError, statusError, type Ctx } from '../context'
import { formatOutput } from '../printers/output'
import { objectRef } from '../resolve'
import { createCronJob, createJob, CRONJOBS, JOBS } from './create-batch'
import { createSecret, literalData } from './create-secret'
import { createBinding, createRole } from './create-rbac'
import { createToken } from './create-token'

/**
 * Prints a built object (client dry run) or POSTs it and prints `kind/name created`. `failure`
 * prefixes a server error as some generators do (`failed to create deployment: …`).
 */
export function post(c: Ctx, t: ResourceType, obj: KObject, failure?: string): void {
  const ns = t.namespaced ? c.namespace : undefined
  const dry = c.flags['dry-run'] as string | undefined
  // kubectl sets the namespace only when it is enforced (`-n`); a client dry run shows that.
  if (t.namespaced && (dry !== 'client' || c.flags.namespace)) obj.metadata = { ...obj.metadata, namespace: ns }
  const output = c.flags.output as string | undefined
  if (dry === 'client') {
    if (output) c.printRaw(formatOutput([obj], output, { single: true }))
    else c.print(`${objectRef(t, obj.metadata!.name!)} created (dry run)`)
    return
  }
  const r = c.request('POST', restPath(t, ns), { body: obj, query: dry === 'server' ? { dryRun: 'All' } : undefined, summary: `kubectl creates ${objectRef(t, obj.metadata!.name!)}` })
  if (r.status !== 201) throw new CommandError(failure ? `error: ${failure}: ${r.body?.message ?? ''}` : statusError(r))
  if (output) c.printRaw(formatOutput([r.body], output, { single: true }))
  else c.print(`${objectRef(t, obj.metadata!.name!)} created${dry === 'server' ? ' (server dry run)' : ''}`)
}

/** The container name kubectl derives from an image: `nginx:1.27` → `nginx`, `registry.k8s.io/pause` → `pause`. */
function containerName(image: string): string {
  const last = image.split('/').pop() ?? image
  return last.split(/[:@]/)[0]
}

export function cmdCreate(c: Ctx, args: string[]): void {
  const [what, name, ...rest] = args
  if (!what) throw new CommandError(`error: must specify one of -f and -k`)
  switch (what) {
    case 'deployment':
    case 'deploy': {
      const images = (c.flags.image as string[] | undefined) ?? []
      if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples`)
      if (images.length === 0) throw new CommandError(`error: required flag(s) "image" not set`)
      const labels = { app: name }
      const containers = images.map((image) => ({ image, name: containerName(image), resources: {} as Record<string, never>, ...(c.flags.port !== undefined ? { ports: [{ containerPort: c.flags.port as number }] } : {}) }))
      const d: KObject = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { creationTimestamp: null, labels, name } as unknown as KObject['metadata'],
        spec: { replicas: (c.flags.replicas as number | undefined) ?? 1, selector: { matchLabels: labels }, strategy: {}, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } } },
        status: {},
      }
      // Upstream: create_deployment.go wraps the server's error.
      post(c, resourceByPath('apps', 'v1', 'deployments')!, d, 'failed to create deployment')
      return
    }
    case 'namespace':
    case 'ns':
      if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples`)
      post(c, resourceByPath('', 'v1', 'namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} })
      return
    case 'configmap':
    case 'cm': {
      if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples`)
      const data = literalData(c)
      post(c, resourceByPath('', 'v1', 'configmaps')!, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, data } as unknown as KObject)
      return
    }
    case 'secret':
      return createSecret(c, name, rest)
    case 'serviceaccount':
    case 'sa':
      if (!name) throw new CommandError(`error: exactly one NAME is required, got 0\nSee 'kubectl create serviceaccount -h' for help and examples`)
      post(c, resourceByPath('', 'v1', 'serviceaccounts')!, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, creationTimestamp: null } } as unknown as KObject)
      return
    case 'role':
    case 'clusterrole':
      return createRole(c, what, name)
    case 'rolebinding':
    case 'clusterrolebinding':
      return createBinding(c, what, name)
    case 'job':
      return createJob(c, name, rest, (o) => post(c, JOBS, o))
    case 'cronjob':
    case 'cj':
      return createCronJob(c, name, rest, (o) => post(c, CRONJOBS, o))
    case 'token':
      return createToken(c, args.slice(1))
    default:
      throw new CommandError(`error: unknown command "${what}" for "kubectl create"`)
  }
}

export function cmdRun(c: Ctx, args: string[]): void {
  const [name, ...cmdArgs] = args
  if (!name) throw new CommandError(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`)
  const image = c.flags.image as string | undefined
  if (!image) throw new CommandError(`error: required flag(s) "image" not set`)
  const restart = (c.flags.restart as string | undefined) ?? 'Always'
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CommandError(`error: invalid restart policy: ${restart}`)
  let labels: Record<string, string> = { run: name }
  if (c.flags.labels) {
    labels = {}
    for (const kv of String(c.flags.labels).split(',')) {
      const [k, v] = kv.split('=')
      labels[k] = v ?? ''
    }
  }
  const container: Record<string, unknown> = { image, name }
  if (cmdArgs.length) container[c.flags.command === true ? 'command' : 'args'] = cmdArgs
  const env = (c.flags.env as string[] | undefined) ?? []
  if (env.length) container.env = env.map((e) => ({ name: e.split('=')[0], value: e.slice(e.indexOf('=') + 1) }))
  if (c.flags['image-pull-policy']) container.imagePullPolicy = c.flags['image-pull-policy']
  if (c.flags.port) container.ports = [{ containerPort: Number(c.flags.port) }]
  container.resources = {}
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  }
  post(c, resourceByPath('', 'v1', 'pods')!, pod)
}
