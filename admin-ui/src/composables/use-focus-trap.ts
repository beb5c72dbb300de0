// Keeps Tab and Shift+Tab inside a modal dialog: from the last focusable element Tab goes back to
// the first, and Shift+Tab from the first goes to the last. A dialog may hand Escape to it too
// (`onEscape`); the first focus stays with each dialog.
import type { Ref } from 'vue'

export const FOCUSABLE_SELECTOR =
  'textarea:not([disabled]), input:not([disabled]), select:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

export interface FocusTrapOptions {
  /** Which elements inside the container take part; by default every focusable one. */
  selector?: string
  /** With nothing to focus, let Tab through instead of holding it (the idle warning while busy). */
  releaseWhenEmpty?: boolean
  /** Escape closes the dialog: the key goes no further, and this runs. */
  onEscape?: () => void
}

export function useFocusTrap(container: Ref<HTMLElement | null>, options: FocusTrapOptions = {}) {
  const selector = options.selector ?? FOCUSABLE_SELECTOR

  function focusables(): HTMLElement[] {
    return [...(container.value?.querySelectorAll<HTMLElement>(selector) ?? [])]
  }

  /** The keydown handler: acts on Tab (and Escape when `onEscape` is given), leaves every other key alone. */
  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && options.onEscape) {
      event.preventDefault()
      event.stopPropagation()
      options.onEscape()
      return
    }
    if (event.key !== 'Tab') return
    const list = focusables()
    const first = list[0]
    const last = list[list.length - 1]
    if (!first || !last) {
      if (!options.releaseWhenEmpty) event.preventDefault()
      return
    }
    const active = document.activeElement
    const inside = active instanceof Node && Boolean(container.value?.contains(active))
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault()
      first.focus()
    }
  }

  return { onKeydown }
}
