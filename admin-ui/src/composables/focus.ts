// Moving the focus after the page has updated: to an element by id (a heading that now shows the
// result of an action), or to the first field marked invalid.
import { nextTick } from 'vue'

export async function focusAfterUpdate(id: string): Promise<void> {
  await nextTick()
  document.getElementById(id)?.focus()
}

/** After an update, focus the first field marked invalid inside `container`, else `fallback`. */
export async function focusFirstInvalid(container: HTMLElement | null, fallback: { focus(): void } | null = null): Promise<void> {
  await nextTick()
  const field = container?.querySelector<HTMLElement>('[aria-invalid="true"]')
  ;(field ?? fallback)?.focus()
}

/**
 * Whether the focus is inside `element` or nowhere in particular: a panel that closes by itself
 * takes the focus back only then, so a timeout never pulls it away from where the user is.
 */
export function focusIsWithin(element: Element | null): boolean {
  const active = document.activeElement
  return !active || active === document.body || Boolean(element?.contains(active))
}
