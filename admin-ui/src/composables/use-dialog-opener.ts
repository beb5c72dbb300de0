// Remembers what had the focus when a modal dialog opened, and gives it back when the dialog
// closes (or to a fallback element, by id, when the opener is gone).
import { nextTick } from 'vue'

export function useDialogOpener() {
  let opener: HTMLElement | null = null

  function remember(): void {
    const active = document.activeElement
    opener = active instanceof HTMLElement && active !== document.body ? active : null
  }

  function forget(): void {
    opener = null
  }

  /** Call after closing: waits for the update (the page must no longer be inert to take the focus). */
  async function restore(fallbackId?: string): Promise<void> {
    const previous = opener ?? (fallbackId ? document.getElementById(fallbackId) : null)
    opener = null
    await nextTick()
    if (previous?.isConnected) previous.focus()
  }

  return { remember, forget, restore }
}
