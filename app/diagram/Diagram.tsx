/**
 * The architecture diagram (React Flow): the cluster at the playback cursor, and the current hop
 * travelling along its edge. Reading only: the renderer never changes the model.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { ReactFlow, ReactFlowProvider, useReactFlow, useStore as useFlowStore, type EdgeTypes } from '@xyflow/react'
import { currentHop, hopDuration, selectObject, setInspectorTab, toggleControllers } from '../state/actions'
import { useStore } from '../state/store'
import { useCursorTime, useView } from '../state/view'
import { explainHop, packetLabel } from '../panels/explain'
import { formatVirtualTime, hopById } from '../state/playback'
import { diagramComponent, edgeForHop, reuseUnchanged, routeHop, stoppedNodes, toFlow, type FlowEdge, type FlowNode } from './mapping'
import { nodeTypes } from './nodes'
import { lessonHighlights } from './highlight'
import { hopFailed, isFaultComponent, stoppedComponents } from '../state/faults'
import { useT } from '../i18n'
import { togglePresenter } from '../state/lesson'
import { HopEdge } from './HopEdge'
import { pickOnDiagram } from './pick'
import { PickPrompt } from './PickPrompt'
import { usePacketStore, type Packet } from './packet'

const edgeTypes: EdgeTypes = { hop: HopEdge }

/** The control plane drawn while the engine worker starts, so the architecture shows at once. */
const CONTROL_PLANE = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller-manager', 'cloud-controller-manager']

function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)'
  const [reduced, setReduced] = useState(() => typeof matchMedia !== 'undefined' && matchMedia(query).matches)
  useEffect(() => {
    const m = matchMedia(query)
    const on = () => setReduced(m.matches)
    m.addEventListener('change', on)
    return () => m.removeEventListener('change', on)
  }, [])
  return reduced
}

function Flow() {
  const view = useView()
  const booted = useStore((s) => s.components)
  const components = booted.length ? booted : CONTROL_PLANE
  const podStatus = useStore((s) => s.podStatus)
  const scenario = useStore((s) => s.scenario)
  const stopped = useMemo(() => stoppedNodes(scenario?.steps ?? []), [scenario])
  const stoppedParts = useMemo(() => stoppedComponents(scenario?.steps ?? []), [scenario])
  const expandControllers = useStore((s) => s.expandControllers)
  const hop = useStore((s) => currentHop(s))
  const speed = useStore((s) => s.speed)
  const reducedMotion = useReducedMotion()
  const lang = useStore((s) => s.lang)
  const { fitView } = useReactFlow()

  const previous = useRef<{ nodes: FlowNode[]; edges: FlowEdge[] }>({ nodes: [], edges: [] })
  const { nodes, edges } = useMemo(
    () =>
      reuseUnchanged(previous.current, toFlow({
        components,
        view,
        statusText: (kv) => podStatus.get(kv.modRevision) ?? (kv.value as { status?: { phase?: string } }).status?.phase ?? 'Unknown',
        expandControllers,
        stoppedNodes: stopped,
        stoppedComponents: stoppedParts,
      })),
    [components, view, podStatus, expandControllers, stopped, stoppedParts],
  )
  previous.current = { nodes, edges }
  const nodeIds = useMemo(() => new Set(nodes.map((n) => n.id)), [nodes])

  // Service traffic travels on a temporary edge (pod → CoreDNS, pod → kube-proxy → pod on another node…).
  const route = useMemo(() => (hop ? routeHop(hop, edges, nodeIds) : undefined), [hop, edges, nodeIds])
  const extra = route?.extra
  const shownEdges = useMemo(() => (extra ? [...edges, extra] : edges), [edges, extra])

  const packet: Packet | null = useMemo(() => {
    if (!hop) return null
    const edge = route
    return {
      hopId: hop.id,
      edgeId: edge?.id ?? '',
      reverse: edge?.reverse ?? false,
      label: packetLabel(hop, lang),
      from: diagramComponent(hop.from, nodeIds),
      to: diagramComponent(hop.to, nodeIds),
      durationMs: hopDuration(),
      reducedMotion,
      failed: hopFailed(hop, stoppedParts, hopById(useStore.getState().hops, hop.id + 1)),
    }
    // speed changes the duration of the next packet
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hop, route, nodeIds, reducedMotion, speed, lang, stoppedParts])

  useLayoutEffect(() => usePacketStore.setState({ packet }), [packet])

  // The edges of the hops the lesson step talks about.
  const lessonHops = useStore((s) => lessonHighlights(s).hops)
  const allHops = useStore((s) => s.hops)
  useLayoutEffect(() => {
    const ids = new Set<string>()
    for (const id of lessonHops ?? []) {
      const h = hopById(allHops, id)
      const e = h && edgeForHop(h.from, h.to, edges, nodeIds)
      if (e) ids.add(e.id)
    }
    usePacketStore.setState({ lessonEdges: ids })
  }, [lessonHops, allHops, edges, nodeIds])
  useEffect(() => () => usePacketStore.setState({ packet: null }), [])

  // Refit when the shape changes (nodes added or removed, controllers expanded), not on every pod.
  // Presenter mode resizes the canvas: refit then too. So do full screen (a moment after presenter
  // mode starts), the "pick one" prompt above the canvas and the window: refit when the pane's size changes.
  const presenter = useStore((s) => s.presenter)
  const paneSize = useFlowStore((s) => `${s.width}x${s.height}`)
  const shape = nodes.filter((n) => n.type !== 'pod').map((n) => `${n.id}:${n.height}`).join(',')
  useEffect(() => {
    const id = requestAnimationFrame(() => void fitView({ padding: 0.06, duration: reducedMotion ? 0 : 200 }))
    return () => cancelAnimationFrame(id)
  }, [shape, fitView, reducedMotion, presenter, paneSize])

  return (
    <ReactFlow
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.06 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        nodesFocusable={false}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        disableKeyboardA11y
        // Space belongs to the page (play / pause, the next lesson step when presenting): React Flow
        // would take it to pan and cancel it (preventDefault) before the page's shortcuts see it.
        panActivationKeyCode={null}
        // A click handler also makes React Flow let pointer events reach the boxes (pods are buttons).
        onNodeClick={(_, node) => {
          // Answering a prediction: a click anywhere in a candidate node (its kubelet, a pod) picks it.
          if (pickOnDiagram(node.id, node.parentId)) return
          if (node.type === 'pod') selectObject(node.data.key as string)
          else if (node.type === 'worker') setInspectorTab('nodes')
          // A control-plane box opens the Faults tab, where it can be stopped and started.
          else if (isFaultComponent(node.id)) setInspectorTab('faults')
        }}
      />
  )
}

