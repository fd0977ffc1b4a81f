import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../api/meta'
import { create, makeDeployment, newBench, patch, setStatus, stored, type Bench } from '../../controllers/deployment/testing'
import { rfc3339 } from '../../sim/time'
import { CommandError, Ctx, type KubectlHost } from '../context'
import { parseFlags, type FlagSpec } from '../flags'
import { cmdRollout } from './rollout'

const FLAGS: FlagSpec[] = [
  { name: 'revision', type: 'int' },
  { name: 'to-revision', type: 'int' },
  { name: 'watch', short: 'w', type: 'bool', default: true },
  { name: 'timeout', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
]

/** Runs `kubectl rollout ...` against the bench's apiserver; `steps` play the cluster while kubectl waits. */
function kubectl(b: Bench, line: string, steps: (() => void)[] = []): { stdout: string; stderr: string; exitCode: number } {
  const host: KubectlHost = {
    api: b.api,
    now: () => b.queue.now,
    busy: () => b.queue.busy,
    waitFor: (done) => {
      if (done()) return true
      for (const step of steps) {
        step()
        if (done()) return true
      }
      return false
    },
  }
  const { flags, positional } = parseFlags(line.split(' ').slice(1), FLAGS, 'kubectl rollout')
  const c = new Ctx(host, flags, undefined, 'kubectl rollout')
  try {
    cmdRollout(c, positional)
  } catch (e) {
    if (!(e instanceof CommandError)) throw e
    c.err.push(e.message + '\n')
    c.exitCode = e.exitCode
  }
  return { stdout: c.out.join(''), stderr: c.err.join(''), exitCode: c.exitCode }
}

/** A deployment `web` with one ReplicaSet per image, revisions 1…n, the last one current. */
function withHistory(images: string[]): { b: Bench; d: Deployment; rss: ReplicaSet[] } {
  const b = newBench('deployment', 'deployment-controller')
  let d = create(b, makeDeployment('web', 2, images[images.length - 1]))
  const rss = images.map((image, i) => {
    const hash = `${i + 5}f${i + 4}c`
    const t = makeDeployment('web', 2, image).spec!.template!
    return create<ReplicaSet>(b, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`,
        namespace: 'default',
        labels: { app: 'web', 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/revision': String(i + 1), 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: i === images.length - 1 ? 2 : 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: { ...t, metadata: { labels: { app: 'web', 'pod-template-hash': hash } } } },
    })
  })
  d = stored<Deployment>(b, 'deployments').get('web')!
  return { b, d, rss }
}

describe('kubectl rollout history', () => {
  it('prints the revisions table as kubectl does', () => {
    const { b } = withHistory(['nginx:1.27', 'nginx:1.28'])
    expect(kubectl(b, 'rollout history deployment/web')).toEqual({ stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n', stderr: '', exitCode: 0 })
  })

  it('shows the change-cause annotation', () => {
    const { b, rss } = withHistory(['nginx:1.27', 'nginx:1.28'])
    patch(b, rss[1], { metadata: { annotations: { 'kubernetes.io/change-cause': 'kubectl set image deployment/web nginx=nginx:1.28' } } })
    expect(kubectl(b, 'rollout history deployment web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.28\n\n')
  })

  it('prints one revision\'s pod template with --revision', () => {
    const { b } = withHistory(['nginx:1.27', 'nginx:1.28'])
    expect(kubectl(b, 'rollout history deployment/web --revision=1').stdout).toBe(
      [
        'deployment.apps/web with revision #1',
        'Pod Template:',
        '  Labels:\tapp=web',
        '\tpod-template-hash=5f4c',
        '  Containers:',
        '   nginx:',
        '    Image:\tnginx:1.27',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    )
    expect(kubectl(b, 'rollout history deployment/web --revision=7').stderr).toBe('error: unable to find the specified revision\n')
  })

  it('reports a missing deployment as the apiserver does', () => {
    const b = newBench('deployment', 'deployment-controller')
    expect(kubectl(b, 'rollout history deployment/nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 })
  })
})

describe('kubectl rollout undo', () => {
  it('puts the previous revision\'s template back, without its pod-template-hash label', () => {
    const { b, rss } = withHistory(['nginx:1.27', 'nginx:1.28'])
    expect(kubectl(b, 'rollout undo deployment/web')).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', exitCode: 0 })
    const d = stored<Deployment>(b, 'deployments').get('web')!
    expect(d.spec!.template!.spec!.containers[0].image).toBe('nginx:1.27')
    expect(d.spec!.template!.metadata!.labels).toEqual({ app: 'web' })
    expect(d.metadata!.generation).toBe(2)
    void rss
  })

  it('goes to --to-revision, and says when it is not in the history', () => {
    const { b } = withHistory(['nginx:1.26', 'nginx:1.27', 'nginx:1.28'])
    expect(kubectl(b, 'rollout undo deployment/web --to-revision=5')).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 5 in history\n', exitCode: 1 })
    expect(kubectl(b, 'rollout undo deployment/web --to-revision=1').stdout).toBe('deployment.apps/web rolled back\n')
    expect(stored<Deployment>(b, 'deployments').get('web')!.spec!.template!.spec!.containers[0].image).toBe('nginx:1.26')
  })

  it('skips a rollback to the template the deployment already has', () => {
    const { b } = withHistory(['nginx:1.27', 'nginx:1.28'])
    expect(kubectl(b, 'rollout undo deployment/web --to-revision=2').stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)\n')
  })

  it('needs a previous revision', () => {
    const { b } = withHistory(['nginx:1.28'])
    expect(kubectl(b, 'rollout undo deployment/web').stderr).toBe('error: no rollout history found for deployment "web"\n')
  })

  it('refuses a paused deployment', () => {
    const { b, d } = withHistory(['nginx:1.27', 'nginx:1.28'])
    patch(b, d, { spec: { paused: true } })
    expect(kubectl(b, 'rollout undo deployment/web').stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again\n")
  })
})

describe('kubectl rollout pause, resume, restart', () => {
  it('pauses and resumes, and says when there is nothing to do', () => {
    const { b } = withHistory(['nginx:1.28'])
    expect(kubectl(b, 'rollout pause deployment/web').stdout).toBe('deployment.apps/web paused\n')
    expect(stored<Deployment>(b, 'deployments').get('web')!.spec!.paused).toBe(true)
    expect(kubectl(b, 'rollout pause deployment/web')).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is already paused\n', exitCode: 1 })
    expect(kubectl(b, 'rollout resume deployment/web').stdout).toBe('deployment.apps/web resumed\n')
    expect(stored<Deployment>(b, 'deployments').get('web')!.spec!.paused).toBeUndefined()
    expect(kubectl(b, 'rollout resume deployment/web').stderr).toBe('error: deployments.apps "web" is not paused\n')
  })

  it('restarts by stamping the pod template with the time, once per second', () => {
    const { b } = withHistory(['nginx:1.28'])
    b.queue.advanceTo(65_000)
    expect(kubectl(b, 'rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n')
    const d = stored<Deployment>(b, 'deployments').get('web')!
    expect(d.spec!.template!.metadata!.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': rfc3339(65_000) })
    expect(rfc3339(65_000)).toBe('2025-01-06T09:01:05Z')
    expect(kubectl(b, 'rollout restart deployment/web').stderr).toBe('error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n')
  })

  it('does not pause other kinds', () => {
    const { b, rss } = withHistory(['nginx:1.28'])
    expect(kubectl(b, `rollout pause replicaset/${rss[0].metadata!.name}`).stderr).toBe(`error: replicasets.apps "${rss[0].metadata!.name}" pausing is not supported\n`)
  })
})

describe('kubectl rollout status', () => {
  function progress(b: Bench, st: Record<string, number>, generation = 2): () => void {
    return () => {
      const d = stored<Deployment>(b, 'deployments').get('web')!
      setStatus(b, d, { observedGeneration: generation, ...st })
    }
  }

  it('prints a line per change of the deployment until it is rolled out', () => {
    const { b, d } = withHistory(['nginx:1.28'])
    patch(b, d, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.29' }] } } } })
    const out = kubectl(b, 'rollout status deployment/web', [
      progress(b, { replicas: 3, updatedReplicas: 1, availableReplicas: 2 }),
      progress(b, { replicas: 3, updatedReplicas: 2, availableReplicas: 2 }),
      progress(b, { replicas: 3, updatedReplicas: 2, availableReplicas: 3 }),
      progress(b, { replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
      progress(b, { replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
    ])
    expect(out.stdout).toBe(
      [
        'Waiting for deployment spec update to be observed...',
        'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...',
        'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
        'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
        'Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...',
        'deployment "web" successfully rolled out',
        '',
      ].join('\n'),
    )
    expect(out.exitCode).toBe(0)
  })

  it('prints once with --watch=false', () => {
    const { b, d } = withHistory(['nginx:1.28'])
    setStatus(b, d, { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 1 })
    expect(kubectl(b, 'rollout status deployment/web --watch=false').stdout).toBe('Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n')
  })

  it('fails when the progress deadline is exceeded, and on timeout', () => {
    const { b, d } = withHistory(['nginx:1.28'])
    setStatus(b, d, { observedGeneration: 1, replicas: 2, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] })
    expect(kubectl(b, 'rollout status deployment/web').stderr).toBe('error: deployment "web" exceeded its progress deadline\n')
    setStatus(b, d, { observedGeneration: 1, replicas: 2, updatedReplicas: 1 })
    expect(kubectl(b, 'rollout status deployment/web --timeout=5s')).toEqual({
      stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
      stderr: 'error: timed out waiting for the condition\n',
      exitCode: 1,
    })
  })

  it('has no status viewer for other kinds', () => {
    const { b, rss } = withHistory(['nginx:1.28'])
    expect(kubectl(b, `rollout status replicaset/${rss[0].metadata!.name}`).stderr).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n')
    void (rss as KObject[])
  })
})
