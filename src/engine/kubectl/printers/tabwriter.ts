/**
 * Elastic tabstops, a port of Go's text/tabwriter (the algorithm kubectl's tables and
 * `kubectl describe` go through).
 *
 * Upstream: go/src/text/tabwriter/tabwriter.go and github.com/liggitt/tabwriter (kubectl's fork,
 * identical within one Flush). Cells are tab-terminated: the text after a line's last tab is not
 * part of any column and is never padded. A column is aligned over a block of consecutive lines
 * that all have a cell in it, so an empty line (or a line with fewer cells) ends the block.
 * Widths are counted in code points, as Go counts runes.
 */

/** Options of tabwriter.NewWriter that matter for space padding. */
export interface TabwriterOptions {
  /** Minimal cell width including padding (kubectl tables: 6; describe: 0). */
  minWidth: number
  /** Padding added to the widest cell of a column (kubectl tables: 3; describe: 2). */
  padding: number
}

/** The writer kubectl's `get` uses (cli-runtime printers.GetNewTabWriter). */
export const TABLE_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 }
/** The writer `kubectl describe` uses (describe.go tabbedString). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 }

interface Cell {
  text: string
  width: number
  htab: boolean
}

const runeCount = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

/**
 * Aligns tab-separated text as one Flush of Go's tabwriter with space padding.
 * @example tabwrite('NAME\tAGE\nnginx\t5s\n', TABLE_TABWRITER) // 'NAME    AGE\nnginx   5s\n'
 */
export function tabwrite(input: string, options: TabwriterOptions): string {
  const rawLines = input.split('\n')
  const lines: Cell[][] = rawLines.map((raw, i) => {
    const parts = raw.split('\t')
    const isLast = i === rawLines.length - 1
    const cells: Cell[] = []
    parts.forEach((text, j) => {
      const htab = j < parts.length - 1
      // The incomplete last cell of the buffer is only kept when it has text (Go's Flush).
      if (!htab && isLast && text.length === 0) return
      cells.push({ text, width: runeCount(text), htab })
    })
    return cells
  })

  const out: string[] = []
  const widths: number[] = []

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]
      line.forEach((c, j) => {
        out.push(c.text)
        if (j < widths.length) out.push(' '.repeat(widths[j] - c.width))
      })
      if (i + 1 < lines.length) out.push('\n')
    }
  }

  const format = (line0: number, line1: number): void => {
    const column = widths.length
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue
      writeLines(line0, cur)
      line0 = cur
      let width = options.minWidth
      for (; cur < line1; cur++) {
        const line = lines[cur]
        if (column >= line.length - 1) break
        const w = line[column].width + options.padding
        if (w > width) width = w
      }
      widths.push(width)
      format(line0, cur)
      widths.pop()
      line0 = cur
    }
    writeLines(line0, line1)
  }

  format(0, lines.length)
  return out.join('')
}
