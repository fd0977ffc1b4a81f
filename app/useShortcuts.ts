/** Page-wide playback shortcuts (see HelpDialog), ignored while typing in the editor, console or forms. */
import { useEffect } from 'react'
import { openDialog, skipToEnd, stepBack, stepForward, togglePlay } from './state/actions'
import { useStore } from './state/store'
import { nextStep, previousStep, togglePresenter } from './state/lesson'

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.closest) return false
  if (el.closest('.monaco-editor, .nokey')) return true
  const tag = el.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable
}

export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return
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
      switch (e.key) {
        case 'p':
          togglePresenter()
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
