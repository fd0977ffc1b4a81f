/** A modal dialog on the native <dialog> element: focus trapped, Escape closes, focus returns. */
import { useEffect, useRef, type ReactNode } from 'react'
import { useT } from '../i18n'

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null)
  const t = useT()
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    return () => d?.close()
  }, [])
  const id = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={id} onClose={onClose} onCancel={onClose}>
      <div className="dialog-header">
        <h2 id={id}>{title}</h2>
        <button type="button" className="small" onClick={onClose} aria-label={t('dialog.close')}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  )
}
