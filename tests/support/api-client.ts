// A small HTTP client for the API tests: sign in as a demo user, call the API in a language.
import type { Credential, TestTarget } from './server-harness.ts';

export interface ApiResponse<T = any> { status: number; body: T; headers: Headers }

export class ApiClient {
  constructor(readonly target: Pick<TestTarget, 'baseUrl' | 'credentials'>, readonly token?: string) {}

  credential(username: string): Credential {
    const found = this.target.credentials.find((c) => c.username === username);
    if (!found) throw new Error(`no demo user ${username}`);
    return found;
  }

  async as(username: string): Promise<ApiClient> {
    const { password } = this.credential(username);
    const res = await this.request('POST', '/api/auth/local', { body: { identifier: username, password } });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiClient(this.target, res.body.jwt);
  }

  async request<T = any>(method: string, path: string, options: { body?: unknown; lang?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': options.lang ?? 'es-DO', ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.target.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (the portal's HTML)
    }
    return { status: res.status, body, headers: res.headers };
  }

  get<T = any>(path: string, lang?: string) {
    return this.request<T>('GET', path, { lang });
  }
}

/** Builds a Strapi query string from a flat record of bracketed keys. */
export function qs(params: Record<string, string | number>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}
