/**
 * Objects at the cursor: pick one to see its YAML (as stored in etcd at that hop), its events,
 * and `kubectl describe` (run in the worker on a throwaway copy, so it leaves no hop).
 */
import { useMemo, useState } from 'react'
import { query, selectObject } from '../../state/actions'
import { useStore } from '../../state/store'
import { useView } from '../../state/view'
import { useYaml } from './useYaml'
import { useT } from '../../i18n'

/** Keyspace prefix → the resource name kubectl takes. */
const TYPES: [string, string][] = [
  ['/registry/pods/', 'pod'],
  ['/registry/deployments/', 'deployment'],
  ['/registry/replicasets/', 'replicaset'],
  ['/registry/controllers/', 'replicationcontroller'],
  ['/registry/statefulsets/', 'statefulset'],
  ['/registry/daemonsets/', 'daemonset'],
  ['/registry/jobs/', 'job'],
  ['/registry/cronjobs/', 'cronjob'],
  ['/registry/services/specs/', 'service'],
  ['/registry/services/endpoints/', 'endpoints'],
  ['/registry/configmaps/', 'configmap'],
  ['/registry/secrets/', 'secret'],
  ['/registry/persistentvolumeclaims/', 'persistentvolumeclaim'],
  ['/registry/persistentvolumes/', 'persistentvolume'],
  ['/registry/minions/', 'node'],
  ['/registry/namespaces/', 'namespace'],
  // Namespaced access and limits (the Access tab links here); the cluster-wide RBAC objects are
  // dozens of system: ones, so they stay in the Access tab.
  ['/registry/resourcequotas/', 'resourcequota'],
  ['/registry/limitranges/', 'limitrange'],
  ['/registry/roles/', 'role'],
  ['/registry/rolebindings/', 'rolebinding'],
]

/** `/registry/pods/default/nginx` → { type: 'pod', namespace: 'default', name: 'nginx' }. */
export function objectRef(key: string): { type: string; namespace?: string; name: string } | undefined {
  for (const [prefix, type] of TYPES) {
    if (!key.startsWith(prefix)) continue
    const rest = key.slice(prefix.length).split('/')
    return rest.length === 2 ? { type, namespace: rest[0], name: rest[1] } : { type, name: rest[0] }
  }
  return undefined
}

interface EventObject {
  involvedObject?: { name?: string; kind?: string }
  type?: string
  reason?: string
  message?: string
  count?: number
}

export function Objects() {
  const view = useView()
  const selectedKey = useStore((s) => s.selectedKey)
  const t = useT()
  const [describe, setDescribe] = useState<{ key: string; text: string } | null>(null)
  const objects = useMemo(() => [...view.keys()].filter((k) => objectRef(k)).sort(), [view])
  const selected = selectedKey ? view.get(selectedKey) : undefined
  const ref = selectedKey ? objectRef(selectedKey) : undefined
  // As `kubectl get -o yaml` shows it: without metadata.managedFields (the etcd inspector keeps them).
  const shown = useMemo(() => withoutManagedFields(selected?.value), [selected?.value])
  const yaml = useYaml(shown)
  const events = useMemo(() => {
    if (!ref) return []
    return [...view.values()]
      .filter((kv) => kv.key.startsWith('/registry/events/'))
      .map((kv) => kv.value as EventObject)
      .filter((e) => e.involvedObject?.name === ref.name)
  }, [view, ref])

  const runDescribe = async () => {
    if (!ref || !selectedKey) return
    const r = await query(`describe ${ref.type} ${ref.name}${ref.namespace ? ` -n ${ref.namespace}` : ''}`)
    if (r) setDescribe({ key: selectedKey, text: (r.stdout + r.stderr).trimEnd() })
  }

  return (
    <div className="objects">
      <label className="field">
        {t('objects.object')}
        <select value={selectedKey ?? ''} onChange={(e) => selectObject(e.target.value || null)}>
          <option value="">{t('objects.choose')}</option>
          {objects.map((k) => {
            const r = objectRef(k)!
            return (
              <option key={k} value={k}>
                {r.type}/{r.name}
                {r.namespace && r.namespace !== 'default' ? ` (${r.namespace})` : ''}
              </option>
            )
          })}
        </select>
      </label>
      {selectedKey && !selected && <p className="muted">{t('objects.missing', { key: selectedKey })}</p>}
      {selected && ref && (
        <>
          <p className="muted small-text">
            {t('objects.meta', { key: selected.key, created: selected.createRevision, modified: selected.modRevision, version: selected.version })}
          </p>
          <h4>{t('objects.events')}</h4>
          {events.length === 0 ? (
            <p className="muted">{t('objects.noEvents')}</p>
          ) : (
            <ul className="events">
              {events.map((e, i) => (
                <li key={i}>
                  <strong>{e.reason}</strong> {e.message} {e.count && e.count > 1 ? `(×${e.count})` : ''}
                </li>
              ))}
            </ul>
          )}
          <h4>{t('objects.describe')}</h4>
          <button type="button" className="small" onClick={() => void runDescribe()}>
            kubectl describe {ref.type} {ref.name}
          </button>
          {describe?.key === selectedKey && <pre className="code">{describe.text}</pre>}
          <h4>{t('objects.yaml')}</h4>
          <pre className="code">{yaml}</pre>
        </>
      )}
    </div>
  )
}

/** The object without metadata.managedFields, which kubectl hides unless --show-managed-fields. */
function withoutManagedFields(o: unknown): unknown {
  const m = (o as { metadata?: Record<string, unknown> } | undefined)?.metadata
  if (!m || !('managedFields' in m)) return o
  const { managedFields: _, ...metadata } = m
  return { ...(o as object), metadata }
}
