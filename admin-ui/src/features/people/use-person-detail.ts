// One person by code, as the caller may see them. A quiet reload keeps the page on screen (after an
// identity is saved); a new code starts from the skeleton; a saved victim profile is put in place.
import { onBeforeUnmount, shallowRef, watch } from 'vue'
import { isAbortError, toApiError, type ApiError } from '../../api/http'
import { getPerson, type PersonProfile, type PersonTask, type VictimProfile } from './people-api'

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

  /** The victim profile and tasks as a save answered them: no need to read the person again. */
  function replaceVictimProfile(victimProfile: VictimProfile, tasks: PersonTask[]): void {
    if (person.value) person.value = { ...person.value, victimProfile, tasks }
  }

  return {
    person,
    error,
    retry: () => load(current, false),
    refresh: () => load(current, true),
    replaceVictimProfile,
  }
}
