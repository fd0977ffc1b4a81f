import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { equalIgnoreHash } from './util'

describe('equalIgnoreHash (upstream EqualIgnoreHash)', () => {
  const template: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }

  it('ignores the pod-template-hash label of the template, and only there', () => {
    const hashed: PodTemplateSpec = { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': '5d8f7c9b6' } } }
    expect(equalIgnoreHash(hashed, template)).toBe(true)
    expect(equalIgnoreHash(template, hashed)).toBe(true)
    const inSpec: PodTemplateSpec = { ...template, spec: { ...template.spec!, nodeSelector: { 'pod-template-hash': 'x' } } }
    expect(equalIgnoreHash(inSpec, template)).toBe(false)
    const annotation: PodTemplateSpec = { ...template, metadata: { ...template.metadata, annotations: { 'pod-template-hash': 'x' } } }
    expect(equalIgnoreHash(annotation, template)).toBe(false)
  })

  it('counts unset and empty values as equal, as Go semantic equality does', () => {
    const empties: PodTemplateSpec = { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', env: [] }], volumes: undefined } }
    expect(equalIgnoreHash(empties, template)).toBe(true)
    expect(equalIgnoreHash(undefined, {})).toBe(true)
  })

  it('sees any other difference', () => {
    expect(equalIgnoreHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } }, template)).toBe(false)
    expect(equalIgnoreHash({ ...template, metadata: { labels: { app: 'api' } } }, template)).toBe(false)
    expect(equalIgnoreHash({ ...template, metadata: { labels: { app: 'web', tier: 'front' } } }, template)).toBe(false)
  })
})
