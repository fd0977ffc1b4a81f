/**
 * The `Containers:` blocks of describe: ports, command, state, resources, probes, environment
 * and mounts, for pods (with statuses) and pod templates (without).
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describeContainers and helpers,
 * DescribeProbe, describeStatus, EnvValueRetriever) and kubectl/pkg/util/resource
 * (ExtractContainerResourceValue).
 */
import type { Container, ContainerState, ContainerStatus, EnvVar, Pod, Probe, ResourceRequirements } from 'kubernetes-types/core/v1'
import { goQuote } from '../formats/gofmt'
import { byteCompare } from '../labels'
import { canonicalQuantity, parseQuantity, quantityMilliValue, quantityValue, type Quantity } from '../quantity'
import { printBool, rfc1123z } from './common'
import { goSort } from './gosort'
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type Writer } from './writer'

/** Resolves a `fieldRef` env var (EnvValueRetriever); undefined for templates. */
export type EnvResolver = ((e: EnvVar) => string) | undefined

/** SortedResourceNames: resource names in byte order. */
export const sortedResourceNames = (list: Record<string, string> | undefined): string[] => Object.keys(list ?? {}).sort(byteCompare)

/** describeResources: `Limits:` then `Requests:`, names sorted, quantities canonical. */
export function describeResources(resources: ResourceRequirements | undefined, w: Writer, level: number): void {
  if (!resources) return
  const limits = resources.limits ?? {}
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n')
  for (const name of sortedResourceNames(limits)) w.write(level + 1, `${name}:\t${canonicalQuantity(limits[name])}\n`)
  const requests = resources.requests ?? {}
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n')
  for (const name of sortedResourceNames(requests)) w.write(level + 1, `${name}:\t${canonicalQuantity(requests[name])}\n`)
}

const intOrString = (v: number | string | undefined): string => (v === undefined ? '' : String(v))

/** net.JoinHostPort */
const joinHostPort = (host: string, port: string): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)

/** url.URL{Scheme, Host, Path}.String() for a probe. */
function probeURL(scheme: string, host: string, path: string): string {
  let out = scheme ? `${scheme}:` : ''
  if (scheme || host) out += '//' + host
  if (path && path[0] !== '/' && host) out += '/'
  return out + path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c))
}

/**
 * DescribeProbe: `http-get http://:80/ delay=5s timeout=1s period=10s #success=1 #failure=3`.
 * @example describeProbe({ exec: { command: ['cat', '/tmp/ok'] } }) // 'exec [cat /tmp/ok] delay=0s …'
 */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`
  if (probe.httpGet) {
    const port = intOrString(probe.httpGet.port)
    const host = port.length > 0 ? joinHostPort(probe.httpGet.host ?? '', port) : (probe.httpGet.host ?? '')
    return `http-get ${probeURL((probe.httpGet.scheme ?? '').toLowerCase(), host, probe.httpGet.path ?? '')} ${attrs}`
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${intOrString(probe.tcpSocket.port)} ${attrs}`
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

/** describeStatus: one container state (Running / Waiting / Terminated). */
function describeStatus(stateName: string, state: ContainerState | undefined, w: Writer): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`)
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`)
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`)
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state?.terminated) {
    const t = state.terminated
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`)
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`)
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`)
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`)
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`)
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`)
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`)
  }
}

/** ExtractContainerResourceValue for `resourceFieldRef` env vars. */
function containerResourceValue(resource: string, divisorText: string | undefined, c: Container): string {
  const divisor = divisorText && parseQuantity(divisorText).nanos !== 0n ? parseQuantity(divisorText) : parseQuantity('1')
  const get = (list: Record<string, string> | undefined, name: string): Quantity => parseQuantity(list?.[name] ?? '0')
  const [kind, name] = resource.split('.')
  const list = kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined
  if (!list && kind !== 'limits' && kind !== 'requests') return ''
  if (name === 'cpu') return String(Math.ceil(Number(quantityMilliValue(get(list, 'cpu'))) / Number(quantityMilliValue(divisor))))
  if (name === 'memory' || name === 'ephemeral-storage') {
    return String(Math.ceil(Number(quantityValue(get(list, name))) / Number(quantityValue(divisor))))
  }
  return ''
}

