/** Help: what Podium shows, and the keyboard shortcuts. */
import { Trans } from 'react-i18next'
import { useT } from '../i18n'
import { openDialog } from '../state/actions'
import { Dialog } from './Dialog'

/** Each shortcut's row: `help.key.<id>` (the keys) and `help.do.<id>` (what they do). */
export const SHORTCUTS = ['play', 'forward', 'back', 'end', 'apply', 'history', 'complete', 'steps', 'presenter', 'presenterPanels', 'overview', 'help', 'escape'] as const

export function HelpDialog() {
  const t = useT()
  return (
    <Dialog title={t('help.title')} onClose={() => openDialog(null)}>
      <p>
        <Trans i18nKey="help.intro" components={{ em: <em /> }} />
      </p>
      <table className="shortcuts">
        <caption>{t('help.shortcuts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('help.keys')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((id) => (
            <tr key={id}>
              <th scope="row">
                <kbd>{t(`help.key.${id}`)}</kbd>
              </th>
              <td>{t(`help.do.${id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small-text">{t('help.note')}</p>
    </Dialog>
  )
}
