// Links that open a draft form in the portal's preview (the admin panel's "Preview" shows it in a
// frame): the draft's id and an expiry, signed with a server secret, so the preview needs no portal
// session and shows nothing but that draft, for a short while. Pure.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PREVIEW_PATH = '/vista-previa/formulario';
export const PREVIEW_TTL_MS = 30 * 60_000;

const mac = (payload: string, secret: string) => createHmac('sha256', `pett-form-preview:${secret}`).update(payload).digest('base64url');

export function signPreview(documentId: string, secret: string, now = Date.now(), ttlMs = PREVIEW_TTL_MS): string {
  const payload = `${documentId}.${now + ttlMs}`;
  return `${payload}.${mac(payload, secret)}`;
}

/** The draft's document id when the token is genuine and current; otherwise null. */
export function verifyPreview(token: unknown, secret: string, now = Date.now()): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const match = /^([a-z0-9]{10,40})\.(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, documentId, expiry, signature] = match;
  const expected = Buffer.from(mac(`${documentId}.${expiry}`, secret));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(expiry) > now ? documentId! : null;
}

export const previewUrl = (documentId: string, secret: string, now = Date.now()) => `${PREVIEW_PATH}?token=${signPreview(documentId, secret, now)}`;
