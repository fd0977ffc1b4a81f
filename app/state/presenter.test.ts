import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { onFullscreenChange, setPresenter, toggleOverview, togglePresenter } from './presenter'
import { initialState, useStore, type ActiveLesson } from './store'

/** A document whose full screen the test controls: granted or refused, and left by the browser. */
function fakeFullscreen(grant: boolean) {
  const doc = {
    fullscreenElement: null as object | null,
    documentElement: {
      requestFullscreen: vi.fn(() => {
        if (!grant) return Promise.reject(new Error('refused'))
        doc.fullscreenElement = doc.documentElement
        return Promise.resolve()
      }),
    },
    exitFullscreen: vi.fn(() => {
      doc.fullscreenElement = null
      return Promise.resolve()
    }),
  }
  const keyboard = { lock: vi.fn(() => Promise.resolve()), unlock: vi.fn() }
  vi.stubGlobal('document', doc)
  vi.stubGlobal('navigator', { keyboard })
  return { doc, keyboard }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('presenter mode', () => {
  beforeEach(() => useStore.setState(initialState()))
  afterEach(() => {
    setPresenter(false)
    vi.unstubAllGlobals()
  })

  it('asks for full screen and keeps Escape for the page; leaving gives both back', async () => {
    const { doc, keyboard } = fakeFullscreen(true)
    togglePresenter()
    expect(useStore.getState().presenter).toBe(true)
    expect(doc.documentElement.requestFullscreen).toHaveBeenCalledOnce()
    await flush()
    expect(keyboard.lock).toHaveBeenCalledWith(['Escape'])
    togglePresenter()
    expect(useStore.getState().presenter).toBe(false)
    expect(doc.exitFullscreen).toHaveBeenCalledOnce()
    expect(keyboard.unlock).toHaveBeenCalled()
  })

  it('works when full screen is refused, and then does not leave a full screen it did not take', async () => {
    const { doc } = fakeFullscreen(false)
    setPresenter(true)
    await flush()
    expect(useStore.getState().presenter).toBe(true)
    doc.fullscreenElement = {} // the user's own full screen (F11), not ours
    setPresenter(false)
    expect(doc.exitFullscreen).not.toHaveBeenCalled()
  })

  it('follows the browser out of full screen; an open overview only closes', async () => {
    const { doc } = fakeFullscreen(true)
    useStore.setState({ lesson: { id: 'l', index: 0 } as ActiveLesson })
    setPresenter(true)
    await flush()
    toggleOverview()
    expect(useStore.getState().dialog).toBe('steps')
    doc.fullscreenElement = null
    onFullscreenChange()
    expect(useStore.getState()).toMatchObject({ presenter: true, dialog: null })

    setPresenter(false)
    setPresenter(true)
    await flush()
    doc.fullscreenElement = null
    onFullscreenChange()
    expect(useStore.getState().presenter).toBe(false)
  })

  it('opens the steps overview only in a lesson, and not over another dialog', () => {
    toggleOverview()
    expect(useStore.getState().dialog).toBeNull()
    useStore.setState({ lesson: { id: 'l', index: 0 } as ActiveLesson, dialog: 'help' })
    toggleOverview()
    expect(useStore.getState().dialog).toBe('help')
    useStore.setState({ dialog: null })
    toggleOverview()
    expect(useStore.getState().dialog).toBe('steps')
    toggleOverview()
    expect(useStore.getState().dialog).toBeNull()
  })
})
