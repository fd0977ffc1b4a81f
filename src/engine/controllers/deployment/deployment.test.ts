import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { newControllerState } from '../controller'
import { DeploymentController } from './deployment'
import { computeHash } from './hash'
import { advance, create, del, eventMessages, makeDeployment, mark, newBench, patch, refresh, requestHops, requests, setStatus, stored, type Bench } from './testing'
import { DesiredReplicasAnnotation, MaxReplicasAnnotation, RevisionAnnotation, RevisionHistoryAnnotation } from './util'

const FROM = 'controller-manager/deployment'

function setup(): { b: Bench; dc: DeploymentController } {
  const b = newBench('deployment', 'deployment-controller')
  const dc = new DeploymentController({ ...newControllerState() }, b.env)
  return { b, dc }
}

/** Refreshes the caches and syncs; a conflict (the sync's own stale status write) is retried once, as the workqueue would. */
function syncNow(b: Bench, dc: DeploymentController, key = 'default/web'): void {
  for (let i = 0; i < 3; i++) {
    refresh(b)
    if (dc.sync(key) === undefined) return
  }
  throw new Error('sync kept failing')
}

/** Plays the ReplicaSet controller and kubelets: every RS has its pods, all ready and available. */
function podsUp(b: Bench, available = true): void {
  for (const rs of stored<ReplicaSet>(b, 'replicasets').values()) {
    const n = rs.spec?.replicas ?? 0
    const st: Record<string, number> = { replicas: n, observedGeneration: rs.metadata!.generation! }
    if (n && available) Object.assign(st, { fullyLabeledReplicas: n, readyReplicas: n, availableReplicas: n })
    setStatus(b, rs, st)
  }
}

/** Replicas per RS, ordered by revision: `[old, new]`. */
function sizes(b: Bench): number[] {
  return [...stored<ReplicaSet>(b, 'replicasets').values()]
    .sort((x, y) => Number(x.metadata!.annotations![RevisionAnnotation]) - Number(y.metadata!.annotations![RevisionAnnotation]))
    .map((rs) => rs.spec!.replicas!)
}

function events(b: Bench): string[] {
  return eventMessages(b, FROM)
}

/**
 * Runs a rollout to the end, recording the RS sizes after every controller pass that changed
 * them. A pass that failed (its own stale status write conflicting) is retried at once, as the
 * workqueue's 5 ms back-off would, before any pod becomes ready.
 */
function rollout(b: Bench, dc: DeploymentController, max = 30): number[][] {
  const steps: number[][] = []
  for (let i = 0; i < max; i++) {
    const before = JSON.stringify(sizes(b))
    refresh(b)
    const failed = dc.sync('default/web') !== undefined
    const after = sizes(b)
    if (JSON.stringify(after) !== before) steps.push(after)
    if (failed) continue
    podsUp(b)
    refresh(b)
    const d = stored<Deployment>(b, 'deployments').get('web')!
    const done = after.slice(0, -1).every((n) => n === 0) && after[after.length - 1] === d.spec?.replicas
    if (done && d.status?.updatedReplicas === d.spec?.replicas && d.status?.availableReplicas === d.spec?.replicas && (d.status?.replicas ?? 0) === d.spec?.replicas) break
  }
  return steps
}

describe('pod-template-hash', () => {
  it('is a safe-encoded decimal: only 4-9, b, c, d, f', () => {
    const t = makeDeployment('web', 3).spec!.template
    const h = computeHash(t)
    expect(h).toMatch(/^[4-9bcdf]{1,10}$/)
    expect(computeHash(structuredClone(t))).toBe(h)
    expect(computeHash(t, 1)).not.toBe(h)
    expect(computeHash(makeDeployment('web', 3, 'nginx:1.28').spec!.template)).not.toBe(h)
  })
})

