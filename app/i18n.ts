/**
 * The app's two languages, on i18next + react-i18next. Every string the app shows lives in
 * ./locales/en.ts and ./locales/vi.ts, bundled (no HTTP backend: Podium works offline); lessons
 * carry their own texts ({ en, vi }). Kubernetes words (Pod, kubectl, etcd…) stay in English, as in
 * the course notes, and so do texts the engine produces (kubectl output, Status messages, events).
 *
 * ```ts
 * const t = useT()                                   // in a component: re-renders on a switch
 * t('lesson.next')                                   // 'Next' | 'Tiếp'
 * t('lesson.progress', { n: 3, total: 9 })           // 'Step 3 of 9' | 'Bước 3 / 9'
 * t('timeline.count', { count: 1 })                  // plural: '1 hop' | '1 hop'
 * translate('notice.shareOpened')                    // outside React, in the current language
 * ```
 *
 * The language itself is in the store (`lang`), set by `setLang` in state/lesson.ts, which also
 * switches i18next, sets `<html lang>` and remembers the choice.
 */
import i18next from 'i18next'
import { initReactI18next, useTranslation } from 'react-i18next'
import { en } from './locales/en'
import { vi } from './locales/vi'

export type Lang = 'en' | 'vi'
export const LANG_KEY = 'podium:lang'
export const LANGS: readonly Lang[] = ['en', 'vi']
/** Each language's name in itself (the switch shows these whatever the current language is). */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', vi: 'Tiếng Việt' }

type EnglishKey = keyof typeof en
type PluralBase<K> = K extends `${infer B}_${'one' | 'other'}` ? B : never
/** A key as passed to `t`: plural keys without their `_one` / `_other` suffix (pass `count`). */
export type MessageKey = Exclude<EnglishKey, `${string}_one` | `${string}_other`> | PluralBase<EnglishKey>
export type Vars = Record<string, string | number>
export type Translate = (key: MessageKey, vars?: Vars) => string

export const resources = { en: { translation: en }, vi: { translation: vi } } as const

export const i18n = i18next.createInstance()
void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: LANGS as Lang[],
  // Keys are flat ('lesson.next'); values may contain ':' and '.'.
  keySeparator: false,
  nsSeparator: false,
  // React escapes; the values are ours.
  interpolation: { escapeValue: false },
  // Resources are bundled: initialise synchronously, so the first render already has them.
  initAsync: false,
  returnNull: false,
  react: { useSuspense: false },
})

/** A message in the current language (outside React: notices, console lines). */
export function translate(key: MessageKey, vars?: Vars): string {
  return i18n.t(key, vars)
}

/** The translator for one language, whatever the current one is (explanations, tests). */
export function translatorFor(lang: Lang): Translate {
  const t = i18n.getFixedT(lang)
  return (key, vars) => t(key, vars)
}

/** The translator for the current language; the component re-renders when it changes. */
export function useT(): Translate {
  const { t } = useTranslation()
  return t as unknown as Translate
}

/** Switches i18next and the document's language (the store keeps `lang`; see setLang). */
export function applyLang(lang: Lang) {
  void i18n.changeLanguage(lang)
  if (typeof document !== 'undefined') document.documentElement.lang = lang
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
