import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { containerEnv, containerMounts, podVolumeFiles, type ConfigReader } from './config'

/** A reader over fixed objects, as the apiserver would answer the kubelet's GETs. */
function reader(objects: Record<string, Record<string, string>>): ConfigReader {
  return { read: (src: { kind: string; name: string }) => objects[`${src.kind}/${src.name}`] ?? null } as unknown as ConfigReader
}

const pod = (spec: Pod['spec']): Pod => ({ metadata: { name: 'p', namespace: 'ns', labels: { app: 'x' } }, spec })

describe('the kubelet resolves a container environment', () => {
  it('envFrom first, then env in order with $(VAR) expansion, fieldRef and key refs', () => {
    const p = pod({
      nodeName: 'node-1',
      containers: [{
        name: 'c',
        envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'CM_' }, { secretRef: { name: 'missing', optional: true } }],
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a' } } },
          { name: 'B', value: '$(A)-$(NOPE)-$$(A)' },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'OPT', valueFrom: { secretKeyRef: { name: 's', key: 'nope', optional: true } } },
        ],
      }],
    })
    const r = containerEnv(reader({ 'configmap/cm': { a: '1' }, 'secret/s': {} }), p, p.spec!.containers[0], '10.244.1.2', '172.18.0.2')
    expect(r).toEqual({ env: { CM_a: '1', A: '1', B: '1-$(NOPE)-$(A)', NODE: 'node-1', APP: 'x' } })
  })

  it('returns the kubelet texts for what is missing', () => {
    const c = (env: object[]) => pod({ containers: [{ name: 'c', env } as never] })
    const ref = (k: 'configMapKeyRef' | 'secretKeyRef', name: string, key: string) => [{ name: 'X', valueFrom: { [k]: { name, key } } }]
    expect(containerEnv(reader({}), c(ref('configMapKeyRef', 'x', 'k')), c(ref('configMapKeyRef', 'x', 'k')).spec!.containers[0], '', '')).toEqual({ error: 'configmap "x" not found' })
    expect(containerEnv(reader({}), c(ref('secretKeyRef', 'x', 'k')), c(ref('secretKeyRef', 'x', 'k')).spec!.containers[0], '', '')).toEqual({ error: 'secret "x" not found' })
    const p = c(ref('configMapKeyRef', 'x', 'k'))
    expect(containerEnv(reader({ 'configmap/x': {} }), p, p.spec!.containers[0], '', '')).toEqual({ error: "couldn't find key k in ConfigMap ns/x" })
  })

  it('mounts configMap and secret volumes, items and subPath', () => {
    const p = pod({
      containers: [{ name: 'c', volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }, { name: 'sec', mountPath: '/etc/app/pw.txt', subPath: 'pw' }] }],
      volumes: [{ name: 'cfg', configMap: { name: 'cm', items: [{ key: 'a', path: 'conf/a.ini' }] } }, { name: 'sec', secret: { secretName: 's' } }, { name: 'gone', configMap: { name: 'nope' } }],
    })
    const v = podVolumeFiles(reader({ 'configmap/cm': { a: '1', b: '2' }, 'secret/s': { pw: 'hunter2' } }), p)
    expect(v.failures).toEqual(['MountVolume.SetUp failed for volume "gone" : configmap "nope" not found'])
    expect(containerMounts(p.spec!.containers[0], v.files)).toEqual([{ path: '/etc/cfg', files: { 'conf/a.ini': '1' } }, { path: '/etc/app', files: { 'pw.txt': 'hunter2' } }])
  })
})
