// A paged list read from the server: the page it shows, read again from page 1 whenever what it
// depends on changes (and at once), and `go` to another page. Reads cancel each other as in
// useAbortableLoad.
import { ref, watch, type WatchSource } from 'vue'
import { useAbortableLoad } from './use-abortable-load'

export function usePagedLoad<T>(read: (page: number, signal: AbortSignal) => Promise<T>, resetOn: WatchSource | WatchSource[]) {
  const page = ref(1)
  const { data, error, load } = useAbortableLoad((signal) => read(page.value, signal))

  watch(
    resetOn,
    () => {
      page.value = 1
      void load()
    },
    { immediate: true },
  )

  function go(to: number): void {
    page.value = to
    void load()
  }

  return { page, data, error, load, go }
}
