// "Cerrar sesión": ends the session on the server (POST /api/access/logout) and in every tab, clears
// every store and this tab's drafts, and returns to the sign-in page.
import { useEndSession } from '../session/end-session'

export function useSignOut(): () => Promise<void> {
  const end = useEndSession()
  return () => end('signed-out', { remote: true, notifyTabs: true, clearDrafts: true })
}
