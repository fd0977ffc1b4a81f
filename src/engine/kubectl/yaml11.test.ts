/**
 * kubectl reads manifests as go-yaml v2 does (YAML 1.1 scalars): an unquoted `yes` is a
 * boolean, and the apiserver cannot decode a boolean into a string field.
 */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'
import { parseManifests } from './manifest'
import { webDeployment } from '../test/manifests'

/** The web Deployment with one env var whose value is written as `value`. */
const deployment = (value: string) => `${webDeployment(1)}        env:
        - name: DEBUG
          value: ${value}
`

describe('YAML 1.1 scalars', () => {
  it('reads yes/on/y/no/off/n as booleans, 0755 as octal, and keeps dates and 1:20 as strings', () => {
    const [o] = parseManifests('kind: X\na: yes\nb: on\nc: y\nd: No\ne: off\nf: n\ng: 0755\nh: 2001-12-14\ni: 1:20\nj: "yes"\nn: 1\n', 'STDIN')
    expect(o).toEqual({ kind: 'X', a: true, b: true, c: true, d: false, e: false, f: false, g: 493, h: '2001-12-14', i: '1:20', j: 'yes', false: 1 })
  })

  it('fails an env value of yes as the apiserver does', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const r = c.kubectl('apply -f -', deployment('yes'))
    expect(r).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n',
      exitCode: 1,
    })
    expect(c.kubectl('create -f -', deployment('8080')).stderr).toBe('Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n')
    expect(c.kubectl('apply -f -', deployment('"yes"')).stdout).toBe('deployment.apps/web created\n')
  })
})
