/**
 * Faults a teacher injects: stop and start a control-plane component (kube-apiserver, etcd,
 * kube-scheduler, kube-controller-manager, cloud-controller-manager), a worker machine (its
 * kubelet and kube-proxy), or only a node's kubelet process (its containers keep running).
 * Each is a scenario step, so share links and reloads reproduce it; the diagram draws what is
 * stopped. The state shown is the engine's now, at the end of the log, like the diagram's.
 */
import { useMemo } from 'react'
import { componentAction, nodeAction } from '../../state/actions'
import { byNaturalName, stoppedNodes } from '../../diagram/mapping'
import { FAULT_COMPONENTS, FAULT_TITLES, stoppedComponents } from '../../state/faults'
import { useStore } from '../../state/store'
import { useT } from '../../i18n'

export function Faults() {
  const scenario = useStore((s) => s.scenario)
  const nodes = useStore((s) => s.components.filter((c) => c.startsWith('kubelet/')).map((c) => c.slice('kubelet/'.length)).sort(byNaturalName).join(','))
  const t = useT()
  const stopped = useMemo(() => stoppedComponents(scenario?.steps ?? []), [scenario])
  const stoppedMachines = useMemo(() => stoppedNodes(scenario?.steps ?? []), [scenario])

  return (
    <div className="faults">
      <p className="muted small-text">{t('faults.intro')}</p>
      <h4>{t('faults.controlPlane')}</h4>
      <ul className="fault-list">
        {FAULT_COMPONENTS.map((id) => {
          const name = FAULT_TITLES[id]
          const down = stopped.has(id)
          return (
            <li key={id} className={`fault-row${down ? ' fault-down' : ''}`}>
              <div className="fault-head">
                <strong>{name}</strong>
                <span className={`pill ${down ? 'pill-bad' : 'pill-ok'}`}>{down ? t('faults.stopped') : t('faults.running')}</span>
                <button type="button" className={`small${down ? ' primary' : ' danger'}`} onClick={() => void componentAction(id, down ? 'start' : 'stop')}>
                  {t(down ? 'faults.start' : 'faults.stop', { name })}
                </button>
              </div>
              <p className="muted small-text">{t(down ? `faults.effect.${id}` : `faults.what.${id}`)}</p>
            </li>
          )
        })}
      </ul>
      <h4>{t('faults.workers')}</h4>
      <p className="muted small-text">{t('faults.workersIntro')}</p>
      <ul className="fault-list">
        {(nodes ? nodes.split(',') : []).map((name) => {
          const down = stoppedMachines.has(name)
          const kubelet = `kubelet/${name}` as const
          const kubeletDown = stopped.has(kubelet)
          return (
            <li key={name} className={`fault-row${down || kubeletDown ? ' fault-down' : ''}`}>
              <div className="fault-head">
                <strong>{t('faults.kubeletOnly.machine', { node: name })}</strong>
                <span className={`pill ${down ? 'pill-bad' : 'pill-ok'}`}>{down ? t('faults.stopped') : t('faults.running')}</span>
                <button type="button" className={`small${down ? ' primary' : ' danger'}`} onClick={() => void nodeAction({ op: down ? 'start' : 'stop', name })}>
                  {t(down ? 'nodes.start' : 'nodes.stop', { name })}
                </button>
              </div>
              {/* Only the kubelet process: the machine, the runtime and the containers keep running. */}
              <div className="fault-head">
                <span>{t('faults.kubeletOnly.title', { node: name })}</span>
                <span className={`pill ${kubeletDown ? 'pill-bad' : 'pill-ok'}`}>{kubeletDown ? t('faults.stopped') : t('faults.running')}</span>
                <button type="button" className={`small${kubeletDown ? ' primary' : ' danger'}`} disabled={down} onClick={() => void componentAction(kubelet, kubeletDown ? 'start' : 'stop')}>
                  {t(kubeletDown ? 'faults.kubeletOnly.start' : 'faults.kubeletOnly.stop', { node: name })}
                </button>
              </div>
              <p className="muted small-text">{t(kubeletDown ? 'faults.kubeletOnly.effect' : 'faults.kubeletOnly.what')}</p>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
