/**
 * Answering a "click on the diagram" prediction (`pick: node` or `pick: component`): which boxes
 * are the candidates, which choice a click on a box means, and the props that make a candidate
 * box a button (click, Enter, Space). The radio group in the lesson panel stays the accessible
 * alternative; both set the same `lesson.picked`.
 *
 * ```ts
 * pickTargets(step.predict, ['apiserver', 'kubelet/node-1'])   // pick: node → [{ value: 'node-1', box: 'node/node-1', … }]
 * pickedBy('kubelet/node-1', 'node/node-1', targets)             // 'node-1': a click inside a node picks the node
 * ```
 */
import type { KeyboardEvent, MouseEvent } from 'react'
import type { Choice, Predict } from '../../lessons/format'
import { currentStep, pickChoice } from '../state/lesson'
import { useStore, type State } from '../state/store'
import { useT } from '../i18n'

/** Choices for a "click on the diagram" prediction that lists none: the control plane's boxes. */
const COMPONENT_CHOICES = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller-manager', 'cloud-controller-manager']

/** One answer the student can click: the choice's value and label, and the diagram box that stands for it. */
export interface PickTarget extends Choice {
  /** The React Flow node id: `node/node-2` for a worker node, the component id otherwise. */
  box: string
}

/** The choices of a prediction: the lesson's own, or for `node` / `component` the diagram's boxes. */
export function predictChoices(p: Predict, components: readonly string[]): Choice[] {
  if (p.choices.length) return p.choices
  const names =
    p.pick === 'node'
      ? components.filter((c) => c.startsWith('kubelet/')).map((c) => c.slice('kubelet/'.length))
      : COMPONENT_CHOICES.filter((c) => !components.length || components.includes(c))
  return names.map((n) => ({ value: n, label: { en: n, vi: n } }))
}

/** The boxes a prediction can be answered with; none for a multiple choice. */
export function pickTargets(p: Predict | undefined, components: readonly string[]): PickTarget[] {
  if (!p || p.pick === 'choice') return []
  return predictChoices(p, components).map((c) => ({ ...c, box: p.pick === 'node' ? `node/${c.value}` : c.value }))
}

/**
 * The choice a click on box `id` (inside `parentId`, if any) means: the box itself, or, when
 * picking a node, the node holding the clicked kubelet, runtime, kube-proxy or pod.
 */
export function pickedBy(id: string, parentId: string | undefined, targets: readonly PickTarget[]): string | undefined {
  return (targets.find((t) => t.box === id) ?? (parentId ? targets.find((t) => t.box === parentId) : undefined))?.value
}

const NO_TARGETS: PickTarget[] = []
let memo: { predict: Predict | undefined; components: readonly string[]; targets: PickTarget[] } | undefined

/** The candidates while a prediction waits for its answer (memoised: selectors run on every change). */
export function activePickTargets(s: State): PickTarget[] {
  const l = s.lesson
  if (!l || l.kind !== 'predict' || l.chosen !== null) return NO_TARGETS
  const predict = currentStep(s)?.predict
  if (!memo || memo.predict !== predict || memo.components !== s.components) memo = { predict, components: s.components, targets: pickTargets(predict, s.components) }
  return memo.targets
}

/** For the diagram's click handler: picks what a click on a box means, if a pick is open. */
export function pickOnDiagram(id: string, parentId: string | undefined): boolean {
  const value = pickedBy(id, parentId, activePickTargets(useStore.getState()))
  if (value === undefined) return false
  pickChoice(value)
  return true
}

export type PickState = 'candidate' | 'picked' | 'chosen' | undefined

/** How box `box` takes part in the current pick: a candidate, the one picked, or the answer given. */
export function pickStateOf(s: State, box: string): PickState {
  const l = s.lesson
  if (!l || l.kind !== 'predict') return undefined
  if (l.chosen !== null) {
    const p = currentStep(s)?.predict
    return p && p.pick !== 'choice' && (p.pick === 'node' ? `node/${l.chosen}` : l.chosen) === box ? 'chosen' : undefined
  }
  const target = activePickTargets(s).find((t) => t.box === box)
  if (!target) return undefined
  return l.picked === target.value ? 'picked' : 'candidate'
}

/**
 * Props that turn a candidate box into a button: focusable, Enter or Space picks it. Space is
 * stopped here so that the page's shortcuts (Space plays, or moves to the next step when
 * presenting) do not also act on it.
 */
export function pickProps(state: PickState, box: string, label: string) {
  if (state !== 'candidate' && state !== 'picked') return {}
  const pick = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation()
    pickOnDiagram(box, undefined)
  }
  return {
    role: 'button',
    tabIndex: 0,
    'aria-pressed': state === 'picked',
    'aria-label': label,
    onClick: pick,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return
      e.preventDefault()
      pick(e)
    },
  } as const
}

/** The class a box gets in the current pick. */
export function pickClass(state: PickState): string {
  return state ? ` pick-${state}` : ''
}

/**
 * How box `box` takes part in the current pick, for its component: a class, a suffix for its
 * accessible name ("(your answer)") and, while it is a candidate, the props of a button.
 * A narrow selector: only the boxes whose state changes re-render.
 */
export function usePick(box: string) {
  const t = useT()
  const state = useStore((s) => pickStateOf(s, box))
  const label = useStore((s) => activePickTargets(s).find((tg) => tg.box === box)?.label[s.lang])
  return {
    className: pickClass(state),
    suffix: state === 'chosen' ? t('diagram.chosenSuffix') : '',
    props: pickProps(state, box, t('lesson.pickLabel', { name: label ?? box })),
  }
}
