/**
 * The YAML editor: tabs of manifests, examples to start from, Monaco (loaded lazily), and Apply
 * (button or Ctrl/Cmd+Enter) which runs `kubectl apply -f -` with the active tab's text.
 */
import { useEffect, useRef, useState } from 'react'
import { applyEditor, closeTab, openTab, selectTab, setTabText } from '../state/actions'
import { useStore } from '../state/store'
import { EXAMPLES } from './examples'
import type { EditorHandle } from './monaco'
import { useT } from '../i18n'

export function EditorPanel() {
  const tabs = useStore((s) => s.tabs)
  const activeTab = useStore((s) => s.activeTab)
  const theme = useStore((s) => s.theme)
  const ready = useStore((s) => s.status === 'ready')
  const container = useRef<HTMLDivElement>(null)
  const handle = useRef<EditorHandle | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [markers, setMarkers] = useState({ errors: 0, warnings: 0 })
  const tr = useT()

  useEffect(() => {
    let disposed = false
    import('./monaco')
      .then(({ createEditor }) => {
        if (disposed || !container.current) return
        const s = useStore.getState()
        handle.current = createEditor(container.current, {
          theme: s.theme,
          onChange: (name, text) => {
            const i = useStore.getState().tabs.findIndex((t) => t.name === name)
            if (i >= 0) setTabText(i, text)
          },
          onApply: () => void applyEditor(),
          onMarkers: setMarkers,
        })
        setLoaded(true)
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)))
    return () => {
      disposed = true
      handle.current?.dispose()
      handle.current = null
    }
  }, [])

  const tab = tabs[activeTab]
  useEffect(() => {
    if (loaded && tab) handle.current?.show(tab.name, tab.text)
  }, [loaded, tab])

  useEffect(() => {
    handle.current?.setTheme(theme)
  }, [theme, loaded])

  return (
    <section className="panel editor" role="region" aria-label={tr('editor.region')}>
      <div className="panel-toolbar">
        <div className="tabs" role="tablist" aria-label={tr('editor.tabs')}>
          {tabs.map((t, i) => (
            <div key={t.name} className={`tab${i === activeTab ? ' tab-active' : ''}`}>
              <button type="button" role="tab" aria-selected={i === activeTab} onClick={() => selectTab(i)}>
                {t.name}
              </button>
              {tabs.length > 1 && (
                <button type="button" className="tab-close" aria-label={tr('editor.closeTab', { name: t.name })} onClick={() => closeTab(i)}>
                  ×
                </button>
              )}
            </div>
          ))}
          <button type="button" className="tab-new" aria-label={tr('editor.newTab')} title={tr('editor.newTab')} onClick={() => openTab('untitled.yaml', '')}>
            +
          </button>
        </div>
        <select
          aria-label={tr('editor.examples')}
          value=""
          onChange={(e) => {
            const ex = EXAMPLES.find((x) => x.name === e.target.value)
            if (ex) openTab(ex.file, ex.text)
          }}
        >
          <option value="">{tr('editor.examplesPlaceholder')}</option>
          {EXAMPLES.map((ex) => (
            <option key={ex.name} value={ex.name}>
              {ex.label ? tr(ex.label) : ex.name}
            </option>
          ))}
        </select>
        <button type="button" className="primary" onClick={() => void applyEditor()} disabled={!ready} aria-keyshortcuts="Control+Enter" title={tr('editor.applyTitle')}>
          {tr('editor.apply')}
        </button>
      </div>
      <div className="editor-host nokey" ref={container} data-testid="monaco-host">
        {!loaded && <p className="editor-loading">{loadError ? tr('editor.loadError', { error: loadError }) : tr('editor.loading')}</p>}
      </div>
      <div className="editor-footer">
        <span className="marker-count" aria-live="polite">
          {markers.errors ? tr('editor.errors', { count: markers.errors }) : ''}
          {markers.errors && markers.warnings ? ', ' : ''}
          {markers.warnings ? tr('editor.warnings', { count: markers.warnings }) : ''}
          {!markers.errors && !markers.warnings ? tr('editor.noProblems') : ''}
        </span>
        <span className="hint">{tr('editor.tabHint')}</span>
      </div>
    </section>
  )
}
