/** The page: header, then editor | diagram over console | timeline over inspector. */
import { Diagram } from './diagram/Diagram'
import { EditorPanel } from './editor/EditorPanel'
import { Console } from './panels/Console'
import { HelpDialog } from './panels/HelpDialog'
import { Inspector } from './panels/Inspector'
import { ShareDialog } from './panels/ShareDialog'
import { Timeline } from './panels/Timeline'
import { Toolbar } from './panels/Toolbar'
import { dismissNotice } from './state/actions'
import { useStore } from './state/store'
import { useShortcuts } from './useShortcuts'

function NoticeBar() {
  const notice = useStore((s) => s.notice)
  if (!notice) return null
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="small" onClick={dismissNotice} aria-label="Dismiss message">
        ×
      </button>
    </div>
  )
}

export function App() {
  useShortcuts()
  const dialog = useStore((s) => s.dialog)
  return (
    <div className="app">
      <Toolbar />
      <NoticeBar />
      <main className="workspace">
        <EditorPanel />
        <div className="center">
          <Diagram />
          <Console />
        </div>
        <div className="side">
          <Timeline />
          <Inspector />
        </div>
      </main>
      {dialog === 'share' && <ShareDialog />}
      {dialog === 'help' && <HelpDialog />}
    </div>
  )
}
