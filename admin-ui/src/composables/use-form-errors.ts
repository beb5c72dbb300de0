// The errors of a form that checks as the user types and again on the server: the form's own
// problems show once it has been submitted, the server's messages stand next to their fields until
// the field is edited, and whatever has no field goes to the general alert at the top.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { toApiError, type ApiError, type FieldError } from '../api/http'
import { useAnnouncerStore } from '../stores/announcer'
import { focusFirstInvalid } from './focus'

/** An i18n key and its parameters. */
export interface FormProblem {
  key: string
  params?: Record<string, string | number>
}

export type PlaceErrors = (errors: FieldError[]) => { fields: Record<string, string>; general: string[] }

export function useFormErrors(problems: () => Record<string, FormProblem>) {
  const { t } = useI18n()
  const announcer = useAnnouncerStore()
  const submitted = ref(false)
  const server = ref<Record<string, string>>({})
  const general = ref<string[]>([])

  const errors = computed<Record<string, string>>(() => {
    const shown: Record<string, string> = {}
    if (submitted.value) {
      for (const [key, problem] of Object.entries(problems())) shown[key] = t(problem.key, problem.params ?? {})
    }
    return { ...shown, ...server.value }
  })

  /** The user changed this field (or a whole list under this key): the server's word on it is old. */
  function edited(key: string): void {
    const stale = Object.keys(server.value).filter((name) => name === key || name.startsWith(`${key}.`))
    if (!stale.length) return
    const next = { ...server.value }
    for (const name of stale) delete next[name]
    server.value = next
  }

  function clearServer(): void {
    server.value = {}
    general.value = []
  }

  /** Places a refusal: field messages next to their fields, the rest (or a plain explanation) on top. */
  function refused(error: ApiError, place: PlaceErrors): void {
    const placed = place(error.fieldErrors)
    server.value = placed.fields
    const fallback = error.isNetwork ? t('errors.network') : error.message || t('errors.generic')
    general.value = placed.general.length || Object.keys(placed.fields).length ? placed.general : [fallback]
  }

  /**
   * At "Guardar": shows the form's own problems; when there are any, says how many and focuses the
   * first marked field inside `form`. True when the form may be sent.
   */
  async function readyToSend(form: HTMLElement | null): Promise<boolean> {
    submitted.value = true
    clearServer()
    const count = Object.keys(problems()).length
    if (!count) return true
    announcer.announce(t('validation.invalid', { count }, count))
    await focusFirstInvalid(form)
    return false
  }

  /** Places what sending threw (see refused) and focuses the first marked field, else the general alert. */
  async function showRefusal(caught: unknown, place: PlaceErrors, form: HTMLElement | null, generalBox: { focus(): void } | null): Promise<void> {
    refused(toApiError(caught), place)
    await focusFirstInvalid(form, generalBox)
  }

  return { submitted, errors, general, edited, clearServer, refused, readyToSend, showRefusal }
}
