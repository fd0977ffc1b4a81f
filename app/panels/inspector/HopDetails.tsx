/** The current hop in full: HTTP method, path and status; etcd key, revision and diff; watch event; scheduler table; CRI call. */
import type { Hop } from '../../../src/engine'
import { jumpTo, toggleChain } from '../../state/actions'
import { formatVirtualTime, hopById } from '../../state/playback'
import { hopFailed, stoppedComponents } from '../../state/faults'
import { useStore } from '../../state/store'
import { objectDiff, shortValue } from '../diff'
import { bodyObject, componentName, explainHop, statusLine } from '../explain'
import { SchedulingTable } from './SchedulingTable'
import { useYaml } from './useYaml'
import { useT } from '../../i18n'

function Yaml({ value }: { value: unknown }) {
  const text = useYaml(value)
  return <pre className="code">{text}</pre>
}

export function HopDetails({ hop }: { hop: Hop | undefined }) {
  const chainOf = useStore((s) => s.chainOf)
  const lang = useStore((s) => s.lang)
  // A request nobody answered, or a 5xx answer (state/faults.ts), is said in words too.
  const failed = useStore((s) => !!hop && hopFailed(hop, stoppedComponents(s.scenario?.steps ?? []), hopById(s.hops, hop.id + 1)))
  const t = useT()
  if (!hop) return <p className="muted">{t('hop.none')}</p>
  const d = hop.detail ?? {}
  return (
    <div className="hop-details">
      <h3>{t('hop.heading', { id: hop.id, kind: hop.kind })}</h3>
      <p>{explainHop(hop, lang)}</p>
      {failed && (
        <p className="hop-failed">
          <span className="pill pill-bad">{t('diagram.hopFailed')}</span>{' '}
          {hop.kind === 'response' ? t('hop.failed.response') : hop.to === 'apiserver' || hop.to === 'etcd' ? t(`hop.failed.${hop.to}`) : t('hop.failed.other', { name: componentName(hop.to, lang) })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('hop.from')}</dt>
        <dd>{componentName(hop.from, lang)}</dd>
        <dt>{t('hop.to')}</dt>
        <dd>{componentName(hop.to, lang)}</dd>
        <dt>{t('hop.time')}</dt>
        <dd>{formatVirtualTime(hop.t)}</dd>
        <dt>{t('hop.summary')}</dt>
        <dd>
          <code>{hop.summary}</code>
        </dd>
        {hop.cause !== undefined && (
          <>
            <dt>{t('hop.cause')}</dt>
            <dd>
              <button type="button" className="link" onClick={() => jumpTo(hop.cause!)}>
                {t('hop.causeLink', { id: hop.cause })}
              </button>
            </dd>
          </>
        )}
      </dl>
      <button type="button" className="small" aria-pressed={chainOf === hop.id} onClick={() => toggleChain(hop.id)}>
        {t('hop.chain')}
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
              <summary>{t('hop.body')}</summary>
              <Yaml value={bodyObject(d.http.body)} />
            </details>
          )}
        </section>
      )}
      {d.pipeline && d.pipeline.length > 0 && (
        <section aria-label={t('hop.pipeline')}>
          <h4>{t('hop.pipeline')}</h4>
          <p className="muted small-text">{t('hop.pipelineIntro')}</p>
          <ol className="pipeline">
            {d.pipeline.map((stage, i) => (
              <li key={i}>
                <code>{stage}</code>
              </li>
            ))}
          </ol>
        </section>
      )}
      {d.etcd && (
        <section aria-label={t('hop.etcdWrite')}>
          <h4>{t('hop.etcdWrite')}</h4>
          <p>
            <code>{d.etcd.op}</code> <code>{d.etcd.key}</code> {t('hop.atRevision')} <strong>{d.etcd.revision}</strong>
          </p>
          {d.etcd.before && d.etcd.after ? (
            <table className="diff">
              <caption className="sr-only">{t('hop.diffCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hop.field')}</th>
                  <th scope="col">{t('hop.before')}</th>
                  <th scope="col">{t('hop.after')}</th>
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
              <summary>{d.etcd.after ? t('hop.stored') : t('hop.deleted')}</summary>
              <Yaml value={d.etcd.after ?? d.etcd.before} />
            </details>
          )}
        </section>
      )}
      {d.watch && (
        <section aria-label={t('hop.watchEvent')}>
          <h4>{t('hop.watchHeading', { type: d.watch.type })}</h4>
          <details>
            <summary>{t('hop.object')}</summary>
            <Yaml value={d.watch.object} />
          </details>
        </section>
      )}
      {d.scheduling && (
        <section aria-label={t('hop.scheduling')}>
          <h4>{t('hop.scheduling')}</h4>
          <SchedulingTable decision={d.scheduling} />
        </section>
      )}
      {d.packet && (
        <section aria-label={t('hop.packet')}>
          <h4>{t('hop.packet')}</h4>
          <dl className="facts">
            {d.packet.src && (
              <>
                <dt>{t('hop.source')}</dt>
                <dd>
                  <code>{d.packet.src}</code>
                </dd>
              </>
            )}
            {d.packet.dst && (
              <>
                <dt>{t('hop.destination')}</dt>
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
                <dt>{t('hop.httpStatus')}</dt>
                <dd>{d.packet.status}</dd>
              </>
            )}
          </dl>
          {d.packet.rules && d.packet.rules.length > 0 && (
            <>
              <h4>{t('hop.rulesMatched')}</h4>
              <pre className="code">{d.packet.rules.join('\n')}</pre>
            </>
          )}
        </section>
      )}
      {d.rules && (
        <section aria-label={t('hop.proxyRules')}>
          <h4>{t('hop.proxySync', { mode: d.rules.mode })}</h4>
          {d.rules.added.length > 0 && (
            <>
              <p className="muted small-text">{t('hop.added')}</p>
              <pre className="code">{d.rules.added.join('\n')}</pre>
            </>
          )}
          {d.rules.removed.length > 0 && (
            <>
              <p className="muted small-text">{t('hop.removed')}</p>
              <pre className="code">{d.rules.removed.join('\n')}</pre>
            </>
          )}
        </section>
      )}
      {d.cri && (
        <section aria-label={t('hop.cri')}>
          <h4>CRI: {d.cri.call}</h4>
          <dl className="facts">
            {d.cri.container && (
              <>
                <dt>{t('hop.container')}</dt>
                <dd>{d.cri.container}</dd>
              </>
            )}
            {d.cri.image && (
              <>
                <dt>{t('hop.image')}</dt>
                <dd>{d.cri.image}</dd>
              </>
            )}
            {d.cri.signal && (
              <>
                <dt>{t('hop.signal')}</dt>
                <dd>{d.cri.signal}</dd>
              </>
            )}
            {d.cri.exitCode !== undefined && (
              <>
                <dt>{t('hop.exitCode')}</dt>
                <dd>{d.cri.exitCode}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </div>
  )
}
