/** The header's badge saying which cluster the app shows: this browser's, or the served one (and whether it is connected). */
import { useT } from '../i18n'
import { hostOf, useLive } from './mode'

export function ClusterBadge() {
  const t = useT()
  const mode = useLive((s) => s.mode)
  const connection = useLive((s) => s.connection)
  const host = useLive((s) => hostOf(s.info))
  if (mode === 'browser') {
    return (
      <span className="cluster-badge" role="status" aria-label={t('live.badgeBrowserName')} title={t('live.badgeBrowserTitle')}>
        {t('live.badgeBrowser')}
      </span>
    )
  }
  const [text, name] =
    connection === 'connected'
      ? [t('live.badgeServed', { host }), t('live.badgeServedName', { host })]
      : connection === 'connecting'
        ? [t('live.badgeConnecting', { host }), t('live.badgeConnectingName', { host })]
        : [t('live.badgeDisconnected', { host }), t('live.badgeDisconnectedName', { host })]
  return (
    <span className={`cluster-badge live ${connection}`} role="status" aria-label={name} title={t('live.badgeServedTitle', { host })}>
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  )
}
