// Sits just before the body parser. A multipart upload to the evidence register must carry a valid
// session token before a byte of it is written to disk; and a multipart body the parser cannot read
// (no boundary, cut short) is the caller's mistake, a 400 with words, not the 500 that formidable's
// errors (which carry `httpCode`, not `status`) would otherwise become.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { languageOf } from '@pett/access/dist/server/services/language';

const EVIDENCE_UPLOAD = /^\/api\/cases\/[^/]+\/evidence\/[^/]+\/files\/?$/;

const UNREADABLE = {
  es: 'No se pudo leer el cuerpo multipart/form-data de la solicitud: envíe el archivo en un campo «file» de un formulario multipart completo.',
  en: 'The request’s multipart/form-data body could not be read: send the file in a field «file» of a complete multipart form.',
};

type Jwt = { verify(token: string): Promise<unknown> };

/** How much of a refused upload is read (and thrown away) so that the client can take the answer. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * Reads and discards up to `limit` bytes of a refused request's body, so that a client still
 * sending gets the 401 rather than a broken pipe; nothing is kept. Past the limit the answer goes
 * out anyway and the connection closes.
 */
function drain(req: NodeJS.ReadableStream, limit: number): Promise<void> {
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      req.removeListener('data', onData);
      req.removeListener('end', done);
      req.removeListener('error', done);
      req.removeListener('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limit) done();
    };
    req.on('data', onData);
    req.once('end', done);
    req.once('error', done);
    req.once('close', done);
  });
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    const multipart = ctx.is('multipart') === 'multipart';
    if (multipart && ctx.method === 'POST' && EVIDENCE_UPLOAD.test(ctx.path)) {
      const token = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
      const valid = token ? await (strapi.plugin('users-permissions').service('jwt') as Jwt).verify(token).then(() => true, () => false) : false;
      if (!valid) {
        // Nothing of the body is written anywhere: up to 1 MiB is read and dropped so the client can
        // read the answer; the connection closes after it.
        await drain(ctx.req, DRAIN_LIMIT);
        ctx.set('Connection', 'close');
        ctx.status = 401;
        ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Unauthorized', details: {} } };
        return;
      }
    }
    try {
      await next();
    } catch (error) {
      const httpCode = (error as { httpCode?: unknown }).httpCode;
      if (!multipart || typeof httpCode !== 'number' || (error as { status?: unknown }).status) throw error;
      const message = UNREADABLE[languageOf(ctx.get('accept-language'))];
      ctx.status = 400;
      ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['file'], message }] } } };
    }
  };
};
