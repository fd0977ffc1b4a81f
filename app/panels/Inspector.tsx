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
import { Faults } from './inspector/Faults'
import { Access } from './inspector/Access'
import { useT } from '../i18n'

const TABS: InspectorTab[] = ['hop', 'objects', 'etcd', 'scheduler', 'nodes', 'services', 'proxy', 'access', 'faults']

export function Inspector() {
  const tab = useStore((s) => s.inspectorTab)
  const hop = useStore((s) => currentHop(s))
  const tr = useT()
  return (
    <section className="panel inspector" role="region" aria-label={tr('inspector.region')}>
      <div className="panel-toolbar">
        <div role="tablist" aria-label={tr('inspector.tabs')} className="tabs">
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`inspector-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="inspector-panel"
              className={`tab${tab === id ? ' tab-active' : ''}`}
              onClick={() => setInspectorTab(id)}
            >
              {tr(`inspector.tab.${id}`)}
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
        {tab === 'access' && <Access />}
        {tab === 'faults' && <Faults />}
      </div>
    </section>
  )
}
