// Assembles the portal (Pinia, router, i18n, HTTP and session wiring) so main.ts and tests build it
// the same way.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import type { RouterHistory } from 'vue-router'
import App from './App.vue'
import { configureHttp } from './api/http'
import { currentLanguage, i18n, languageTag } from './i18n'
import { createPortalRouter } from './router'
import { resettablePlugin } from './stores/reset'
import { useSessionStore, type SessionTimings } from './stores/session'
import { endSession } from './session/end-session'
import { TAB_CHANNEL_KEY, type TabChannel } from './session/tabs'
import { IDLE_TIMINGS_KEY, type IdleTimings } from './composables/use-idle-timeout'

export interface PortalOptions {
  /** The other tabs of this browser (BroadcastChannel in main.ts); none by default. */
  tabs?: TabChannel | null
  /** Shorter idle timings (tests, demos). */
  idleTimings?: Partial<IdleTimings>
  /** Token renewal timings (tests). */
  sessionTimings?: Partial<SessionTimings>
}

export function createPortal(history: RouterHistory, options: PortalOptions = {}) {
  const app = createApp(App)
  const pinia = createPinia()
  pinia.use(resettablePlugin)
  // Pinia applies plugins only to stores created after it is installed: install it first.
  app.use(pinia)
  const router = createPortalRouter(history, pinia)
  const tabs = options.tabs ?? null
  const session = useSessionStore(pinia)
  const context = { pinia, router, tabs }

  configureHttp({
    getToken: () => session.accessToken,
    getLanguage: () => languageTag(currentLanguage()),
    renewToken: (refused) => session.renewAfterRefusal(refused),
  })
  // The refresh cookie was refused: the session is over. Drafts stay for after the next sign-in.
  session.configure({
    timings: options.sessionTimings,
    onEnded: () => void endSession(context, 'expired'),
  })
  // Another tab signed out, or its session ran out of time: this tab shares that session.
  tabs?.listen((message) => {
    if (message.type === 'signed-out' && session.isSignedIn) {
      void endSession(context, message.reason, { clearDrafts: message.reason === 'signed-out' })
    }
  })
  // Start the refresh now, while the first page's code loads; the router waits for it.
  void session.restore()

  app.provide(TAB_CHANNEL_KEY, tabs)
  app.provide(IDLE_TIMINGS_KEY, options.idleTimings ?? {})
  document.documentElement.lang = languageTag(currentLanguage())
  app.use(i18n)
  app.use(router)
  return { app, router, pinia }
}
