import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import DeadlineBadge from './DeadlineBadge.vue'
import { BADGE_REFRESH_MS } from './deadlines-api'
import { i18n, setLanguage } from '../../i18n'
import { FAKE_CLOCK, fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const mounted: VueWrapper[] = []

async function showBadge(answer: FakeRoute) {
  const server = fakeServer({ '/api/me/deadlines/summary': answer })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/casos', name: 'cases', component: Stub },
      { path: '/plazos', name: 'deadlines', component: Stub },
    ],
  })
  await router.push('/casos')
  const wrapper = mount(DeadlineBadge, { global: { plugins: [pinia, i18n, router] } })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, router, asked: () => server.requests.length }
}

beforeEach(() => {
  setLanguage('es')
  vi.useFakeTimers(FAKE_CLOCK)
})
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the header badge of deadlines', () => {
  it('counts the deadlines due soon and overdue, says both in its name, and links to Mis plazos', async () => {
    const { wrapper } = await showBadge(() => ({ body: { data: { dueSoon: 2, overdue: 1 } } }))
    const link = wrapper.get('a')
    expect(link.attributes('href')).toBe('/plazos')
    expect(link.text()).toContain('3')
    expect(link.text()).toContain('plazos')
    expect(link.attributes('aria-label')).toBe('3 plazos requieren atención: 2 por vencer y 1 vencido')
    expect(link.classes()).toContain('urgent')
  })

  it('is hidden when nothing needs attention, and when the count cannot be read', async () => {
    const none = await showBadge(() => ({ body: { data: { dueSoon: 0, overdue: 0 } } }))
    expect(none.wrapper.find('a').exists()).toBe(false)
    const down = await showBadge(() => 'network-down')
    expect(down.wrapper.find('a').exists()).toBe(false)
  })

  it('reads the count again on every change of page and every few minutes', async () => {
    let dueSoon = 1
    const { wrapper, router, asked } = await showBadge(() => ({ body: { data: { dueSoon, overdue: 0 } } }))
    expect(asked()).toBe(1)
    expect(wrapper.get('a').attributes('aria-label')).toBe('1 plazo requiere atención: 1 por vencer y 0 vencidos')
    expect(wrapper.get('a').classes()).not.toContain('urgent')
    dueSoon = 4
    await router.push('/plazos')
    await flushPromises()
    expect(asked()).toBe(2)
    expect(wrapper.get('a').text()).toContain('4')
    dueSoon = 0
    await vi.advanceTimersByTimeAsync(BADGE_REFRESH_MS)
    await flushPromises()
    expect(asked()).toBe(3)
    expect(wrapper.find('a').exists()).toBe(false)
  })

  it('speaks English when asked', async () => {
    setLanguage('en')
    const { wrapper } = await showBadge(() => ({ body: { data: { dueSoon: 1, overdue: 2 } } }))
    expect(wrapper.get('a').attributes('aria-label')).toBe('3 deadlines need attention: 1 due soon and 2 overdue')
  })
})
