/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: the command
 * runs in the container through the apiserver's `pods/exec` and the pod's kubelet; its output
 * is printed as is and a non-zero exit prints `command terminated with exit code N` and exits
 * with N. Also `kubectl run … --rm -i -t`'s attach, which runs the container's command and
 * deletes the pod afterwards.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go, cmd/run/run.go (attach, --rm).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { fromLabelSelector, matches } from '../../api/labels'
import { resourceByPath, restPath } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { resolveType } from '../resolve'

const PODS = resourceByPath('', 'v1', 'pods')!

/** The pod `POD` or `TYPE/NAME` stands for (the first pod of a controller, as kubectl does). */
function podFor(c: Ctx, arg: string): Pod {
  const slash = arg.indexOf('/')
  if (slash < 0 || ['pod', 'pods', 'po'].includes(arg.slice(0, slash))) {
    const r = c.get(PODS, c.namespace, slash < 0 ? arg : arg.slice(slash + 1))
    if (r.status !== 200) throw new CommandError(statusError(r))
    return r.body
  }
  const t = resolveType(arg.slice(0, slash))
  if (!t) throw new CommandError(`error: the server doesn't have a resource type "${arg.slice(0, slash)}"`)
  const r = c.get(t, c.namespace, arg.slice(slash + 1))
  if (r.status !== 200) throw new CommandError(statusError(r))
  const sel = r.body.spec?.selector?.matchLabels || r.body.spec?.selector?.matchExpressions ? fromLabelSelector(r.body.spec.selector) : fromLabelSelector({ matchLabels: r.body.spec?.selector })
  const pods = (c.list(PODS, c.namespace).body.items as Pod[]).filter((p) => matches(sel, p.metadata?.labels) && p.status?.phase === 'Running')
  if (pods.length === 0) throw new CommandError(`error: unable to upgrade connection: pod does not exist`)
  pods.sort((a, b) => ((a.metadata?.creationTimestamp ?? '') < (b.metadata?.creationTimestamp ?? '') ? -1 : 1))
  return pods[0]
}

/** Runs `argv` in a container of `pod` and prints what it printed. */
export function execIn(c: Ctx, pod: Pod, container: string | undefined, argv: string[]): void {
  const names = (pod.spec?.containers ?? []).map((x) => x.name)
  let name = container
  if (!name) {
    name = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0]
    if (names.length > 1) c.warn(`Defaulted container "${name}" out of: ${[...names, ...(pod.spec?.initContainers ?? []).map((x) => `${x.name} (init)`)].join(', ')}`)
  } else if (!names.includes(name)) {
    throw new CommandError(`error: unable to upgrade connection: container not found ("${name}")`)
  }
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') throw new CommandError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`)
  const query = { command: argv.join(' '), container: name, stderr: 'true', stdout: 'true' }
  const r = c.request('POST', restPath(PODS, pod.metadata!.namespace, pod.metadata!.name, 'exec'), { body: { command: argv }, query, summary: `kubectl exec ${pod.metadata!.name} -c ${name} -- ${argv.join(' ')}` })
  // An apiserver that cannot dial the kubelet answers a Status with no reason: `Error from server: error dialing backend: …`.
  if (r.status === 500 && r.body?.reason) throw new CommandError(`error: Internal error occurred: ${r.body?.message ?? ''}`)
  if (r.status !== 200) throw new CommandError(r.body?.reason === 'BadRequest' ? `error: ${r.body.message}` : statusError(r))
  const out = r.body as { stdout: string; stderr: string; exitCode: number }
  if (out.stdout) c.printRaw(out.stdout)
  if (out.stderr) c.warn(out.stderr.replace(/\n$/, ''))
  if (out.exitCode !== 0) throw new CommandError(`command terminated with exit code ${out.exitCode}`, out.exitCode)
}

export function cmdExec(c: Ctx, args: string[]): void {
  const [target, ...argv] = args
  if (!target) throw new CommandError(`error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples`)
  if (argv.length === 0) throw new CommandError(`error: you must specify at least one command for the container`)
  execIn(c, podFor(c, target), c.flags.container as string | undefined, argv)
}

/**
 * `kubectl run NAME --rm -i -t … -- COMMAND`: waits for the pod to run, attaches (the container's
 * command runs and its output is printed), then deletes the pod. The command's output comes
 * from running it as an exec in the container, since the runtime model's processes have no
 * network of their own.
 */
export function attachAndRemove(c: Ctx, name: string, remove = true): void {
  const path = restPath(PODS, c.namespace, name)
  const phase = () => (c.host.api.peek(path) as Pod | undefined)?.status?.phase
  const ran = c.host.waitFor(() => phase() === 'Running' || phase() === 'Succeeded' || phase() === 'Failed', 5 * 60_000)
  const r = c.get(PODS, c.namespace, name)
  if (r.status !== 200) throw new CommandError(statusError(r))
  const pod = r.body as Pod
  const ctr = pod.spec?.containers?.[0]
  const argv = [...(ctr?.command ?? []), ...(ctr?.args ?? [])]
  let failure: CommandError | undefined
  if (!ran) failure = new CommandError(`error: timed out waiting for the condition`)
  else if (argv.length && phase() === 'Running') {
    try {
      execIn(c, pod, ctr?.name, argv)
    } catch (e) {
      if (!(e instanceof CommandError)) throw e
      failure = e
    }
  }
  if (remove) {
    const d = c.request('DELETE', path, { summary: `kubectl deletes ${name} (--rm)` })
    if (d.status === 200) c.print(`pod "${name}" deleted`)
  }
  if (failure) {
    const m = /^command terminated with exit code (\d+)$/.exec(failure.message)
    throw m ? new CommandError(`pod ${c.namespace}/${name} terminated (Error)`, 1) : failure
  }
}
