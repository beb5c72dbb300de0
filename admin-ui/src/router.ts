// Routes of the portal. Every page is a lazy chunk; the shell wraps the signed-in pages.
import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import type { Pinia } from 'pinia'
import { useSessionStore } from './stores/session'
import { homeRouteOf } from './home'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./features/auth/LoginPage.vue'),
    meta: { public: true },
  },
  {
    // The admin panel's preview of a draft form (a signed link; no session, no personal data).
    path: '/vista-previa/formulario',
    name: 'form-preview',
    component: () => import('./features/forms/FormPreviewPage.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('./components/AppShell.vue'),
    children: [
      { path: '', name: 'home', redirect: { name: 'cases' } },
      { path: 'casos', name: 'cases', component: () => import('./features/cases/CaseListPage.vue') },
      { path: 'casos/nuevo', name: 'case-new', component: () => import('./features/cases/NewCasePage.vue') },
      { path: 'casos/:documentId', name: 'case', component: () => import('./features/cases/CasePage.vue') },
      { path: 'derivaciones', name: 'referrals', component: () => import('./features/referrals/ReferralInboxPage.vue') },
      { path: 'derivaciones/:documentId', name: 'referral', component: () => import('./features/referrals/ReferralInboxPage.vue') },
      { path: 'plazos', name: 'deadlines', component: () => import('./features/deadlines/MyDeadlinesPage.vue') },
      { path: 'casos/:documentId/plan', name: 'case-plan', component: () => import('./features/plans/PlanPage.vue') },
      { path: 'personas/buscar', name: 'person-search', component: () => import('./features/people/PersonSearchPage.vue') },
      // The code is a pseudonym: the only thing about a person that may go in an address.
      { path: 'personas/:code', name: 'person', component: () => import('./features/people/PersonPage.vue') },
      { path: 'estadisticas', name: 'dashboard', component: () => import('./features/dashboard/DashboardPage.vue') },
      { path: 'informes', name: 'reports', component: () => import('./features/reports/ReportsPage.vue') },
      { path: 'auditoria', name: 'audit', component: () => import('./features/audit/AuditPage.vue') },
      { path: 'cuenta/sesiones', name: 'account-sessions', component: () => import('./features/account/SessionsPage.vue') },
      { path: 'cuenta/contrasena', name: 'account-password', component: () => import('./features/account/PasswordPage.vue') },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
    ],
  },
]

/** Only paths inside the portal are followed after sign-in (no open redirect). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  if (value === '/login' || value.startsWith('/login?')) return null
  return value
}

export function createPortalRouter(history: RouterHistory, pinia: Pinia) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia)
    // Before choosing between sign-in and the portal, try the refresh cookie (once, at start).
    await session.restore()
    if (to.meta.public) {
      return to.name === 'login' && session.isSignedIn ? { name: 'cases' } : true
    }
    if (!session.isSignedIn) {
      // "/" (Inicio) comes here already redirected to its default page: sign-in then goes to the user's own Inicio.
      const home = to.fullPath === '/' || to.redirectedFrom?.name === 'home'
      return { name: 'login', query: home ? {} : { redirect: to.fullPath } }
    }
    // "Inicio" is each role's own work: the dashboard for the statistics unit, the audit trail for
    // auditors, the referral inbox for liaisons (only once signed in is the role known).
    if (to.name === 'cases' && to.redirectedFrom?.name === 'home') {
      const home = homeRouteOf(session.me)
      if (home !== 'cases') return { name: home }
    }
    return true
  })

  return router
}
