import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Scenario } from '../../src/engine'
import { encodeWorkspace } from '../editor/share'
import type { WorkerRequest } from '../worker/protocol'

// The engine client is replaced by a scripted one: these tests are about the app's reactions.
const requests: WorkerRequest[] = []
let failNextKubectl = false
let current: Scenario
const scenario = (steps: Scenario['steps'] = []): Scenario => ({ seed: 1, nodes: [{ name: 'node-1' }], steps })
const hop = (id: number) => ({ id, t: id, from: 'kubectl', to: 'apiserver', kind: 'request' as const, summary: `hop ${id}` })

vi.mock('../worker/client', () => {
  class EngineCrash extends Error {}
  return {
    EngineCrash,
    connectEngine: () => ({
      terminate() {},
      async request(req: WorkerRequest) {
        requests.push(req)
        const update = { hops: [] as ReturnType<typeof hop>[], components: ['apiserver'], now: 0, scenario: current, podStatus: [] }
        switch (req.type) {
          case 'boot': {
            current = req.scenario ?? scenario()
            return { ...update, scenario: current, hops: current.steps.length ? [hop(1), hop(2), hop(3)] : [], baseline: [] }
          }
          case 'kubectl':
            if (failNextKubectl) {
              failNextKubectl = false
              throw new EngineCrash('engine exploded')
            }
            current = { ...current, steps: [...current.steps, { kubectl: req.command, stdin: req.stdin }] }
            return { ...update, scenario: current, hops: [hop(1)], result: { stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 } }
          default:
            return update
        }
      },
    }),
  }
})

const { startApp, runCommand, AUTOSAVE_KEY } = await import('./actions')
const { useStore, initialState } = await import('./store')

beforeEach(() => {
  requests.length = 0
  useStore.setState(initialState(), true)
})

const storage = (entries: Record<string, string> = {}) => ({ getItem: (k: string) => entries[k] ?? null })

describe('startApp', () => {
  it('boots a fresh cluster with nothing saved', async () => {
    await startApp('', storage())
    expect(requests[0]).toMatchObject({ type: 'boot', options: { seed: 1, nodes: 3 } })
    expect(useStore.getState().status).toBe('ready')
  })

  it('restores the autosaved workspace: scenario, cursor, tabs', async () => {
    const ws = { v: 1 as const, scenario: scenario([{ kubectl: 'apply -f -', stdin: 'x' }]), cursor: 2, tabs: [{ name: 'a.yaml', text: 'kind: Pod' }], activeTab: 0 }
    await startApp('', storage({ [AUTOSAVE_KEY]: encodeWorkspace(ws) }))
    expect(requests[0]).toMatchObject({ type: 'boot', scenario: ws.scenario })
    const s = useStore.getState()
    expect(s.cursor).toBe(2)
    expect(s.tabs).toEqual(ws.tabs)
    expect(s.playing).toBe(false)
  })

  it('reports a tampered share link and still opens', async () => {
    await startApp('#share=AAAAbroken', storage())
    const s = useStore.getState()
    expect(s.notice).toMatchObject({ kind: 'error', text: expect.stringContaining('share link could not be opened') })
    expect(s.status).toBe('ready')
    expect(requests[0]).toMatchObject({ type: 'boot', options: { nodes: 3 } })
  })
})

describe('engine failure', () => {
  it('shows the error and rebuilds the cluster from the last good scenario', async () => {
    await startApp('', storage())
    await runCommand('apply -f -', 'kind: Pod')
    const good = useStore.getState().scenario
    failNextKubectl = true
    await runCommand('get pods')
    await vi.waitFor(() => expect(useStore.getState().status).toBe('ready'))
    const reboot = requests.filter((r) => r.type === 'boot').at(-1)
    expect(reboot).toMatchObject({ type: 'boot', scenario: good })
    expect(useStore.getState().notice?.text).toContain('engine exploded')
  })
})
