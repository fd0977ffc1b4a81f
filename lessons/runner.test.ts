/**
 * The runner over the engine: predictions are read from the engine (the scheduler's binding hop,
 * the deletion's hop times, the rollout's pods), checks never change the cluster, failing checks
 * explain themselves in both languages, and a lesson can be opened at any step.
 */
import { describe, expect, it } from 'vitest'
import { runScenario } from '../src/engine/index'
import { loadLessons, type Lesson } from './index'
import { lessonFiles } from './testing'
import { evaluateChecks } from './checks'
import { LessonRunner, performAction, playTo } from './runner'

const { lessons } = loadLessons(lessonFiles())
const lesson = (id: string): Lesson => lessons.find((l) => l.id === id)!

/** A runner at step `stepId`, every earlier step played; the step itself entered but not played. */
function at(id: string, stepId: string): LessonRunner {
  const l = lesson(id)
  return playTo(l, l.steps.findIndex((s) => s.id === stepId))
}

describe('predictions come from the engine', () => {
  it('the scheduler lesson: the predicted node is the node of the binding hop, with the decision table', () => {
    for (const stepId of ['predict-requests', 'predict-toleration']) {
      const run = at('the-scheduler', stepId)
      run.play()
      const p = run.predict()
      const bind = run.cluster.hops(run.checkScope.stepStartHop).find((h) => h.from === 'scheduler' && /\/binding$/.test(h.detail?.http?.path ?? ''))!
      const target = (bind.detail!.http!.body as { target: { name: string } }).target.name
      expect(p.answer).toBe(target)
      expect(p.scheduling!.node).toBe(target)
      expect(p.hops).toEqual([bind.id])
      expect(p.reason.en).toContain(`Chosen: ${target}`)
      expect(p.reason.vi).toContain(`Được chọn: ${target}`)
    }
    const trainer = at('the-scheduler', 'predict-toleration')
    trainer.play()
    // The lesson's explanation says the toleration only allows node-3, which then wins on score.
    expect(trainer.predict().answer).toBe('node-3')
    const run = at('the-scheduler', 'predict-requests')
    run.play()
    const p = run.predict()
    expect(p.answer).toBe('node-2')
    expect(p.reason.en.split('\n')).toEqual([
      'node-1: filtered out by NodeResourcesFit: Insufficient cpu',
      'node-2: passed every filter; the only node left, so the scheduler skips scoring',
      'node-3: filtered out by TaintToleration: node(s) had untolerated taint {dedicated: gpu}',
      'Chosen: node-2, the only feasible node.',
    ])
    expect(p.explain.en).toMatch(/^\*\*node-2\*\*\./)
  })

  it('the deletion lesson: 30 s for a shell that ignores SIGTERM, 32 s when preStop outlasts the grace period', () => {
    const loop = at('deleting-a-pod', 'predict-loop')
    loop.play()
    const a = loop.predict()
    expect(a.answer).toBe('30')
    expect(a.choice?.value).toBe('30')
    expect(a.reason.en).toMatch(/\+30 s: The grace period is over: the runtime sends SIGKILL/)
    const hooked = at('deleting-a-pod', 'predict-prestop')
    hooked.play()
    const b = hooked.predict()
    expect(b.answer).toBe('32')
    expect(b.reason.en.split('\n').map((l) => l.split(':')[0])).toEqual(['+0 s', '+0 s', '+30 s', '+32 s', '+32 s', '+32 s'])
  })

  it('the Deployment lesson: 4 pods Running when the first new pod runs (maxSurge 1, maxUnavailable 0)', () => {
    const run = at('deployments', 'predict-surge')
    run.play()
    expect(run.predict().answer).toBe('4')
  })

  it('a component prediction names the sender of the hop', () => {
    const run = at('creating-a-pod', 'scheduler-binds')
    run.play()
    const p = run.predict()
    expect(p.answer).toBe('scheduler')
    expect(p.explain.en).toMatch(/^It is the \*\*scheduler\*\*/)
    // The binding hop carries the scheduler's decision: the app shows its table with the answer.
    expect(p.scheduling?.pod).toMatch(/nginx$/)
    expect(p.scheduling?.verdicts.map((v) => v.node)).toEqual(['node-1', 'node-2', 'node-3'])
  })
})