function describeEnvVars(c: Container, resolve: EnvResolver, w: Writer): void {
  const env = c.env ?? []
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    if (!e.valueFrom) {
      ;(e.value ?? '').split('\n').forEach((s, i) => {
        if (i === 0) w.write(LEVEL_3, `${e.name}:\t${s}\n`)
        else w.write(LEVEL_3, `\t${s}\n`)
      })
      continue
    }
    const from = e.valueFrom
    if (from.fieldRef) {
      const value = resolve ? resolve(e) : ''
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`)
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource
      let value = containerResourceValue(resource, from.resourceFieldRef.divisor, c)
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable'
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`)
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`)
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`)
    }
  }
}

function describeEnvFrom(c: Container, w: Writer): void {
  const list = c.envFrom ?? []
  w.write(LEVEL_2, `Environment Variables from:${list.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of list) {
    let from = ''
    let name = ''
    let optional = false
    if (e.configMapRef) {
      from = 'ConfigMap'
      name = e.configMapRef.name ?? ''
      optional = e.configMapRef.optional === true
    } else if (e.secretRef) {
      from = 'Secret'
      name = e.secretRef.name ?? ''
      optional = e.secretRef.optional === true
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`)
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`)
  }
}

function describeMounts(c: Container, w: Writer): void {
  const mounts = [...(c.volumeMounts ?? [])]
  const none = mounts.length === 0 ? '\t<none>' : ''
  w.write(LEVEL_2, `Mounts:${none}\n`)
  goSort(mounts, (a, b) => a.mountPath < b.mountPath)
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw']
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`)
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
  }
  const devices = [...(c.volumeDevices ?? [])]
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`)
    goSort(devices, (a, b) => a.devicePath < b.devicePath)
    for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`)
  }
}

/**
 * describeContainers: the `label:` line and one block per container.
 * `space` is `''` for a pod and `'  '` inside a pod template.
 */
export function describeContainers(
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  resolve: EnvResolver,
  w: Writer,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]))
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`)
  for (const c of containers) {
    const status = byName.get(c.name)
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${c.name}:\n`)
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`)
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`)
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`)
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ')
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`)
    else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`)
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ')
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`)
    else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`)
    const seccomp = c.securityContext?.seccompProfile
    if (seccomp) {
      w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`)
      if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
    }
    if ((c.command ?? []).length > 0) {
      w.write(LEVEL_2, 'Command:\n')
      for (const cmd of c.command ?? []) for (const s of cmd.split('\n')) w.write(LEVEL_3, `${s}\n`)
    }
    if ((c.args ?? []).length > 0) {
      w.write(LEVEL_2, 'Args:\n')
      for (const arg of c.args ?? []) for (const s of arg.split('\n')) w.write(LEVEL_3, `${s}\n`)
    }
    if (status) {
      describeStatus('State', status.state, w)
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w)
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`)
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`)
    }
    describeResources(c.resources ?? {}, w, LEVEL_2)
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`)
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`)
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`)
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(c, w)
    describeEnvVars(c, resolve, w)
    describeMounts(c, w)
  }
}

/**
 * EnvValueRetriever: kubectl converts the field path with its client scheme, which only knows
 * `metadata.name` and `metadata.namespace`; every other `fieldRef` shows an empty value.
 */
export function envValueRetriever(pod: Pod): (e: EnvVar) => string {
  return (e) => {
    const path = e.valueFrom?.fieldRef?.fieldPath ?? ''
    if (path === 'metadata.name') return pod.metadata?.name ?? ''
    if (path === 'metadata.namespace') return pod.metadata?.namespace ?? ''
    return ''
  }
}
