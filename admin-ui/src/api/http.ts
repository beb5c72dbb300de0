// The one door to the server: adds the token and the language, turns error bodies into ApiError,
// and answers a 401 by renewing the access token once and sending the request again.
import { withQuery, type QueryParams } from './query-string'

/** What renewing the access token after a 401 gave: a new token, the end of the session, or no answer. */
export type RenewOutcome = 'renewed' | 'ended' | 'unreachable'

export interface HttpConfig {
  getToken(): string | null
  getLanguage(): string
  /**
   * The server refused `refusedToken` with 401. Resolves to 'renewed' when getToken() now gives a
   * token worth one more try. Ending the session ('ended') is the renewer's business, not request()'s.
   */
  renewToken(refusedToken: string): Promise<RenewOutcome>
}

let config: HttpConfig = {
  getToken: () => null,
  getLanguage: () => 'es-DO',
  renewToken: async () => 'ended',
}

export function configureHttp(next: HttpConfig): void {
  config = next
}

export interface FieldError {
  path: string[]
  message: string
}

/** A refused or failed request. status 0 means the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number
  readonly fieldErrors: FieldError[]
  /** The server's error name (Strapi's error.name: 'ValidationError', 'PossibleDuplicate'…); '' when none. */
  readonly errorName: string
  /** The server's error.details as sent, for refusals that carry more than field errors. */
  readonly details: unknown

  constructor(status: number, message: string, fieldErrors: FieldError[] = [], extra: { errorName?: string; details?: unknown } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.fieldErrors = fieldErrors
    this.errorName = extra.errorName ?? ''
    this.details = extra.details ?? null
  }

  get isNetwork(): boolean {
    return this.status === 0
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: QueryParams
  body?: unknown
  signal?: AbortSignal
  /** Send no token (sign-in, refresh: the refresh cookie alone speaks for the caller). */
  anonymous?: boolean
  /** On a 401, renew the token and send once more (default). False for sign-out. */
  retry?: boolean
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fieldErrorsOf(details: unknown): FieldError[] {
  if (!isRecord(details) || !Array.isArray(details.errors)) return []
  return details.errors.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.message !== 'string') return []
    const path = Array.isArray(entry.path) ? entry.path.map(String) : []
    return [{ path, message: entry.message }]
  })
}

/** Strapi's error body: { data: null, error: { status, name, message, details } }. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null
  const message = error && typeof error.message === 'string' ? error.message : ''
  const errorName = error && typeof error.name === 'string' ? error.name : ''
  return new ApiError(status, message, fieldErrorsOf(error?.details), { errorName, details: error?.details ?? null })
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': config.getLanguage(),
  }
  if (token) headers.Authorization = `Bearer ${token}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    return await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // The refresh cookie is HttpOnly and same-origin: the browser adds it, the portal never sees it.
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch (error) {
    if (isAbortError(error)) throw error
    throw new ApiError(0, '')
  }
}

/** Sends, renewing the token once on a 401; answers the response when it is a success. */
async function respond(path: string, options: RequestOptions): Promise<Response> {
  const token = options.anonymous ? null : config.getToken()
  let response = await send(path, options, token)

  if (response.status === 401 && token && options.retry !== false) {
    // Read the refusal first: its message is what the page shows when the session is over.
    const refusal = errorFromBody(401, await readBody(response))
    const outcome = await config.renewToken(token)
    if (outcome === 'unreachable') throw new ApiError(0, '')
    const renewed = outcome === 'renewed' ? config.getToken() : null
    if (!renewed) throw refusal
    response = await send(path, options, renewed)
  }

  if (!response.ok) throw errorFromBody(response.status, await readBody(response))
  return response
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await respond(path, options)
  return (await readBody(response)) as T
}

/** A file the server sends (an export): its bytes and the type it declares. */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await respond(path, options)
  return response.blob()
}

/** Any thrown value as an ApiError, so pages handle one shape; -1 marks a fault in the portal itself. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(-1, '')
}
