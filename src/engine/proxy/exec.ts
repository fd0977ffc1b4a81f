/**
 * `kubectl exec` inside a running container: network tools (curl, wget, nslookup) go over the
 * simulated network (clients.ts); any other command runs in the runtime model
 * (`execInContainer`, the container's files and shell), and a command the model cannot run
 * says so. The kubelet's part (CRI ExecSync) is recorded by the caller.
 */
import type { Program } from '../kubelet/model'
import { execInContainer } from '../kubelet/runtime'
import { osBinaries } from '../kubelet/runtime/commands'
import { EPOCH_MS } from '../sim/time'
import { curl, nslookup, wget, NETWORK_TOOLS, type ToolResult } from './clients'
import type { NetEnv, TrafficClient } from './traffic'

/** Whether the image has an executable `name` (its OS's tools and its own). */
export function imageHas(p: Program, name: string): boolean {
  const base = name.split('/').pop() ?? name
  return osBinaries(p.image.os).includes(base) || p.image.entry.binaries.includes(base)
}

/**
 * The error kubectl prints when the executable does not exist in the container (the CRI error,
 * wrapped by the kubelet and the apiserver). Upstream: containerd ExecSync, runc.
 */
export function execNotFound(argv0: string): string {
  const what = argv0.includes('/') ? `exec: "${argv0}": stat ${argv0}: no such file or directory` : `exec: "${argv0}": executable file not found in $PATH`
  return `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`
}

/** Runs `argv` in container `program` of pod `client` at the current virtual time. */
export function execInPod(env: NetEnv, client: Extract<TrafficClient, { kind: 'pod' }>, program: Program, argv: string[], cause?: number): ToolResult & { startError?: string } {
  const now = env.ctx.queue.now
  const tool = (argv[0] ?? '').split('/').pop() ?? ''
  if (NETWORK_TOOLS.includes(tool)) {
    if (!imageHas(program, tool)) return { stdout: '', stderr: '', exitCode: 1, startError: execNotFound(argv[0]) }
    const args = argv.slice(1)
    if (tool === 'curl') {
      const version = program.image.entry.app === 'curl' ? program.image.version : '8.14.1'
      return curl(env, client, args, version, EPOCH_MS, cause)
    }
    if (tool === 'wget') return wget(env, client, args, cause)
    return nslookup(env, client, args, cause)
  }
  const r = execInContainer(program, argv, now, { timeoutMs: 60_000 })
  if (r.startError) return { stdout: '', stderr: '', exitCode: 1, startError: execNotFound(argv[0]) }
  if (r.unsupported) return { stdout: r.output, stderr: `[podium] the simulator cannot run ${r.unsupported}\n`, exitCode: 1 }
  return { stdout: r.output, stderr: '', exitCode: r.timedOut ? 124 : r.exitCode }
}
