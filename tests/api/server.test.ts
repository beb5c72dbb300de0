// One process serves the portal, the API and the admin-panel API, with hardened headers.
import { describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('the server on %s', (_name, target) => {
  const anonymous = new ApiClient(target);

  it('is healthy', async () => {
    expect((await fetch(`${target.baseUrl}/_health`)).status).toBe(204);
  });

  it('serves a favicon rather than an error', async () => {
    const res = await fetch(`${target.baseUrl}/favicon.ico`);
    expect(res.status).toBe(200);
  });

  it('serves the portal at / and falls back to it for portal routes', async () => {
    for (const path of ['/', '/casos', '/casos/nuevo']) {
      const res = await fetch(`${target.baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<div id="app"');
    }
    expect((await fetch(`${target.baseUrl}/assets/no-such-bundle.js`)).status).toBe(404);
    expect((await fetch(`${target.baseUrl}/..%2f..%2fpackage.json`)).status).not.toBe(200);
  });

  it('sends the security headers, and no-store on the API', async () => {
    const res = await fetch(`${target.baseUrl}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    const api = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'nadie', password: 'x' } });
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps CORS closed to other origins', async () => {
    const res = await fetch(`${target.baseUrl}/api/access/login`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin') ?? '').not.toContain('evil.example');
    expect(res.headers.get('access-control-allow-origin') ?? '').not.toBe('*');
  });

  it('refuses a wrong password with a message in the caller language', async () => {
    const es = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'analista.demo', password: 'incorrecta-123456' } });
    expect(es.status).toBe(400);
    expect(es.body.error.message).toBe('Usuario o contraseña incorrectos.');
    const en = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'analista.demo', password: 'incorrecta-123456' }, lang: 'en' });
    expect(en.body.error.message).toBe('Invalid identifier or password.');
  });

  it('writes the demo credentials: one line per role, two prosecutors and two agency liaisons', () => {
    const roles = target.credentials.map((c) => c.role);
    expect(new Set(roles).size).toBe(9);
    expect(roles.filter((r) => r === 'prosecutor')).toHaveLength(2);
    expect(roles.filter((r) => r === 'agency-liaison')).toHaveLength(2);
    for (const c of target.credentials) {
      expect(c.password.length).toBeGreaterThanOrEqual(20);
      expect(c.totpSecret).toMatch(/^[A-Z2-7]{32,}$/);
    }
  });

  it('lets the configurator sign in to the admin panel, where case data stays out of reach', async () => {
    // Password followed by a one-time code: see admin-sign-in.test.ts.
    const headers = await anonymous.adminHeaders();
    const cases = await anonymous.request('GET', '/content-manager/collection-types/api::case.case', { headers });
    if (cases.status === 200) expect(cases.body.results).toEqual([]);
    else expect(cases.status).toBe(403);
    const lists = await anonymous.request('GET', '/content-manager/collection-types/api::code-list.code-list', { headers });
    expect(lists.status).toBe(200);
    expect(lists.body.pagination.total).toBeGreaterThan(10);
  });
});
