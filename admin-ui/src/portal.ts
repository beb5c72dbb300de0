// Assembles the portal (Pinia, router, i18n, HTTP wiring) so main.ts and tests build it the same way.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import type { RouterHistory } from 'vue-router'
import App from './App.vue'
import { configureHttp } from './api/http'
import { currentLanguage, i18n, languageTag } from './i18n'
import { createPortalRouter } from './router'
import { resetAllStores, resettablePlugin } from './stores/reset'
import { useSessionStore } from './stores/session'

export function createPortal(history: RouterHistory) {
  const app = createApp(App)
  const pinia = createPinia()
  pinia.use(resettablePlugin)
  // Pinia applies plugins only to stores created after it is installed: install it first.
  app.use(pinia)
  const router = createPortalRouter(history, pinia)
  let leaving = false

  configureHttp({
    getToken: () => useSessionStore(pinia).jwt,
    getLanguage: () => languageTag(currentLanguage()),
    onUnauthorized: () => {
      // Several requests may fail together when the token expires: leave once.
      if (leaving) return
      const current = router.currentRoute.value
      if (current.meta.public) return
      leaving = true
      resetAllStores(pinia)
      void router
        .replace({ name: 'login', query: { redirect: current.fullPath, reason: 'expired' } })
        .finally(() => {
          leaving = false
        })
    },
  })

  document.documentElement.lang = languageTag(currentLanguage())
  app.use(i18n)
  app.use(router)
  return { app, router, pinia }
}
