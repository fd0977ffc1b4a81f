import { describe, expect, it } from 'vitest'
import { parseInline, parseMarkdown } from './markdown'

describe('lesson Markdown', () => {
  it('reads lists, bold, emphasis and code', () => {
    const blocks = parseMarkdown('Intro *now*:\n\n1. **kubectl** sends `POST`\n2. the API server\n   stores it\n\n- a\n- b')
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'list'])
    const list = blocks[1]
    if (list.type !== 'list') throw new Error('not a list')
    expect(list.ordered).toBe(true)
    expect(list.items[0]).toEqual([{ type: 'strong', children: [{ type: 'text', text: 'kubectl' }] }, { type: 'text', text: ' sends ' }, { type: 'code', text: 'POST' }])
    expect(list.items[1]).toEqual([{ type: 'text', text: 'the API server stores it' }])
  })

  it('reads tables', () => {
    const [t] = parseMarkdown('| selector | kind |\n|---|---|\n| `app=web` | equality |')
    expect(t.type).toBe('table')
    if (t.type !== 'table') return
    expect(t.rows[0][0]).toEqual([{ type: 'code', text: 'app=web' }])
  })

  it('keeps HTML as text and only links http(s)', () => {
    expect(parseInline('<script>x</script>')).toEqual([{ type: 'text', text: '<script>x</script>' }])
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ type: 'text', text: '[x](javascript:alert(1))' }])
    expect(parseInline('[docs](https://kubernetes.io)')[0]).toMatchObject({ type: 'link', href: 'https://kubernetes.io' })
  })

  it('leaves snake_case and lone stars alone', () => {
    expect(parseInline('a_b_c 2 * 3')).toEqual([{ type: 'text', text: 'a_b_c 2 * 3' }])
  })
})