/** The current hop in words under the diagram (a polite live region for screen readers). */
function Caption() {
  const hop = useStore((s) => currentHop(s))
  const booting = useStore((s) => s.status === 'booting' && s.components.length === 0)
  const nowMs = useCursorTime()
  const lang = useStore((s) => s.lang)
  const t = useT()
  const idle = booting ? t('diagram.booting') : t('diagram.idle')
  const failed = usePacketStore((s) => s.packet?.failed ?? false)
  return (
    <div className="diagram-caption" aria-live="polite">
      <span className="caption-time">t = {formatVirtualTime(nowMs)}</span>
      {failed && <span className="pill pill-bad caption-failed">{t('diagram.hopFailed')}</span>}
      <span className="caption-text">{hop ? explainHop(hop, lang) : idle}</span>
    </div>
  )
}

export function Diagram() {
  const expandControllers = useStore((s) => s.expandControllers)
  const hasControllers = useStore((s) => s.components.some((c) => c.startsWith('controller-manager/')))
  const presenter = useStore((s) => s.presenter)
  const t = useT()
  return (
    <section className="panel diagram" role="region" aria-label={t('diagram.region')}>
      <div className="panel-toolbar diagram-toolbar">
        <h2 className="panel-title">{t('diagram.title')}</h2>
        <button type="button" className="small presenter-toggle" aria-pressed={presenter} onClick={togglePresenter} aria-keyshortcuts="P" title="P">
          {t('toolbar.presenter')}
        </button>
        {hasControllers && (
          <button type="button" className="small" aria-pressed={expandControllers} onClick={toggleControllers}>
            {t('diagram.showControllers')}
          </button>
        )}
      </div>
      <PickPrompt />
      <div className="diagram-canvas">
        <ReactFlowProvider>
          <Flow />
        </ReactFlowProvider>
      </div>
      <Caption />
    </section>
  )
}
