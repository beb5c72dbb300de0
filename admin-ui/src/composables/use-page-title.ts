// Sets document.title to "<page> · PETT". Titles never carry personal data (codes and numbers only).
import { watchEffect } from 'vue'

export const TITLE_SUFFIX = 'PETT'

export function usePageTitle(title: () => string): void {
  watchEffect(() => {
    const text = title()
    document.title = text ? `${text} · ${TITLE_SUFFIX}` : TITLE_SUFFIX
  })
}
