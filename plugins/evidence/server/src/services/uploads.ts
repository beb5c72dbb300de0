// Evidence files over HTTP. Strapi's body parser (koa-body) has already streamed the multipart
// upload into the private `incoming` folder, hashing it on the way (formidable, SHA-256) and
// stopping at the size limit; here it is checked by content and name, moved under a generated
// name, and recorded. Downloads stream the stored bytes as an attachment that nothing renders.
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { displayName, KINDS } from '../files/content-check';
import { adopt, inspectFile, sha256OfFile, storedPath, type StoreConfig } from '../files/private-store';
import { CONTENT, NAME, T } from '../controllers/messages';
import { FILE_UID } from '../uids';
import type { FileRow, ItemRow } from './records';

type Lang = 'es' | 'en';
export interface ReceivedFile { filepath: string; originalFilename?: string | null; size: number; hash?: string | null }
export type Refusal = { status: 400 | 413; message: string };

/** An ASCII-only fallback name for old clients; the exact name goes in filename* (RFC 6266). */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'archivo';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export const createUploadsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = (): StoreConfig => ({ privateDir: strapi.plugin('evidence').config('privateDir') as string, maxBytes: strapi.plugin('evidence').config('maxBytes') as number });

  const service = {
    /** Every file koa-body wrote for this request, whatever its field. */
    receivedFiles(ctx: Context): ReceivedFile[] {
      const files = (ctx.request as unknown as { files?: Record<string, ReceivedFile | ReceivedFile[]> }).files ?? {};
      return Object.values(files).flatMap((f) => (Array.isArray(f) ? f : [f]));
    },

    /** Removes what was not adopted (a refused upload leaves nothing behind). */
    discard(files: ReceivedFile[]): void {
      for (const file of files) if (file?.filepath) fs.rmSync(file.filepath, { force: true });
    },

    async accept(ctx: Context, item: ItemRow, uploadedBy: string, lang: Lang, onStored: (file: FileRow) => Promise<unknown>): Promise<{ file: FileRow } | Refusal> {
      const files = (ctx.request as unknown as { files?: Record<string, ReceivedFile | ReceivedFile[]> }).files ?? {};
      const fields = Object.keys(files);
      const upload = files.file;
      if (fields.length !== 1 || !upload || Array.isArray(upload)) return { status: 400, message: T.multipart[lang] };
      const { maxBytes } = config();
      if (upload.size > maxBytes) return { status: 413, message: T.tooLarge(maxBytes)[lang] };
      // The name first: a traversal attempt is named as such whatever the content is.
      const named = displayName(upload.originalFilename, null);
      if ('problem' in named) return { status: 400, message: NAME[named.problem][lang] };
      const inspected = inspectFile(upload.filepath);
      if ('problem' in inspected) return { status: 400, message: CONTENT[inspected.problem][lang] };
      const shown = displayName(upload.originalFilename, inspected.kind);
      if ('problem' in shown) return { status: 400, message: NAME[shown.problem][lang] };
      const sha256 = typeof upload.hash === 'string' && /^[0-9a-f]{64}$/.test(upload.hash) ? upload.hash : await sha256OfFile(upload.filepath);
      const storageName = adopt(config(), upload.filepath, inspected.kind);
      try {
        const file = await strapi.db.transaction(async () => {
          const created = (await strapi.documents(FILE_UID as never).create({
            data: { itemDocumentId: item.documentId, storageName, originalName: shown.name, mimeType: KINDS[inspected.kind].mime, size: inspected.size, sha256, uploadedBy, uploadedAt: new Date().toISOString() },
          } as never)) as unknown as FileRow;
          await onStored(created);
          return created;
        });
        return { file };
      } catch (error) {
        fs.rmSync(storedPath(config(), storageName), { force: true });
        throw error;
      }
    },

    /** The stored file, when it is still there. */
    open(file: FileRow): { path: string; size: number } | null {
      const file_ = storedPath(config(), file.storageName);
      const stat = fs.statSync(file_, { throwIfNoEntry: false });
      return stat?.isFile() ? { path: file_, size: stat.size } : null;
    },

    sendAttachment(ctx: Context, file: FileRow, opened: { path: string; size: number }): void {
      ctx.set('Content-Disposition', contentDisposition(file.originalName));
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Evidence-SHA256', file.sha256);
      ctx.type = file.mimeType;
      ctx.length = opened.size;
      ctx.body = fs.createReadStream(opened.path);
    },
  };
  return service;
};

export type UploadsService = ReturnType<typeof createUploadsService>;
