/**
 * Small building blocks of the program models: write a log line, let time pass, serve forever
 * with a signal handler, open or close a port.
 */
import { wait, write, type CmdCtx, type Effect, type Proc, type SignalHandler } from './proc'

export type Gen = Generator<Effect, void, void>

/** Writes one log line (with its newline) at the current time. */
export function* lineAfter(ctx: CmdCtx, fd: 1 | 2, text: string): Gen {
  yield* write(ctx.io, fd, `${text}\n`, ctx.m)
}

export function* pause(ctx: CmdCtx, ms: number): Gen {
  yield* wait(ms, ctx.isMain)
}

/**
 * Time passes inside an image's entrypoint script, before its `exec "$@"`: as the main process the
 * script is PID 1 and has no handler, so a stop signal now is discarded and the server it execs
 * afterwards never sees it (the tracer explains this in the signal's outcome).
 */
export function* scriptPause(ctx: CmdCtx, ms: number): Gen {
  if (ms <= 0) return
  yield { k: 'wait', ms, who: ctx.isMain ? 'self' : 'child', script: ctx.isMain ? ctx.argv[0] : undefined }
}

/** Blocks forever; as the main process, `onSignal` decides what a signal does. */
export function* serve(ctx: CmdCtx, onSignal?: SignalHandler): Proc {
  yield* wait(Infinity, ctx.isMain, ctx.isMain ? onSignal : undefined)
  return 0
}

export function* listen(port: number, open = true): Gen {
  yield { k: 'listen', port, open }
}

export function pid(ctx: CmdCtx, asMain: number, asChild: number): number {
  return ctx.isMain ? asMain : asChild
}

export function versionAtLeast(v: string, min: string): boolean {
  const a = v.split('.').map(Number)
  const b = min.split('.').map(Number)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  }
  return true
}

