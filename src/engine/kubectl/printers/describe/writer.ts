/**
 * The PrefixWriter of `kubectl describe` and its tabbedString: text written at indentation levels
 * of two spaces, then aligned by Go's tabwriter (minwidth 0, padding 2).
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (PrefixWriter, tabbedString, LEVEL_0…4).
 */
import { escapeTerminal } from '../table'
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter'

export const LEVEL_0 = 0
export const LEVEL_1 = 1
export const LEVEL_2 = 2
export const LEVEL_3 = 3
export const LEVEL_4 = 4

/** Collects describe output; `text()` aligns it. */
export class PrefixWriter {
  private readonly parts: string[] = []

  /** w.Write(level, …): the text (already formatted) after `level` two-space indents. */
  write(level: number, text: string): void {
    this.parts.push(escapeTerminal('  '.repeat(level) + text))
  }

  /** w.WriteLine(…): the values joined by spaces, then a newline, with no indent. */
  writeLine(...values: string[]): void {
    this.parts.push(escapeTerminal(values.join(' ') + '\n'))
  }

  /** The aligned output (tabbedString). */
  text(): string {
    return tabwrite(this.parts.join(''), DESCRIBE_TABWRITER)
  }
}

/** A PrefixWriter whose writes are indented by a fixed number of extra levels. */
export class NestedPrefixWriter {
  constructor(private readonly inner: PrefixWriter, private readonly indent: number) {}
  write(level: number, text: string): void {
    this.inner.write(level + this.indent, text)
  }
  writeLine(...values: string[]): void {
    this.inner.write(this.indent, values.join(' ') + '\n')
  }
}

/** Either kind of writer. */
export type Writer = Pick<PrefixWriter, 'write' | 'writeLine'>

/** Runs `f` on a fresh writer and returns the aligned text. */
export function tabbedString(f: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter()
  f(w)
  return w.text()
}
