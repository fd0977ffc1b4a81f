import { describe, expect, it } from 'vitest'
import { compactScenario, decodeShareHash, decodeWorkspace, encodeWorkspace, shareLink, type Workspace } from './share'

const ws: Workspace = {
  v: 1,
  scenario: {
    seed: 7,
    nodes: [{ name: 'node-1' }, { name: 'node-2', cpu: '4', labels: { disk: 'ssd' } }],
    steps: [{ kubectl: 'apply -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n' }, { advance: 1000 }],
  },
  cursor: 12,
  tabs: [{ name: 'pod.yaml', text: 'kind: Pod # ünïcode ✓' }],
  activeTab: 0,
}

describe('share links', () => {
  it('round-trips a workspace through a URL-safe string', () => {
    const text = encodeWorkspace(ws)
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeWorkspace(text)).toEqual({ ok: true, workspace: ws })
  })

  it('reads the workspace from a location hash, and ignores hashes without one', () => {
    const link = shareLink('http://127.0.0.1:4173/#old', ws)
    expect(link.startsWith('http://127.0.0.1:4173/#share=')).toBe(true)
    expect(decodeShareHash(new URL(link).hash)).toEqual({ ok: true, workspace: ws })
    expect(decodeShareHash('')).toBeNull()
    expect(decodeShareHash('#other=1')).toBeNull()
  })

  it('reports a corrupted or tampered link instead of throwing', () => {
    const text = encodeWorkspace(ws)
    const broken = decodeShareHash('#share=' + text.slice(0, -6) + 'AAAAAA')
    expect(broken?.ok).toBe(false)
    expect(decodeShareHash('#share=%%%')?.ok).toBe(false)
    const notWorkspace = decodeWorkspace(encodeWorkspace({ hello: 1 } as unknown as Workspace))
    expect(notWorkspace).toMatchObject({ ok: false, code: 'invalid', error: expect.stringContaining('not a Podium workspace') })
  })

  it('merges consecutive advance steps', () => {
    const s = compactScenario({
      seed: 1,
      nodes: [],
      steps: [{ advance: 500 }, { advance: 500 }, { kubectl: 'get pods' }, { advance: 1 }, { advance: 2 }, { advance: 3 }],
    })
    expect(s.steps).toEqual([{ advance: 1000 }, { kubectl: 'get pods' }, { advance: 6 }])
  })
})
