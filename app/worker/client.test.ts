import { describe, expect, it } from 'vitest'
import { EngineCrash, startEngine } from './client'
import type { WorkerMessage, WorkerReply } from './protocol'

/** A stand-in Worker: records posted messages; the test answers them. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  onmessageerror: (() => void) | null = null
  posted: WorkerMessage[] = []
  terminated = false
  postMessage(m: WorkerMessage) {
    this.posted.push(m)
  }
  terminate() {
    this.terminated = true
  }
  reply(r: WorkerReply) {
    this.onmessage?.({ data: r } as MessageEvent<WorkerReply>)
  }
}

describe('engine client', () => {
  it('matches replies to requests by id', async () => {
    const w = new FakeWorker()
    const engine = startEngine(() => w as unknown as Worker)
    const a = engine.request({ type: 'query', command: 'get pods' })
    const b = engine.request({ type: 'query', command: 'get nodes' })
    expect(w.posted.map((m) => m.id)).toEqual([1, 2])
    w.reply({ id: 2, ok: true, value: { stdout: 'nodes', stderr: '', exitCode: 0 } })
    w.reply({ id: 1, ok: true, value: { stdout: 'pods', stderr: '', exitCode: 0 } })
    expect((await a).stdout).toBe('pods')
    expect((await b).stdout).toBe('nodes')
  })

  it('turns an engine exception into an EngineCrash', async () => {
    const w = new FakeWorker()
    const engine = startEngine(() => w as unknown as Worker)
    const r = engine.request({ type: 'kubectl', command: 'get pods' })
    w.reply({ id: 1, ok: false, error: 'boom', fatal: true })
    await expect(r).rejects.toBeInstanceOf(EngineCrash)
  })

  it('fails every pending and later request when the worker dies', async () => {
    const w = new FakeWorker()
    const engine = startEngine(() => w as unknown as Worker)
    const r = engine.request({ type: 'runAhead' })
    w.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent)
    await expect(r).rejects.toThrow('out of memory')
    await expect(engine.request({ type: 'runAhead' })).rejects.toBeInstanceOf(EngineCrash)
  })
})
