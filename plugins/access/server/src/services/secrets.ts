// Small cryptographic helpers: random tokens, hashes for storage, and AES-256-GCM for the TOTP
// secrets (key PETT_TOTP_KEY; the vault's key ring replaces it later).
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function key(): Buffer {
  const raw = process.env.PETT_TOTP_KEY;
  const decoded = raw ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (decoded.length !== 32) throw new Error('PETT_TOTP_KEY must be 32 random bytes in base64 (npm start generates it into .env)');
  return decoded;
}

/** Encrypts with a fresh nonce; `context` (for example `totp|<userId>`) is bound as associated data. */
export function seal(plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), nonce);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', nonce.toString('base64'), body.toString('base64'), cipher.getAuthTag().toString('base64')].join('.');
}

export function open(sealed: string, context: string): string {
  const [version, nonce, body, tag] = sealed.split('.');
  if (version !== 'v1' || !nonce || !body || !tag) throw new Error('sealed value has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(nonce, 'base64'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
