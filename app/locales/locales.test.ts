import { describe, expect, it } from 'vitest'
import { en } from './en'
import { vi } from './vi'
import { translatorFor } from '../i18n'

/**
 * Vietnamese values that are meant to equal the English ones: Kubernetes terms, names, keys and
 * formats that read the same in both languages.
 */
const SAME_IN_BOTH = new Set([
  'playback.hopCounter',
  'diagram.title',
  'diagram.nodeLabel',
  'diagram.podLabel',
  'editor.apply',
  'editor.applyTitle',
  'help.key.end',
  'help.key.apply',
  'help.key.steps',
  'help.key.presenter',
  'help.key.overview',
  'help.key.presenterPanels',
  'presenter.console',
  'help.key.help',
  'help.key.escape',
  'inspector.tab.hop',
  'inspector.tab.etcd',
  'inspector.tab.scheduler',
  'inspector.tab.proxy',
  'hop.heading',
  'hop.causeLink',
  'hop.body',
  'hop.proxySync',
  'hop.container',
  'hop.image',
  'etcd.key',
  'etcd.version',
  'scheduler.hopLink',
  'scheduler.pod',
  'scheduler.node',
  'nodes.cpu',
  'services.clusterIp',
  'proxy.node',
  'explain.kubectl',
  'explain.etcd',
  'explain.pod',
  'explain.fallback',
])

const english = en as Record<string, string>
const vietnamese = vi as Record<string, string>
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<(\/?(?:code|em|strong))>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort()

describe('locales', () => {
  it('has every English key in Vietnamese, and nothing else (Vietnamese plurals: _other only)', () => {
    const expected = Object.keys(en).filter((k) => !k.endsWith('_one')).sort()
    expect(Object.keys(vi).sort()).toEqual(expected)
    for (const k of Object.keys(en).filter((k) => k.endsWith('_one'))) expect(english, k).toHaveProperty(k.replace(/_one$/, '_other'))
  })

  it('has no empty value, and no Vietnamese value copied from a non-trivial English one by accident', () => {
    const copied: string[] = []
    for (const [k, v] of Object.entries(vietnamese)) {
      expect(v.trim(), k).not.toBe('')
      if (v === english[k] && !SAME_IN_BOTH.has(k)) copied.push(k)
    }
    expect(copied).toEqual([])
    // The list stays honest: each entry is still identical.
    for (const k of SAME_IN_BOTH) expect(vietnamese[k], k).toBe(english[k])
  })

  it('uses the same placeholders and markup in both languages', () => {
    for (const [k, v] of Object.entries(vietnamese)) {
      expect(placeholders(v), k).toEqual(placeholders(english[k]))
      if (k.endsWith('_other')) {
        // The English singular may spell out "1" but names nothing Vietnamese lacks.
        const one = english[k.replace(/_other$/, '_one')]
        if (one) for (const p of placeholders(one)) expect(placeholders(v), k).toContain(p)
      }
    }
  })

  it('interpolates and picks plural forms', () => {
    const t = { en: translatorFor('en'), vi: translatorFor('vi') }
    expect(t.en('lesson.progress', { n: 3, total: 9 })).toBe('Step 3 of 9')
    expect(t.vi('lesson.progress', { n: 3, total: 9 })).toBe('Bước 3 / 9')
    expect(t.en('timeline.count', { count: 1 })).toBe('1 hop')
    expect(t.en('timeline.count', { count: 2 })).toBe('2 hops')
    expect(t.vi('timeline.count', { count: 1 })).toBe('1 hop')
    expect(t.vi('picker.steps', { count: 8 })).toBe('8 bước')
    expect(t.en('diagram.serviceLabel', { name: 'web', type: 'ClusterIP', ip: '10.0.0.1', ext: '', count: 1 })).toBe('Service web: ClusterIP 10.0.0.1, 1 ready endpoint')
  })
})
