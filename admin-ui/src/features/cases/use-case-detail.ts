// One case and its emergency-access status, loaded together: whether the parties may be shown, and
// the "emergency access in force" flag, depend on both. A quiet reload keeps the page on screen
// (after a grant); when the access in force ends, the case is read again so its people go away.
import { onBeforeUnmount, shallowRef, watch } from 'vue'
import { isAbortError, toApiError, type ApiError } from '../../api/http'
import { getCase, getEmergencyAccess, type CaseDetail, type EmergencyAccess } from './case-api'
import { activeUntil } from './emergency-access'

/** Read again a little after the expiry, so a computer clock slightly ahead does not ask too soon. */
const EXPIRY_MARGIN_MS = 5_000
/** setTimeout's limit (about 24.8 days); grants last hours. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

export function useCaseDetail(documentId: () => string | null) {
  const item = shallowRef<CaseDetail | null>(null)
  const access = shallowRef<EmergencyAccess | null>(null)
  const error = shallowRef<ApiError | null>(null)
  let current = ''
  let controller: AbortController | null = null
  let expiryTimer: ReturnType<typeof setTimeout> | undefined

  function watchExpiry(id: string, status: EmergencyAccess): void {
    clearTimeout(expiryTimer)
    expiryTimer = undefined
    const until = activeUntil(status.grants)
    if (!until) return
    const remaining = Date.parse(until) - Date.now()
    // Already past by this computer's clock while the server says "in force": trust the server.
    if (!(remaining > 0) || remaining + EXPIRY_MARGIN_MS > LONGEST_TIMER_MS) return
    expiryTimer = setTimeout(() => void load(id, true), remaining + EXPIRY_MARGIN_MS)
  }

  async function load(id: string, quiet: boolean): Promise<void> {
    current = id
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    if (!quiet) {
      item.value = null
      access.value = null
    }
    error.value = null
    try {
      const [loaded, status] = await Promise.all([getCase(id, mine.signal), getEmergencyAccess(id, mine.signal)])
      if (mine.signal.aborted) return
      item.value = loaded
      access.value = status
      watchExpiry(id, status)
    } catch (caught) {
      if (!isAbortError(caught) && !mine.signal.aborted) error.value = toApiError(caught)
    }
  }

  watch(
    documentId,
    (id) => {
      if (id) void load(id, false)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    controller?.abort()
    clearTimeout(expiryTimer)
  })

  return {
    item,
    access,
    error,
    /** Load again from scratch, with the skeleton (after an error). */
    retry: () => load(current, false),
    /** Load again keeping the page on screen (after a grant). */
    refresh: () => load(current, true),
  }
}
