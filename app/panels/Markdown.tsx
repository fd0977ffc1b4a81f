/** Renders lesson Markdown (markdown.ts's safe subset) as React elements: never raw HTML. */
import { memo, useMemo, type ReactNode } from 'react'
import { parseInline, parseMarkdown, type Block, type Inline } from './markdown'

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return n.text
      case 'code':
        return <code key={i}>{n.text}</code>
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>
      case 'em':
        return <em key={i}>{inline(n.children)}</em>
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noreferrer noopener">
            {inline(n.children)}
          </a>
        )
      case 'br':
        return <br key={i} />
    }
  })
}

function block(b: Block, i: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return <p key={i}>{inline(b.children)}</p>
    case 'heading':
      return <h4 key={i}>{inline(b.children)}</h4>
    case 'list': {
      const items = b.items.map((it, k) => <li key={k}>{inline(it)}</li>)
      return b.ordered ? (
        <ol key={i} start={b.start}>
          {items}
        </ol>
      ) : (
        <ul key={i}>{items}</ul>
      )
    }
    case 'table':
      return (
        <table key={i} className="md-table">
          <thead>
            <tr>
              {b.header.map((c, k) => (
                <th key={k} scope="col">
                  {inline(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r, k) => (
              <tr key={k}>
                {r.map((c, j) => (
                  <td key={j}>{inline(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )
    case 'code':
      return (
        <pre key={i}>
          <code>{b.text}</code>
        </pre>
      )
  }
}

/** One line of lesson Markdown (`code`, **bold**, *em*) with no block around it: a question, a label. */
export function InlineMarkdown({ text }: { text: string }) {
  return <>{inline(parseInline(text))}</>
}

export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text])
  return <div className={className ?? 'markdown'}>{blocks.map(block)}</div>
})
