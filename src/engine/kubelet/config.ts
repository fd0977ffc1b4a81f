/**
 * What the kubelet reads from the API before a container can run: the ConfigMaps and Secrets a
 * container's `env` and `envFrom` name (resolved into its environment, or the error that keeps it
 * waiting in CreateContainerConfigError), and the files of `configMap` and `secret` volumes
 * (mounted before the sandbox starts, or a FailedMount event while one is missing).
 * Each object is read with a GET through the apiserver, as the kubelet's configmap and secret
 * managers do (upstream they cache behind a watch; the reads here are the hops a student sees).
 * Upstream: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, podFieldSelectorRuntimeValue;
 * pkg/kubelet/configmap, pkg/kubelet/secret (their NotFound errors name the resource in the
 * singular: `configmap "x" not found`); pkg/volume/configmap, pkg/volume/secret SetUpAt.
 */
import type { ConfigMap, Container, Pod, Secret, Volume } from 'kubernetes-types/core/v1'
import { decodeBase64 } from '../api/base64'
import type { Client } from '../client/client'
import { R } from '../client/client'
import type { MountSpec } from './runtime/fs'
import { expandKubeVars } from './runtime'

/** How soon the pod worker tries again after a container's config could not be built. Upstream: pod_workers.go backOffPeriod (10 s, jittered up to 15 s). */
export const CONFIG_RETRY_MS = 10_000

/** A container's resolved configuration, kept on its runtime record until it starts. */
export interface ContainerConfig {
  env: Record<string, string>
  mounts: MountSpec[]
}

type Source = { kind: 'configmap' | 'secret'; name: string }

/** Reads ConfigMaps and Secrets for one sync, each at most once. */
export class ConfigReader {
  private readonly seen = new Map<string, Record<string, string> | null>()

  constructor(
    private readonly client: Client,
    private readonly pod: Pod,
    private readonly node: string,
    private readonly cause: number | undefined,
  ) {}

  /** The object's data as text (Secret values decoded), or null when it does not exist. */
  read(src: Source, why: string): Record<string, string> | null {
    const k = `${src.kind}/${src.name}`
    if (this.seen.has(k)) return this.seen.get(k)!
    const ns = this.pod.metadata!.namespace
    const t = src.kind === 'configmap' ? R.configmaps : R.secrets
    const r = this.client.get(t, ns, src.name, { cause: this.cause, summary: `The kubelet on ${this.node} reads ${src.kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${src.name} for ${this.pod.metadata!.name} (${why})` })
    let data: Record<string, string> | null = null
    if (r.status === 200) {
      if (src.kind === 'configmap') data = { ...((r.body as ConfigMap).data ?? {}) }
      else {
        data = {}
        for (const [key, v] of Object.entries((r.body as Secret).data ?? {})) {
          const d = decodeBase64(v)
          data[key] = d.ok ? d.text : v
        }
      }
    }
    this.seen.set(k, data)
    return data
  }
}

/** `configmap "x" not found`: the kubelet managers' NotFound text (resource in the singular). */
function notFound(src: Source): string {
  return `${src.kind} "${src.name}" not found`
}

/** The value of a `fieldRef`. Upstream: podFieldSelectorRuntimeValue, fieldpath.ExtractFieldPathAsString. */
function fieldValue(pod: Pod, path: string, podIP: string, hostIP: string): string {
  const m = pod.metadata ?? {}
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (sub) return (sub[1] === 'labels' ? m.labels : m.annotations)?.[sub[2]] ?? ''
  switch (path) {
    case 'metadata.name':
      return m.name ?? ''
    case 'metadata.namespace':
      return m.namespace ?? ''
    case 'metadata.uid':
      return m.uid ?? ''
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? ''
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? ''
    case 'status.podIP':
    case 'status.podIPs':
      return podIP
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIP
    default:
      return ''
  }
}

/**
 * The container's environment, in the kubelet's order: `envFrom` sources first (later ones win),
 * then `env` (literal values with `$(VAR)` expanded against what is defined so far, or
 * `valueFrom`). Returns the error text that becomes the waiting message of
 * CreateContainerConfigError when a non-optional source or key is missing.
 */
