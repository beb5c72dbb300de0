// Helpers for component tests: a fake server answering fetch by path, a signed-in session, and
// tab channels that talk in memory.
import type { Pinia } from 'pinia'
import type { vi } from 'vitest'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { configureHttp } from './api/http'
import { useSessionStore, type Me } from './stores/session'
import type { TabChannel, TabMessage } from './session/tabs'

export interface FakeRequest {
  method: string
  url: URL
  headers: Headers
  body: unknown
}

export type FakeRoute = (request: FakeRequest) => { status?: number; body?: unknown } | 'network-down'

/** Stands in for fetch: each request goes to the first handler whose path prefix matches. */
export function fakeServer(routes: Record<string, FakeRoute>) {
  const requests: FakeRequest[] = []
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://portal.test')
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      url,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    }
    requests.push(request)
    const path = Object.keys(routes)
      .filter((prefix) => url.pathname.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0]
    const answer = path ? routes[path]?.(request) : { status: 404, body: { data: null, error: { status: 404, message: 'Not Found' } } }
    if (!answer || answer === 'network-down') throw new TypeError('Failed to fetch')
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    })
  }
  return { fetch: fetchImpl, requests }
}

export const PROSECUTOR: Me = {
  id: 3,
  username: 'fiscal.demo1',
  role: 'prosecutor',
  roleName: 'Fiscal',
  can: { createCase: true, seeAllCases: false },
}

/** A signed-in session without timers; 401s are renewed through the store, as in the portal. */
export function signInForTest(pinia: Pinia, me: Me = PROSECUTOR): void {
  const session = useSessionStore(pinia)
  session.accessToken = 'test-token'
  session.me = me
  configureHttp({ getToken: () => session.accessToken, getLanguage: () => 'es-DO', renewToken: (refused) => session.renewAfterRefusal(refused) })
}

/** A button by the name a screen reader gives it (the "+" of the add buttons is hidden from it). */
export function getButton(wrapper: VueWrapper, name: string): DOMWrapper<Element> {
  const found = wrapper.findAll('button').find((candidate) => candidate.text().replace(/^\+\s*/, '') === name)
  if (!found) throw new Error(`no button «${name}»`)
  return found
}

/** The form control that a <label> saying `label` names, inside the element matching `within` if given. */
export function getControl(wrapper: VueWrapper, label: string, within?: string) {
  const scope = within ? wrapper.get(within) : wrapper
  const found = scope.findAll('label').find((candidate) => candidate.text() === label && candidate.attributes('for'))
  if (!found) throw new Error(`no control labelled «${label}»`)
  return wrapper.get<HTMLInputElement & HTMLSelectElement>(`[id="${found.attributes('for')}"]`)
}

/** Fake clock for timer tests; promises and flushPromises keep running for real. */
export const FAKE_CLOCK: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
}

/** A grant as sign-in and refresh answer it. */
export function grantFor(accessToken: string, user: Me = PROSECUTOR, lifetimeMs = 15 * 60_000) {
  return { accessToken, expiresAt: new Date(Date.now() + lifetimeMs).toISOString(), user }
}

/** Channels between pretend tabs: what one posts, the others hear (as BroadcastChannel does). */
export function memoryTabChannels(count: number): TabChannel[] {
  const listeners = Array.from({ length: count }, () => new Set<(message: TabMessage) => void>())
  return listeners.map((mine) => ({
    post: (message: TabMessage) => {
      for (const other of listeners) if (other !== mine) other.forEach((handler) => handler(message))
    },
    listen(handler: (message: TabMessage) => void) {
      mine.add(handler)
      return () => {
        mine.delete(handler)
      }
    },
    close: () => mine.clear(),
  }))
}

function item(code: string, labelEs: string, labelEn: string, sortOrder: number) {
  return { code, labelEs, labelEn, active: true, sortOrder, parentCode: null, meta: {} }
}

/** A small answer of GET /api/code-lists. */
export const CODE_LISTS_BODY = {
  data: [
    { documentId: 'cl1', key: 'case-type', items: [item('trata', 'Trata de personas', 'Trafficking in persons', 1), item('trafico', 'Tráfico ilícito de migrantes', 'Smuggling of migrants', 2)] },
    { documentId: 'cl2', key: 'case-stage', items: [item('investigation', 'Investigación', 'Investigation', 2), item('intake', 'Denuncia', 'Intake', 1), { ...item('old', 'Etapa retirada', 'Retired stage', 3), active: false }] },
    { documentId: 'cl4', key: 'case-origin', items: [item('denuncia', 'Denuncia', 'Complaint', 1), item('querella', 'Querella', 'Private complaint', 2), item('de-oficio', 'De oficio', 'Ex officio', 3)] },
    { documentId: 'cl3', key: 'province', items: [item('santiago', 'Santiago', 'Santiago', 2), item('la-altagracia', 'La Altagracia', 'La Altagracia', 1)] },
    { documentId: 'cl5', key: 'party-role', items: [item('victim-adult', 'Víctima adulta', 'Adult victim', 1), item('witness', 'Testigo', 'Witness', 2), item('suspect', 'Sospechoso', 'Suspect', 3)] },
    { documentId: 'cl6', key: 'sex', items: [item('f', 'Femenino', 'Female', 1), item('m', 'Masculino', 'Male', 2)] },
    { documentId: 'cl7', key: 'nationality', items: [item('do', 'Dominicana', 'Dominican', 1), item('ht', 'Haitiana', 'Haitian', 2)] },
    { documentId: 'cl8', key: 'identity-document-kind', items: [item('cedula', 'Cédula de identidad y electoral', 'Dominican identity card (cédula)', 1), item('passport', 'Pasaporte', 'Passport', 2)] },
    { documentId: 'cl9', key: 'protection-measure-type', items: [item('albergue', 'Alojamiento en albergue seguro', 'Safe shelter', 1), item('alejamiento', 'Orden de alejamiento del agresor', 'Restraining order', 2)] },
    { documentId: 'cl10', key: 'consent-purpose', items: [item('data-sharing', 'Compartir datos con instituciones', 'Sharing data with agencies', 1), item('shelter', 'Ingreso en albergue', 'Admission to a shelter', 2)] },
    { documentId: 'cl11', key: 'victim-service', items: [item('shelter', 'Albergue', 'Shelter', 1), item('health', 'Salud', 'Health', 2)] },
    { documentId: 'cl12', key: 'service-referral-status', items: [item('requested', 'Solicitada', 'Requested', 1), item('accepted', 'Aceptada', 'Accepted', 2)] },
    { documentId: 'cl13', key: 'identification-indicator', items: [item('injuries', 'Presenta lesiones', 'Has injuries', 1), item('restricted-movement', 'Libertad de movimiento o de relación restringida', 'Restricted movement or association', 2)] },
    { documentId: 'cl14', key: 'control-method', items: [item('debt-bondage', 'Servidumbre por deudas', 'Debt bondage', 1), item('withholds-documents', 'Retiene sus documentos', 'Withholds documents', 2)] },
  ],
  meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 14 } },
}
