/**
 * The timeline: every hop as a list item with its one-sentence explanation; the current one is
 * marked aria-current="step". Clicking jumps there. Background hops (heartbeats, lease renewals)
 * are hidden unless asked for, so the flow being followed stands out.
 */
import { memo, useEffect, useMemo, useRef } from 'react'
import type { Hop } from '../../src/engine'
import { jumpTo, setInspectorTab, setShowBackground } from '../state/actions'
import { causalChain } from '../state/keyspace'
import { hopFailed, stoppedComponents } from '../state/faults'
import { formatVirtualTime, hopById, indexAfter } from '../state/playback'
import { useStore } from '../state/store'
import { explainHop, hopTechnical } from './explain'
import { lessonHighlights } from '../diagram/highlight'
import { useT, type Lang } from '../i18n'

/** At most this many items around the cursor are rendered; the log itself can grow long. */
const WINDOW = 300

const HopItem = memo(function HopItem({ hop, current, inChain, lit, failed, lang }: { hop: Hop; current: boolean; inChain: boolean; lit: boolean; failed: boolean; lang: Lang }) {
  const t = useT()
  return (
    <li
      className={`hop kind-${hop.kind}${current ? ' hop-current' : ''}${inChain ? ' hop-chain' : ''}${hop.background ? ' hop-background' : ''}${lit ? ' hop-lesson' : ''}${failed ? ' hop-failed' : ''}`}
      aria-current={current ? 'step' : undefined}
      data-hop={hop.id}
    >
      <button
        type="button"
        onClick={() => {
          jumpTo(hop.id)
          setInspectorTab('hop')
        }}
        title={hop.summary}
      >
        <span className="hop-meta">
          #{hop.id} · {formatVirtualTime(hop.t)} · {hop.kind}
          {failed && <span className="pill pill-bad">{t('diagram.hopFailed')}</span>}
        </span>
        <span className="hop-text">{explainHop(hop, lang)}</span>
        <span className="hop-summary">{hopTechnical(hop)}</span>
      </button>
    </li>
  )
})

export function Timeline() {
  const hops = useStore((s) => s.hops)
  const cursor = useStore((s) => s.cursor)
  const showBackground = useStore((s) => s.showBackground)
  const chainOf = useStore((s) => s.chainOf)
  // The hops the current lesson step talks about are marked.
  const lessonHops = useStore((s) => lessonHighlights(s).hops)
  // A request nobody answered, or a 5xx answer (state/faults.ts), is marked as the diagram marks it.
  const steps = useStore((s) => s.scenario?.steps)
  const stopped = useMemo(() => stoppedComponents(steps ?? []), [steps])
  const listRef = useRef<HTMLOListElement>(null)
  const lang = useStore((s) => s.lang)
  const t = useT()

  const visible = useMemo(() => (showBackground ? hops : hops.filter((h) => !h.background)), [hops, showBackground])
  const chain = useMemo(() => new Set(chainOf === null ? [] : causalChain(hops, chainOf)), [hops, chainOf])
  const at = indexAfter(visible, cursor)
  const start = Math.max(0, Math.min(at - WINDOW / 2, visible.length - WINDOW))
  const shown = visible.slice(start, start + WINDOW)
  const hidden = hops.length - visible.length

  useEffect(() => {
    const el = listRef.current?.querySelector('[aria-current="step"]')
    el?.scrollIntoView({ block: 'nearest' })
  }, [cursor, shown.length])

  return (
    <section className="panel timeline" role="region" aria-label={t('timeline.region')}>
      <div className="panel-toolbar">
        <h2 className="panel-title">{t('timeline.region')}</h2>
        <span className="muted small-text">
          {hidden ? t('timeline.countWithBackground', { hops: t('timeline.count', { count: visible.length }), count: hidden }) : t('timeline.count', { count: visible.length })}
        </span>
        <label className="check">
          <input type="checkbox" checked={showBackground} onChange={(e) => setShowBackground(e.target.checked)} />
          {t('timeline.showBackground')}
        </label>
      </div>
      <ol className="hop-list" ref={listRef} aria-label={t('timeline.list')}>
        <li className={`hop hop-start${cursor === 0 ? ' hop-current' : ''}`} aria-current={cursor === 0 ? 'step' : undefined}>
          <button type="button" onClick={() => jumpTo(0)}>
            <span className="hop-text">{t('timeline.start')}</span>
          </button>
        </li>
        {start > 0 && <li className="hop-gap muted">{t('timeline.earlier', { count: start })}</li>}
        {shown.map((h) => (
          <HopItem key={h.id} hop={h} current={h.id === cursor} inChain={chain.has(h.id)} lit={lessonHops.includes(h.id)} failed={hopFailed(h, stopped, hopById(hops, h.id + 1))} lang={lang} />
        ))}
        {visible.length === 0 && <li className="hop-gap muted">{t('timeline.empty')}</li>}
      </ol>
    </section>
  )
}
