import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import LoginPage from './LoginPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { configureHttp } from '../../api/http'
import { useSessionStore } from '../../stores/session'
import { PROSECUTOR, fakeServer, grantFor, type FakeRoute } from '../../test-support'

const Stub = defineComponent({ render: () => h('p', 'cases page') })
const Root = defineComponent({ render: () => h(RouterView) })

const QR = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4='
const CODES = ['AB12-CD34', 'EF56-GH78', 'JK90-LM12', 'NP34-QR56', 'ST78-UV90', 'WX12-YZ34', 'A2B3-C4D5', 'E6F7-G8H9', 'J2K3-L4M5', 'N6P7-Q8R9']

function refused(status: number, message: string) {
  return { status, body: { data: null, error: { status, name: 'Error', message } } }
}

async function showLogin(routes: Record<string, FakeRoute>, path = '/login?redirect=/casos/abc') {
  const server = fakeServer(routes)
  vi.stubGlobal('fetch', server.fetch)
  const pinia: Pinia = createPinia()
  const session = useSessionStore(pinia)
  configureHttp({ getToken: () => session.accessToken, getLanguage: () => 'es-DO', renewToken: async () => 'ended' })
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage },
      { path: '/casos', name: 'cases', component: Stub },
      { path: '/casos/:documentId', name: 'case', component: Stub },
    ],
  })
  await router.push(path)
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, server, session }
}

function byLabel(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text)
  if (!label) throw new Error(`no label «${text}»`)
  return wrapper.get(`#${label.attributes('for')}`)
}

function button(wrapper: VueWrapper, text: string) {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === text)
  if (!found) throw new Error(`no button «${text}»`)
  return found
}

