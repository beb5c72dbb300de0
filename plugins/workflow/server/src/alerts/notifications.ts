// A user's notifications: list (newest first), mark one or all read. Always by the caller's own
// user id: another user's notification is "not found".
import type { Core } from '@strapi/strapi';
import { NOTIFICATION_UID } from '../uids';
import { notificationMessage, type Lang } from './alert-state';
import { toDate } from './tables';

export interface NotificationView { id: string; kind: string; message: string; messageKey: string; params: Record<string, unknown>; link: string | null; createdAt: string | null; readAt: string | null }

type Row = { documentId: string; kind: string; messageKey: string; params: unknown; link: string | null; createdAt: unknown; readAt: unknown };

function paramsOf(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object') return value as Record<string, unknown>;
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}

export function notificationView(row: Row, lang: Lang): NotificationView {
  const params = paramsOf(row.params);
  return {
    id: row.documentId,
    kind: row.kind,
    message: notificationMessage(row.messageKey, params, lang),
    messageKey: row.messageKey,
    params,
    link: row.link,
    createdAt: toDate(row.createdAt)?.toISOString() ?? null,
    readAt: toDate(row.readAt)?.toISOString() ?? null,
  };
}

const FIELDS = ['documentId', 'kind', 'messageKey', 'params', 'link', 'createdAt', 'readAt'];

export const createNotifications = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(NOTIFICATION_UID as never);
  return {
    async list(userId: number, options: { page: number; pageSize: number; unreadOnly: boolean }, lang: Lang) {
      const where = options.unreadOnly ? { userId, readAt: { $null: true } } : { userId };
      const [rows, total, unread] = await Promise.all([
        query().findMany({ where, select: FIELDS, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (options.page - 1) * options.pageSize, limit: options.pageSize } as never) as Promise<Row[]>,
        query().count({ where } as never),
        query().count({ where: { userId, readAt: { $null: true } } } as never),
      ]);
      return {
        data: rows.map((row) => notificationView(row, lang)),
        meta: { pagination: { page: options.page, pageSize: options.pageSize, pageCount: Math.ceil(Number(total) / options.pageSize), total: Number(total) }, unread: Number(unread) },
      };
    },

    /** Marks one of the user's notifications read; null when it is not theirs or does not exist. */
    async markRead(userId: number, documentId: string, lang: Lang): Promise<NotificationView | null> {
      const row = (await query().findOne({ where: { documentId, userId }, select: ['id', ...FIELDS] } as never)) as (Row & { id: number }) | null;
      if (!row) return null;
      if (row.readAt) return notificationView(row, lang);
      const updated = (await query().update({ where: { id: row.id }, data: { readAt: new Date() }, select: FIELDS } as never)) as Row;
      return notificationView(updated, lang);
    },

    async markAllRead(userId: number): Promise<number> {
      const result = (await query().updateMany({ where: { userId, readAt: { $null: true } }, data: { readAt: new Date() } } as never)) as { count?: number };
      return Number(result?.count ?? 0);
    },
  };
};
