/** A scheduler decision: per node, the filter verdict and reason, and each plugin's score. */
import type { SchedulingDecision } from '../../../src/engine'

export function SchedulingTable({ decision }: { decision: SchedulingDecision }) {
  const plugins = [...new Set(decision.verdicts.flatMap((v) => v.scores?.map((s) => s.plugin) ?? []))]
  return (
    <div className="scheduling">
      <p>
        Pod <strong>{decision.pod}</strong>:{' '}
        {decision.node ? (
          <>
            bound to <strong>{decision.node}</strong>
          </>
        ) : (
          <strong>unschedulable</strong>
        )}{' '}
        ({decision.nodesEvaluated} of {decision.nodesTotal} nodes evaluated)
      </p>
      {decision.message && <p className="warning-text">{decision.message}</p>}
      <div className="table-scroll">
        <table>
          <caption className="sr-only">Scheduling decision for {decision.pod}</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Filter</th>
              {plugins.map((p) => (
                <th scope="col" key={p} title="raw → normalised × weight">
                  {p}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {decision.verdicts.map((v) => (
              <tr key={v.node} className={v.node === decision.node ? 'chosen' : v.feasible ? '' : 'rejected'}>
                <th scope="row">{v.node}</th>
                <td>{v.feasible ? 'passed' : `${v.filter?.plugin}: ${v.filter?.reason}`}</td>
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
