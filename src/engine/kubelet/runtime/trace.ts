/**
 * The tracer drives a container's main process over virtual time: it keeps the clock, cuts the
 * output into log lines, records when ports open and close and how the filesystem changes, and
 * delivers the runtime's signals.
 *
 * It only runs as far as someone asked (`advanceTo`), so an endless loop costs nothing until its
 * logs are read. A tracer is a cache: the same inputs always produce the same trace.
 */
import { Fs, type FsSnapshot } from './fs'
import { normalizeSignal, SIGNAL_NUMBERS, type Effect, type Machine, type Proc, type SignalHandler } from './proc'
import { Unsupported } from './shell-parse'

/** One line of container output, as `kubectl logs` shows it (stdout and stderr interleaved by time). */
export interface LogLine {
  /** Virtual ms when the line was written. */
  t: number
  stream: 'stdout' | 'stderr'
  text: string
}

/** How a container's process ended. Kubernetes' terminated reason is `Completed` for 0, `Error` otherwise. */
export interface ExitInfo {
  at: number
  code: number
  reason: 'Completed' | 'Error'
}

/**
 * Why a process never exits on its own:
 * - `blocked`: it waits forever (a server, `sleep infinity`, `tail -f /dev/null`);
 * - `periodic`: a `while` loop whose state repeats, so it loops forever;
 * - `busy-loop`: a loop that never lets time pass (its output is cut after the first 2 000 steps);
 * - `unsupported`: it reached something the simulator does not model (see `Program.unsupported`).
 */
export type Forever = 'blocked' | 'periodic' | 'busy-loop' | 'unsupported'

/** A signal the runtime sends to the main process, and what became of it. */
export interface SignalRecord {
  at: number
  signal: string
  outcome: 'handled' | 'ignored' | 'trap-pending' | 'killed' | 'after-exit' | 'died'
  /** A sentence for students: why the signal had that effect. */
  why: string
}

/** Steps at one instant before a loop counts as a busy loop. */
const BUSY_LIMIT = 2_000

interface PendingWait {
  end: number
  who: 'self' | 'child'
  onSignal?: SignalHandler
  /** The main process is this entrypoint script, not yet replaced by the server it execs. */
  script?: string
}

export class Tracer {
  clock: number
  readonly lines: LogLine[] = []
  readonly ports: { t: number; port: number; open: boolean }[] = []
  readonly fsLog: { t: number; path: string; kind: 'file' | 'dir'; content: string | null }[] = []
  readonly signalLog: SignalRecord[] = []
  readonly initialFs: FsSnapshot
  exit?: ExitInfo
  forever?: Forever
  unsupported?: { at: number; feature: string }
  private gen: Proc | null
  private wait: PendingWait | null = null
  private partial: Record<1 | 2, string> = { 1: '', 2: '' }
  private signals: { at: number; signal: string }[]
  private sigIdx = 0
  private stepsAtClock = 0
  private open = new Set<number>()

  constructor(
    readonly m: Machine,
    start: () => Proc,
    startedAt: number,
    signals: { at: number; signal: string }[],
  ) {
    this.clock = startedAt
    this.signals = [...signals].sort((a, b) => a.at - b.at)
    m.now = () => this.clock
    this.initialFs = m.fs.snapshot()
    m.fs.onChange = (path, kind, content) => this.fsLog.push({ t: this.clock, path, kind, content })
    this.gen = start()
  }

  /** Whether the process has ended, or will never change again by itself. */
  get settled(): boolean {
    return this.exit !== undefined || (this.forever !== undefined && this.forever !== 'periodic')
  }

  /**
   * Runs the process up to virtual time `t` (inclusive). With `maxSteps`, stops early and returns
   * false when the budget runs out; `untilSettled` stops as soon as the exit or a `Forever` is known.
   */
  advanceTo(t: number, maxSteps = Infinity, untilSettled = false): boolean {
    let steps = 0
    while (this.exit === undefined) {
      if (untilSettled && this.forever === 'periodic' && this.sigIdx >= this.signals.length) return true
      if (++steps > maxSteps) return false
      if (this.wait) {
        const sig = this.signals[this.sigIdx]
        const end = this.wait.end
        if (sig && sig.at < end) {
          if (sig.at > t) return true
          this.clock = Math.max(this.clock, sig.at)
          this.sigIdx++
          this.deliver(sig)
          continue
        }
        if (end === Infinity) {
          if (!this.forever) this.forever = 'blocked'
          return true
        }
        if (end > t) return true
        this.clock = end
        this.wait = null
        this.stepsAtClock = 0
      }
      if (!this.gen) return true
      let r: IteratorResult<unknown, number>
      try {
        r = this.gen.next()
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e
        this.halt('unsupported', e.feature)
        continue
      }
      if (r.done) {
        this.finish(r.value)
        continue
      }
      const ef = r.value as Effect
      switch (ef.k) {
        case 'out':
          this.emit(ef.fd, ef.text)
          break
        case 'listen':
          if (ef.open) this.open.add(ef.port)
          else this.open.delete(ef.port)
          this.ports.push({ t: this.clock, port: ef.port, open: ef.open })
          break
        case 'periodic':
          if (!this.forever) this.forever = 'periodic'
          break
        case 'signal-main':
          this.signals.splice(this.sigIdx, 0, { at: this.clock, signal: ef.signal })
          break
        case 'wait':
          this.wait = { end: this.clock + ef.ms, who: ef.who, onSignal: ef.onSignal, script: ef.script }
          break
      }
      if (ef.k !== 'wait' && ++this.stepsAtClock > BUSY_LIMIT) this.halt('busy-loop')
    }
    // after the exit, later signals find no process
    while (this.sigIdx < this.signals.length && this.signals[this.sigIdx].at <= t) {
      const s = this.signals[this.sigIdx++]
      this.signalLog.push({ at: s.at, signal: s.signal, outcome: 'after-exit', why: 'the process had already exited' })
    }
    return true
  }

