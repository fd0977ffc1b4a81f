/** The lesson picker: every lesson with its number, title, level and minutes; outlines are "coming soon". */
import { useT } from '../i18n'
import { openDialog } from '../state/actions'
import { loadProgress, startLesson } from '../state/lesson'
import { useStore } from '../state/store'
import { Markdown } from './Markdown'
import { Dialog } from './Dialog'

export function LessonPicker() {
  const t = useT()
  const lessons = useStore((s) => s.lessons)
  const errors = useStore((s) => s.lessonErrors)
  const lang = useStore((s) => s.lang)
  const progress = loadProgress()
  return (
    <Dialog title={t('picker.title')} onClose={() => openDialog(null)}>
      <p className="muted">{t('picker.intro')}</p>
      {!lessons && <p role="status">{t('picker.loading')}</p>}
      {errors.length > 0 && (
        <div className="lesson-errors" role="alert">
          <p>{t('picker.errors')}</p>
          <ul>
            {errors.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {lessons && (
        <ol className="lesson-list" aria-label={t('picker.title')}>
          {lessons.map((l) => {
            const p = progress[l.id]
            const soon = !!l.waitingFor
            const title = `${l.number}. ${l.title[lang]}`
            return (
              <li key={l.id} className={`lesson-item${soon ? ' lesson-soon' : ''}`}>
                <div className="lesson-item-main">
                  <h3 className="lesson-item-title">{title}</h3>
                  <Markdown className="lesson-item-summary" text={l.summary[lang]} />
                  <p className="lesson-item-meta">
                    <span className={`pill level-${l.level}`}>{t(`level.${l.level}`)}</span>
                    <span>{t('picker.minutes', { n: l.minutes })}</span>
                    <span>{t('picker.steps', { count: l.steps.length })}</span>
                    {p?.done && <span className="pill pill-ok">{t('picker.done')}</span>}
                  </p>
                  {soon && <p className="small-text muted">{t('picker.waits', { what: l.waitingFor!.join('; ') })}</p>}
                </div>
                {soon ? (
                  <span className="pill">{t('picker.soon')}</span>
                ) : (
                  <div className="lesson-item-actions">
                    <button type="button" className="primary" aria-label={t('picker.startLabel', { title })} onClick={() => void startLesson(l.id, 0)}>
                      {t('picker.start')}
                    </button>
                    {p && p.step > 0 && !p.done && (
                      <button type="button" onClick={() => void startLesson(l.id, p.step)}>
                        {t('picker.continue', { n: p.step + 1 })}
                      </button>
                    )}
                  </div>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </Dialog>
  )
}
