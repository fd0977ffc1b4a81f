/** The current hop in full: HTTP method, path and status; etcd key, revision and diff; watch event; scheduler table; CRI call. */
import type { Hop } from '../../../src/engine'
import { jumpTo, toggleChain } from '../../state/actions'
import { formatVirtualTime } from '../../state/playback'
import { useStore } from '../../state/store'
import { objectDiff, shortValue } from '../diff'
import { bodyObject, componentName, explainHop, statusLine } from '../explain'
import { SchedulingTable } from './SchedulingTable'
import { useYaml } from './useYaml'

function Yaml({ value }: { value: unknown }) {
  const text = useYaml(value)
  return <pre className="code">{text}</pre>
}

export function HopDetails({ hop }: { hop: Hop | undefined }) {
  const chainOf = useStore((s) => s.chainOf)
  if (!hop) return <p className="muted">Before the first hop. Step forward, or pick a hop in the timeline.</p>
  const d = hop.detail ?? {}
  return (
    <div className="hop-details">
      <h3>
        Hop #{hop.id}: {hop.kind}
      </h3>
      <p>{explainHop(hop)}</p>
      <dl className="facts">
        <dt>From</dt>
        <dd>{componentName(hop.from)}</dd>
        <dt>To</dt>
        <dd>{componentName(hop.to)}</dd>
        <dt>Time</dt>
        <dd>{formatVirtualTime(hop.t)}</dd>
        <dt>Summary</dt>
        <dd>
          <code>{hop.summary}</code>
        </dd>
        {hop.cause !== undefined && (
          <>
            <dt>Caused by</dt>
            <dd>
              <button type="button" className="link" onClick={() => jumpTo(hop.cause!)}>
                hop #{hop.cause}
              </button>
            </dd>
          </>
        )}
      </dl>
      <button type="button" className="small" aria-pressed={chainOf === hop.id} onClick={() => toggleChain(hop.id)}>
        Highlight causal chain
      </button>
      {d.http && (
        <section aria-label="HTTP">
          <h4>HTTP</h4>
          <p>
            <code>
              {d.http.method} {d.http.path}
              {d.http.query ? (d.http.query.startsWith('?') ? d.http.query : `?${d.http.query}`) : ''}
            </code>
            {d.http.status !== undefined && <span className="pill">{statusLine(d.http.status)}</span>}
          </p>
          {d.http.body !== undefined && (
            <details>
              <summary>Body</summary>
              <Yaml value={bodyObject(d.http.body)} />
            </details>
          )}
        </section>
      )}
      {d.etcd && (
        <section aria-label="etcd write">
          <h4>etcd write</h4>
          <p>
            <code>{d.etcd.op}</code> <code>{d.etcd.key}</code> at revision <strong>{d.etcd.revision}</strong>
          </p>
          {d.etcd.before && d.etcd.after ? (
            <table className="diff">
              <caption className="sr-only">Fields changed by this write</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {objectDiff(d.etcd.before, d.etcd.after).map((c) => (
                  <tr key={c.path}>
                    <th scope="row">{c.path}</th>
                    <td>{shortValue(c.before)}</td>
                    <td>{shortValue(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <details open>
              <summary>{d.etcd.after ? 'Stored object' : 'Deleted object'}</summary>
              <Yaml value={d.etcd.after ?? d.etcd.before} />
            </details>
          )}
        </section>
      )}
      {d.watch && (
        <section aria-label="Watch event">
          <h4>Watch event: {d.watch.type}</h4>
          <details>
            <summary>Object</summary>
            <Yaml value={d.watch.object} />
          </details>
        </section>
      )}
      {d.scheduling && (
        <section aria-label="Scheduling decision">
          <h4>Scheduling decision</h4>
          <SchedulingTable decision={d.scheduling} />
        </section>
      )}
      {d.packet && (
        <section aria-label="Packet">
          <h4>Packet</h4>
          <dl className="facts">
            {d.packet.src && (
              <>
                <dt>Source</dt>
                <dd>
                  <code>{d.packet.src}</code>
                </dd>
              </>
            )}
            {d.packet.dst && (
              <>
                <dt>Destination</dt>
                <dd>
                  <code>{d.packet.dst}</code>
                </dd>
              </>
            )}
            {d.packet.url && (
              <>
                <dt>URL</dt>
                <dd>
                  <code>{d.packet.url}</code>
                </dd>
              </>
            )}
            {d.packet.dns && (
              <>
                <dt>DNS</dt>
                <dd>
                  <code>A {d.packet.dns.query}?</code>
                  {d.packet.dns.answer && (
                    <>
                      {' '}→ <code>{d.packet.dns.answer}</code>
                    </>
                  )}
                </dd>
              </>
            )}
            {d.packet.status !== undefined && (
              <>
                <dt>HTTP status</dt>
                <dd>{d.packet.status}</dd>
              </>
            )}
          </dl>
          {d.packet.rules && d.packet.rules.length > 0 && (
            <>
              <h4>Rules the packet matched</h4>
              <pre className="code">{d.packet.rules.join('\n')}</pre>
            </>
          )}
        </section>
      )}
      {d.rules && (
        <section aria-label="kube-proxy rules">
          <h4>kube-proxy sync ({d.rules.mode})</h4>
          {d.rules.added.length > 0 && (
            <>
              <p className="muted small-text">Added</p>
              <pre className="code">{d.rules.added.join('\n')}</pre>
            </>
          )}
          {d.rules.removed.length > 0 && (
            <>
              <p className="muted small-text">Removed</p>
              <pre className="code">{d.rules.removed.join('\n')}</pre>
            </>
          )}
        </section>
      )}
      {d.cri && (
        <section aria-label="Container runtime call">
          <h4>CRI: {d.cri.call}</h4>
          <dl className="facts">
            {d.cri.container && (
              <>
                <dt>Container</dt>
                <dd>{d.cri.container}</dd>
              </>
            )}
            {d.cri.image && (
              <>
                <dt>Image</dt>
                <dd>{d.cri.image}</dd>
              </>
            )}
            {d.cri.signal && (
              <>
                <dt>Signal</dt>
                <dd>{d.cri.signal}</dd>
              </>
            )}
            {d.cri.exitCode !== undefined && (
              <>
                <dt>Exit code</dt>
                <dd>{d.cri.exitCode}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </div>
  )
}
