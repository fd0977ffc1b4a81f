/**
 * `kubectl describe configmap|secret`. Go ranges over the data maps in random order; the keys
 * are sorted here so the text is stable (identical to kubectl's with one key).
 * Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (ConfigMapDescriber, SecretDescriber).
 */
import type { ConfigMap, Event, Secret } from 'kubernetes-types/core/v1'
import type { ObjectMeta } from 'kubernetes-types/meta/v1'
import { decodeBase64 } from '../../../api/base64'
import { byteCompare } from '../labels'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common'
import { LEVEL_0, tabbedString, type Writer } from './writer'

const sortedKeys = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort(byteCompare)

/** How many bytes a base64 value (API `[]byte`) holds. */
const byteLength = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0)

/** Name, Namespace, Labels, Annotations: how both describers start. */
function describeMeta(w: Writer, meta: ObjectMeta | undefined): void {
  w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', meta?.labels)
  printAnnotationsMultiline(w, 'Annotations', meta?.annotations)
}

export function describeConfigMap(cm: ConfigMap, events: readonly Event[] | null, now: number): string {
  return tabbedString((w) => {
    describeMeta(w, cm.metadata)
    w.write(LEVEL_0, '\nData\n====\n')
    for (const k of sortedKeys(cm.data)) w.write(LEVEL_0, `${k}:\n----\n${cm.data![k]}\n\n`)
    w.write(LEVEL_0, '\nBinaryData\n====\n')
    for (const k of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${k}: ${byteLength(cm.binaryData![k])} bytes\n`)
    w.write(LEVEL_0, '\n')
    if (events) describeEvents(events, w, now)
  })
}

export function describeSecret(s: Secret): string {
  return tabbedString((w) => {
    describeMeta(w, s.metadata)
    w.write(LEVEL_0, `\nType:\t${s.type ?? ''}\n`)
    w.write(LEVEL_0, '\nData\n====\n')
    for (const k of sortedKeys(s.data)) {
      const v = s.data![k]
      // A service account token is shown as text; everything else as its size.
      const token = k === 'token' && s.type === 'kubernetes.io/service-account-token' ? decodeBase64(v) : undefined
      if (token?.ok) w.write(LEVEL_0, `${k}:\t${token.text}\n`)
      else w.write(LEVEL_0, `${k}:\t${byteLength(v)} bytes\n`)
    }
  })
}
