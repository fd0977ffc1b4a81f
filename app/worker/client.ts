/**
 * Typed client of the engine worker: `await engine.request({ type: 'kubectl', command })`.
 * A crash of the worker (an engine exception, or the worker dying) rejects the pending requests
 * with an {@link EngineCrash}; the caller rebuilds a fresh worker from the last good scenario.
 */
import type { ReplyMap, WorkerMessage, WorkerReply, WorkerRequest } from './protocol'

export class EngineCrash extends Error {
  override name = 'EngineCrash'
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void }

export interface EngineClient {
  request<R extends WorkerRequest>(req: R): Promise<ReplyMap[R['type']]>
  terminate(): void
}

/** Starts a worker hosting the engine. `factory` is injectable for tests. */
export function startEngine(factory: () => Worker = defaultWorker): EngineClient {
  const worker = factory()
  const pending = new Map<number, Pending>()
  let nextId = 1
  let dead: Error | undefined

  const failAll = (err: Error) => {
    dead = err
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  }

  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const reply = e.data
    const p = pending.get(reply.id)
    if (!p) return
    pending.delete(reply.id)
    if (reply.ok) p.resolve(reply.value)
    else if (reply.fatal) p.reject(new EngineCrash(reply.error))
    else p.reject(new Error(reply.error))
  }
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault()
    failAll(new EngineCrash(e.message || 'The simulation worker stopped.'))
  }
  worker.onmessageerror = () => failAll(new EngineCrash('A message from the simulation worker could not be read.'))

  return {
    request<R extends WorkerRequest>(req: R) {
      if (dead) return Promise.reject(dead)
      const id = nextId++
      return new Promise<ReplyMap[R['type']]>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        worker.postMessage({ id, request: req } satisfies WorkerMessage)
      })
    },
    terminate() {
      worker.terminate()
      failAll(new EngineCrash('terminated'))
    },
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'podium-engine' })
}

let connection: (() => EngineClient) | null = null

/**
 * Chooses how the app reaches the engine from the next boot on: `null` (the default) starts a
 * worker in this browser; app/live passes the served engine's client.
 */
export function setEngineConnection(connect: (() => EngineClient) | null) {
  connection = connect
}

/** A new connection to the engine: the chosen one, else a worker in this browser. */
export function connectEngine(): EngineClient {
  return connection ? connection() : startEngine()
}
