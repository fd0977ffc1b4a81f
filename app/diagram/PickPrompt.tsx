/**
 * The diagram's "pick one" state, in words: while a prediction waits for a click on the diagram,
 * a banner over the canvas names the candidates (a polite live region, so a screen reader hears
 * them), then the one picked. The candidate boxes themselves are buttons (see pick.ts).
 */
import { useT } from '../i18n'
import { useStore } from '../state/store'
import { currentStep } from '../state/lesson'
import { activePickTargets } from './pick'

export function PickPrompt() {
  const t = useT()
  const targets = useStore(activePickTargets)
  const picked = useStore((s) => s.lesson?.picked ?? null)
  const lang = useStore((s) => s.lang)
  const pick = useStore((s) => currentStep(s)?.predict?.pick)
  if (!targets.length) return null
  const name = (v: string) => targets.find((tg) => tg.value === v)?.label[lang] ?? v
  return (
    <p className="pick-prompt" role="status">
      {picked !== null
        ? t('diagram.picked', { name: name(picked) })
        : t(pick === 'node' ? 'diagram.pickNode' : 'diagram.pickComponent', { names: targets.map((tg) => tg.label[lang]).join(', ') })}
    </p>
  )
}
