import { describe, expect, it } from 'vitest'
import { createCluster } from '../../index'
import { webDeployment } from '../../test/manifests'
import { intern, minus, union, pathString, type FieldSet } from './fieldset'
import { compare, toFieldSet } from './typed'

/** The shared test Deployment, with labels and a container port. */
const WEB = webDeployment(2)
  .replace('  name: web\n', '  name: web\n  labels:\n    app: web\n')
  .replace('        image: nginx:1.27\n', '        image: nginx:1.27\n        ports:\n        - containerPort: 80\n')

/** The Apply entry kube-apiserver v1.33 records for WEB (kubectl apply --server-side). */
const WEB_APPLIED = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    },
  },
}

const CONFLICT_HELP_HEAD = 'Please review the fields above--they currently have other managers. Here\n'

function managedFields(c: ReturnType<typeof createCluster>, what: string): { manager: string; operation: string; subresource?: string; fieldsV1: FieldSet; time: string; apiVersion: string }[] {
  const r = c.kubectl(`get ${what} -o json --show-managed-fields`)
  return JSON.parse(r.stdout).metadata.managedFields
}

describe('field sets', () => {
  it('keys list items by their merge keys, defaulting protocol, and keeps atomic fields whole', () => {
    const s = toFieldSet({ spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', args: ['x'], ports: [{ containerPort: 8080 }] }] } } } }, [], 'Deployment')
    expect(s).toEqual({
      'f:spec': {
        'f:selector': {},
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } } } },
      },
    })
  })

  it('compares: what an update changes, new maps and items owned as a whole', () => {
    const before = { metadata: { labels: { a: '1' } }, spec: { replicas: 1 } }
    const after = { metadata: { labels: { a: '1', b: '2' }, annotations: { x: 'y' } }, spec: { replicas: 1 } }
    expect(compare(before, after, [], 'Deployment').changed).toEqual({ 'f:metadata': { 'f:annotations': { '.': {}, 'f:x': {} }, 'f:labels': { 'f:b': {} } } })
    expect(compare(after, before, [], 'Deployment').removed).toEqual({ 'f:metadata': { 'f:annotations': {}, 'f:labels': { 'f:b': {} } } })
  })

  it('compares keyed list items by key wherever they moved, added or removed', () => {
    const cond = (type: string, status: string) => ({ type, status })
    const status = (...conditions: { type: string; status: string }[]) => ({ status: { conditions } })
    const before = status(cond('Initialized', 'True'), cond('Ready', 'False'), cond('PodScheduled', 'True'))
    const k = (t: string) => `k:{"type":"${t}"}`
    // In place: only the item that changed.
    expect(compare(before, status(cond('Initialized', 'True'), cond('Ready', 'True'), cond('PodScheduled', 'True')), [], 'Pod')).toEqual({ changed: { 'f:status': { 'f:conditions': { [k('Ready')]: { 'f:status': {} } } } }, removed: undefined })
    // Moved and changed: still by key; a new item is owned whole, a missing one removed.
    const moved = compare(before, status(cond('PodScheduled', 'True'), cond('Ready', 'True'), cond('ContainersReady', 'True')), [], 'Pod')
    expect(moved.changed).toEqual({ 'f:status': { 'f:conditions': { [k('Ready')]: { 'f:status': {} }, [k('ContainersReady')]: { '.': {}, 'f:type': {}, 'f:status': {} } } } })
    expect(moved.removed).toEqual({ 'f:status': { 'f:conditions': { [k('Initialized')]: {} } } })
    // Appended after unchanged items.
    expect(compare(before, status(...before.status.conditions, cond('ContainersReady', 'False')), [], 'Pod').changed).toEqual({ 'f:status': { 'f:conditions': { [k('ContainersReady')]: { '.': {}, 'f:type': {}, 'f:status': {} } } } })
  })

  it('shares equal sets, and prints paths as structured-merge-diff does', () => {
    const a = intern(toFieldSet({ spec: { replicas: 1 } }, [], 'Deployment'))
    expect(intern(toFieldSet({ spec: { replicas: 2 } }, [], 'Deployment'))).toBe(a)
    expect(intern(JSON.parse(JSON.stringify(a)))).toBe(a)
    expect(JSON.stringify(a)).toBe('{"f:spec":{"f:replicas":{}}}')
    expect(minus(union(a, a), a)).toBeUndefined()
    expect(pathString(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'])).toBe('.spec.template.spec.containers[name="nginx"].image')
    expect(pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'])).toBe('.spec.ports[port=80,protocol="TCP"]')
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"x"'])).toBe('.metadata.finalizers[="x"]')
  })
})

describe('managedFields on every write', () => {
  it('records client-side apply, the controllers and the kubelet under their managers', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl('apply -f -', WEB)
    c.settle()
    const d = managedFields(c, 'deployment web')
    expect(d.map((e) => [e.manager, e.operation, e.subresource])).toEqual([
      ['kubectl-client-side-apply', 'Update', undefined],
      ['kube-controller-manager', 'Update', 'status'],
    ])
    const csa = d[0].fieldsV1 as Record<string, Record<string, FieldSet>>
    // A create owns what it set and what defaulting added; maps it added are owned whole (`.`).
    expect(csa['f:metadata']).toEqual({ 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { '.': {}, 'f:app': {} } })
    expect(Object.keys(csa['f:spec'])).toEqual(['f:progressDeadlineSeconds', 'f:replicas', 'f:revisionHistoryLimit', 'f:selector', 'f:strategy', 'f:template'])
    expect(csa['f:spec']['f:strategy']).toEqual({ 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} })
    const pod = c.kubectl('get pods -l app=web -o name').stdout.split('\n')[0]
    const p = managedFields(c, pod)
    expect(p.map((e) => [e.manager, e.subresource])).toEqual([
      ['kube-controller-manager', undefined],
      ['kubelet', 'status'],
    ])
    expect(Object.keys((p[0].fieldsV1 as Record<string, FieldSet>)['f:metadata'])).toEqual(['f:generateName', 'f:labels', 'f:ownerReferences'])
    // `get -o yaml` leaves them out, as kubectl does.
    expect(c.kubectl('get deployment web -o yaml').stdout).not.toContain('managedFields')
  })

  it('shares the sets of pods made from one template', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl('apply -f -', WEB.replace('replicas: 2', 'replicas: 3'))
    c.settle()
    const api = (c as unknown as { api: { peekList(p: string): { metadata: { managedFields: { fieldsV1: object }[] } }[] } }).api
    const pods = api.peekList('/api/v1/namespaces/default/pods')
    expect(pods).toHaveLength(3)
    expect(pods[1].metadata.managedFields[0].fieldsV1).toBe(pods[0].metadata.managedFields[0].fieldsV1)
  })
})