describe('checks', () => {
  it('leave the cluster exactly as it was: no hops, no scenario steps, no time', () => {
    const run = at('creating-a-pod', 'your-turn')
    const before = { hops: JSON.stringify(run.cluster.hops()), scenario: JSON.stringify(run.cluster.scenario()), now: run.cluster.now() }
    const results = run.check()
    expect(results.length).toBeGreaterThan(0)
    expect(JSON.stringify(run.cluster.hops())).toBe(before.hops)
    expect(JSON.stringify(run.cluster.scenario())).toBe(before.scenario)
    expect(run.cluster.now()).toBe(before.now)
  })

  it('explain a failure in English and Vietnamese, then pass once the student acts', () => {
    const run = at('creating-a-pod', 'your-turn')
    const [phase] = run.check()
    expect(phase).toEqual({
      pass: false,
      says: { en: 'Pod web is Running', vi: 'Pod web đang Running' },
      reason: { en: 'pod/web does not exist (yet)', vi: 'pod/web chưa tồn tại' },
    })
    run.cluster.kubectl('run web --image=nginx:1.27')
    run.cluster.advance(1000)
    const [pending] = run.check()
    expect(pending.pass).toBe(false)
    expect(pending.reason.en).toMatch(/^pod\/web: status.phase is Pending, expected Running$/)
    expect(pending.reason.vi).toMatch(/^pod\/web: status.phase là Pending, cần Running$/)
    run.cluster.settle()
    expect(run.passed()).toBe(true)
  })

  it('count, kubectl, etcd and hop checks give reasons', () => {
    const run = at('replicasets-and-self-healing', 'predict-self-healing')
    const results = evaluateChecks(
      run.cluster,
      [
        { count: { resource: 'pods', selector: 'app=nginx', where: 'running' }, equals: 3 },
        { kubectl: 'get rc nginx-rc', contains: 'nginx-rc' },
        { etcd: '/registry/controllers/default/nginx-rc', field: 'value.spec.replicas', equals: 3 },
        { hop: { from: 'scheduler', to: 'etcd' }, since: 'lesson', absent: true },
        { kubectl: 'get pod nope', exitCode: 0 },
      ],
      run.checkScope,
    )
    expect(results.map((r) => r.pass)).toEqual([true, true, true, true, false])
    expect(results[0].reason.en).toMatch(/^3 pods \(app=nginx\) running: nginx-rc-\w{5}, nginx-rc-\w{5}, nginx-rc-\w{5}$/)
    expect(results[2].reason.en).toBe('etcd /registry/controllers/default/nginx-rc: value.spec.replicas is 3')
    expect(results[4].reason.en).toBe('kubectl get pod nope exited with 1, expected 0: "Error from server (NotFound): pods "nope" not found"')
  })
})

describe('opening a lesson at a step', () => {
  it('reaches the same cluster as playing step by step', () => {
    const l = lesson('deployments')
    const direct = playTo(l, 4)
    const stepwise = new LessonRunner(l)
    for (let i = 0; i < 4; i++) {
      stepwise.enter(i)
      if (stepwise.step.try) stepwise.solve()
      else stepwise.play()
    }
    expect(JSON.stringify(direct.cluster.hops())).toBe(JSON.stringify(stepwise.cluster.hops()))
    expect(direct.step.id).toBe('bad-image')
  })

  it("records a scenario that replays to the same hops (share links), checks left out", () => {
    const run = at('deployments', 'undo')
    run.check()
    const replay = runScenario(run.cluster.scenario())
    expect(JSON.stringify(replay.hops())).toBe(JSON.stringify(run.cluster.hops()))
    expect(run.cluster.scenario().steps.some((s) => 'kubectl' in s && s.kubectl.includes('-o json'))).toBe(false)
  })

  it('highlights the hops of the step, or the latest before it', () => {
    const run = at('creating-a-pod', 'validate-and-store')
    const { components, hops } = run.highlights()
    expect(components).toEqual(['apiserver', 'etcd'])
    const summaries = hops.map((id) => run.cluster.hops().find((h) => h.id === id)!.summary)
    expect(summaries).toEqual([
      expect.stringMatching(/^Txn: create \/registry\/pods\/default\/nginx/),
      expect.stringMatching(/^OK: revision \d+$/),
      expect.stringMatching(/^201 Created: pod\/nginx stored at revision \d+$/),
    ])
  })
})

describe('networking, workloads and node failure', () => {
  it('proxyMode and request actions drive the engine; a proxyRules check reads a node’s rules', () => {
    const run = at('services-and-kube-proxy', 'ipvs')
    const before = evaluateChecks(run.cluster, [{ proxyRules: 'node-1', contains: 'IP Virtual Server' }, { proxyRules: 'node-1', contains: 'KUBE-SERVICES' }], run.checkScope)
    expect(before.map((r) => r.pass)).toEqual([false, true])
    expect(before[1].reason.en).toMatch(/^kube-proxy\/node-1 \(iptables\) rules containing "KUBE-SERVICES": "/)
    run.play()
    expect(run.cluster.proxyRules('node-1').mode).toBe('ipvs')
    const [ipvs] = evaluateChecks(run.cluster, [{ proxyRules: 'node-1', matches: '^IP Virtual Server' }], run.checkScope)
    expect(ipvs.pass).toBe(true)
    expect(run.cluster.scenario().steps).toContainEqual({ proxyMode: 'ipvs' })
    const journey = at('the-full-journey', 'visit')
    const [outcome] = journey.play()
    expect(outcome).toMatchObject({ ok: true, response: { status: 200 } })
    expect(outcome.response!.body).toContain('Welcome to nginx!')
    const failed = performAction(journey.cluster, { request: 'http://198.51.100.99/' })
    expect(failed.ok).toBe(false)
    expect(failed.error).toMatch(/^curl: /)
  })

  it('a hops answer counts the distinct receivers: round-robin over 3 Pods', () => {
    const run = at('services-and-kube-proxy', 'predict-round-robin')
    run.play()
    const p = run.predict()
    expect(p.answer).toBe('3')
    expect(p.hops).toHaveLength(6)
    expect(p.reason.en).toMatch(/^6 matching hop\(s\) reached 3 component\(s\): (pod\/default\/renderer-\S+ ×2(, |\.$)){3}/)
  })

  it('a duration without `from` counts from the start of the step: 300 s of toleration', () => {
    const run = at('node-failure', 'predict-evict')
    const start = run.cluster.now()
    run.play()
    const p = run.predict()
    expect(p.answer).toBe('300')
    const del = run.cluster.hops().find((h) => h.id === p.hops[p.hops.length - 1])!
    expect(del.t - start).toBe(300_000)
    expect(p.reason.en).toMatch(/^\+300 s: The taint eviction controller deletes web-/)
  })
})
