import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const CM = (extra: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: odd\n${extra}data:\n  a: "1"\n`

describe('field selectors', () => {
  it("accept each kind's own field labels and answer 400 for others, with the kind's message", () => {
    const c = createCluster({ nodes: 2 })
    c.kubectl('run solo --image=nginx')
    c.settle()
    expect(c.kubectl('get pods --field-selector spec.hostNetwork=false,spec.restartPolicy=Always -o name').stdout).toBe('pod/solo\n')
    expect(c.kubectl('get nodes --field-selector spec.unschedulable=false -o name').stdout).toBe('node/node-1\nnode/node-2\n')
    expect(c.kubectl('get pods --field-selector spec.foo=bar').stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n')
    expect(c.kubectl('get deploy -l app=x --field-selector status.replicas=1').stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=x", field selector "status.replicas=1": "status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    )
    const job = c.http({ method: 'GET', path: '/apis/batch/v1/namespaces/default/jobs', query: 'fieldSelector=spec.parallelism%3D1' })
    expect(job.status).toBe(400)
    expect(JSON.parse(job.body)).toMatchObject({ reason: 'BadRequest', message: 'field label "spec.parallelism" not supported for Job' })
    expect(c.http({ method: 'GET', path: '/api/v1/nodes', query: 'watch=true&fieldSelector=metadata.namespace%3Dx' }).status).toBe(400)
  })
})

describe('field validation', () => {
  it('rejects unknown fields under Strict (kubectl’s default), warns under Warn, drops them under Ignore', () => {
    const c = createCluster({ nodes: 1 })
    expect(c.kubectl('apply -f -', CM('colour: blue\n'))).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "colour"\n',
      exitCode: 1,
    })
    expect(c.kubectl('apply -f - --validate=warn', CM('colour: blue\n'))).toEqual({ stdout: 'configmap/odd created\n', stderr: 'Warning: unknown field "colour"\n', exitCode: 0 })
    expect(c.kubectl('apply -f - --validate=false', CM('size: 2\n'))).toEqual({ stdout: 'configmap/odd configured\n', stderr: '', exitCode: 0 })
    expect(JSON.parse(c.kubectl('get cm odd -o json').stdout)).not.toHaveProperty('colour')
    const strictPatch = c.kubectl('apply -f -', CM('spec: {}\n'))
    expect(strictPatch.stderr).toMatch(/for: "STDIN": error when patching "STDIN": strict decoding error: unknown field "spec"\n$/)
    // Over HTTP without fieldValidation the server's default is Warn: a Warning header.
    const r = c.http({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'w' }, colour: 'x' }) })
    expect(r.status).toBe(201)
    expect(r.headers.warning).toBe('299 - "unknown field \\"colour\\""')
  })
})