describe('server-side apply', () => {
  it('owns the applied configuration, conflicts with kubectl scale, and takes the field with --force-conflicts', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    expect(c.kubectl('apply --server-side -f -', WEB).stdout).toBe('deployment.apps/web serverside-applied\n')
    expect(c.kubectl('apply --server-side -f -', WEB).stdout).toBe('deployment.apps/web serverside-applied\n')
    const [applied] = managedFields(c, 'deployment web')
    expect(applied).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2025-01-06T09:05:00Z', fieldsV1: WEB_APPLIED })
    c.kubectl('scale deployment web --replicas=3')
    expect(managedFields(c, 'deployment web').find((e) => e.subresource === 'scale')).toMatchObject({ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } })
    const r = c.kubectl('apply --server-side -f -', WEB)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas\n' + CONFLICT_HELP_HEAD + r.stderr.split(CONFLICT_HELP_HEAD)[1])
    expect(r.stderr).toMatch(/See https:\/\/kubernetes\.io\/docs\/reference\/using-api\/server-side-apply\/#conflicts\n$/)
    // Co-owning: the same value is no conflict.
    expect(c.kubectl('apply --server-side -f -', WEB.replace('replicas: 2', 'replicas: 3')).exitCode).toBe(0)
    expect(c.kubectl('apply --server-side --force-conflicts -f -', WEB).stdout).toBe('deployment.apps/web serverside-applied\n')
    expect(c.kubectl('get deployment web -o jsonpath={.spec.replicas}').stdout).toBe('2')
    expect(managedFields(c, 'deployment web').some((e) => e.subresource === 'scale')).toBe(false)
  })

  it('lists every conflict by manager, and removes the fields a manager stops applying', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl('apply --server-side -f -', WEB)
    c.kubectl('label deployment web tier=web')
    const r = c.kubectl('apply --server-side --field-manager=ci -f -', WEB.replace('nginx:1.27', 'nginx:1.28').replace('    app: web\nspec', '    app: web\n    tier: db\nspec'))
    expect(r.stderr.split('\nPlease review')[0]).toBe(
      'error: Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.template.spec.containers[name="nginx"].image\nconflicts with "kubectl-label" using apps/v1:\n- .metadata.labels.tier',
    )
    c.kubectl('apply --server-side -f -', WEB.replace(/        ports:\n        - containerPort: 80\n/, ''))
    expect(c.kubectl('get deployment web -o jsonpath={.spec.template.spec.containers[0].ports}').stdout).toBe('')
  })

  it('answers the real 409 Status over HTTP, with one FieldManagerConflict cause per field', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    const apply = (manager: string) => c.http({ method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', query: `fieldManager=${manager}&force=false`, headers: { 'content-type': 'application/apply-patch+yaml' }, body: WEB })
    expect(apply('a').status).toBe(201)
    const r = apply('b')
    expect(r.status).toBe(200)
    const r2 = c.http({ method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', query: 'fieldManager=b&force=false', headers: { 'content-type': 'application/apply-patch+yaml' }, body: WEB.replace('replicas: 2', 'replicas: 5') })
    expect(r2.status).toBe(409)
    expect(JSON.parse(r2.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "a": .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.spec.replicas' }] },
      code: 409,
    })
    // Writes without a fieldManager are recorded under the User-Agent's prefix.
    c.http({ method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', headers: { 'content-type': 'application/merge-patch+json', 'user-agent': 'helm/v3.15.0 (linux/amd64)' }, body: '{"metadata":{"labels":{"x":"y"}}}' })
    expect(managedFields(c, 'deployment web').map((e) => e.manager)).toEqual(['a', 'b', 'helm'])
  })
})
