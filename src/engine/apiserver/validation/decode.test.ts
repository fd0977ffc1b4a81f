import { describe, expect, it } from 'vitest'
import { decodeTypeError } from './decode'
import { R } from '../../client/client'

describe('decodeTypeError (encoding/json UnmarshalTypeError texts)', () => {
  const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ...spec, containers: [{ name: 'c', image: 'nginx', ...container }] } })

  it('names the Go struct and the JSON path of a string field given another type', () => {
    expect(decodeTypeError(R.pods, pod({ env: [{ name: 'A', value: true }] }))).toBe('json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string')
    expect(decodeTypeError(R.pods, pod({ image: 1.27 }))).toBe('json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string')
    expect(decodeTypeError(R.pods, pod({ command: ['sleep', 3600] }))).toBe('json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string')
    expect(decodeTypeError(R.pods, pod({ args: 'x' }))).toBe('json: cannot unmarshal string into Go struct field Container.spec.containers.args of type []string')
    expect(decodeTypeError(R.pods, pod({}, { nodeSelector: { disk: true } }))).toBe('json: cannot unmarshal bool into Go struct field PodSpec.spec.nodeSelector of type string')
    expect(decodeTypeError(R.pods, pod({}, { nodeSelector: ['a'] }))).toBe('json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string')
    expect(decodeTypeError(R.configmaps, { kind: 'ConfigMap', metadata: { name: 'c' }, data: { port: 8080 } })).toBe('json: cannot unmarshal number into Go struct field ConfigMap.data of type string')
  })

  it('reaches containers through workload templates, and reports the first error in body order', () => {
    const deployment = { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'ok', image: 'nginx' }, { name: 'c', env: [{ name: 'B', value: 1 }], image: false }] } } } }
    expect(decodeTypeError(R.deployments, deployment)).toBe('json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string')
    const cronjob = { kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 7 }] } } } } } }
    expect(decodeTypeError(R.cronjobs, cronjob)).toBe('json: cannot unmarshal number into Go struct field Container.spec.jobTemplate.spec.template.spec.containers.image of type string')
  })

  it('accepts strings, nulls, and whatever is outside the typed fields', () => {
    expect(decodeTypeError(R.pods, pod({ env: [{ name: 'A', value: null }], command: null }, { nodeSelector: null }))).toBeUndefined()
    expect(decodeTypeError(R.pods, { ...pod({}), metadata: { name: 'p', labels: { a: 'b' } }, status: { phase: 3 } })).toBeUndefined()
    expect(decodeTypeError(R.events, { kind: 'Event', count: 'x', involvedObject: { name: 1 } })).toBeUndefined()
  })
})
