/**
 * Share: a link carrying the compressed scenario, the playback cursor and the editor tabs, copied
 * to the clipboard. A scenario too large for a link chat tools accept is offered as a file.
 */
import { useEffect, useMemo, useState } from 'react'
import { MAX_LINK_LENGTH, shareLink } from '../editor/share'
import { currentWorkspace, openDialog } from '../state/actions'
import { Dialog } from './Dialog'

export function ShareDialog() {
  const ws = useMemo(() => currentWorkspace(), [])
  const link = useMemo(() => (ws ? shareLink(location.href, ws) : ''), [ws])
  const tooLong = link.length > MAX_LINK_LENGTH
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)

  useEffect(() => {
    if (!link || !navigator.clipboard) return
    navigator.clipboard.writeText(link).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    )
  }, [link])

  const download = () => {
    if (!ws) return
    const blob = new Blob([JSON.stringify(ws, null, 2)], { type: 'application/json' })
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = 'podium-scenario.json'
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 1000)
  }

  return (
    <Dialog title="Share this scenario" onClose={() => openDialog(null)}>
      <p>The link opens Podium with the same cluster, at the same hop, with the same editor tabs.</p>
      <label className="field block">
        Share link
        <textarea aria-label="Share link" readOnly value={link} rows={4} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="muted small-text" aria-live="polite">
        {link.length.toLocaleString('en')} characters.{' '}
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'Copy it by hand: the clipboard is not available here.' : ''}
      </p>
      {tooLong && (
        <p className="warning-text" role="status">
          This scenario makes a link longer than {MAX_LINK_LENGTH.toLocaleString('en')} characters, which many chat tools cut. Download it as a file instead
          and open it with “Open scenario”.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied('yes'))}>
          Copy link
        </button>
        <button type="button" onClick={download}>
          Download scenario file
        </button>
        <button type="button" className="primary" onClick={() => openDialog(null)}>
          Done
        </button>
      </div>
    </Dialog>
  )
}
