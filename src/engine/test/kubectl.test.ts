/** kubectl's texts through the whole engine: each command's success and error output and exit code. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const NGINX = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`

function cluster() {
  const c = createCluster({ seed: 1, nodes: 2 })
  c.kubectl('apply -f -', NGINX)
  c.settle()
  return c
}

describe('kubectl apply', () => {
  it('says created, unchanged, then configured', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('apply -f -', NGINX).stdout).toBe('pod/nginx created\n')
    c.settle()
    expect(c.kubectl('apply -f -', NGINX).stdout).toBe('pod/nginx unchanged\n')
    expect(c.kubectl('apply -f -', NGINX.replace('nginx:1.27', 'nginx:1.28')).stdout).toBe('pod/nginx configured\n')
    expect(c.kubectl('get pod nginx -o jsonpath={.spec.containers[0].image}').stdout).toBe('nginx:1.28')
  })

  it('applies every document of a multi-document manifest', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const two = NGINX + '---\n' + NGINX.replace(/name: nginx\n  labels/, 'name: other\n  labels')
    expect(c.kubectl('apply -f -', two).stdout).toBe('pod/nginx created\npod/other created\n')
  })

  it('says configured (dry run) for a client dry run, even of an unchanged object, as kubectl 1.33 does', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n'
    expect(c.kubectl('apply -f cm.yaml', cm).stdout).toBe('configmap/x created\n')
    expect(c.kubectl('apply -f cm.yaml --dry-run=client', cm).stdout).toBe('configmap/x configured (dry run)\n')
    expect(c.kubectl('apply -f cm.yaml', cm).stdout).toBe('configmap/x unchanged\n')
    expect(c.kubectl('apply -f cm.yaml --dry-run=server', cm).stdout).toBe('configmap/x unchanged (server dry run)\n')
  })

  it('reports malformed YAML as kubectl does and changes nothing', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const r = c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: 1\n')
    expect(r).toEqual({ stdout: '', stderr: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key\n', exitCode: 1 })
    expect(c.kubectl('apply -f -', 'a: [1,2\n').stderr).toBe("error: error parsing STDIN: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\n")
    // Texts checked with kubectl 1.33: go-yaml names the line of the stray `:` and of the open `[`.
    expect(c.kubectl('apply -f pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n   labels: [oops\n').stderr).toBe('error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n')
    expect(c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n').stderr).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n')
    expect(c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n  labels: [oops\n').stderr).toBe("error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: did not find expected ',' or ']'\n")
    expect(c.kubectl('apply -f -', 'apiVersion: v1\nmetadata:\n  name: x\n').stderr).toBe(`error: unable to decode "STDIN": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`)
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n')
  })

  it('reports unknown kinds and invalid objects with the apiserver texts', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('apply -f -', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n').stderr).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    )
    const noImage = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n'
    expect(c.kubectl('apply -f -', noImage).stderr).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value\n')
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: nginx
        image: nginx
`
    expect(c.kubectl('apply -f -', deploy).stderr).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
    )
  })

  it('refuses YAML alias bombs and deep nesting quickly', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`)
    const r = c.kubectl('apply -f -', bomb.join('\n') + '\n')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: /)
    const deep = 'kind: Pod\napiVersion: v1\nmetadata:\n  name: x\n  labels: ' + '['.repeat(500) + ']'.repeat(500) + '\n'
    expect(c.kubectl('apply -f -', deep).exitCode).toBe(1)
  })

  it('refuses requests over 3 MiB as the apiserver does', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: "${'x'.repeat(3 * 1024 * 1024 + 10)}"\n`
    const r = c.kubectl('apply -f -', huge)
    expect(r.stderr).toBe('Error from server (RequestEntityTooLarge): error when creating "STDIN": Request entity too large: limit is 3145728\n')
    expect(r.exitCode).toBe(1)
  })
})

describe('kubectl get', () => {
  it('prints tables, names, labels and namespaces', () => {
    const c = cluster()
    expect(c.kubectl('get pods -o name').stdout).toBe('pod/nginx\n')
    expect(c.kubectl('get pods --show-labels').stdout).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE   LABELS\nnginx   1\/1     Running   0          \d+s +app=web\n$/)
    expect(c.kubectl('get pods -l app=none').stderr).toBe('No resources found in default namespace.\n')
    expect(c.kubectl('get pods -l app=web -o name').stdout).toBe('pod/nginx\n')
    expect(c.kubectl('get pods -n kube-system').stderr).toBe('No resources found in kube-system namespace.\n')
    expect(c.kubectl('get pods -A').stdout).toMatch(/^NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE\ndefault     nginx   1\/1     Running   0          \d+s\n$/)
    expect(c.kubectl('get ns').stdout).toMatch(/^NAME              STATUS   AGE\ndefault           Active   5m\d*s?\nkube-node-lease   Active   5m\d*s?\nkube-public       Active   5m\d*s?\nkube-system       Active   5m\d*s?\n$/)
  })

  it('prints yaml and json of the stored object', () => {
    const c = cluster()
    const y = c.kubectl('get pod nginx -o yaml').stdout
    expect(y).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    kubectl.kubernetes.io\/last-applied-configuration: \|/)
    expect(y).toContain('\n  restartPolicy: Always\n')
    const j = JSON.parse(c.kubectl('get pods -o json').stdout)
    expect(j.kind).toBe('List')
    expect(j.items[0].status.phase).toBe('Running')
  })

  it('watches with -w: one row per change until the cluster is quiet', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl('run web --image=nginx:1.27')
    const out = c.kubectl('get pods -w').stdout.split('\n')
    expect(out[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE')
    expect(out[1]).toBe('web    0/1     Pending   0          0s')
    // Each later row is flushed on its own, as kubectl's watch printer does.
    expect(out.slice(2).filter(Boolean)).toEqual(['web   0/1   Pending   0     0s', 'web   0/1   ContainerCreating   0     0s', 'web   1/1   Running   0     3s'])
  })

  it('reports unknown types, names, commands and flags as kubectl does', () => {
    const c = cluster()
    expect(c.kubectl('get foo')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 })
    expect(c.kubectl('get pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 })
    expect(c.kubectl('gett pods')).toEqual({ stdout: '', stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', exitCode: 1 })
    expect(c.kubectl('get pods --bogus')).toEqual({ stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n", exitCode: 1 })
    expect(c.kubectl('get pods -z').stderr).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n")
  })
})

describe('kubectl changes', () => {
  it('labels, annotates, taints, cordons and uncordons', () => {
    const c = cluster()
    expect(c.kubectl('label pod nginx tier=front').stdout).toBe('pod/nginx labeled\n')
    expect(c.kubectl('label pod nginx tier=back').stderr).toBe("error: 'tier' already has a value (front), and --overwrite is false\n")
    expect(c.kubectl('label pod nginx tier=back --overwrite').stdout).toBe('pod/nginx labeled\n')
    // kubectl 1.33 (server/diff.test.ts): removing a label without --overwrite says "unlabeled".
    expect(c.kubectl('label pod nginx tier-').stdout).toBe('pod/nginx unlabeled\n')
    expect(c.kubectl('annotate pod nginx note=hi').stdout).toBe('pod/nginx annotated\n')
    expect(c.kubectl('taint nodes node-1 gpu=true:NoSchedule').stdout).toBe('node/node-1 tainted\n')
    expect(c.kubectl('taint nodes node-1 gpu=true:NoSchedule-').stdout).toBe('node/node-1 untainted\n')
    expect(c.kubectl('cordon node-2').stdout).toBe('node/node-2 cordoned\n')
    expect(c.kubectl('uncordon node-2').stdout).toBe('node/node-2 uncordoned\n')
  })

  it('prints logs of a container', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('run hello --image=busybox:1.36 --restart=Never -- sh -c "echo hello; echo world"')
    c.settle()
    expect(c.kubectl('logs hello')).toEqual({ stdout: 'hello\nworld\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('get pod hello --no-headers').stdout).toMatch(/^hello\s+0\/1\s+Completed\s+0\s+/)
    expect(c.kubectl('logs nope').stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "default"\n')
  })

  it('waits for conditions in virtual time', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('apply -f -', NGINX)
    expect(c.kubectl('wait --for=condition=Ready pod/nginx --timeout=60s').stdout).toBe('pod/nginx condition met\n')
    expect(c.kubectl('version').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n')
  })
})
