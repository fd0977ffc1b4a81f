/**
 * A straight edge between two boxes' borders (the topology reads best as spokes), which draws the
 * hop packet when the current hop travels on it: a labelled pill moving from sender to receiver
 * (motion), or, with reduced motion, a highlighted edge with the label at its middle.
 */
import { memo, useEffect, useRef } from 'react'
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react'
// motion's mini animate (WAAPI, ~3 kB) is enough for a transform; the full one adds ~25 kB gzip.
import { animate } from 'motion/mini'
import { useLessonEdge, usePacketOnEdge } from './packet'
import type { FlowEdge } from './mapping'

interface Point {
  x: number
  y: number
}

function box(n: InternalNode) {
  const { x, y } = n.internals.positionAbsolute
  const w = n.measured.width ?? n.width ?? 0
  const h = n.measured.height ?? n.height ?? 0
  return { x, y, w, h, cx: x + w / 2, cy: y + h / 2 }
}

/** Where the line from the box's centre towards `to` leaves the box. */
function border(b: ReturnType<typeof box>, to: Point): Point {
  const dx = to.x - b.cx
  const dy = to.y - b.cy
  if (dx === 0 && dy === 0) return { x: b.cx, y: b.cy }
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx)
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy)
  const s = Math.min(sx, sy)
  return { x: b.cx + dx * s, y: b.cy + dy * s }
}

export const HopEdge = memo(function HopEdge({ id, source, target }: EdgeProps<FlowEdge>) {
  const s = useInternalNode(source)
  const t = useInternalNode(target)
  const packet = usePacketOnEdge(id)
  const lit = useLessonEdge(id)
  const pillRef = useRef<HTMLDivElement>(null)
  const active = packet !== null

  const sb = s ? box(s) : undefined
  const tb = t ? box(t) : undefined
  const p1 = sb && tb ? border(sb, { x: tb.cx, y: tb.cy }) : undefined
  const p2 = sb && tb ? border(tb, { x: sb.cx, y: sb.cy }) : undefined

  const from = active && packet?.reverse ? p2 : p1
  const to = active && packet?.reverse ? p1 : p2
  const hopId = active ? packet?.hopId : undefined
  const travel = active && !packet?.reducedMotion

  useEffect(() => {
    const el = pillRef.current
    if (!el || !from || !to || hopId === undefined) return
    const at = (f: number) => `translate(-50%, -50%) translate(${from.x + (to.x - from.x) * f}px, ${from.y + (to.y - from.y) * f}px)`
    if (!travel) {
      el.style.transform = at(0.5)
      return
    }
    el.style.transform = at(1)
    const controls = animate(el, { transform: [at(0), at(1)] }, { duration: ((packet?.durationMs ?? 800) / 1000) * 0.85, ease: 'easeInOut' })
    return () => controls.stop()
    // Restart only when a new hop starts travelling on this edge.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hopId, travel, from?.x, from?.y, to?.x, to?.y])

  if (!p1 || !p2) return null
  const start = from && to ? (travel ? from : { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }) : p1
  const path = `M ${p1.x},${p1.y} L ${p2.x},${p2.y}`
  return (
    <>
      <BaseEdge id={id} path={path} className={`edge${active ? ' edge-active' : ''}${active && packet?.failed ? ' edge-failed' : ''}${lit ? ' edge-lesson' : ''}`} />
      {active && packet && (
        <EdgeLabelRenderer>
          <div
            ref={pillRef}
            className={`packet${travel ? '' : ' packet-still'}${packet.failed ? ' packet-failed' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${start.x}px, ${start.y}px)` }}
            data-testid="packet"
            aria-hidden="true"
          >
            {packet.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
})
