import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp, request } from './http'
import { fakeServer } from '../test-support'

afterEach(() => vi.unstubAllGlobals())

function wire(token: string | null, language = 'es-DO') {
  const events = { unauthorized: 0 }
  configureHttp({ getToken: () => token, getLanguage: () => language, onUnauthorized: () => (events.unauthorized += 1) })
  return events
}

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
    const server = fakeServer({ '/api/auth/local': () => ({ body: { jwt: 'j' } }) })
    vi.stubGlobal('fetch', server.fetch)
    await request('/api/auth/local', { method: 'POST', body: {}, anonymous: true })
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

  it('a 401 to a request with a token ends the session once per answer', async () => {
    const events = wire('expired')
    vi.stubGlobal('fetch', fakeServer({ '/api/cases': () => ({ status: 401, body: { data: null, error: { status: 401, message: 'Missing or invalid credentials' } } }) }).fetch)
    await expect(request('/api/cases')).rejects.toMatchObject({ status: 401 })
    expect(events.unauthorized).toBe(1)
  })

  it('a 401 to an anonymous request (bad sign-in) does not', async () => {
    const events = wire(null)
    vi.stubGlobal('fetch', fakeServer({ '/api/auth/local': () => ({ status: 401, body: {} }) }).fetch)
    await expect(request('/api/auth/local', { method: 'POST', body: {}, anonymous: true })).rejects.toMatchObject({ status: 401 })
    expect(events.unauthorized).toBe(0)
  })

  it('keeps going when an error body is not JSON', async () => {
    wire('abc')
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }))
    await expect(request('/api/cases')).rejects.toMatchObject({ status: 502, message: '' })
  })
})
