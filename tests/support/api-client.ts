// A small HTTP client for the API tests: sign in as a demo user, call the API in a language.
import fs from 'node:fs';
import path from 'node:path';
import type { Credential, TestTarget } from './server-harness.ts';
import { nextCode } from './totp.ts';

export interface ApiResponse<T = any> { status: number; body: T; headers: Headers }

export class ApiClient {
  constructor(readonly target: Pick<TestTarget, 'baseUrl' | 'credentials' | 'dir'>, readonly token?: string, readonly cookie?: string) {}

  credential(username: string): Credential {
    const found = this.target.credentials.find((c) => c.username === username);
    if (!found) throw new Error(`no demo user ${username}`);
    return found;
  }

  /** Signs in with password and one-time code; sessions are reused within a run (see tokens.json). */
  async as(username: string, options: { fresh?: boolean } = {}): Promise<ApiClient> {
    // A fresh session is the caller's own (to end or revoke): it never enters the shared cache.
    if (options.fresh) return this.signIn(username);
    return this.cached(username, () => this.signIn(username));
  }

  /** Headers of the demo configurator's admin-panel session, reused within a run like `as`. */
  async adminHeaders(): Promise<Record<string, string>> {
    const configurator = this.target.credentials.find((c) => c.role === 'configurator')!;
    const admin = await this.cached(`admin:${configurator.username}`, async () => {
      const res = await this.adminSignIn(configurator.username, configurator.password + (await nextCode(this.target.dir, configurator.username, configurator.totpSecret)));
      if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return new ApiClient(this.target, res.body.data.token);
    });
    return { authorization: `Bearer ${admin.token}` };
  }

  /** The admin panel's sign-in as its stock form posts it: the one-time code goes after the password. */
  adminSignIn(email: string, passwordAndCode: string, lang?: string) {
    return this.request('POST', '/admin/login', { body: { email, password: passwordAndCode }, lang });
  }

  private async cached(key: string, signIn: () => Promise<ApiClient>): Promise<ApiClient> {
    const cacheFile = path.join(this.target.dir, 'tokens.json');
    const cache = (fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {}) as Record<string, { token: string; cookie?: string; until: number }>;
    const hit = cache[key];
    if (hit && hit.until > Date.now()) return new ApiClient(this.target, hit.token, hit.cookie);
    const signedIn = await signIn();
    cache[key] = { token: signedIn.token!, cookie: signedIn.cookie, until: Date.now() + 10 * 60_000 };
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    return signedIn;
  }

  async signIn(username: string): Promise<ApiClient> {
    const { password, totpSecret } = this.credential(username);
    const first = await this.request('POST', '/api/access/login', { body: { identifier: username, password } });
    if (first.status !== 200) throw new Error(`sign-in of ${username} failed: ${first.status} ${JSON.stringify(first.body)}`);
    let res = first;
    if (first.body.status === 'totp-required') {
      const code = await nextCode(this.target.dir, username, totpSecret);
      res = await this.request('POST', '/api/access/login/totp', { body: { challenge: first.body.challenge, code } });
      if (res.status !== 200) throw new Error(`second factor of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return new ApiClient(this.target, res.body.accessToken, refreshCookie(res.headers));
  }

  async request<T = any>(method: string, route: string, options: { body?: unknown; lang?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': options.lang ?? 'es-DO', ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.cookie && route.startsWith('/api/access/')) headers.cookie = this.cookie;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.target.baseUrl}${route}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (the portal's HTML)
    }
    return { status: res.status, body, headers: res.headers };
  }

  get<T = any>(route: string, lang?: string) {
    return this.request<T>('GET', route, { lang });
  }
}

/** The `pett_refresh=...` pair of a Set-Cookie header, as a browser would send it back. */
export function refreshCookie(headers: Headers): string | undefined {
  const raw = headers.get('set-cookie');
  return raw?.split(';')[0];
}

/** Builds a Strapi query string from a flat record of bracketed keys. */
export function qs(params: Record<string, string | number>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}
