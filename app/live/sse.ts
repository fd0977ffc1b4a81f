/**
 * A server-sent events parser (the `text/event-stream` format, as EventSource reads it), fed text
 * in whatever chunks the network delivers. Podium reads the stream with `fetch` rather than
 * EventSource so it controls reconnecting (and tests can feed it by hand).
 *
 * ```ts
 * const p = new SseParser()
 * p.feed('event: hops\nid: a.3\ndata: {"hops":[]}\n\n')   // [{ event: 'hops', id: 'a.3', data: '{"hops":[]}' }]
 * ```
 */
export interface SseEvent {
  /** `message` when the event has no `event:` field. */
  event: string
  data: string
  /** The last `id:` seen so far on the stream (it carries over to later events, as in EventSource). */
  id: string | undefined
}

export class SseParser {
  private buffer = ''
  private data: string[] = []
  private event = ''
  private sawData = false
  /** The stream's last event id. */
  lastId: string | undefined
  /** The reconnection delay the server asked for (`retry:`), in ms. */
  retry: number | undefined

  /** Parses a chunk; returns the events it completed. */
  feed(chunk: string): SseEvent[] {
    this.buffer += chunk
    const out: SseEvent[] = []
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer)
      // A lone CR at the end may be the first half of CRLF: wait for more.
      if (!m || (m[0] === '\r' && m.index === this.buffer.length - 1)) break
      const line = this.buffer.slice(0, m.index)
      this.buffer = this.buffer.slice(m.index + m[0].length)
      const e = this.line(line)
      if (e) out.push(e)
    }
    return out
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (!this.sawData) {
        this.event = ''
        return undefined
      }
      const e = { event: this.event || 'message', data: this.data.join('\n'), id: this.lastId }
      this.data = []
      this.event = ''
      this.sawData = false
      return e
    }
    if (line.startsWith(':')) return undefined
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') {
      this.data.push(value)
      this.sawData = true
    } else if (field === 'event') this.event = value
    else if (field === 'id' && !value.includes('\0')) this.lastId = value
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value)
    return undefined
  }
}
