/** The inspector: the current hop's details, objects, the etcd keyspace, scheduler decisions, nodes. */
import { setInspectorTab, currentHop } from '../state/actions'
import { useStore, type InspectorTab } from '../state/store'
import { HopDetails } from './inspector/HopDetails'
import { Objects } from './inspector/Objects'
import { Etcd } from './inspector/Etcd'
import { Scheduler } from './inspector/Scheduler'
import { Nodes } from './inspector/Nodes'
import { Services } from './inspector/Services'
import { KubeProxy } from './inspector/KubeProxy'

const TABS: { id: InspectorTab; label: string }[] = [
  { id: 'hop', label: 'Hop' },
  { id: 'objects', label: 'Objects' },
  { id: 'etcd', label: 'etcd' },
  { id: 'scheduler', label: 'Scheduler' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'services', label: 'Services' },
  { id: 'proxy', label: 'kube-proxy' },
]

export function Inspector() {
  const tab = useStore((s) => s.inspectorTab)
  const hop = useStore((s) => currentHop(s))
  return (
    <section className="panel inspector" role="region" aria-label="Inspector">
      <div className="panel-toolbar">
        <div role="tablist" aria-label="Inspector views" className="tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`inspector-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="inspector-panel"
              className={`tab${tab === t.id ? ' tab-active' : ''}`}
              onClick={() => setInspectorTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <div className="inspector-body" role="tabpanel" id="inspector-panel" aria-labelledby={`inspector-tab-${tab}`}>
        {tab === 'hop' && <HopDetails hop={hop} />}
        {tab === 'objects' && <Objects />}
        {tab === 'etcd' && <Etcd />}
        {tab === 'scheduler' && <Scheduler />}
        {tab === 'nodes' && <Nodes />}
        {tab === 'services' && <Services />}
        {tab === 'proxy' && <KubeProxy />}
      </div>
    </section>
  )
}
