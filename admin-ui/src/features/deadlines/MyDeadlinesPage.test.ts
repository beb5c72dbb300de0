import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import MyDeadlinesPage from './MyDeadlinesPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { useAnnouncerStore } from '../../stores/announcer'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'
import { myDeadline, paged } from './test-fixtures'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const mounted: VueWrapper[] = []

const NOTIFICATIONS = [
  { id: 11, kind: 'deadline-due-soon', message: 'El plazo «Solicitud de medida de coerción» del caso PETT-2026-00001 vence el 15/03/2026.', link: '/casos/case-1', createdAt: '2026-03-14T10:00:00.000Z', readAt: null },
  { id: 12, kind: 'deadline-overdue', message: 'El plazo «Acuse de la remisión» del caso PETT-2026-00003 venció.', link: 'https://elsewhere.example/x', createdAt: '2026-03-13T10:00:00.000Z', readAt: '2026-03-13T12:00:00.000Z' },
]

function notificationsBody(unreadOnly: boolean, read: Set<number>) {
  const data = NOTIFICATIONS.map((n) => (read.has(n.id) ? { ...n, readAt: '2026-03-14T16:00:00.000Z' } : n)).filter((n) => !unreadOnly || !n.readAt)
  return { data, meta: { pagination: { page: 1, pageSize: 10, pageCount: 1, total: data.length }, unread: NOTIFICATIONS.filter((n) => !n.readAt && !read.has(n.id)).length } }
}

