/**
 * The app's two languages. Lessons carry their own texts ({ en, vi }); the app's strings are here,
 * one dictionary per language. Kubernetes words (Pod, kubectl, etcd…) stay in English, as in the
 * course notes. Accessible names of the playback and editor controls stay English in both
 * languages for now; the lesson UI and the toolbar labels are translated.
 *
 * ```ts
 * const t = useT()
 * t('lesson.next')              // 'Next' | 'Tiếp'
 * t('lesson.progress', { n: 3, total: 9 })
 * ```
 */
import { useStore } from './state/store'

export type Lang = 'en' | 'vi'
export const LANG_KEY = 'podium:lang'

const en = {
  'toolbar.lessons': 'Lessons',
  'toolbar.presenter': 'Presenter mode',
  'toolbar.language': 'Language',
  'picker.title': 'Lessons',
  'picker.intro': 'Each lesson resets the cluster to its own and guides you step by step.',
  'picker.start': 'Start',
  'picker.continue': 'Continue at step {n}',
  'picker.done': 'Completed',
  'picker.soon': 'Coming soon',
  'picker.waits': 'Waits for: {what}',
  'picker.minutes': '{n} min',
  'picker.loading': 'Loading lessons…',
  'picker.steps': '{n} steps',
  'picker.errors': 'Some lesson files could not be loaded:',
  'level.beginner': 'beginner',
  'level.intermediate': 'intermediate',
  'level.advanced': 'advanced',
  'lesson.region': 'Lesson',
  'lesson.progress': 'Step {n} of {total}',
  'lesson.next': 'Next',
  'lesson.back': 'Back',
  'lesson.finish': 'Finish',
  'lesson.close': 'Close lesson',
  'lesson.hint': 'Hint',
  'lesson.solution': 'Show solution',
  'lesson.check': 'Check',
  'lesson.checking': 'Checking…',
  'lesson.passed': 'Passed: every check holds.',
  'lesson.failed': 'Not yet: a check does not hold.',
  'lesson.tryIt': 'Try it',
  'lesson.solutionEditor': 'The solution is in the editor: press Apply.',
  'lesson.solutionConsole': 'The solution is in the console: press Enter.',
  'lesson.predict': 'Predict',
  'lesson.answer': 'Answer',
  'lesson.answerWaiting': 'Watch the step play; the answer shows when it ends.',
  'lesson.revealNow': 'Show the answer now',
  'lesson.right': 'Right: {answer}',
  'lesson.wrong': 'The engine says {answer}; you picked {chosen}.',
  'lesson.reason': 'Why, from the engine',
  'lesson.hops': 'Hops this step is about',
  'lesson.showHop': 'Show hop {id}',
  'lesson.working': 'Working…',
  'lesson.done': 'You finished this lesson.',
  'lesson.badLink': 'This lesson link could not be opened: there is no lesson "{id}". Podium opened normally instead.',
  'lesson.notReady': 'The lesson "{title}" is not ready yet (it waits for {what}).',
  'lesson.share': 'Copy link to this step',
  'lesson.copied': 'Link copied.',
  'presenter.exit': 'Exit presenter mode',
  'lesson.yourAnswer': 'Your answer',
  'lesson.stepList': 'Steps',
} as const

export type MessageKey = keyof typeof en

const vi: Record<MessageKey, string> = {
  'toolbar.lessons': 'Bài học',
  'toolbar.presenter': 'Chế độ trình chiếu',
  'toolbar.language': 'Ngôn ngữ',
  'picker.title': 'Bài học',
  'picker.intro': 'Mỗi bài học đặt lại cluster theo bài và hướng dẫn bạn từng bước.',
  'picker.start': 'Bắt đầu',
  'picker.continue': 'Tiếp tục ở bước {n}',
  'picker.done': 'Đã hoàn thành',
  'picker.soon': 'Sắp ra mắt',
  'picker.waits': 'Đang chờ: {what}',
  'picker.minutes': '{n} phút',
  'picker.loading': 'Đang tải bài học…',
  'picker.steps': '{n} bước',
  'picker.errors': 'Một số file bài học không tải được:',
  'level.beginner': 'cơ bản',
  'level.intermediate': 'trung cấp',
  'level.advanced': 'nâng cao',
  'lesson.region': 'Bài học',
  'lesson.progress': 'Bước {n} / {total}',
  'lesson.next': 'Tiếp',
  'lesson.back': 'Quay lại',
  'lesson.finish': 'Hoàn thành',
  'lesson.close': 'Đóng bài học',
  'lesson.hint': 'Gợi ý',
  'lesson.solution': 'Xem lời giải',
  'lesson.check': 'Kiểm tra',
  'lesson.checking': 'Đang kiểm tra…',
  'lesson.passed': 'Đạt: mọi điều kiện đều đúng.',
  'lesson.failed': 'Chưa đạt: còn điều kiện chưa đúng.',
  'lesson.tryIt': 'Tự làm',
  'lesson.solutionEditor': 'Lời giải đã ở trong trình soạn YAML: bấm Apply.',
  'lesson.solutionConsole': 'Lời giải đã ở trong console: bấm Enter.',
  'lesson.predict': 'Dự đoán',
  'lesson.answer': 'Trả lời',
  'lesson.answerWaiting': 'Hãy xem bước này chạy; đáp án hiện ra khi nó kết thúc.',
  'lesson.revealNow': 'Xem đáp án ngay',
  'lesson.right': 'Đúng: {answer}',
  'lesson.wrong': 'Engine trả lời {answer}; bạn chọn {chosen}.',
  'lesson.reason': 'Lý do, theo engine',
  'lesson.hops': 'Các hop mà bước này nói tới',
  'lesson.showHop': 'Xem hop {id}',
  'lesson.working': 'Đang xử lý…',
  'lesson.done': 'Bạn đã hoàn thành bài học này.',
  'lesson.badLink': 'Không mở được link bài học: không có bài học "{id}". Podium đã mở như bình thường.',
  'lesson.notReady': 'Bài học "{title}" chưa sẵn sàng (đang chờ {what}).',
  'lesson.share': 'Sao chép link tới bước này',
  'lesson.copied': 'Đã sao chép link.',
  'presenter.exit': 'Thoát chế độ trình chiếu',
  'lesson.yourAnswer': 'Câu trả lời của bạn',
  'lesson.stepList': 'Các bước',
}

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, vi }

/** A message in `lang`, with `{name}` placeholders filled. */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
}

/** The translator for the current language (re-renders when it changes). */
export function useT() {
  const lang = useStore((s) => s.lang)
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars)
}

/** The saved choice, else the browser's language, else English. */
export function initialLang(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage, languages: readonly string[] = globalThis.navigator?.languages ?? []): Lang {
  try {
    const saved = storage?.getItem(LANG_KEY)
    if (saved === 'en' || saved === 'vi') return saved
  } catch {
    // Storage disabled: fall through to the browser's language.
  }
  return languages.some((l) => l.toLowerCase().startsWith('vi')) ? 'vi' : 'en'
}
