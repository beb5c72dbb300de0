// One person by code, as the caller may see them. A quiet reload keeps the page on screen (after an
// identity is saved); a new code starts from the skeleton.
import { onBeforeUnmount, shallowRef, watch } from 'vue'
import { isAbortError, toApiError, type ApiError } from '../../api/http'
import { getPerson, type PersonProfile } from './people-api'

export function usePersonDetail(code: () => string | null) {
  const person = shallowRef<PersonProfile | null>(null)
  const error = shallowRef<ApiError | null>(null)
  let current = ''
  let controller: AbortController | null = null

  async function load(wanted: string, quiet: boolean): Promise<void> {
    current = wanted
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    if (!quiet) person.value = null
    error.value = null
    try {
      const loaded = await getPerson(wanted, mine.signal)
      if (!mine.signal.aborted) person.value = loaded
    } catch (caught) {
      if (!isAbortError(caught) && !mine.signal.aborted) error.value = toApiError(caught)
    }
  }

  watch(
    code,
    (wanted) => {
      if (wanted) void load(wanted, false)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => controller?.abort())

  return {
    person,
    error,
    retry: () => load(current, false),
    refresh: () => load(current, true),
  }
}
