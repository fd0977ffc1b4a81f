/**
 * A small, safe Markdown subset for lesson text: paragraphs, `#` headings, ordered and unordered
 * lists, tables, fenced code, and inline **bold**, *emphasis*, `code` and [links](https://…).
 * Pure: text → a tree of plain data, rendered by Markdown.tsx as React elements, so no HTML from
 * a lesson ever reaches the page (a `<script>` in a lesson is shown as text).
 *
 * ```ts
 * parseMarkdown('1. **kubectl** sends\n2. the API server')
 * // [{ type: 'list', ordered: true, items: [[{ type: 'strong', … }, …], …] }]
 * ```
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' }

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { type: 'code'; text: string }

const LIST_ITEM = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n')
  const blocks: Block[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (!line.trim()) {
      i++
      continue
    }
    if (/^\s*```/.test(line)) {
      const body: string[] = []
      i++
      while (i < lines.length && !/^\s*```/.test(lines[i])) body.push(lines[i++])
      i++
      blocks.push({ type: 'code', text: body.join('\n') })
      continue
    }
    const h = /^(#{1,4})\s+(.*)$/.exec(line)
    if (h) {
      blocks.push({ type: 'heading', level: h[1].length, children: parseInline(h[2]) })
      i++
      continue
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) {
      const header = cells(line)
      const rows: Inline[][][] = []
      i += 2
      while (i < lines.length && lines[i].includes('|') && lines[i].trim()) rows.push(cells(lines[i++]))
      blocks.push({ type: 'table', header, rows })
      continue
    }
    const li = LIST_ITEM.exec(line)
    if (li) {
      const ordered = li[2] !== undefined
      const start = ordered ? Number(li[2]) : 1
      const items: string[] = []
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i])
        if (m && (m[2] !== undefined) === ordered) items.push(m[3])
        else if (lines[i].trim() && /^\s+/.test(lines[i]) && items.length) items[items.length - 1] += ' ' + lines[i].trim()
        else break
        i++
      }
      blocks.push({ type: 'list', ordered, start, items: items.map(parseInline) })
      continue
    }
    const para: string[] = []
    while (i < lines.length && lines[i].trim() && !LIST_ITEM.test(lines[i]) && !/^\s*```/.test(lines[i]) && !/^#{1,4}\s/.test(lines[i])) para.push(lines[i++])
    blocks.push({ type: 'paragraph', children: parseInline(para.map((p) => p.trim()).join('\n')) })
  }
  return blocks
}

function cells(row: string): Inline[][] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => parseInline(c.trim()))
}

/** Inline spans. Unclosed markers stay as text. */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = []
  let text = ''
  const flush = () => {
    if (text) out.push({ type: 'text', text })
    text = ''
  }
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (c === '`') {
      const end = src.indexOf('`', i + 1)
      if (end > i) {
        flush()
        out.push({ type: 'code', text: src.slice(i + 1, end) })
        i = end + 1
        continue
      }
    }
    if (c === '*' && src[i + 1] === '*') {
      const end = src.indexOf('**', i + 2)
      if (end > i + 2) {
        flush()
        out.push({ type: 'strong', children: parseInline(src.slice(i + 2, end)) })
        i = end + 2
        continue
      }
    }
    if ((c === '*' || c === '_') && src[i + 1] !== ' ' && (c === '*' || i === 0 || /\W/.test(src[i - 1]))) {
      const end = src.indexOf(c, i + 1)
      if (end > i + 1 && src[end - 1] !== ' ') {
        flush()
        out.push({ type: 'em', children: parseInline(src.slice(i + 1, end)) })
        i = end + 1
        continue
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(src.slice(i))
      if (m && /^https?:\/\//.test(m[2])) {
        flush()
        out.push({ type: 'link', href: m[2], children: parseInline(m[1]) })
        i += m[0].length
        continue
      }
    }
    if (c === '\n') {
      // A soft line break joins lines, as in Markdown.
      text += ' '
      i++
      continue
    }
    text += c
    i++
  }
  flush()
  return out
}
