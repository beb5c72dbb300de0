// "Sign-out and expiry clear every store": a Pinia plugin remembers each store's first state
// so that resetAllStores() can put every store back, setup stores included.
import type { Pinia, PiniaPluginContext } from 'pinia'

const resetters = new WeakMap<Pinia, Set<() => void>>()

export function resettablePlugin({ pinia, store }: PiniaPluginContext): void {
  // Stores hold plain JSON data only, so a JSON copy is a faithful snapshot.
  const initial = JSON.stringify(store.$state)
  const reset = () => {
    const fresh = JSON.parse(initial) as Record<string, unknown>
    store.$patch((state: Record<string, unknown>) => {
      for (const key of Object.keys(state)) {
        if (!(key in fresh)) delete state[key]
      }
      Object.assign(state, fresh)
    })
  }
  const set = resetters.get(pinia) ?? new Set<() => void>()
  set.add(reset)
  resetters.set(pinia, set)
}

export function resetAllStores(pinia: Pinia): void {
  for (const reset of resetters.get(pinia) ?? []) reset()
}
