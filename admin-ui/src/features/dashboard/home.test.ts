import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createPortalRouter } from '../../router'
import { PROSECUTOR, signInForTest } from '../../test-support'
import { useSessionStore } from '../../stores/session'
import type { Me } from '../../api/access'
import { canReadStatistics } from './dashboard-access'

const STATISTICIAN: Me = { id: 12, username: 'estadistica.demo', role: 'statistician', roleName: 'Estadístico(a)', can: { createCase: false, seeAllCases: false } }

async function routerFor(me: Me | null) {
  const pinia = createPinia()
  if (me) signInForTest(pinia, me)
  // No refresh cookie to try: the session is what the test says.
  vi.spyOn(useSessionStore(pinia), 'restore').mockResolvedValue(undefined)
  return createPortalRouter(createMemoryHistory(), pinia)
}

afterEach(() => vi.restoreAllMocks())

describe('Inicio', () => {
  it('is the dashboard for the statistics unit, also right after signing in', async () => {
    const router = await routerFor(STATISTICIAN)
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('dashboard')
    await router.push('/vista-previa/formulario')
    await router.replace({ name: 'home' })
    expect(router.currentRoute.value.fullPath).toBe('/estadisticas')
  })

  it('is the case list for the roles that see cases, the audit trail for auditors, the inbox for liaisons', async () => {
    const cases = await routerFor(PROSECUTOR)
    await cases.push('/')
    expect(cases.currentRoute.value.name).toBe('cases')
    const audit = await routerFor({ ...PROSECUTOR, role: 'auditor', can: { readAuditTrail: true } })
    await audit.push('/')
    expect(audit.currentRoute.value.name).toBe('audit')
    const inbox = await routerFor({ ...PROSECUTOR, role: 'agency-liaison' })
    await inbox.push('/')
    expect(inbox.currentRoute.value.name).toBe('referrals')
  })

  it('sends a visitor of "/" to sign in without a fixed page to return to, so each role lands on its own Inicio', async () => {
    const router = await routerFor(null)
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/login')
  })
})

describe('"Tablero" in the rail', () => {
  it('is for the statistics unit and the chief prosecutor only, unless the server says otherwise', () => {
    expect(canReadStatistics(STATISTICIAN)).toBe(true)
    expect(canReadStatistics({ ...PROSECUTOR, role: 'chief-prosecutor' })).toBe(true)
    expect(canReadStatistics(PROSECUTOR)).toBe(false)
    expect(canReadStatistics({ ...PROSECUTOR, role: 'auditor' })).toBe(false)
    expect(canReadStatistics(null)).toBe(false)
    expect(canReadStatistics({ ...STATISTICIAN, can: { readStatistics: false } })).toBe(false)
  })
})
