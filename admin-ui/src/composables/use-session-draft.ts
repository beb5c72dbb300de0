// Keeps an unsent form in sessionStorage so a dropped connection or a sign-in loses nothing.
// Only for forms without personal data: sessionStorage lives as long as the browser tab.
import { watch, type Ref } from 'vue'

export const DRAFT_PREFIX = 'pett.draft.'

export function readDraft<T extends object>(key: string, fallback: T): { value: T; restored: boolean } {
  try {
    const raw = sessionStorage.getItem(DRAFT_PREFIX + key)
    if (!raw) return { value: fallback, restored: false }
    const parsed = JSON.parse(raw) as unknown
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { value: fallback, restored: false }
    // Only known fields of the right kind are taken back, so an old draft cannot break the form.
    const merged = { ...fallback }
    for (const [field, initial] of Object.entries(fallback)) {
      const saved = (parsed as Record<string, unknown>)[field]
      const sameKind = Array.isArray(initial) ? Array.isArray(saved) : typeof saved === typeof initial
      if (sameKind) (merged as Record<string, unknown>)[field] = saved
    }
    return { value: merged, restored: true }
  } catch {
    return { value: fallback, restored: false }
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(DRAFT_PREFIX + key)
  } catch {
    // Storage unavailable: nothing was saved either.
  }
}

/** Removes every draft of this tab (explicit sign-out on a shared computer). */
export function clearAllDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key)
    }
  } catch {
    // Storage unavailable: nothing to clear.
  }
}

/** Saves source to the draft on every change until stop() is called. */
export function useSessionDraft<T extends object>(key: string, source: Ref<T>): { stop: () => void } {
  const stop = watch(
    source,
    (value) => {
      try {
        sessionStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(value))
      } catch {
        // Full or disabled storage: the form keeps working without a draft.
      }
    },
    { deep: true },
  )
  return { stop }
}
