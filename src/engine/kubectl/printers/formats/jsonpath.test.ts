import { describe, expect, it } from 'vitest'
import { formatOutput, OutputError } from '../output'
import { executeJSONPath, JSONPathParseError } from './jsonpath'

// Each case was printed by kubectl 1.33 (`kubectl label --local -f pod.json x=y -o jsonpath=…`).
const pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1", "namespace": "default", "labels": {"app": "web", "app.kubernetes.io/name": "web", "x": "y"}}, "spec": {"nodeName": "node-1", "containers": [{"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}]}, {"name": "log", "image": "busybox"}], "tolerations": [{"key": "a", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}, {"key": "b", "operator": "Exists", "effect": "NoSchedule"}]}, "status": {"phase": "Running", "podIP": "10.244.1.5", "conditions": [{"type": "Initialized", "status": "True", "lastProbeTime": null}, {"type": "Ready", "status": "False", "reason": "ContainersNotReady"}, {"type": "PodScheduled", "status": "True"}], "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 0}, {"name": "log", "ready": false, "restartCount": 3}]}}
const cases: [string, string, string][] = [
  [
    "{.metadata.name}",
    "web-1",
    ""
  ],
  [
    "{.spec.containers[*].name}",
    "nginx log",
    ""
  ],
  [
    "{range .spec.containers[*]}{.name}{\"\\t\"}{.image}{\"\\n\"}{end}",
    "nginx\tnginx:1.27\nlog\tbusybox\n",
    ""
  ],
  [
    "{.status.conditions[?(@.type==\"Ready\")].status}",
    "False",
    ""
  ],
  [
    "{.status.conditions[?(@.status!=\"True\")].reason}",
    "ContainersNotReady",
    ""
  ],
  [
    "{.spec.tolerations[?(@.tolerationSeconds>=300)].key}",
    "a",
    ""
  ],
  [
    "{.status.conditions[-1:].type}",
    "PodScheduled",
    ""
  ],
  [
    "{.status.conditions[0,2].type}",
    "Initialized PodScheduled",
    ""
  ],
  [
    "{.metadata.labels['app\\.kubernetes\\.io/name']}",
    "web",
    ""
  ],
  [
    "{.metadata.labels}",
    "{\"app\":\"web\",\"app.kubernetes.io/name\":\"web\",\"x\":\"y\"}",
    ""
  ],
  [
    "{.spec.containers[0].ports}",
    "[{\"containerPort\":80,\"protocol\":\"TCP\"}]",
    ""
  ],
  [
    "{.status.containerStatuses[*].restartCount}",
    "0 3",
    ""
  ],
  [
    "{.status.conditions[0].lastProbeTime}",
    "null",
    ""
  ],
  [
    "{range .status.conditions[*]}[{.type}]{end} done",
    "[Initialized][Ready][PodScheduled] done",
    ""
  ],
  [
    "name={.metadata.name} ip={.status.podIP}",
    "name=web-1 ip=10.244.1.5",
    ""
  ],
  [
    "{.missing}",
    "",
    ""
  ],
  [
    "{.spec.containers[2]}",
    "",
    "error: error executing jsonpath \"{.spec.containers[2]}\": Error executing template: array index out of bounds: index 2, length 2. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[2]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"labels\":map[string]interface {}{\"app\":\"web\", \"app.kubernetes.io/name\":\"web\", \"x\":\"y\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.27\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80, \"protocol\":\"TCP\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"log\"}}, \"nodeName\":\"node-1\", \"tolerations\":[]interface {}{map[string]interface {}{\"effect\":\"NoExecute\", \"key\":\"a\", \"operator\":\"Exists\", \"tolerationSeconds\":300}, map[string]interface {}{\"effect\":\"NoSchedule\", \"key\":\"b\", \"operator\":\"Exists\"}}}, \"status\":map[string]interface {}{\"conditions\":[]interface {}{map[string]interface {}{\"lastProbeTime\":interface {}(nil), \"status\":\"True\", \"type\":\"Initialized\"}, map[string]interface {}{\"reason\":\"ContainersNotReady\", \"status\":\"False\", \"type\":\"Ready\"}, map[string]interface {}{\"status\":\"True\", \"type\":\"PodScheduled\"}}, \"containerStatuses\":[]interface {}{map[string]interface {}{\"name\":\"nginx\", \"ready\":true, \"restartCount\":0}, map[string]interface {}{\"name\":\"log\", \"ready\":false, \"restartCount\":3}}, \"phase\":\"Running\", \"podIP\":\"10.244.1.5\"}}\n\n\n"
  ],
  [
    "{.a[}",
    "",
    "error: error parsing jsonpath {.a[}, unterminated array\n"
  ],
  [
    "{range .spec.containers[*]}{.name}",
    "nginxlog",
    ""
  ],
  [
    "{.status.containerStatuses[?(@.restartCount>0)].name}",
    "log",
    ""
  ],
  [
    "{.spec.tolerations[?(@.key==\"a\")]}",
    "{\"effect\":\"NoExecute\",\"key\":\"a\",\"operator\":\"Exists\",\"tolerationSeconds\":300}",
    ""
  ]
]

/** What kubectl writes: stdout, or `error: <message>` plus the final newline CheckErr adds. */
function run(template: string): [string, string] {
  try {
    return [formatOutput([pod], `jsonpath=${template}`, { single: true }), '']
  } catch (e) {
    if (e instanceof OutputError) return ['', `error: ${e.message}\n`]
    throw e
  }
}

describe('-o jsonpath matches kubectl 1.33', () => {
  it.each(cases)('%s', (template, stdout, stderr) => {
    expect(run(template)).toEqual([stdout, stderr])
  })
})

describe('executeJSONPath', () => {
  it('iterates lists with range and prints text after end once', () => {
    const list = { items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] }
    expect(executeJSONPath('{range .items[*]}{.metadata.name},{end}!', list)).toBe('a,b,!')
    expect(executeJSONPath('{.items[*].metadata.name}', list)).toBe('a b')
    expect(executeJSONPath('{.items[-1].metadata.name}', list)).toBe('b')
    expect(executeJSONPath('{..name}', list)).toBe('a b')
  })

  it('reports missing keys only when asked to', () => {
    expect(executeJSONPath('{.nope}', {})).toBe('')
    expect(() => executeJSONPath('{.nope}', {}, { allowMissingKeys: false })).toThrow('nope is not found')
  })

  it('rejects malformed templates with upstream messages', () => {
    expect(() => executeJSONPath('{.a', {})).toThrow(JSONPathParseError)
    expect(() => executeJSONPath('{!}', {})).toThrow("unrecognized character in action: U+0021 '!'")
  })
})
