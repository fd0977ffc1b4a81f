import { describe, expect, it } from 'vitest'
import { deepEqual, share } from './meta'

describe('deepEqual', () => {
  it('compares JSON values field by field, an undefined field as an absent one', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true)
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true)
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(deepEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false)
    expect(deepEqual({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false)
    expect(deepEqual({ a: null }, { a: undefined })).toBe(false)
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false)
    expect(deepEqual([], {})).toBe(false)
    expect(deepEqual({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false)
  })
})

describe('share', () => {
  const prev = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] }, status: { phase: 'Running' } }

  it('gives back the previous version itself when nothing changed', () => {
    expect(share(structuredClone(prev), prev)).toBe(prev)
  })

  it('keeps the previous subtrees that did not change and the new ones that did', () => {
    const next = structuredClone(prev)
    next.spec.replicas = 5
    const out = share(next, prev)
    expect(out).toEqual(next)
    expect(out).not.toBe(prev)
    expect(out.metadata).toBe(prev.metadata)
    expect(out.status).toBe(prev.status)
    expect(out.spec.ports).toBe(prev.spec.ports)
    expect(Object.keys(out)).toEqual(['metadata', 'spec', 'status'])
  })

  it('shares list items up to a change, and takes a shorter or longer list as it is', () => {
    const changed = share([{ port: 80 }, { port: 8443 }], prev.spec.ports)
    expect(changed).toEqual([{ port: 80 }, { port: 8443 }])
    expect(changed[0]).toBe(prev.spec.ports[0])
    const shorter = share([{ port: 80 }], prev.spec.ports)
    expect(shorter).toEqual([{ port: 80 }])
    expect(shorter[0]).toBe(prev.spec.ports[0])
    const longer = share([{ port: 80 }, { port: 443 }, { port: 8080 }], prev.spec.ports)
    expect(longer).toEqual([{ port: 80 }, { port: 443 }, { port: 8080 }])
    expect(longer[1]).toBe(prev.spec.ports[1])
  })

  it('drops fields the new version no longer has', () => {
    const out = share({ metadata: { name: 'web', labels: { app: 'web' } }, spec: prev.spec }, prev)
    expect(out).toEqual({ metadata: prev.metadata, spec: prev.spec })
    expect('status' in out).toBe(false)
    expect(out.metadata).toBe(prev.metadata)
    // The same values but fewer fields: a new object with the previous values.
    const fewer = share({ name: 'web', labels: { app: 'web' } }, { ...prev.metadata, uid: 'u' })
    expect(fewer).toEqual(prev.metadata)
    expect(fewer.labels).toBe(prev.metadata.labels)
  })
})
