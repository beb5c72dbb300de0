import fs from 'node:fs';
import path from 'node:path';
import { privateDir, uploadMaxBytes } from './paths';

// Multipart uploads (evidence files) stream into a private folder, never the shared /tmp, hashed
// (SHA-256) on the way and cut off at the size limit.
const incoming = path.join(privateDir(), 'incoming');

export default ({ env }: { env: ((key: string, fallback?: string) => string) & { array: (key: string, fallback?: string[]) => string[] } }) => [
  // GET /_live and /_ready, answered before anything else runs.
  'global::probes',
  'global::no-store',
  'global::error-language',
  'strapi::logger',
  'strapi::errors',
  {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // The Strapi admin panel (styled-components) needs inline styles; the portal does not.
          'style-src': ["'self'", "'unsafe-inline'"],
          // Strapi merges its defaults into these lists index by index (lodash defaultsDeep), so a
          // list shorter than its default keeps the default's tail: pad to its length to drop
          // the marketplace host and `https:`.
          'img-src': ["'self'", 'data:', 'blob:', "'self'"],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'", "'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      hsts: { maxAge: 31536000, includeSubDomains: true },
    },
  },
  {
    name: 'strapi::cors',
    config: { origin: env.array('CORS_ORIGINS', []), credentials: true },
  },
  'strapi::poweredBy',
  'strapi::query',
  // Identity files come base64-encoded in JSON (never through a multipart temp file on disk).
  // Evidence files come as multipart, written only into the private incoming folder, and only for
  // a caller with a valid session token (the gate reads no body itself).
  'global::upload-gate',
  { name: 'strapi::body', config: { jsonLimit: '8mb', formidable: privateUploads() } },
  'strapi::session',
  'strapi::favicon',
  'global::session-guard',
  'global::admin-sign-in-guard',
  'global::portal',
  'strapi::public',
];

function privateUploads() {
  fs.mkdirSync(incoming, { recursive: true, mode: 0o700 });
  return { uploadDir: incoming, maxFileSize: uploadMaxBytes(), hashAlgorithm: 'sha256' };
}
