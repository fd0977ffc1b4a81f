/**
 * Node details and the cluster's shape: stop a node (to watch self-healing), start it again,
 * remove it, or add one with its capacity, labels and taints.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { CloudRoute, NodeSpec } from '../../../src/engine'
import { addNode, loadCloudRoutes, nodeAction } from '../../state/actions'
import { byNaturalName } from '../../diagram/mapping'
import { useStore } from '../../state/store'
import { useView } from '../../state/view'
import { useT } from '../../i18n'

interface NodeObject {
  metadata?: { name?: string; labels?: Record<string, string> }
  spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean }
  status?: { conditions?: { type: string; status: string; reason?: string }[]; capacity?: Record<string, string>; addresses?: { type: string; address: string }[] }
}

/** `a=b,c=d` → { a: 'b', c: 'd' }. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v = ''] = part.split('=')
    out[k.trim()] = v.trim()
  }
  return Object.keys(out).length ? out : undefined
}

/** `dedicated=gpu:NoSchedule` → [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]. */
export function parseTaints(text: string): NodeSpec['taints'] {
  const taints = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((t) => {
      const [kv, effect = 'NoSchedule'] = t.split(':')
      const [key, value] = kv.split('=')
      return { key: key.trim(), ...(value ? { value: value.trim() } : {}), effect: effect.trim() }
    })
  return taints.length ? taints : undefined
}

export function Nodes() {
  const view = useView()
  const components = useStore((s) => s.components)
  const tr = useT()
  const nodes = useMemo(
    () =>
      [...view.values()]
        .filter((kv) => kv.key.startsWith('/registry/minions/'))
        .map((kv) => kv.value as NodeObject)
        .sort((a, b) => byNaturalName(a.metadata?.name ?? '', b.metadata?.name ?? '')),
    [view],
  )
  const names = new Set(components.filter((c) => c.startsWith('kubelet/')).map((c) => c.slice(8)))
  const [form, setForm] = useState({ name: '', cpu: '2', memory: '4Gi', labels: '', taints: '' })
  const suggested = `node-${Math.max(0, ...[...names].map((n) => Number(n.replace(/\D/g, '')) || 0)) + 1}`

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const spec: NodeSpec = { name: form.name.trim() || suggested, cpu: form.cpu, memory: form.memory }
    const labels = parseLabels(form.labels)
    const taints = parseTaints(form.taints)
    if (labels) spec.labels = labels
    if (taints) spec.taints = taints
    void addNode(spec)
    setForm({ ...form, name: '' })
  }

  return (
    <div className="nodes">
      <ul className="node-list">
        {nodes.map((n) => {
          const name = n.metadata?.name ?? '?'
          const ready = n.status?.conditions?.find((c) => c.type === 'Ready')
          return (
            <li key={name}>
              <div className="node-row">
                <strong>{name}</strong>
                <span className={`pill ${ready?.status === 'True' ? 'pill-ok' : 'pill-bad'}`}>{ready?.status === 'True' ? 'Ready' : 'NotReady'}</span>
                <span className="muted small-text">
                  {n.status?.capacity?.cpu} CPU · {n.status?.capacity?.memory} · {n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address}
                </span>
              </div>
              <div className="muted small-text">
                {tr('nodes.labels')}: {Object.entries(n.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || tr('nodes.none')}
                {n.spec?.taints?.length ? ` · ${tr('nodes.taints')}: ${n.spec.taints.map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`).join(', ')}` : ''}
              </div>
              <div className="row-actions">
                <button type="button" className="small" onClick={() => void nodeAction({ op: 'stop', name })}>
                  {tr('nodes.stop', { name })}
                </button>
                <button type="button" className="small" onClick={() => void nodeAction({ op: 'start', name })}>
                  {tr('nodes.start', { name })}
                </button>
                <button type="button" className="small danger" onClick={() => void nodeAction({ op: 'remove', name })}>
                  {tr('nodes.remove', { name })}
                </button>
              </div>
            </li>
          )
        })}
      </ul>
      <CloudRoutes />
      <form className="add-node" onSubmit={submit} aria-label={tr('nodes.add')}>
        <h4>{tr('nodes.add')}</h4>
        <label className="field">
          {tr('nodes.name')} <input value={form.name} placeholder={suggested} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          {tr('nodes.cpu')} <input value={form.cpu} onChange={(e) => setForm({ ...form, cpu: e.target.value })} />
        </label>
        <label className="field">
          {tr('nodes.memory')} <input value={form.memory} onChange={(e) => setForm({ ...form, memory: e.target.value })} />
        </label>
        <label className="field">
          {tr('nodes.labelsField')} <input value={form.labels} placeholder="disk=ssd,zone=a" onChange={(e) => setForm({ ...form, labels: e.target.value })} />
        </label>
        <label className="field">
          {tr('nodes.taintsField')} <input value={form.taints} placeholder="dedicated=gpu:NoSchedule" onChange={(e) => setForm({ ...form, taints: e.target.value })} />
        </label>
        <button type="submit" className="small">
          {tr('nodes.submit')}
        </button>
      </form>
    </div>
  )
}

/**
 * The cloud's route table, as the cloud-controller-manager's route controller keeps it: each
 * node's pod range (spec.podCIDR) → the node. The engine's now (the end of the log), like kube-proxy's rules.
 */
function CloudRoutes() {
  const now = useStore((s) => s.now)
  const [routes, setRoutes] = useState<CloudRoute[] | null>(null)
  const tr = useT()
  useEffect(() => {
    let live = true
    void loadCloudRoutes().then((r) => {
      if (live && r) setRoutes(r)
    })
    return () => {
      live = false
    }
  }, [now])
  return (
    <section className="cloud-routes" aria-labelledby="cloud-routes-title">
      <h4 id="cloud-routes-title">{tr('routes.title')}</h4>
      <p className="muted small-text">{tr('routes.intro')}</p>
      {routes && !routes.length && <p className="muted small-text">{tr('routes.none')}</p>}
      {routes && routes.length > 0 && (
        <table aria-label={tr('routes.table')}>
          <thead>
            <tr>
              <th scope="col">{tr('routes.destination')}</th>
              <th scope="col">{tr('routes.node')}</th>
              <th scope="col">{tr('routes.nextHop')}</th>
            </tr>
          </thead>
          <tbody>
            {[...routes].sort((a, b) => byNaturalName(a.targetNode, b.targetNode)).map((r) => (
              <tr key={r.name} title={r.name}>
                <th scope="row">
                  <code>{r.destinationCIDR}</code>
                </th>
                <td>{r.targetNode}</td>
                <td>
                  <code>{r.targetAddress}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