async function showPage(routes: Record<string, FakeRoute> = {}) {
  const read = new Set<number>()
  let feed: string | null = null
  const server = fakeServer({
    '/api/me/deadlines': (request) => {
      const alert = request.url.searchParams.get('alert')
      const page = Number(request.url.searchParams.get('page'))
      if (alert === 'overdue') return { body: paged([]) }
      if (alert === 'due-soon') return { body: paged([myDeadline(1, '2026-03-15T14:00:00.000Z', { name: 'Solicitud de medida de coerción', alert: 'due-soon' })]) }
      return { body: paged([myDeadline(page === 1 ? 1 : 21, '2026-03-15')], page, 2, 21) }
    },
    '/api/me/notifications': (request) => {
      if (request.method === 'POST') {
        if (request.url.pathname.endsWith('/read-all')) NOTIFICATIONS.forEach((n) => read.add(n.id))
        else read.add(Number(request.url.pathname.split('/').at(-2)))
        return { status: 204 }
      }
      return { body: notificationsBody(request.url.searchParams.get('unread') === 'true', read) }
    },
    '/api/me/calendar-feed': (request) => {
      if (request.method === 'POST') feed = `https://pett.example/api/calendar/${read.size}secret${Math.random().toString(36).slice(2)}.ics`
      if (request.method === 'DELETE') {
        feed = null
        return { status: 204 }
      }
      return { body: { data: { url: feed } } }
    },
    ...routes,
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/plazos', name: 'deadlines', component: MyDeadlinesPage }, { path: '/casos/:documentId', name: 'case', component: Stub }] })
  await router.push('/plazos')
  const wrapper = mount(MyDeadlinesPage, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, announcer: useAnnouncerStore(pinia) }
}

const button = (wrapper: VueWrapper, name: string) => wrapper.findAll('button').find((candidate) => candidate.text().replace(/[‹›]/g, '').trim() === name)!
const deadlineRequests = (server: { requests: { url: URL; method: string }[] }) => server.requests.filter((r) => r.url.pathname === '/api/me/deadlines')

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Mis plazos', () => {
  it('lists my open deadlines a page at a time, each linking to its case', async () => {
    const { wrapper, server } = await showPage()
    expect(wrapper.get('h1').text()).toBe('Mis plazos')
    expect(document.title).toBe('Mis plazos · PETT')
    expect(wrapper.text()).toContain('21 plazos')
    const row = wrapper.get('tbody tr')
    // The state's icon is hidden from screen readers; the words are what counts.
    expect(row.findAll('td').map((cell) => cell.text().replace(/^[◷⚠✖✔]\s*/, ''))).toEqual(['15/03/2026', 'PETT-2026-00001', 'Plazo 1', 'En plazo', 'Código Procesal Penal, art. 224'])
    expect(row.get('a').attributes('href')).toBe('/casos/case-1')
    expect(wrapper.text()).toContain('Página 1 de 2')
    await button(wrapper, 'Siguiente').trigger('click')
    await flushPromises()
    expect(deadlineRequests(server).at(-1)!.url.searchParams.get('page')).toBe('2')
    expect(wrapper.get('tbody tr a').text()).toBe('PETT-2026-000021')
  })

  it('filters by due soon and overdue on the server, and says why a list is empty', async () => {
    const { wrapper, server } = await showPage()
    await wrapper.get('input[value="due-soon"]').setValue(true)
    await flushPromises()
    expect(deadlineRequests(server).at(-1)!.url.searchParams.get('alert')).toBe('due-soon')
    expect(deadlineRequests(server).at(-1)!.url.searchParams.get('page')).toBe('1')
    expect(wrapper.get('tbody tr').text()).toContain('Por vencer')
    expect(wrapper.get('tbody tr').text()).toContain('15/03/2026 10:00')
    await wrapper.get('input[value="overdue"]').setValue(true)
    await flushPromises()
    expect(wrapper.text()).toContain('No tiene plazos vencidos.')
    await wrapper.get('input[value="all"]').setValue(true)
    await flushPromises()
    expect(deadlineRequests(server).at(-1)!.url.searchParams.has('alert')).toBe(false)
  })

  it('switches to the month calendar', async () => {
    const { wrapper } = await showPage()
    const calendar = button(wrapper, 'Calendario')
    expect(calendar.attributes('aria-pressed')).toBe('false')
    await calendar.trigger('click')
    await flushPromises()
    expect(button(wrapper, 'Calendario').attributes('aria-pressed')).toBe('true')
    expect(wrapper.find('table.grid caption').exists()).toBe(true)
  })

  it('lists the notifications, unread ones marked in words, and marks one or all as read', async () => {
    const { wrapper, server, announcer } = await showPage()
    const section = () => wrapper.get('section[aria-labelledby="notifications-heading"]')
    expect(section().text()).toContain('1 sin leer')
    const items = section().findAll('li.item')
    expect(items[0]!.text()).toContain('Nueva')
    expect(items[0]!.text()).toContain('14/03/2026 06:00')
    expect(items[0]!.get('a').attributes('href')).toBe('/casos/case-1')
    // A link out of the portal is not followed.
    expect(items[1]!.find('a').exists()).toBe(false)
    const mark = items[0]!.get('button')
    expect(mark.attributes('aria-label')).toBe('Marcar como leída la notificación del 14/03/2026 06:00')
    await mark.trigger('click')
    await flushPromises()
    expect(server.requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/me/notifications/11/read')).toBe(true)
    expect(announcer.message).toBe('Notificación marcada como leída.')
    expect(section().text()).toContain('Ninguna sin leer')
    expect(section().text()).not.toContain('Nueva')
  })

  it('"Suscribirse al calendario" shows the secret address once, with a copy button; a new link and turning off are offered after', async () => {
    const { wrapper, server } = await showPage()
    const section = () => wrapper.get('section[aria-labelledby="calendar-feed-heading"]')
    expect(section().text()).toContain('No tiene una suscripción al calendario.')
    await button(wrapper, 'Suscribirse al calendario').trigger('click')
    await flushPromises()
    const field = section().get<HTMLInputElement>('#calendar-feed-url')
    expect(field.element.value).toMatch(/^https:\/\/pett\.example\/api\/calendar\/.+\.ics$/)
    expect(field.attributes('readonly')).toBeDefined()
    expect(document.activeElement).toBe(field.element)
    expect(section().text()).toContain('Este enlace es secreto')
    expect(section().text()).toContain('La suscripción al calendario está activa.')

    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await button(wrapper, 'Copiar enlace').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(field.element.value)
    expect(section().text()).toContain('Enlace copiado.')

    const first = field.element.value
    await button(wrapper, 'Generar un enlace nuevo').trigger('click')
    await flushPromises()
    expect(section().get<HTMLInputElement>('#calendar-feed-url').element.value).not.toBe(first)

    await button(wrapper, 'Desactivar').trigger('click')
    await flushPromises()
    expect(section().text()).toContain('¿Desactivar la suscripción?')
    expect(document.activeElement?.textContent?.trim()).toBe('Sí, desactivar')
    await button(wrapper, 'Sí, desactivar').trigger('click')
    await flushPromises()
    expect(server.requests.some((r) => r.method === 'DELETE' && r.url.pathname === '/api/me/calendar-feed')).toBe(true)
    expect(section().find('#calendar-feed-url').exists()).toBe(false)
    expect(section().text()).toContain('No tiene una suscripción al calendario.')
  })

  it('an active feed does not show its address again; it offers a new link instead', async () => {
    const { wrapper } = await showPage({ '/api/me/calendar-feed': () => ({ body: { data: { url: 'https://pett.example/api/calendar/old.ics' } } }) })
    const section = wrapper.get('section[aria-labelledby="calendar-feed-heading"]')
    expect(section.text()).toContain('La suscripción al calendario está activa.')
    expect(section.text()).not.toContain('old.ics')
    expect(button(wrapper, 'Generar un enlace nuevo').exists()).toBe(true)
  })
})
