/** Every scheduling decision so far (up to the cursor), newest first, each with its table. */
import { useMemo } from 'react'
import { jumpTo } from '../../state/actions'
import { useStore } from '../../state/store'
import { SchedulingTable } from './SchedulingTable'

export function Scheduler() {
  const hops = useStore((s) => s.hops)
  const cursor = useStore((s) => s.cursor)
  const decisions = useMemo(() => hops.filter((h) => h.id <= cursor && h.detail?.scheduling).reverse(), [hops, cursor])
  if (!decisions.length) return <p className="muted">No scheduling decision yet at this hop.</p>
  return (
    <div className="decisions">
      {decisions.map((h) => (
        <section key={h.id} aria-label={`Decision for ${h.detail!.scheduling!.pod}`}>
          <button type="button" className="link" onClick={() => jumpTo(h.id)}>
            Hop #{h.id}
          </button>
          <SchedulingTable decision={h.detail!.scheduling!} />
        </section>
      ))}
    </div>
  )
}
