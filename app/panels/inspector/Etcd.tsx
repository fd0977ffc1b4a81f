/** The etcd keyspace at the cursor: keys with create/mod revisions and versions; pick one for its value. */
import { useMemo } from 'react'
import type { Hop } from '../../../src/engine'
import { jumpTo, selectEtcdKey } from '../../state/actions'
import { componentName } from '../explain'
import { revisionAt } from '../../state/keyspace'
import { useStore } from '../../state/store'
import { useView } from '../../state/view'
import { useYaml } from './useYaml'
import { useT } from '../../i18n'

export function Etcd() {
  const view = useView()
  const hops = useStore((s) => s.hops)
  const cursor = useStore((s) => s.cursor)
  const selectedKey = useStore((s) => s.selectedEtcdKey)
  const lang = useStore((s) => s.lang)
  const t = useT()
  const rows = useMemo(() => [...view.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), [view])
  const selected = selectedKey ? view.get(selectedKey) : undefined
  const yaml = useYaml(selected?.value)
  const history = useMemo(() => (selectedKey ? keyHistory(hops, cursor, selectedKey) : []), [hops, cursor, selectedKey])
  return (
    <div className="etcd">
      <p className="muted small-text">
        {t('etcd.summary', { count: rows.length, revision: revisionAt(view, hops, cursor) })}
      </p>
      <div className="table-scroll etcd-table">
        <table>
          <caption className="sr-only">{t('etcd.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('etcd.key')}</th>
              <th scope="col">{t('etcd.createRev')}</th>
              <th scope="col">{t('etcd.modRev')}</th>
              <th scope="col">{t('etcd.version')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((kv) => (
              <tr key={kv.key} className={kv.key === selectedKey ? 'chosen' : ''}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => selectEtcdKey(kv.key === selectedKey ? null : kv.key)}>
                    {kv.key}
                  </button>
                </th>
                <td>{kv.createRevision}</td>
                <td>{kv.modRevision}</td>
                <td>{kv.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && (
        <>
          <h4>{selected.key}</h4>
          <pre className="code">{yaml}</pre>
          <h4>{t('etcd.history')}</h4>
          <ol className="key-history">
            {history.map((h) => (
              <li key={h.id}>
                <button type="button" className="link" onClick={() => jumpTo(h.id)}>
                  #{h.id}
                </button>{' '}
                {h.detail?.etcd ? t('etcd.writeAt', { op: h.detail.etcd.op, revision: h.detail.etcd.revision }) : `watch ${h.detail?.watch?.type} → ${componentName(h.to, lang)}`}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
}

/** The hops up to the cursor that wrote `key`, and the watch events that carried its object. */
export function keyHistory(hops: readonly Hop[], cursor: number, key: string): Hop[] {
  const [name, namespace] = key.split('/').reverse()
  return hops.filter((h) => {
    if (h.id > cursor) return false
    if (h.detail?.etcd?.key === key) return h.to === 'etcd'
    const meta = (h.detail?.watch?.object as { metadata?: { name?: string; namespace?: string } } | undefined)?.metadata
    if (!meta || meta.name !== name) return false
    const resource = key.split('/')[2]
    const kind = ((h.detail?.watch?.object as { kind?: string }).kind ?? '').toLowerCase()
    return (meta.namespace === undefined || meta.namespace === namespace) && (resource === 'minions' ? kind === 'node' : resource.startsWith(kind))
  })
}
