/**
 * kube-proxy on each node: its rules as the node prints them (`iptables-save`, or `ipvsadm -Ln` in
 * IPVS mode), read from the worker, and the mode switch (a scenario step). The rules are the
 * engine's now, at the end of the log, not at the playback cursor.
 */
import { useEffect, useState } from 'react'
import type { ProxyMode } from '../../../src/engine'
import { loadProxyRules, setProxyMode } from '../../state/actions'
import { byNaturalName } from '../../diagram/mapping'
import { formatVirtualTime } from '../../state/playback'
import { useStore } from '../../state/store'
import { useT } from '../../i18n'

export function KubeProxy() {
  const nodes = useStore((s) => s.components.filter((c) => c.startsWith('kube-proxy/')).map((c) => c.slice('kube-proxy/'.length)).sort(byNaturalName).join(','))
  const names = nodes ? nodes.split(',') : []
  const now = useStore((s) => s.now)
  const t = useT()
  const [node, setNode] = useState<string>('')
  const [rules, setRules] = useState<{ node: string; mode: ProxyMode; text: string } | null>(null)
  const chosen = names.includes(node) ? node : (names[0] ?? '')

  // Reload whenever the engine moved on (a sync may have rewritten the rules).
  useEffect(() => {
    if (!chosen) return
    let live = true
    void loadProxyRules(chosen).then((r) => {
      if (live && r) setRules({ node: chosen, ...r })
    })
    return () => {
      live = false
    }
  }, [chosen, now])

  const mode = rules?.mode
  return (
    <div className="kube-proxy">
      <div className="row-actions">
        <label className="field inline">
          {t('proxy.node')}
          <select value={chosen} onChange={(e) => setNode(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label={t('proxy.mode')} className="segmented">
          {(['iptables', 'ipvs'] as const).map((m) => (
            <button key={m} type="button" className="small" aria-pressed={mode === m} onClick={() => mode !== m && void setProxyMode(m)}>
              {m === 'ipvs' ? 'IPVS' : 'iptables'}
            </button>
          ))}
        </div>
      </div>
      <p className="muted small-text">
        {t('proxy.where', { command: mode === 'ipvs' ? 'ipvsadm -Ln' : 'iptables-save', node: chosen || '…', time: formatVirtualTime(now) })}
      </p>
      <pre className="code proxy-rules" aria-label={t('proxy.rulesOn', { node: chosen })} tabIndex={0}>
        {rules?.node === chosen ? rules.text : t('proxy.loading')}
      </pre>
    </div>
  )
}
