/**
 * What the current lesson step lights up on the diagram: components (with `*` wildcards, as the
 * lesson files write them) and the edges of the hops it talks about.
 */
import { useStore, type State } from '../state/store'

const NONE = { components: [] as string[], hops: [] as number[] }

/** The step's highlights; none on a prediction not answered yet (they would give the answer away). */
export function lessonHighlights(s: Pick<State, 'lesson'>): { components: readonly string[]; hops: readonly number[] } {
  const l = s.lesson
  if (!l || (l.kind === 'predict' && !l.outcome)) return NONE
  return l.highlights
}

/**
 * Whether the box `id` is one of `patterns`: `kubelet/*` matches `kubelet/node-2`; a box also
 * lights up for a part drawn inside it (`controller-manager/deployment` lights the collapsed
 * `controller-manager`).
 */
export function componentMatches(patterns: readonly string[], id: string): boolean {
  return patterns.some((p) => {
    if (p === id) return true
    if (p.includes('*')) {
      const re = new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^]*') + '$')
      if (re.test(id)) return true
    }
    return p.startsWith(id + '/')
  })
}

/** Whether the current lesson step highlights the box `id`. */
export function useLessonHighlight(id: string): boolean {
  return useStore((s) => componentMatches(lessonHighlights(s).components, id))
}
