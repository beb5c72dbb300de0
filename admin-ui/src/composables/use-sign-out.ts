// Sign-out: every store back to its first state, this tab's drafts removed, back to the sign-in page.
import { getActivePinia } from 'pinia'
import { useRouter } from 'vue-router'
import { resetAllStores } from '../stores/reset'
import { clearAllDrafts } from './use-session-draft'

export function useSignOut(): () => Promise<void> {
  const pinia = getActivePinia()
  const router = useRouter()
  return async () => {
    if (pinia) resetAllStores(pinia)
    clearAllDrafts()
    await router.replace({ name: 'login', query: { reason: 'signed-out' } })
  }
}
