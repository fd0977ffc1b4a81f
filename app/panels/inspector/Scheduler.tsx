/** Every scheduling decision so far (up to the cursor), newest first, each with its table. */
import { useMemo } from 'react'
import { jumpTo } from '../../state/actions'
import { useStore } from '../../state/store'
import { SchedulingTable } from './SchedulingTable'
import { useT } from '../../i18n'

export function Scheduler() {
  const hops = useStore((s) => s.hops)
  const cursor = useStore((s) => s.cursor)
  const t = useT()
  const decisions = useMemo(() => hops.filter((h) => h.id <= cursor && h.detail?.scheduling).reverse(), [hops, cursor])
  if (!decisions.length) return <p className="muted">{t('scheduler.none')}</p>
  return (
    <div className="decisions">
      {decisions.map((h) => (
        <section key={h.id} aria-label={t('scheduler.decisionFor', { pod: h.detail!.scheduling!.pod })}>
          <button type="button" className="link" onClick={() => jumpTo(h.id)}>
            {t('scheduler.hopLink', { id: h.id })}
          </button>
          <SchedulingTable decision={h.detail!.scheduling!} />
        </section>
      ))}
    </div>
  )
}
