/**
 * Services at the cursor, as `kubectl get svc` shows them, with their ready endpoints; a
 * LoadBalancer or NodePort Service can be called from outside the cluster (the worker's
 * `request`, recorded in the scenario like any user action).
 */
import { useMemo } from 'react'
import { selectObject, sendOutsideRequest } from '../../state/actions'
import { byNaturalName, serviceRows, type ServiceRow } from '../../diagram/mapping'
import { useView } from '../../state/view'
import type { Keyspace } from '../../state/keyspace'
import { Trans } from 'react-i18next'
import { useT } from '../../i18n'

interface NodeObject {
  metadata?: { name?: string }
  status?: { addresses?: { type: string; address: string }[] }
}

/**
 * The URL an outside client uses: the load balancer's address, else the first node's address and
 * the node port; undefined for a Service only reachable inside the cluster.
 */
export function outsideUrl(row: ServiceRow, view: Keyspace): string | undefined {
  if (row.type === 'LoadBalancer' && row.externalIP !== '<pending>' && row.externalIP !== '<none>') {
    const ip = row.externalIP.split(',')[0]
    return `http://${ip}${row.port && row.port !== 80 ? `:${row.port}` : ''}/`
  }
  if ((row.type === 'NodePort' || row.type === 'LoadBalancer') && row.nodePort) {
    const nodes = [...view.values()]
      .filter((kv) => kv.key.startsWith('/registry/minions/'))
      .map((kv) => kv.value as NodeObject)
      .sort((a, b) => byNaturalName(a.metadata?.name ?? '', b.metadata?.name ?? ''))
    const ip = nodes[0]?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
    if (ip) return `http://${ip}:${row.nodePort}/`
  }
  return undefined
}

export function Services() {
  const view = useView()
  const rows = useMemo(() => serviceRows(view), [view])
  const t = useT()
  if (!rows.length)
    return (
      <p className="muted">
        <Trans i18nKey="services.none" components={{ code: <code /> }} />
      </p>
    )
  return (
    <div className="services">
      <div className="table-scroll">
        <table aria-label={t('services.table')}>
          <thead>
            <tr>
              <th scope="col">{t('services.name')}</th>
              <th scope="col">{t('services.type')}</th>
              <th scope="col">{t('services.clusterIp')}</th>
              <th scope="col">{t('services.externalIp')}</th>
              <th scope="col">{t('services.ready')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const key = `/registry/services/specs/${r.namespace}/${r.name}`
              return (
                <tr key={key}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => selectObject(key)}>
                      {r.name}
                    </button>
                  </th>
                  <td title={r.ports}>{r.type}</td>
                  <td>
                    <code>{r.clusterIP}</code>
                  </td>
                  <td>
                    <code>{r.externalIP}</code>
                  </td>
                  <td>
                    {r.ready}
                    {r.notReady ? t('services.notReady', { count: r.notReady }) : ''}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <h4>{t('services.outside')}</h4>
      <p className="muted small-text">
        <Trans i18nKey="services.outsideHelp" components={{ code: <code /> }} />
      </p>
      <ul className="plain-list">
        {rows.map((r) => {
          if (r.type !== 'LoadBalancer' && r.type !== 'NodePort') return null
          const url = outsideUrl(r, view)
          return (
            <li key={`${r.namespace}/${r.name}`} className="row-actions">
              <button type="button" className="small" disabled={!url} onClick={() => url && void sendOutsideRequest(url)}>
                {t('services.send', { name: r.name })}
              </button>
              <code className="small-text">{url ?? t('services.waiting')}</code>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