describe('DeploymentController: a new deployment', () => {
  it('creates one ReplicaSet named after the template hash, with 3 replicas and revision 1', () => {
    const { b, dc } = setup()
    const d = create(b, makeDeployment('web', 3))
    const m = mark(b)
    syncNow(b, dc)
    const posts = requests(b, FROM, m).filter((r) => r.startsWith('POST') && !r.endsWith('/events'))
    expect(posts).toEqual(['POST /apis/apps/v1/namespaces/default/replicasets'])
    const [rs] = stored<ReplicaSet>(b, 'replicasets').values()
    const hash = rs.metadata!.labels!['pod-template-hash']
    expect(hash).toMatch(/^[4-9bcdf]+$/)
    expect(rs.metadata!.name).toBe(`web-${hash}`)
    expect(rs.spec!.replicas).toBe(3)
    expect(rs.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } })
    expect(rs.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs.metadata!.annotations).toEqual({ [RevisionAnnotation]: '1', [DesiredReplicasAnnotation]: '3', [MaxReplicasAnnotation]: '4' })
    expect(rs.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true }])
    expect(events(b)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`])
    const hop = requestHops(b, FROM, m).find((h) => h.detail?.http?.method === 'POST' && h.detail.http.path.endsWith('/replicasets'))!
    expect(hop.summary).toBe(`The deployment controller creates ReplicaSet web-${hash} for deployment web's new pod template (revision 1, 3 replicas)`)
  })

  it('reports Progressing and Available conditions as the pods come up', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 3))
    syncNow(b, dc)
    let d = stored<Deployment>(b, 'deployments').get('web')!
    const rsName = [...stored(b, 'replicasets').keys()][0]
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ])
    podsUp(b)
    syncNow(b, dc)
    d = stored<Deployment>(b, 'deployments').get('web')!
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
    expect(d.status?.unavailableReplicas).toBeUndefined()
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ])
  })
})

describe('DeploymentController: rolling update arithmetic', () => {
  function start(replicas: number, strategy?: unknown): { b: Bench; dc: DeploymentController } {
    const s = setup()
    create(s.b, makeDeployment('web', replicas, 'nginx:1.27', strategy ? { strategy } : {}))
    syncNow(s.b, s.dc)
    podsUp(s.b)
    syncNow(s.b, s.dc)
    patch(s.b, stored(s.b, 'deployments').get('web')!, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } })
    return s
  }

  it('replicas 3, 25%/25%: surge 1, unavailable 0, one pod at a time', () => {
    const { b, dc } = start(3)
    expect(rollout(b, dc)).toEqual([
      [3, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 3],
      [0, 3],
    ])
  })

  it('replicas 10, 25%/25%: surge 3, unavailable 2', () => {
    const { b, dc } = start(10)
    expect(rollout(b, dc)).toEqual([
      [8, 3],
      [8, 5],
      [3, 5],
      [3, 10],
      [0, 10],
    ])
  })

  it('maxSurge 0 and maxUnavailable 25% of 3 (rounds to 0) means unavailable 1: down first', () => {
    const { b, dc } = start(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } })
    expect(rollout(b, dc)).toEqual([
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 3],
    ])
  })

  it('one pass scales the new ReplicaSet up or old ones down, never both', () => {
    const { b, dc } = start(3)
    syncNow(b, dc) // creates the new RS with 1
    podsUp(b)
    const m = mark(b)
    syncNow(b, dc)
    const puts = requests(b, FROM, m).filter((r) => r.startsWith('PUT') && r.includes('/replicasets/'))
    expect(puts).toHaveLength(1)
  })

  it('records Scaled up / Scaled down events with from and to', () => {
    const { b, dc } = start(3)
    rollout(b, dc)
    const [oldName, newName] = [...stored<ReplicaSet>(b, 'replicasets').values()].sort((x, y) => Number(x.metadata!.annotations![RevisionAnnotation]) - Number(y.metadata!.annotations![RevisionAnnotation])).map((rs) => rs.metadata!.name)
    expect(events(b).slice(1)).toEqual([
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 3 to 2`,
      `Scaled up replica set ${newName} from 1 to 2`,
      `Scaled down replica set ${oldName} from 2 to 1`,
      `Scaled up replica set ${newName} from 2 to 3`,
      `Scaled down replica set ${oldName} from 1 to 0`,
    ])
  })

  it('scales ReplicaSets with PUT, not the scale subresource', () => {
    const { b, dc } = start(3)
    const m = mark(b)
    rollout(b, dc)
    const rsWrites = requests(b, FROM, m).filter((r) => r.includes('/replicasets'))
    expect(rsWrites.every((r) => r.startsWith('PUT /apis/apps/v1/namespaces/default/replicasets/web-') || r === 'POST /apis/apps/v1/namespaces/default/replicasets')).toBe(true)
    expect(rsWrites.some((r) => r.endsWith('/scale'))).toBe(false)
  })
})

describe('DeploymentController: revisions', () => {
  it('rolling back to an old template reuses its ReplicaSet with the next revision; the old number moves to revision-history', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 2))
    rollout(b, dc)
    patch(b, stored(b, 'deployments').get('web')!, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } })
    rollout(b, dc)
    const first = [...stored<ReplicaSet>(b, 'replicasets').values()].find((rs) => rs.metadata!.annotations![RevisionAnnotation] === '1')!
    // Back to nginx:1.27 (what `kubectl rollout undo` patches).
    patch(b, stored(b, 'deployments').get('web')!, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } })
    syncNow(b, dc)
    const rs = stored<ReplicaSet>(b, 'replicasets').get(first.metadata!.name!)!
    expect(rs.metadata!.annotations![RevisionAnnotation]).toBe('3')
    expect(rs.metadata!.annotations![RevisionHistoryAnnotation]).toBe('1')
    expect(stored(b, 'replicasets').size).toBe(2)
  })
})

describe('DeploymentController: Recreate', () => {
  it('scales old to zero, waits until no old pod is left, then creates the new ReplicaSet', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 3, 'nginx:1.27', { strategy: { type: 'Recreate' } }))
    syncNow(b, dc)
    podsUp(b)
    syncNow(b, dc)
    const oldRS = [...stored<ReplicaSet>(b, 'replicasets').values()][0]
    const pod = create<Pod>(b, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${oldRS.metadata!.name}-abcde`, namespace: 'default', labels: { ...oldRS.spec!.template!.metadata!.labels }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: oldRS.metadata!.name!, uid: oldRS.metadata!.uid!, controller: true }] },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    })
    patch(b, stored(b, 'deployments').get('web')!, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } })

    let m = mark(b)
    syncNow(b, dc)
    expect(requests(b, FROM, m).filter((r) => r.includes('/replicasets'))).toEqual([`PUT /apis/apps/v1/namespaces/default/replicasets/${oldRS.metadata!.name}`])
    expect(sizes(b)).toEqual([0])

    // The ReplicaSet controller has deleted its pods, but one is still terminating: wait.
    podsUp(b)
    m = mark(b)
    syncNow(b, dc)
    expect(requests(b, FROM, m).filter((r) => r.includes('/replicasets'))).toEqual([])

    del(b, pod)
    m = mark(b)
    syncNow(b, dc)
    expect(requests(b, FROM, m).filter((r) => r.includes('/replicasets'))).toEqual(['POST /apis/apps/v1/namespaces/default/replicasets'])
    expect(sizes(b)).toEqual([0, 3])
  })
})

