/** Page-wide playback shortcuts (see HelpDialog), ignored while typing in the editor, console or forms. */
import { useEffect } from 'react'
import { openDialog, skipToEnd, stepBack, stepForward, togglePlay } from './state/actions'
import { useStore } from './state/store'
import { nextStep, previousStep, toggleOverview, togglePresenter } from './state/lesson'
import { togglePresenterPanel } from './state/presenter'

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.closest) return false
  if (el.closest('.monaco-editor, .nokey')) return true
  const tag = el.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable
}

/** A radio button or checkbox: not typing, but its arrow keys are its own (a prediction's choices). */
function isChoice(target: EventTarget | null): boolean {
  const el = target as HTMLInputElement | null
  return el?.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox')
}

export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A clicker's PageDown / PageUp still turn the page after a click on a prediction's choice.
      const clicker = (e.key === 'PageDown' || e.key === 'PageUp') && isChoice(e.target)
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || (isTyping(e.target) && !clicker)) return
      if (useStore.getState().dialog) return
      const onButton = (e.target as HTMLElement | null)?.tagName === 'BUTTON'
      const { lesson, presenter } = useStore.getState()
      // In a lesson, PageDown / PageUp (a presentation clicker) move between steps; in presenter
      // mode the arrows and Space do too.
      if (lesson && (e.key === 'PageDown' || e.key === 'PageUp' || (presenter && (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || (e.key === ' ' && !onButton))))) {
        e.preventDefault()
        if (e.key === 'PageDown' || e.key === 'ArrowRight' || e.key === ' ') void nextStep()
        else void previousStep()
        return
      }
      if (presenter && e.key === 'Escape') {
        togglePresenter()
        return
      }
      // Presenter mode: the console and the editor come back on demand.
      if (presenter && (e.key === 'c' || e.key === 'e')) {
        togglePresenterPanel(e.key === 'c' ? 'console' : 'editor')
        return
      }
      switch (e.key) {
        case 'p':
          togglePresenter()
          break
        case 'o':
          // The overview of the lesson's steps (it closes itself on O or Escape).
          if (lesson) toggleOverview()
          break
        case ' ':
          // Space on a focused button presses that button, as everywhere else.
          if (onButton) return
          e.preventDefault()
          togglePlay()
          break
        case 'k':
          togglePlay()
          break
        case 'ArrowRight':
        case 'l':
          e.preventDefault()
          void stepForward()
          break
        case 'ArrowLeft':
        case 'j':
          e.preventDefault()
          stepBack()
          break
        case 'End':
          e.preventDefault()
          void skipToEnd()
          break
        case '?':
          openDialog('help')
          break
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
