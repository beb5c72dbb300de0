// Serves the built Vue portal (admin-ui/dist) at `/`, with the history-mode fallback to index.html.
import type { Context, Next } from 'koa';
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The form preview is the only portal page the admin panel may show in a frame (same origin). */
const PREVIEW_PATH = '/vista-previa/formulario';
function allowSameOriginFrame(ctx: Context): void {
  ctx.set('X-Frame-Options', 'SAMEORIGIN');
  const csp = ctx.response.get('Content-Security-Policy');
  if (csp) ctx.set('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, "frame-ancestors 'self'"));
}

const RESERVED = /^\/(api|admin|uploads|_health|_live|_ready|i18n|content-manager|content-type-builder|upload|users-permissions)(\/|$)/;

function portalRoot(): string {
  if (process.env.PETT_PORTAL_DIR) return path.resolve(process.env.PETT_PORTAL_DIR);
  return path.resolve(process.cwd(), '..', 'admin-ui', 'dist');
}

export default () => {
  const root = portalRoot();
  return async (ctx: Context, next: Next) => {
    // `/` is the portal (Strapi would redirect it to the admin panel).
    if (ctx.path !== '/' || !['GET', 'HEAD'].includes(ctx.method)) await next();
    if ((ctx.path !== '/' && (ctx.status !== 404 || ctx.body)) || !['GET', 'HEAD'].includes(ctx.method) || RESERVED.test(ctx.path)) return;
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path);
    } catch {
      return;
    }
    const candidate = path.resolve(root, '.' + path.posix.normalize(relative));
    if (!candidate.startsWith(root + path.sep) && candidate !== root) return;
    let file = candidate;
    const isAsset = path.extname(relative) !== '';
    if (!isAsset || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (isAsset && relative.startsWith('/assets/')) return; // a missing bundle is a real 404
      file = path.join(root, 'index.html');
      if (!fs.existsSync(file)) return;
    }
    ctx.status = 200;
    if (relative === PREVIEW_PATH) allowSameOriginFrame(ctx);
    ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = fs.createReadStream(file);
  };
};