  /** The process stops changing but stays alive (as if waiting forever, without a handler). */
  private halt(why: Forever, feature?: string): void {
    if (feature) {
      this.unsupported = { at: this.clock, feature }
      this.emit(2, `${this.partial[2] ? '\n' : ''}[podium] the simulator cannot run ${feature}; the container keeps running without further output\n`)
    } else if (why === 'busy-loop') {
      this.emit(2, `${this.partial[2] ? '\n' : ''}[podium] this loop never lets time pass (no sleep); the simulation stops its output here while the container keeps running\n`)
    }
    this.forever = why
    this.gen = null
    this.wait = { end: Infinity, who: 'self' }
  }

  private deliver(sig: { at: number; signal: string }): void {
    const name = normalizeSignal(sig.signal) ?? sig.signal
    this.m.signalEpoch++
    if (this.forever === 'periodic') this.forever = undefined
    const rec = (outcome: SignalRecord['outcome'], why: string) => this.signalLog.push({ at: sig.at, signal: `SIG${name}`, outcome, why })
    if (name === 'KILL') {
      rec('killed', 'SIGKILL cannot be caught or ignored')
      this.finish(128 + 9)
      return
    }
    const w = this.wait!
    const die = () => {
      rec('died', 'the process has no handler and is not PID 1, so the default action ends it')
      this.finish(128 + (SIGNAL_NUMBERS[name] ?? 15))
    }
    if (w.who === 'self') {
      const h = w.onSignal?.(name)
      if (h && typeof h === 'object') {
        rec('handled', 'the program handles this signal and shuts down')
        this.gen = h
        this.wait = null
        this.stepsAtClock = 0
        return
      }
      if (h === 'ignore') {
        rec('ignored', 'the program does not act on this signal')
        return
      }
      if (this.m.ignoredAtExec.has(name)) {
        rec('ignored', "the shell that exec'd this program ignored the signal (trap '' " + name + '), and an ignored signal stays ignored across exec')
        return
      }
      if (this.m.pid1 && w.script) {
        rec('ignored', `the entrypoint script ${w.script} is still PID 1 (it has not exec'd the server yet) and has no handler for it: the kernel discards the signal, so the server the script execs next never receives it`)
        return
      }
      if (this.m.pid1) {
        rec('ignored', 'the process is PID 1 and has no handler for it; the kernel does not apply the default action to PID 1')
        return
      }
      die()
      return
    }
    const action = this.m.mainShell?.traps.get(name) ?? (this.m.ignoredAtExec.has(name) ? '' : undefined)
    if (action === undefined) {
      if (this.m.pid1) {
        rec('ignored', 'the shell is PID 1 and has no trap for it; the kernel does not apply the default action to PID 1')
        return
      }
      die()
      return
    }
    if (action === '') {
      rec('ignored', 'the shell set `trap "" ' + name + '` to ignore it')
      return
    }
    rec('trap-pending', 'the shell runs its trap when the command it is waiting for (e.g. sleep) has finished')
    this.m.pendingSignals.push(name)
  }

  private emit(fd: 1 | 2, text: string): void {
    const all = this.partial[fd] + text
    const parts = all.split('\n')
    this.partial[fd] = parts.pop()!
    for (const p of parts) this.lines.push({ t: this.clock, stream: fd === 1 ? 'stdout' : 'stderr', text: p })
  }

  private finish(code: number): void {
    for (const fd of [1, 2] as const) {
      if (this.partial[fd]) {
        this.lines.push({ t: this.clock, stream: fd === 1 ? 'stdout' : 'stderr', text: this.partial[fd] })
        this.partial[fd] = ''
      }
    }
    for (const port of this.open) this.ports.push({ t: this.clock, port, open: false })
    this.open.clear()
    this.exit = { at: this.clock, code, reason: code === 0 ? 'Completed' : 'Error' }
    this.gen = null
    this.wait = null
  }

  /** Output lines written at or before `t`. */
  linesUntil(t: number): LogLine[] {
    this.advanceTo(t)
    let n = this.lines.length
    while (n > 0 && this.lines[n - 1].t > t) n--
    return this.lines.slice(0, n)
  }

  /** Ports listening at `t`. */
  portsAt(t: number): number[] {
    this.advanceTo(t)
    const open = new Set<number>()
    for (const p of this.ports) {
      if (p.t > t) break
      if (p.open) open.add(p.port)
      else open.delete(p.port)
    }
    return [...open].sort((a, b) => a - b)
  }

  /** The filesystem as it was at `t`. */
  fsAt(t: number): Fs {
    this.advanceTo(t)
    const fs = new Fs(this.initialFs)
    for (const c of this.fsLog) {
      if (c.t > t) break
      if (c.kind === 'file') {
        if (c.content === null) fs.files.delete(c.path)
        else fs.files.set(c.path, c.content)
      } else if (c.content === null) fs.dirs.delete(c.path)
      else fs.dirs.add(c.path)
    }
    return fs
  }
}
