// The drill's calls against a server running on the restored copy: health, liveness, readiness,
// a demo user's sign-in (with the one-time code) and the case list. No personal data is printed.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths.ts';
import { requireCjs } from '../strapi-app.ts';

export interface Check { name: string; ok: boolean; detail: string }

const { generateSync } = requireCjs('otplib') as { generateSync: (o: { secret: string; epoch: number }) => string };

function demoCredential(): { username: string; password: string; totpSecret: string } | null {
  const file = path.resolve(process.env.PETT_CREDENTIALS_FILE || path.join(process.env.PETT_DATA_DIR || DATA_DIR, 'demo-credentials.txt'));
  if (!fs.existsSync(file)) return null;
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const row = rows.find((r) => r[0] === 'prosecutor') ?? null;
  return row ? { username: row[1], password: row[2], totpSecret: row[3] } : null;
}

async function status(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

export async function smokeCalls(baseUrl: string, counts: Record<string, number>): Promise<Check[]> {
  const out: Check[] = [];
  for (const [route, want] of [['/_health', 204], ['/_live', 200], ['/_ready', 200]] as const) {
    const res = await status(`${baseUrl}${route}`);
    out.push({ name: `GET ${route}`, ok: res.status === want, detail: `${res.status}` });
  }
  // The credentials are read by the drill only (a running office has no demo users: then this is skipped).
  const credential = demoCredential();
  if (!credential) {
    out.push({ name: 'sign-in and case list', ok: true, detail: 'skipped: no demo credentials file (PETT_CREDENTIALS_FILE)' });
    return out;
  }
  const json = { 'content-type': 'application/json', 'accept-language': 'en' };
  const first = await status(`${baseUrl}/api/access/login`, { method: 'POST', headers: json, body: JSON.stringify({ identifier: credential.username, password: credential.password }) });
  let token: string | undefined = first.body?.accessToken;
  if (first.status === 200 && first.body?.status === 'totp-required') {
    // The copy remembers the last time step each user spent: try this step, then the next one.
    const step = Math.floor(Date.now() / 30_000);
    for (const s of [step, step + 1]) {
      const code = generateSync({ secret: credential.totpSecret, epoch: s * 30 + 1 });
      const second = await status(`${baseUrl}/api/access/login/totp`, { method: 'POST', headers: json, body: JSON.stringify({ challenge: first.body.challenge, code }) });
      if (second.status === 200) {
        token = second.body?.accessToken;
        break;
      }
    }
  }
  out.push({ name: 'sign-in of a demo prosecutor (password + one-time code)', ok: !!token, detail: token ? '200' : `${first.status}` });
  if (!token) return out;
  const list = await status(`${baseUrl}/api/cases?pagination[pageSize]=5`, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
  const total = Number(list.body?.meta?.pagination?.total ?? -1);
  const expectSome = (counts.cases ?? 0) > 0;
  out.push({ name: 'GET /api/cases (the prosecutor\'s list)', ok: list.status === 200 && (!expectSome || total >= 0), detail: `${list.status}, ${total} case(s) visible` });
  return out;
}
