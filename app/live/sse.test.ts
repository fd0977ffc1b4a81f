import { describe, expect, it } from 'vitest'
import { SseParser } from './sse'

describe('SseParser', () => {
  it('reads events split anywhere, with ids that carry over, comments and retry', () => {
    const text = 'retry: 1000\n\n: keepalive\n\nevent: boot\nid: s.4\ndata: {"a":1}\n\nevent: hops\ndata: {"b":2}\n\nid: s.9\nevent: hops\ndata: x\n\n'
    // Every split point gives the same events.
    for (let cut = 0; cut < text.length; cut++) {
      const p = new SseParser()
      const events = [...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))]
      expect(events).toEqual([
        { event: 'boot', data: '{"a":1}', id: 's.4' },
        { event: 'hops', data: '{"b":2}', id: 's.4' },
        { event: 'hops', data: 'x', id: 's.9' },
      ])
      expect(p.retry).toBe(1000)
      expect(p.lastId).toBe('s.9')
    }
  })

  it('joins data lines, takes CRLF and CR line ends, and names unnamed events "message"', () => {
    const p = new SseParser()
    expect(p.feed('data: one\r\ndata:two\r\n\r')).toEqual([])
    expect(p.feed('\ndata\rdata: three\r\r\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: undefined },
      { event: 'message', data: '\nthree', id: undefined },
    ])
  })

  it('ignores an event with no data and unknown fields', () => {
    const p = new SseParser()
    expect(p.feed('event: boot\nfoo: bar\n\ndata: y\n\n')).toEqual([{ event: 'message', data: 'y', id: undefined }])
  })
})