describe('DeploymentController: revisionHistoryLimit', () => {
  it('deletes the oldest ReplicaSets scaled to zero beyond the limit', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 1, 'nginx:1.20', { revisionHistoryLimit: 2 }))
    rollout(b, dc)
    for (const v of ['1.21', '1.22', '1.23', '1.24']) {
      patch(b, stored(b, 'deployments').get('web')!, { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${v}` }] } } } })
      rollout(b, dc)
      syncNow(b, dc)
    }
    const revs = [...stored<ReplicaSet>(b, 'replicasets').values()].map((rs) => rs.metadata!.annotations![RevisionAnnotation]).sort()
    expect(revs).toEqual(['3', '4', '5'])
    const deletes = requests(b, FROM).filter((r) => r.startsWith('DELETE'))
    expect(deletes).toHaveLength(2)
  })
})

describe('DeploymentController: scaling', () => {
  it('scales ReplicaSets in proportion when replicas change mid-rollout', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 10))
    rollout(b, dc)
    patch(b, stored(b, 'deployments').get('web')!, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } })
    refresh(b)
    dc.sync('default/web') // new RS created with 3, old RS 10 → 8: 11 of at most 13
    expect(sizes(b)).toEqual([8, 3])
    patch(b, stored(b, 'deployments').get('web')!, { spec: { replicas: 20 } })
    const sentBefore = b.sent.length
    syncNow(b, dc)
    // 20 + 25% surge = 25 allowed, 11 exist: +14 shared by size/13 of the old maximum:
    // old round(8×25/13) − 8 = 7, new round(3×25/13) − 3 = 3, the 4 left over go to the largest.
    expect(sizes(b)).toEqual([19, 6])
    const evs = eventMessages(b, FROM, sentBefore)
    expect(evs).toEqual([expect.stringMatching(/^Scaled up replica set web-[4-9bcdf]+ from 8 to 19$/), expect.stringMatching(/^Scaled up replica set web-[4-9bcdf]+ from 3 to 6$/)])
  })

  it('a paused deployment only scales: a new template waits', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 3))
    rollout(b, dc)
    patch(b, stored(b, 'deployments').get('web')!, { spec: { paused: true, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } })
    syncNow(b, dc)
    expect(stored(b, 'replicasets').size).toBe(1)
    let d = stored<Deployment>(b, 'deployments').get('web')!
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' })
    patch(b, d, { spec: { replicas: 5 } })
    syncNow(b, dc)
    expect(sizes(b)).toEqual([5])
    patch(b, stored(b, 'deployments').get('web')!, { spec: { paused: null } })
    syncNow(b, dc)
    d = stored<Deployment>(b, 'deployments').get('web')!
    expect(stored(b, 'replicasets').size).toBe(2)
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).not.toBe('DeploymentPaused')
  })
})

describe('DeploymentController: progress deadline', () => {
  it('marks the rollout ProgressDeadlineExceeded when nothing moves for progressDeadlineSeconds', () => {
    const { b, dc } = setup()
    create(b, makeDeployment('web', 2, 'nginx:1.27', { progressDeadlineSeconds: 60 }))
    syncNow(b, dc)
    podsUp(b, false)
    syncNow(b, dc)
    advance(b, 30_000)
    syncNow(b, dc)
    expect(stored<Deployment>(b, 'deployments').get('web')!.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('ReplicaSetUpdated')
    // The controller asked to look again one second after the deadline.
    const timers = b.queue.s.heap.filter((e) => e.type === 'timer' && (e.payload as { action: string }).action === 'enqueue')
    expect(timers.length).toBeGreaterThan(0)
    advance(b, 31_000)
    syncNow(b, dc)
    const rsName = [...stored(b, 'replicasets').keys()][0]
    const cond = stored<Deployment>(b, 'deployments').get('web')!.status?.conditions?.find((c) => c.type === 'Progressing')
    expect(cond).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` })
  })
})

