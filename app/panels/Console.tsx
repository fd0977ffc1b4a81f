/**
 * The kubectl console: type real commands (with or without `kubectl`), ↑/↓ for history, Tab to
 * complete verbs, resource types and object names. Output is exactly what the engine's kubectl prints.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { addHistory, appendConsole, clearConsole, runCommand, sendOutsideRequest } from '../state/actions'
import { useStore } from '../state/store'
import { keyspaceAt } from '../state/keyspace'
import { complete } from './complete'
import { Trans } from 'react-i18next'
import { translate, useT } from '../i18n'

export function Console() {
  const lines = useStore((s) => s.consoleLines)
  const [value, setValue] = useState('')
  const [historyIndex, setHistoryIndex] = useState<number | null>(null)
  const logRef = useRef<HTMLDivElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const fill = useStore((s) => s.consoleFill)
  const t = useT()

  // A lesson's "Show solution" puts its command on the input line, for the student to run.
  useEffect(() => {
    if (!fill) return
    setValue(fill.text)
    setHistoryIndex(null)
    inputRef.current?.focus()
  }, [fill])

  useEffect(() => {
    const el = logRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [lines])

  const submit = async () => {
    const line = value.trim()
    if (!line) return
    setValue('')
    setHistoryIndex(null)
    addHistory(line)
    if (line === 'clear') return clearConsole()
    if (line === 'help') {
      appendConsole({ kind: 'info', text: translate('console.help') })
      return
    }
    // `curl <url>` is typed on the user's own machine, outside the cluster (a LoadBalancer IP, a node port).
    const curl = /^curl\s+(?:-\S+\s+)*(\S+)\s*$/.exec(line)
    if (curl) {
      const url = /^https?:\/\//.test(curl[1]) ? curl[1] : `http://${curl[1]}`
      await sendOutsideRequest(url)
      return
    }
    await runCommand(line)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const history = useStore.getState().history
    if (e.key === 'Enter') {
      e.preventDefault()
      void submit()
    } else if (e.key === 'ArrowUp') {
      if (!history.length) return
      e.preventDefault()
      const i = historyIndex === null ? history.length - 1 : Math.max(0, historyIndex - 1)
      setHistoryIndex(i)
      setValue(history[i])
    } else if (e.key === 'ArrowDown') {
      if (historyIndex === null) return
      e.preventDefault()
      const i = historyIndex + 1
      if (i >= history.length) {
        setHistoryIndex(null)
        setValue('')
      } else {
        setHistoryIndex(i)
        setValue(history[i])
      }
    } else if (e.key === 'Tab' && value.trim() && !e.shiftKey) {
      // Tab completes while there is something to complete; on an empty line it moves focus as usual.
      e.preventDefault()
      // Commands run against the cluster as it is now (the end of the log), not at the cursor.
      const s = useStore.getState()
      const keys = [...keyspaceAt(s.baseline, s.hops, Infinity).keys()]
      const c = complete(value, { keys })
      if (c.options.length > 1 && c.line === value) appendConsole({ kind: 'info', text: c.options.join('  ') })
      setValue(c.line)
    }
  }

  return (
    <section className="panel console" role="region" aria-label={t('console.region')}>
      <div className="console-log" ref={logRef} role="log" aria-label={t('console.output')} tabIndex={0}>
        {lines.length === 0 && (
          <p className="muted">
            <Trans i18nKey="console.empty" components={{ code: <code /> }} />
          </p>
        )}
        {lines.map((l, i) => (
          <pre key={i} className={`line line-${l.kind}`}>
            {l.text}
          </pre>
        ))}
      </div>
      <form
        className="console-input"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label htmlFor="kubectl-input" className="prompt">
          $ kubectl
        </label>
        <input
          id="kubectl-input"
          ref={inputRef}
          aria-label={t('console.input')}
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder="get pods"
          onChange={(e) => {
            setValue(e.target.value)
            setHistoryIndex(null)
          }}
          onKeyDown={onKeyDown}
        />
      </form>
    </section>
  )
}
