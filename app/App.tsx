/**
 * The page: header, then editor | diagram over console | timeline over inspector; in a lesson the
 * lesson panel sits over the editor; presenter mode keeps only the lesson and the diagram.
 */
import { Diagram } from './diagram/Diagram'
import { EditorPanel } from './editor/EditorPanel'
import { Console } from './panels/Console'
import { HelpDialog } from './panels/HelpDialog'
import { Inspector } from './panels/Inspector'
import { LessonPanel } from './panels/LessonPanel'
import { LessonPicker } from './panels/LessonPicker'
import { ShareDialog } from './panels/ShareDialog'
import { StepOverview } from './panels/StepOverview'
import { Timeline } from './panels/Timeline'
import { Toolbar } from './panels/Toolbar'
import { dismissNotice } from './state/actions'
import { useStore } from './state/store'
import { useShortcuts } from './useShortcuts'
import { useT } from './i18n'

function NoticeBar() {
  const notice = useStore((s) => s.notice)
  const t = useT()
  if (!notice) return null
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.key ? t(notice.key, notice.vars) : notice.text}</span>
      <button type="button" className="small" onClick={dismissNotice} aria-label={t('notice.dismiss')}>
        ×
      </button>
    </div>
  )
}

export function App() {
  useShortcuts()
  const dialog = useStore((s) => s.dialog)
  const lessonKind = useStore((s) => s.lesson?.kind)
  const inLesson = lessonKind !== undefined
  const presenter = useStore((s) => s.presenter)
  const shows = useStore((s) => s.presenterShows)
  // Presenter mode hides the editor, console, timeline and inspector with CSS (not unmounting
  // them keeps Monaco and the console's state), leaving the lesson and a large diagram.
  return (
    <div className={`app${presenter ? ' presenter' : ''}${presenter && shows.console ? ' show-console' : ''}${presenter && shows.editor ? ' show-editor' : ''}`}>
      <Toolbar />
      <NoticeBar />
      <main className={`workspace${inLesson ? ' with-lesson' : ''}${lessonKind === 'try' ? ' lesson-try' : ''}`}>
        <div className="left">
          {inLesson && <LessonPanel />}
          <EditorPanel />
        </div>
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
      {dialog === 'lessons' && <LessonPicker />}
      {dialog === 'steps' && <StepOverview />}
    </div>
  )
}
