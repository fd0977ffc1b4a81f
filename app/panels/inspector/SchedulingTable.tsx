/** A scheduler decision: per node, the filter verdict and reason, and each plugin's score. */
import type { SchedulingDecision } from '../../../src/engine'
import { useT } from '../../i18n'

export function SchedulingTable({ decision }: { decision: SchedulingDecision }) {
  const t = useT()
  const plugins = [...new Set(decision.verdicts.flatMap((v) => v.scores?.map((s) => s.plugin) ?? []))]
  return (
    <div className="scheduling">
      <p>
        {t('scheduler.pod')} <strong>{decision.pod}</strong>:{' '}
        {decision.node ? (
          <>
            {t('scheduler.boundTo')} <strong>{decision.node}</strong>
          </>
        ) : (
          <strong>{t('scheduler.unschedulable')}</strong>
        )}{' '}
        {t('scheduler.evaluated', { evaluated: decision.nodesEvaluated, total: decision.nodesTotal })}
      </p>
      {decision.message && <p className="warning-text">{decision.message}</p>}
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{t('scheduler.caption', { pod: decision.pod })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scheduler.node')}</th>
              <th scope="col">{t('scheduler.filter')}</th>
              {plugins.map((p) => (
                <th scope="col" key={p} title={t('scheduler.scoreTitle')}>
                  {p}
                </th>
              ))}
              <th scope="col">{t('scheduler.total')}</th>
            </tr>
          </thead>
          <tbody>
            {decision.verdicts.map((v) => (
              <tr key={v.node} className={v.node === decision.node ? 'chosen' : v.feasible ? '' : 'rejected'}>
                <th scope="row">{v.node}</th>
                <td>{v.feasible ? t('scheduler.passed') : `${v.filter?.plugin}: ${v.filter?.reason}`}</td>
                {plugins.map((p) => {
                  const s = v.scores?.find((x) => x.plugin === p)
                  return <td key={p}>{s ? `${s.raw} → ${s.normalized} ×${s.weight}` : '–'}</td>
                })}
                <td>{v.total ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