describe('DeploymentController: hash collisions', () => {
  it('bumps status.collisionCount when the name is taken by a ReplicaSet that is not ours, then uses a new hash', () => {
    const { b, dc } = setup()
    const d = create(b, makeDeployment('web', 1))
    const hash = computeHash(d.spec!.template)
    create<ReplicaSet>(b, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `web-${hash}`, namespace: 'default', labels: { app: 'squatter' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'squatter' } }, template: { metadata: { labels: { app: 'squatter' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    })
    refresh(b)
    expect(dc.sync('default/web')).toBeGreaterThan(0)
    expect(stored<Deployment>(b, 'deployments').get('web')!.status?.collisionCount).toBe(1)
    syncNow(b, dc)
    const mine = [...stored<ReplicaSet>(b, 'replicasets').values()].filter((rs) => rs.metadata!.ownerReferences?.length)
    expect(mine.map((rs) => rs.metadata!.name)).toEqual([`web-${computeHash(d.spec!.template, 1)}`])
  })
})

describe('DeploymentController: adoption', () => {
  it('adopts a matching orphan ReplicaSet through a PATCH of its ownerReferences', () => {
    const { b, dc } = setup()
    const orphan = create<ReplicaSet>(b, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-old', namespace: 'default', labels: { app: 'web' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.0' }] } } },
    })
    const d = create(b, makeDeployment('web', 1))
    const m = mark(b)
    syncNow(b, dc)
    expect(requests(b, FROM, m).slice(0, 2)).toEqual(['GET /apis/apps/v1/namespaces/default/deployments/web', 'PATCH /apis/apps/v1/namespaces/default/replicasets/web-old'])
    const rs = stored<ReplicaSet>(b, 'replicasets').get('web-old')!
    expect(rs.metadata!.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', uid: d.metadata!.uid, controller: true })
    void orphan
  })
})
