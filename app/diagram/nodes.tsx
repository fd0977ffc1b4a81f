/**
 * The diagram's boxes: control-plane components, worker nodes (holding their kubelet, runtime,
 * kube-proxy and pods), pods, and the tray of pods not scheduled yet. Defined once at module
 * scope (`nodeTypes`), memoised, typed `Node<Data, 'kind'>`.
 */
import { memo } from 'react'
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react'
import { selectObject } from '../state/actions'
import type { ComponentNode, PodNode, ServicesNode, TrayNode, WorkerNode } from './mapping'
import { usePacketRole } from './packet'
import { useLessonHighlight } from './highlight'
import { usePick } from './pick'
import { useT } from '../i18n'

/** Invisible handles: edges are drawn border to border by HopEdge, but React Flow needs anchors. */
function Anchors() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className="anchor" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="anchor" />
    </>
  )
}

const ComponentBox = memo(function ComponentBox({ data }: NodeProps<ComponentNode>) {
  const role = usePacketRole(data.component)
  const lit = useLessonHighlight(data.component)
  const pick = usePick(data.component)
  const t = useT()
  const subtitle = data.subtitle ? t(data.subtitle, data.subtitleCount !== undefined ? { count: data.subtitleCount } : undefined) : undefined
  return (
    <div
      role="img"
      className={`component tier-${data.tier}${role ? ' ' + role : ''}${data.stopped ? ' stopped' : ''}${data.group ? ' group' : ''}${data.child ? ' child' : ''}${lit ? ' lesson-lit' : ''}${pick.className}`}
      aria-label={`${data.title}${subtitle ? ` (${subtitle})` : ''}${data.stopped ? t('diagram.stoppedSuffix') : ''}${lit ? t('diagram.litSuffix') : ''}${pick.suffix}`}
      data-component={data.component}
      title={data.component}
      {...pick.props}
    >
      <Anchors />
      <span className="component-title">{data.title}</span>
      {/* Stopped: a badge instead of the subtitle (the accessible name already says it). */}
      {data.stopped && !data.child ? (
        <span className="stopped-badge" aria-hidden="true">
          {t('diagram.stopped')}
        </span>
      ) : (
        subtitle && <span className="component-subtitle">{subtitle}</span>
      )}
    </div>
  )
})

const WorkerBox = memo(function WorkerBox({ data }: NodeProps<WorkerNode>) {
  const ready = data.status.startsWith('Ready')
  const pick = usePick(`node/${data.node}`)
  const t = useT()
  return (
    <div
      role="group"
      className={`worker${ready && !data.stopped ? '' : ' worker-down'}${pick.className}`}
      aria-label={`${t('diagram.nodeLabel', { node: data.node, status: data.status })}${data.stopped ? t('diagram.machineStopped') : ''}${pick.suffix}`}
      {...pick.props}
    >
      <div className="worker-header">
        <span className="worker-name">{data.node}</span>
        <span className={`pill ${ready ? 'pill-ok' : 'pill-bad'}`}>{data.status}</span>
        {data.stopped && <span className="pill pill-bad">{t('diagram.stopped')}</span>}
        <span className="worker-capacity">{data.capacity}</span>
      </div>
    </div>
  )
})

const PodChip = memo(function PodChip({ id, data }: NodeProps<PodNode>) {
  const touched = usePacketRole(id) !== undefined
  const t = useT()
  return (
    <button
      type="button"
      className={`pod tone-${data.tone}${touched ? ' receiving' : ''}`}
      aria-label={t('diagram.podLabel', { name: data.name, status: data.status })}
      title={`${data.namespace}/${data.name}: ${data.status}`}
      onClick={() => selectObject(data.key)}
    >
      <Anchors />
      <span className="pod-name">{shortName(data.name)}</span>
      <span className="pod-status">{data.status}</span>
    </button>
  )
})

const Tray = memo(function Tray({ data }: NodeProps<TrayNode>) {
  const t = useT()
  return (
    <div role="group" className="tray" aria-label={t('diagram.unscheduled', { count: data.count })}>
      <span className="tray-title">{t('diagram.notScheduled')}</span>
      {data.count === 0 && <span className="tray-empty">{t('diagram.none')}</span>}
      {data.hidden > 0 && <span className="tray-more">{t('diagram.more', { count: data.hidden })}</span>}
    </div>
  )
})

/**
 * The Services, as a compact table: name, type, CLUSTER-IP, EXTERNAL-IP (`<pending>` until the
 * cloud answers) and how many endpoints are ready. A list so screen readers read it row by row.
 */
const ServicesBox = memo(function ServicesBox({ data }: NodeProps<ServicesNode>) {
  const t = useT()
  return (
    <div role="group" className="services-box" aria-label={t('diagram.services')}>
      <Anchors />
      <div className="services-title">{t('diagram.services')}</div>
      <ul className="services-list">
        {data.services.map((s) => {
          const name = s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`
          const ext = s.externalIP === '<none>' ? '' : t('diagram.externalIp', { ip: s.externalIP })
          return (
            <li
              key={`${s.namespace}/${s.name}`}
              className="service-row"
              aria-label={t('diagram.serviceLabel', { name, type: s.type, ip: s.clusterIP, ext, count: s.ready })}
              title={`${s.namespace}/${s.name} · ${s.type} · ${s.ports}`}
            >
              <span className="service-name">{s.name}</span>
              <span className="service-type">{s.type === 'LoadBalancer' ? 'LB' : s.type}</span>
              <span className="service-ip">{s.clusterIP}</span>
              <span className={`service-ext${s.externalIP === '<pending>' ? ' pending' : ''}`}>{s.externalIP === '<none>' ? '' : s.externalIP}</span>
              <span className={`service-ready${s.ready === 0 ? ' none' : ''}`}>
                {t('diagram.ready', { n: s.notReady ? `${s.ready}/${s.ready + s.notReady}` : s.ready })}
              </span>
            </li>
          )
        })}
      </ul>
      {data.hidden > 0 && <span className="tray-more">{t('diagram.more', { count: data.hidden })}</span>}
    </div>
  )
})

/** `web-5c94f75b5d-4sj7c` → `web-5c9…-4sj7c`: the start and the random suffix tell pods apart. */
export function shortName(name: string, max = 14): string {
  if (name.length <= max) return name
  const tail = name.slice(-6)
  return `${name.slice(0, max - tail.length - 1)}…${tail}`
}

export const nodeTypes: NodeTypes = {
  component: ComponentBox,
  worker: WorkerBox,
  pod: PodChip,
  tray: Tray,
  services: ServicesBox,
}
