/**
 * Share: a link carrying the compressed scenario, the playback cursor and the editor tabs, copied
 * to the clipboard. A scenario too large for a link chat tools accept is offered as a file.
 */
import { useEffect, useMemo, useState } from 'react'
import { MAX_LINK_LENGTH, shareLink } from '../editor/share'
import { currentWorkspace, openDialog } from '../state/actions'
import { Dialog } from './Dialog'
import { useT } from '../i18n'
import { useStore } from '../state/store'

export function ShareDialog() {
  const ws = useMemo(() => currentWorkspace(), [])
  const link = useMemo(() => (ws ? shareLink(location.href, ws) : ''), [ws])
  const tooLong = link.length > MAX_LINK_LENGTH
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const t = useT()
  const lang = useStore((s) => s.lang)

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
    <Dialog title={t('share.title')} onClose={() => openDialog(null)}>
      <p>{t('share.intro')}</p>
      <label className="field block">
        {t('share.link')}
        <textarea aria-label={t('share.link')} readOnly value={link} rows={4} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="muted small-text" aria-live="polite">
        {t('share.length', { n: link.length.toLocaleString(lang) })}{' '}
        {copied === 'yes' ? t('share.copied') : copied === 'no' ? t('share.copyByHand') : ''}
      </p>
      {tooLong && (
        <p className="warning-text" role="status">
          {t('share.tooLong', { max: MAX_LINK_LENGTH.toLocaleString(lang) })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied('yes'))}>
          {t('share.copy')}
        </button>
        <button type="button" onClick={download}>
          {t('share.download')}
        </button>
        <button type="button" className="primary" onClick={() => openDialog(null)}>
          {t('share.done')}
        </button>
      </div>
    </Dialog>
  )
}
