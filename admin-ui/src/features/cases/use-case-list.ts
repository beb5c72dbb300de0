// Loads one page of cases for the state in the route; a newer request cancels an older one.
import { onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import { isAbortError, toApiError, type ApiError } from '../../api/http'
import { listCases, type CaseSummary, type Pagination } from './case-api'
import { stateToApiQuery, type CaseListState } from './case-list-query'

export type LoadStatus = 'loading' | 'ready' | 'error'

/** state() returns null while the list page is being left, so no request is sent for another route. */
export function useCaseList(state: () => CaseListState | null) {
  const rows = shallowRef<CaseSummary[]>([])
  const pagination = ref<Pagination | null>(null)
  const status = ref<LoadStatus>('loading')
  const error = shallowRef<ApiError | null>(null)
  let controller: AbortController | null = null

  async function load(): Promise<void> {
    const current = state()
    if (!current) return
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    status.value = 'loading'
    error.value = null
    try {
      const page = await listCases(stateToApiQuery(current), mine.signal)
      if (mine.signal.aborted) return
      rows.value = page.data
      pagination.value = page.meta.pagination
      status.value = 'ready'
    } catch (caught) {
      if (isAbortError(caught) || mine.signal.aborted) return
      error.value = toApiError(caught)
      status.value = 'error'
    }
  }

  watch(
    () => {
      const current = state()
      return current ? JSON.stringify(current) : null
    },
    (key) => {
      if (key) void load()
    },
    { immediate: true },
  )

  onBeforeUnmount(() => controller?.abort())

  return { rows, pagination, status, error, reload: load }
}
