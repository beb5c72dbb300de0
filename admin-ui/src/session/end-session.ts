// Every way a session ends goes through here: stores back to their first state, then the sign-in
// page with the reason. Drafts survive an expiry (the user did not choose to leave) and are removed
// on an explicit sign-out (shared computers).
import { inject } from 'vue'
import { getActivePinia, type Pinia } from 'pinia'
import { useRouter, type Router } from 'vue-router'
import { resetAllStores } from '../stores/reset'
import { useSessionStore } from '../stores/session'
import { clearAllDrafts } from '../composables/use-session-draft'
import { TAB_CHANNEL_KEY, type EndReason, type TabChannel } from './tabs'

export type { EndReason }

export interface EndContext {
  pinia: Pinia
  router: Router
  tabs: TabChannel | null
}

export interface EndOptions {
  /** Tell the server (POST /logout). Not needed when the server already ended the session. */
  remote?: boolean
  /** Tell the other tabs of this browser, which share the session. */
  notifyTabs?: boolean
  clearDrafts?: boolean
}

const ending = new WeakSet<Pinia>()

export async function endSession(context: EndContext, reason: EndReason, options: EndOptions = {}): Promise<void> {
  // Several requests may fail together, or a tab message may cross a local sign-out: leave once.
  if (ending.has(context.pinia)) return
  ending.add(context.pinia)
  try {
    // POST /logout leaves now with the token; the screen is cleared without waiting for the answer
    // (a slow link must not keep a case on the screen of a shared computer).
    const leaving = options.remote ? useSessionStore(context.pinia).logout() : Promise.resolve()
    if (options.notifyTabs) context.tabs?.post({ type: 'signed-out', reason })
    const current = context.router.currentRoute.value
    resetAllStores(context.pinia)
    if (options.clearDrafts) clearAllDrafts()
    if (!current.meta.public) {
      // After an expiry the user comes back to the same page; after a chosen exit, to the start.
      const keepPlace = (reason === 'expired' || reason === 'idle') && current.fullPath !== '/'
      await context.router.replace({ name: 'login', query: keepPlace ? { redirect: current.fullPath, reason } : { reason } })
    }
    await leaving
  } finally {
    ending.delete(context.pinia)
  }
}

/** For components: ends the session with the portal's router, stores and tab channel. */
export function useEndSession(): (reason: EndReason, options?: EndOptions) => Promise<void> {
  const pinia = getActivePinia()
  const router = useRouter()
  const tabs = inject(TAB_CHANNEL_KEY, null)
  return async (reason, options) => {
    if (pinia) await endSession({ pinia, router, tabs }, reason, options)
  }
}
