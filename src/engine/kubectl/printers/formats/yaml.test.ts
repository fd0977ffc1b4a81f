import { describe, expect, it } from 'vitest'
import { goNumber, resolvesToNonString, stringStyle, yamlKeyLess } from './yamlscalar'
import { toYaml } from './yaml'

// Printed by kubectl 1.33 (`kubectl label --local -f demo.json x=y -o yaml`).
const demo = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "demo", "namespace": "default", "annotations": {"80": "numeric key", "bool": "true", "port": "80", "empty": "", "yes": "yes", "time": "1:30", "date": "2025-01-06", "dash": "- x", "colon": "a: b", "block": "multi\nline\n", "keep": "x\n\n", "strip": "no newline\nat end", "lead": "  lead", "quote": "it's", "hash": "#x", "accent": "é", "tab": "a\tb", "html": "<none> & more", "long": "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."}, "labels": {"x": "y"}}, "data": {"k10": "v", "k9": "v", "K": "v", "a-b": "v", "ab": "v", "_x": "v", "list": "[]"}}
const demoYaml = "apiVersion: v1\ndata:\n  _x: v\n  K: v\n  a-b: v\n  ab: v\n  k9: v\n  k10: v\n  list: '[]'\nkind: ConfigMap\nmetadata:\n  annotations:\n    \"80\": numeric key\n    accent: é\n    block: |\n      multi\n      line\n    bool: \"true\"\n    colon: 'a: b'\n    dash: '- x'\n    date: \"2025-01-06\"\n    empty: \"\"\n    hash: '#x'\n    html: <none> & more\n    keep: |+\n      x\n\n    lead: '  lead'\n    long: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n      }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is\n      not helpful for scheduling, 2 No preemption victims found for incoming pod.'\n    port: \"80\"\n    quote: it's\n    strip: |-\n      no newline\n      at end\n    tab: \"a\\tb\"\n    time: \"1:30\"\n    \"yes\": \"yes\"\n  labels:\n    x: \"y\"\n  name: demo\n  namespace: default\n"

describe('toYaml (sigs.k8s.io/yaml + goyaml.v2)', () => {
  it('matches kubectl byte for byte: key order, quoting, block scalars, folding', () => {
    expect(toYaml(demo)).toBe(demoYaml)
  })

  it('does not indent sequences under their key and writes empty collections in flow style', () => {
    expect(toYaml({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }], volumes: [], nodeSelector: {} }, status: null })).toBe(
      'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n  nodeSelector: {}\n  volumes: []\nstatus: null\n',
    )
    expect(toYaml({ a: [[1, 2], ['x']] })).toBe('a:\n- - 1\n  - 2\n- - x\n')
  })

  it('quotes strings that would read back as another type', () => {
    for (const s of ['true', 'y', 'N', 'off', '~', 'null', '', '80', '-1', '0x1F', '0o17', '1_000', '1e3', '.5', '.inf', '2025-01-06T09:00:00Z', '2025-1-6']) {
      expect(resolvesToNonString(s)).toBe(true)
    }
    for (const s of ['nginx', '1.2.3', 'v1.33.1', '10.244.0.5', '80/TCP', 'yesno', '2025-13-01', '-']) {
      expect(resolvesToNonString(s)).toBe(false)
    }
    expect(stringStyle('1:30', false)).toBe('double')
    expect(stringStyle('80:30080/TCP', false)).toBe('plain')
    expect(stringStyle('- x', false)).toBe('single')
    expect(stringStyle('a\tb', false)).toBe('double')
    expect(stringStyle('', true)).toBe('double')
  })

  it('orders keys as goyaml.v2 does (symbols before letters, digit runs by value)', () => {
    const keys = ['k10', 'ab', 'K', 'a-b', '_x', 'k9', 'a.b']
    expect(keys.sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0))).toEqual(['_x', 'K', 'a-b', 'a.b', 'ab', 'k9', 'k10'])
  })

  it('writes numbers as Go does', () => {
    expect([goNumber(3), goNumber(1.5), goNumber(1234567.5), goNumber(0.00001)]).toEqual(['3', '1.5', '1.2345675e+06', '1e-05'])
  })
})
