import { describe, expect, it } from 'vitest'
import { generateKubernetesSchema } from './k8sSchema'

describe('the Kubernetes schema for monaco-yaml', () => {
  const schema = generateKubernetesSchema() as {
    properties: { kind: { enum: string[] }; apiVersion: { enum: string[] } }
    allOf: { if: { properties: { kind: { const: string }; apiVersion: { const: string } } }; then: { $ref: string } }[]
    definitions: Record<string, { type?: unknown; properties?: Record<string, { description?: string; $ref?: string; type?: unknown }>; required?: string[]; additionalProperties?: unknown }>
  }

  it('offers the kinds a student writes, each tied to its apiVersion', () => {
    for (const kind of ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret']) {
      expect(schema.properties.kind.enum).toContain(kind)
    }
    expect(schema.properties.kind.enum).not.toContain('PodList')
    const deployment = schema.allOf.find((b) => b.if.properties.kind.const === 'Deployment')!
    expect(deployment.if.properties.apiVersion.const).toBe('apps/v1')
    expect(deployment.then.$ref).toBe('#/definitions/apps.v1.Deployment')
  })

  it('carries the API documentation and rejects unknown fields', () => {
    const container = schema.definitions['core.v1.Container']
    expect(container.required).toEqual(['name'])
    expect(container.properties!.image.description).toMatch(/Container image name/)
    expect(container.additionalProperties).toBe(false)
    expect(container.properties!.resources.$ref).toBe('#/definitions/core.v1.ResourceRequirements')
    // Quantities are written as numbers too (cpu: 1).
    expect(schema.definitions['api.resource.Quantity'].type).toEqual(['string', 'number'])
    // Labels are a string map; ports accept numbers or names.
    expect(schema.definitions['meta.v1.ObjectMeta'].properties!.labels).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } })
    expect(schema.definitions['core.v1.ServicePort'].properties!.targetPort.type).toEqual(['number', 'string'])
  })
})
