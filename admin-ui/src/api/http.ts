// The one door to the server: adds the token and the language, and turns error bodies into ApiError.
import { withQuery, type QueryParams } from './query-string'

export interface HttpConfig {
  getToken(): string | null
  getLanguage(): string
  /** Called when the server answers 401 to a request that carried a token. */
  onUnauthorized(): void
}

let config: HttpConfig = {
  getToken: () => null,
  getLanguage: () => 'es-DO',
  onUnauthorized: () => undefined,
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

  constructor(status: number, message: string, fieldErrors: FieldError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.fieldErrors = fieldErrors
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
  /** Send no token (sign-in). */
  anonymous?: boolean
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
  return new ApiError(status, message, fieldErrorsOf(error?.details))
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

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.anonymous ? null : config.getToken()
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': config.getLanguage(),
  }
  if (token) headers.Authorization = `Bearer ${token}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch (error) {
    if (isAbortError(error)) throw error
    throw new ApiError(0, '')
  }

  const body = await readBody(response)
  if (!response.ok) {
    if (response.status === 401 && token) config.onUnauthorized()
    throw errorFromBody(response.status, body)
  }
  return body as T
}

/** Any thrown value as an ApiError, so pages handle one shape; -1 marks a fault in the portal itself. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(-1, '')
}
