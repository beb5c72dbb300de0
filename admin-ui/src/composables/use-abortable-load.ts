// A list a section reads from the server and may read again (after an upload, after an opening):
// each new read cancels the one before, and leaving the page cancels the last.
import { onBeforeUnmount, shallowRef } from 'vue'
import { isAbortError, toApiError, type ApiError } from '../api/http'

export function useAbortableLoad<T>(read: (signal: AbortSignal) => Promise<T>) {
  const data = shallowRef<T | null>(null)
  const error = shallowRef<ApiError | null>(null)
  let controller: AbortController | null = null

  async function load(): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    error.value = null
    try {
      const loaded = await read(mine.signal)
      if (!mine.signal.aborted) data.value = loaded
    } catch (caught) {
      if (!isAbortError(caught) && !mine.signal.aborted) error.value = toApiError(caught)
    }
  }

  onBeforeUnmount(() => controller?.abort())
  return { data, error, load }
}
