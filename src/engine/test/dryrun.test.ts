import { expect, it } from 'vitest'
import { createCluster } from '../index'
import { webDeployment } from './manifests'

it('kubectl apply --dry-run=server runs an update through the apiserver and stores nothing', () => {
  const c = createCluster({ nodes: 1 })
  c.kubectl('apply -f -', webDeployment(2))
  c.settle()
  const before = c.keyspace()
  expect(c.kubectl('apply -f - --dry-run=server', webDeployment(5)).stdout).toBe('deployment.apps/web configured (server dry run)\n')
  expect(c.kubectl('apply -f - --dry-run=client', webDeployment(5)).stdout).toBe('deployment.apps/web configured (dry run)\n')
  expect(c.keyspace()).toEqual(before)
  expect(c.kubectl('get deploy web -o jsonpath={.spec.replicas}').stdout).toBe('2')
})