export function containerEnv(reader: ConfigReader, pod: Pod, c: Container, podIP: string, hostIP: string): { env: Record<string, string> } | { error: string } {
  const ns = pod.metadata!.namespace
  const env: Record<string, string> = {}
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef
    if (!ref?.name) continue
    const src: Source = { kind: from.configMapRef ? 'configmap' : 'secret', name: ref.name }
    const data = reader.read(src, `envFrom of container ${c.name}`)
    if (!data) {
      if (ref.optional) continue
      return { error: notFound(src) }
    }
    for (const [k, v] of Object.entries(data)) env[(from.prefix ?? '') + k] = v
  }
  for (const e of c.env ?? []) {
    let v = e.value ?? ''
    if (v !== '') v = expandKubeVars(v, env)
    else if (e.valueFrom) {
      const vf = e.valueFrom
      if (vf.fieldRef) v = fieldValue(pod, vf.fieldRef.fieldPath, podIP, hostIP)
      const keyRef = vf.configMapKeyRef ?? vf.secretKeyRef
      if (keyRef) {
        const src: Source = { kind: vf.configMapKeyRef ? 'configmap' : 'secret', name: keyRef.name ?? '' }
        const data = reader.read(src, `env ${e.name} of container ${c.name}`)
        if (!data) {
          if (keyRef.optional) continue
          return { error: notFound(src) }
        }
        if (!Object.prototype.hasOwnProperty.call(data, keyRef.key)) {
          if (keyRef.optional) continue
          return { error: `couldn't find key ${keyRef.key} in ${vf.configMapKeyRef ? 'ConfigMap' : 'Secret'} ${ns}/${src.name}` }
        }
        v = data[keyRef.key]
      }
    }
    env[e.name] = v
  }
  return { env }
}

/** The files a configMap or secret volume holds (all keys, or the `items` it selects). */
function volumeSource(v: Volume): { src: Source; items?: { key: string; path: string }[]; optional?: boolean } | undefined {
  if (v.configMap) return { src: { kind: 'configmap', name: v.configMap.name ?? '' }, items: v.configMap.items, optional: v.configMap.optional }
  if (v.secret) return { src: { kind: 'secret', name: v.secret.secretName ?? '' }, items: v.secret.items, optional: v.secret.optional }
  return undefined
}

/**
 * Sets up the pod's configMap and secret volumes: their files by volume name, or the FailedMount
 * texts of the volumes that cannot be set up yet (`MountVolume.SetUp failed for volume "cfg" :
 * configmap "x" not found`). An optional source that is missing gives an empty volume.
 * Upstream: pkg/volume/configmap/configmap.go SetUpAt, MakePayload.
 */
export function podVolumeFiles(reader: ConfigReader, pod: Pod): { files: Record<string, Record<string, string>>; failures: string[] } {
  const files: Record<string, Record<string, string>> = {}
  const failures: string[] = []
  for (const v of pod.spec?.volumes ?? []) {
    const vs = volumeSource(v)
    if (!vs) continue
    const data = reader.read(vs.src, `volume ${v.name}`)
    if (!data) {
      if (vs.optional) files[v.name] = {}
      else failures.push(`MountVolume.SetUp failed for volume "${v.name}" : ${notFound(vs.src)}`)
      continue
    }
    const out: Record<string, string> = {}
    if (vs.items?.length) {
      for (const it of vs.items) {
        if (!Object.prototype.hasOwnProperty.call(data, it.key)) {
          // Upstream MakePayload texts differ between the two volume types.
          const why = vs.src.kind === 'configmap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`
          if (!vs.optional) failures.push(`MountVolume.SetUp failed for volume "${v.name}" : ${why}`)
          continue
        }
        out[it.path] = data[it.key]
      }
    } else Object.assign(out, data)
    files[v.name] = out
  }
  return { files, failures }
}

/** The mounts of one container: each volumeMount of a volume with files (a `subPath` mounts one file). */
export function containerMounts(c: Container, volumeFiles: Record<string, Record<string, string>> | undefined): MountSpec[] {
  const out: MountSpec[] = []
  for (const m of c.volumeMounts ?? []) {
    const files = volumeFiles?.[m.name]
    if (!files) continue
    if (m.subPath) {
      const i = m.mountPath.lastIndexOf('/')
      const dir = i <= 0 ? '/' : m.mountPath.slice(0, i)
      if (Object.prototype.hasOwnProperty.call(files, m.subPath)) out.push({ path: dir, files: { [m.mountPath.slice(i + 1)]: files[m.subPath] } })
      continue
    }
    out.push({ path: m.mountPath, files })
  }
  return out
}
