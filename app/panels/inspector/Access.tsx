/**
 * Access and limits at the cursor: who may do what (RoleBindings and ClusterRoleBindings, the
 * rules of the role each grants, and the roles themselves) and how much a namespace may use
 * (ResourceQuota used against hard, LimitRange bounds and defaults). The cluster's own
 * `system:` bindings and roles are hidden unless asked for.
 */
import { useMemo, useState } from 'react'
import { Trans } from 'react-i18next'
import { selectObject } from '../../state/actions'
import { useView } from '../../state/view'
import { useT } from '../../i18n'
import { bindingRows, limitRows, quotaRows, roleRows, type RuleRow } from './access'

/** LimitRange columns, shown only when some limit sets them (a narrow inspector has no room for empty ones). */
const LIMIT_COLUMNS = ['min', 'max', 'defaultRequest', 'defaultLimit'] as const

/** How many rules a binding row lists before "and N more". */
const RULES_SHOWN = 3

function Rules({ rules, limit = Infinity }: { rules: RuleRow[]; limit?: number }) {
  const t = useT()
  if (!rules.length) return <span className="muted">{t('access.noRules')}</span>
  return (
    <ul className="plain-list rule-list">
      {rules.slice(0, limit).map((r, i) => (
        <li key={i}>
          <code>{r.verbs}</code> {t('access.on')} <code>{r.resources}</code>
          {r.names ? <span className="muted"> ({t('access.only', { names: r.names })})</span> : null}
        </li>
      ))}
      {rules.length > limit && <li className="muted">{t('access.moreRules', { count: rules.length - limit })}</li>}
    </ul>
  )
}

function where(namespace?: string) {
  return namespace ? `${namespace}/` : ''
}

export function Access() {
  const view = useView()
  const t = useT()
  const [showSystem, setShowSystem] = useState(false)
  const bindings = useMemo(() => bindingRows(view), [view])
  const roles = useMemo(() => roleRows(view), [view])
  const quotas = useMemo(() => quotaRows(view), [view])
  const limits = useMemo(() => limitRows(view), [view])
  const shownBindings = bindings.filter((b) => showSystem || !b.system)
  const shownRoles = roles.filter((r) => showSystem || !r.system)
  const hidden = bindings.length - shownBindings.length + roles.length - shownRoles.length

  return (
    <div className="access">
      <h4>{t('access.rbac')}</h4>
      <label className="checkbox small-text">
        <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} />
        {t('access.showSystem', { count: hidden })}
      </label>
      {/* Cards, not a table: the inspector is narrow, and each binding reads as a sentence. */}
      <ul className="plain-list binding-list" aria-label={t('access.bindings')}>
        {shownBindings.map((b) => (
          <li key={b.key} className="binding-card">
            <div className="binding-name">
              <span className="muted small-text">{b.kind}</span> <strong>{where(b.namespace)}{b.name}</strong>
            </div>
            <dl className="binding-facts">
              <dt>{t('access.subjects')}</dt>
              <dd>{b.subjects.join(', ') || '—'}</dd>
              <dt>{t('access.role')}</dt>
              <dd>{b.role}</dd>
              <dt>{t('access.may')}</dt>
              <dd>{b.rules ? <Rules rules={b.rules} limit={RULES_SHOWN} /> : <span className="muted">{t('access.missingRole')}</span>}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <details className="access-roles">
        <summary>{t('access.roles', { count: shownRoles.length })}</summary>
        <ul className="plain-list">
          {shownRoles.map((r) => (
            <li key={r.key}>
              <strong>
                {r.kind} {where(r.namespace)}
                {r.name}
              </strong>
              <Rules rules={r.rules} />
            </li>
          ))}
        </ul>
      </details>

      <h4>{t('access.quotas')}</h4>
      {!quotas.length && !limits.length && (
        <p className="muted small-text">
          <Trans i18nKey="access.noQuotas" components={{ code: <code /> }} />
        </p>
      )}
      {quotas.map((q) => (
        <div key={q.key} className="quota">
          <button type="button" className="link" onClick={() => selectObject(q.key)}>
            ResourceQuota {q.namespace}/{q.name}
          </button>
          <table aria-label={t('access.quotaTable', { name: `${q.namespace}/${q.name}` })}>
            <thead>
              <tr>
                <th scope="col">{t('access.resource')}</th>
                <th scope="col">{t('access.used')}</th>
                <th scope="col">{t('access.hard')}</th>
              </tr>
            </thead>
            <tbody>
              {q.items.map((i) => (
                <tr key={i.resource} className={i.ratio !== undefined && i.ratio >= 1 ? 'quota-full' : undefined}>
                  <th scope="row">
                    <code>{i.resource}</code>
                  </th>
                  <td>
                    {i.ratio !== undefined && <meter min={0} max={1} high={0.8} optimum={0} value={Math.min(1, i.ratio)} aria-hidden="true" />} {i.used}
                  </td>
                  <td>{i.hard}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {limits.map((l) => (
        <div key={l.key} className="quota">
          <button type="button" className="link" onClick={() => selectObject(l.key)}>
            LimitRange {l.namespace}/{l.name}
          </button>
          <table aria-label={t('access.limitTable', { name: `${l.namespace}/${l.name}` })}>
            <thead>
              <tr>
                <th scope="col">{t('access.resource')}</th>
                {LIMIT_COLUMNS.filter((c) => l.items.some((i) => i[c] !== '-')).map((c) => (
                  <th key={c} scope="col">
                    {t(`access.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {l.items.map((i) => (
                <tr key={`${i.type}/${i.resource}`}>
                  <th scope="row">
                    {i.type} <code>{i.resource}</code>
                  </th>
                  {LIMIT_COLUMNS.filter((c) => l.items.some((x) => x[c] !== '-')).map((c) => (
                    <td key={c}>{i[c]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  )
}
