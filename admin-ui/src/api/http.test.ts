import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp, request, type RenewOutcome } from './http'
import { fakeServer } from '../test-support'

afterEach(() => vi.unstubAllGlobals())

/** Wires request() to a token that renewal replaces by `renewedTo` (or fails with `outcome`). */
function wire(token: string | null, language = 'es-DO', outcome: RenewOutcome = 'ended', renewedTo = 'fresh') {
  const events = { renewals: [] as string[] }
  let current = token
  configureHttp({
    getToken: () => current,
    getLanguage: () => language,
    renewToken: async (refused) => {
      events.renewals.push(refused)
      if (outcome === 'renewed') current = renewedTo
      return outcome
    },
  })
  return events
}

const REFUSED = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Sesión no válida.' } }

describe('request', () => {
  it('sends the token, the language and a JSON body', async () => {
    wire('abc', 'en')
    const server = fakeServer({ '/api/cases': () => ({ status: 201, body: { data: { documentId: 'x' } } }) })
    vi.stubGlobal('fetch', server.fetch)

    const answer = await request<{ data: { documentId: string } }>('/api/cases', { method: 'POST', body: { data: { title: 'T' } } })

    expect(answer.data.documentId).toBe('x')
    const sent = server.requests[0]!
    expect(sent.headers.get('Authorization')).toBe('Bearer abc')
    expect(sent.headers.get('Accept-Language')).toBe('en')
    expect(sent.headers.get('Content-Type')).toBe('application/json')
    expect(sent.body).toEqual({ data: { title: 'T' } })
  })

  it('sends no token for sign-in', async () => {
    wire('abc')
    const server = fakeServer({ '/api/access/login': () => ({ body: { status: 'totp-required', challenge: 'c' } }) })
    vi.stubGlobal('fetch', server.fetch)
    await request('/api/access/login', { method: 'POST', body: {}, anonymous: true })
    expect(server.requests[0]!.headers.has('Authorization')).toBe(false)
  })

  it('turns a Strapi validation error into an ApiError with its field errors', async () => {
    wire('abc')
    const body = {
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: 'El campo «title» es obligatorio.',
        details: { errors: [{ path: ['title'], message: 'El título es obligatorio.', name: 'ValidationError' }] },
      },
    }
    vi.stubGlobal('fetch', fakeServer({ '/api/cases': () => ({ status: 400, body }) }).fetch)

    const error = await request('/api/cases', { method: 'POST', body: {} }).catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, message: 'El campo «title» es obligatorio.' })
    expect((error as ApiError).fieldErrors).toEqual([{ path: ['title'], message: 'El título es obligatorio.' }])
  })

  it('reports an unreachable server as status 0', async () => {
    wire('abc')
    vi.stubGlobal('fetch', fakeServer({ '/api/cases': () => 'network-down' }).fetch)
    const error = (await request('/api/cases').catch((caught: unknown) => caught)) as ApiError
    expect(error.isNetwork).toBe(true)
  })

  it('a 401 renews the token once and sends the request again with the new one', async () => {
    const events = wire('expired', 'es-DO', 'renewed', 'fresh')
    const server = fakeServer({
      '/api/cases': (sent) =>
        sent.headers.get('Authorization') === 'Bearer fresh' ? { body: { data: [] } } : { status: 401, body: REFUSED },
    })
    vi.stubGlobal('fetch', server.fetch)

    await expect(request('/api/cases', { method: 'POST', body: { data: { title: 'T' } } })).resolves.toEqual({ data: [] })

    expect(events.renewals).toEqual(['expired'])
    expect(server.requests.map((sent) => sent.headers.get('Authorization'))).toEqual(['Bearer expired', 'Bearer fresh'])
    expect(server.requests[1]!.body).toEqual({ data: { title: 'T' } })
  })

  it('retries only once: a second 401 is the answer', async () => {
    const events = wire('expired', 'es-DO', 'renewed', 'fresh')
    const server = fakeServer({ '/api/cases': () => ({ status: 401, body: REFUSED }) })
    vi.stubGlobal('fetch', server.fetch)
    await expect(request('/api/cases')).rejects.toMatchObject({ status: 401 })
    expect(events.renewals).toHaveLength(1)
    expect(server.requests).toHaveLength(2)
  })

  it('when the session cannot be renewed, the refusal is the answer and nothing is sent again', async () => {
    const events = wire('expired', 'es-DO', 'ended')
    const server = fakeServer({ '/api/cases': () => ({ status: 401, body: REFUSED }) })
    vi.stubGlobal('fetch', server.fetch)
    await expect(request('/api/cases')).rejects.toMatchObject({ status: 401, message: 'Sesión no válida.' })
    expect(events.renewals).toEqual(['expired'])
    expect(server.requests).toHaveLength(1)
  })

  it('when the renewal gets no answer, the request fails as a network problem (Reintentar)', async () => {
    wire('expired', 'es-DO', 'unreachable')
    vi.stubGlobal('fetch', fakeServer({ '/api/cases': () => ({ status: 401, body: REFUSED }) }).fetch)
    const error = (await request('/api/cases').catch((caught: unknown) => caught)) as ApiError
    expect(error.isNetwork).toBe(true)
  })

  it('a 401 to an anonymous request (bad second step) or with retry: false is not renewed', async () => {
    const events = wire('abc')
    vi.stubGlobal('fetch', fakeServer({ '/api/access': () => ({ status: 401, body: REFUSED }) }).fetch)
    await expect(request('/api/access/login/totp', { method: 'POST', body: {}, anonymous: true })).rejects.toMatchObject({ status: 401 })
    await expect(request('/api/access/logout', { method: 'POST', retry: false })).rejects.toMatchObject({ status: 401 })
    expect(events.renewals).toEqual([])
  })

  it('sends the refresh cookie: credentials same-origin, never cached', async () => {
    wire(null)
    const calls: RequestInit[] = []
    vi.stubGlobal('fetch', async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push(init)
      return new Response(null, { status: 204 })
    })
    await request('/api/access/refresh', { method: 'POST', anonymous: true })
    expect(calls[0]).toMatchObject({ credentials: 'same-origin', cache: 'no-store' })
  })

  it('keeps going when an error body is not JSON', async () => {
    wire('abc')
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }))
    await expect(request('/api/cases')).rejects.toMatchObject({ status: 502, message: '' })
  })
})