async function passFirstStep(wrapper: VueWrapper) {
  await byLabel(wrapper, 'Usuario o correo').setValue('fiscal.demo1')
  await byLabel(wrapper, 'Contraseña').setValue('una contraseña larga')
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  setLanguage('es')
  sessionStorage.clear()
  localStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('sign-in, second step', () => {
  const routes = (verify: FakeRoute) => ({
    '/api/access/login': () => ({ body: { status: 'totp-required', challenge: 'challenge-1' } }),
    '/api/access/login/totp': verify,
  })

  it('asks for the verification code, then enters the page asked for', async () => {
    const { wrapper, router, server, session } = await showLogin(routes(() => ({ body: { status: 'signed-in', ...grantFor('access-1') } })))
    await passFirstStep(wrapper)

    expect(wrapper.get('h1').text()).toBe('Verificación en dos pasos')
    const code = byLabel(wrapper, 'Código de verificación')
    expect(code.attributes('autocomplete')).toBe('one-time-code')
    expect(document.activeElement).toBe(code.element)
    expect(wrapper.text()).toContain('Escriba el código de 6 dígitos que muestra su aplicación de autenticación.')
    await code.setValue('123 456')
    await button(wrapper, 'Verificar').trigger('click')
    await flushPromises()

    const sent = server.requests.find((request) => request.url.pathname === '/api/access/login/totp')!
    expect(sent.body).toEqual({ challenge: 'challenge-1', code: '123456' })
    expect(sent.headers.has('Authorization')).toBe(false)
    expect(session.accessToken).toBe('access-1')
    expect(session.me).toEqual(PROSECUTOR)
    expect(router.currentRoute.value.fullPath).toBe('/casos/abc')
  })

  it('takes a recovery code, with the hint switched, and sends it as XXXX-XXXX', async () => {
    const { wrapper, server } = await showLogin(routes(() => ({ body: { status: 'signed-in', ...grantFor('access-1') } })))
    await passFirstStep(wrapper)
    await button(wrapper, 'Usar un código de recuperación').trigger('click')
    expect(wrapper.text()).toContain('Escriba uno de sus códigos de recuperación, con el formato XXXX-XXXX.')
    expect(button(wrapper, 'Usar el código de la aplicación').exists()).toBe(true)
    await byLabel(wrapper, 'Código de verificación').setValue('ab12cd34')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(server.requests.find((request) => request.url.pathname === '/api/access/login/totp')!.body).toEqual({ challenge: 'challenge-1', code: 'AB12-CD34' })
  })

  it('checks the shape of the code before sending it', async () => {
    const { wrapper, server } = await showLogin(routes(() => ({ status: 500 })))
    await passFirstStep(wrapper)
    await byLabel(wrapper, 'Código de verificación').setValue('12345')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#totp-error').text()).toBe('El código tiene 6 dígitos.')
    expect(server.requests.some((request) => request.url.pathname === '/api/access/login/totp')).toBe(false)
  })

  it('a wrong code: the server message in the live region, and the user stays on the step', async () => {
    const { wrapper, router, session } = await showLogin(routes(() => refused(400, 'El código no es válido.')))
    await passFirstStep(wrapper)
    await byLabel(wrapper, 'Código de verificación').setValue('000000')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const live = wrapper.get('#totp-error')
    expect(live.attributes('role')).toBe('alert')
    expect(live.text()).toBe('El código no es válido.')
    expect((byLabel(wrapper, 'Código de verificación').element as HTMLInputElement).value).toBe('')
    expect(session.accessToken).toBeNull()
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('too many wrong codes (429): the lock message as sent', async () => {
    const { wrapper } = await showLogin(routes(() => refused(429, 'Demasiados intentos. Espere 15 minutos.')))
    await passFirstStep(wrapper)
    await byLabel(wrapper, 'Código de verificación').setValue('000000')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#totp-error').text()).toBe('Demasiados intentos. Espere 15 minutos.')
  })

  it('an expired challenge (401) goes back to the first step with the reason', async () => {
    const { wrapper } = await showLogin(routes(() => refused(401, 'La verificación venció. Inicie sesión de nuevo.')))
    await passFirstStep(wrapper)
    await byLabel(wrapper, 'Código de verificación').setValue('123456')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Iniciar sesión')
    expect(wrapper.get('#login-error').text()).toBe('La verificación venció. Inicie sesión de nuevo.')
    // The password is not kept once the first step is passed.
    expect((byLabel(wrapper, 'Contraseña').element as HTMLInputElement).value).toBe('')
  })

  it('"Cancelar" goes back to the first step', async () => {
    const { wrapper } = await showLogin(routes(() => ({ status: 500 })))
    await passFirstStep(wrapper)
    await button(wrapper, 'Cancelar').trigger('click')
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Iniciar sesión')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Usuario o correo').element)
  })
})

describe('sign-in, enrolment of the second factor', () => {
  function routes(confirm: FakeRoute = () => ({ body: { status: 'signed-in', ...grantFor('access-2'), recoveryCodes: CODES } })) {
    return {
      '/api/access/login': () => ({ body: { status: 'enrolment-required', challenge: 'challenge-2' } }),
      '/api/access/totp/enrolment/confirm': confirm,
      '/api/access/totp/enrolment': () => ({ body: { secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/PETT:fiscal.demo1?secret=JBSWY3DPEHPK3PXP&issuer=PETT', qrCode: QR } }),
    }
  }

  it('shows the QR code and the secret, confirms a code, shows the recovery codes once, then enters', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { wrapper, router, server, session } = await showLogin(routes())
    await passFirstStep(wrapper)

    expect(wrapper.get('h1').text()).toBe('Configurar la verificación en dos pasos')
    expect(server.requests.find((request) => request.url.pathname === '/api/access/totp/enrolment')!.body).toEqual({ challenge: 'challenge-2' })
    const qr = wrapper.get('img')
    expect(qr.attributes('alt')).toBe('Código QR para su aplicación de autenticación')
    expect(qr.attributes('src')).toBe(QR)
    expect((byLabel(wrapper, 'Clave para ingresar manualmente').element as HTMLInputElement).value).toBe('JBSWY3DPEHPK3PXP')
    expect(byLabel(wrapper, 'Clave para ingresar manualmente').attributes('readonly')).toBeDefined()

    await byLabel(wrapper, 'Código de verificación').setValue('654321')
    await button(wrapper, 'Confirmar').trigger('click')
    await flushPromises()
    expect(server.requests.find((request) => request.url.pathname === '/api/access/totp/enrolment/confirm')!.body).toEqual({ challenge: 'challenge-2', code: '654321' })

    expect(wrapper.get('h1').text()).toBe('Códigos de recuperación')
    expect(wrapper.text()).toContain('Guarde estos códigos en un lugar seguro')
    expect(wrapper.findAll('li code').map((code) => code.text())).toEqual(CODES)
    expect(session.accessToken).toBe('access-2')
    expect(router.currentRoute.value.name).toBe('login')

    await button(wrapper, 'Copiar').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(CODES.join('\n'))
    expect(wrapper.get('[role="status"]').text()).toBe('Códigos copiados.')

    await button(wrapper, 'Continuar').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/casos/abc')
    // Shown once: nothing of them is left in storage.
    expect(JSON.stringify({ ...sessionStorage, ...localStorage })).not.toContain('AB12-CD34')
  })

  it('without a clipboard, there is no "Copiar" button', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    const { wrapper } = await showLogin(routes())
    await passFirstStep(wrapper)
    await byLabel(wrapper, 'Código de verificación').setValue('654321')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Códigos de recuperación')
    expect(wrapper.findAll('button').map((candidate) => candidate.text())).toEqual(['ES', 'EN', 'Continuar'])
  })

  it('a wrong first code: the server message, still on the enrolment step', async () => {
    const { wrapper, session } = await showLogin(routes(() => refused(400, 'El código no coincide. Revise la hora de su teléfono.')))
    await passFirstStep(wrapper)
    await byLabel(wrapper, 'Código de verificación').setValue('111111')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#enrolment-error').text()).toBe('El código no coincide. Revise la hora de su teléfono.')
    expect(wrapper.get('h1').text()).toBe('Configurar la verificación en dos pasos')
    expect(session.accessToken).toBeNull()
  })
})

describe('sign-in page', () => {
  it('a role without a second factor is signed in at once', async () => {
    const { wrapper, router, session } = await showLogin({
      '/api/access/login': () => ({ body: { status: 'signed-in', ...grantFor('access-3') } }),
    })
    await passFirstStep(wrapper)
    expect(session.accessToken).toBe('access-3')
    expect(router.currentRoute.value.fullPath).toBe('/casos/abc')
  })

  it('says why the user is here: inactivity, password change', async () => {
    const idle = await showLogin({}, '/login?reason=idle')
    expect(idle.wrapper.text()).toContain('Su sesión venció por inactividad. Inicie sesión de nuevo.')
    idle.wrapper.unmount()
    const changed = await showLogin({}, '/login?reason=password-changed')
    expect(changed.wrapper.text()).toContain('Su contraseña se cambió. Inicie sesión con la nueva contraseña.')
  })
})
