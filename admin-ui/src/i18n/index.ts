// The portal's vue-i18n instance and the language choice (kept in localStorage: the language only).
import { createI18n } from 'vue-i18n'
import es from './es'
import en from './en'

export type Language = 'es' | 'en'
export const LANGUAGES: readonly Language[] = ['es', 'en']
export const LANGUAGE_STORAGE_KEY = 'pett.lang'

function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY) === 'en' ? 'en' : 'es'
  } catch {
    return 'es'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLanguage(),
  fallbackLocale: 'es',
  messages: { es, en },
  missingWarn: false,
  fallbackWarn: false,
})

/** The BCP 47 tag sent to the server and written on <html lang>. */
export function languageTag(language: Language): 'es-DO' | 'en' {
  return language === 'en' ? 'en' : 'es-DO'
}

export function currentLanguage(): Language {
  return i18n.global.locale.value === 'en' ? 'en' : 'es'
}

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language
  document.documentElement.lang = languageTag(language)
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
}
