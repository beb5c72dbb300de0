// Registers the document-service middleware that enforces need-to-know on every guarded type.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { GUARDED } from './uids';
import { officeToday, readScope, restrictFilters, type Scope } from './policy/policy';
import { currentCaller, type Caller } from './services/actor';
import { scopePopulate } from './services/populate';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITE_ACTIONS = new Set(['update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const NOTHING = { id: { $null: true } };

function scopeForCaller(caller: Caller, uid: string, today: string): Scope | undefined {
  const kind = GUARDED[uid];
  if (!kind || caller.kind === 'system') return undefined;
  if (caller.kind !== 'portal') return { kind: 'none' }; // admin panel and anonymous: nothing
  return readScope(kind, caller.actor, today);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (ctx, next) => {
    const caller = currentCaller(strapi);
    if (caller.kind === 'system') return next();
    const today = officeToday();
    const params = (ctx.params ?? {}) as Record<string, unknown>;
    const scopeOf = (uid: string) => scopeForCaller(caller, uid, today);
    const models = (uid: string) => strapi.getModel(uid as never) as never;

    if (READ_ACTIONS.has(ctx.action) || WRITE_ACTIONS.has(ctx.action)) {
      // Relations populated from any type are restricted too (person -> parties -> case ...).
      if (params.populate !== undefined) {
        params.populate = scopePopulate(params.populate, ctx.uid, models, scopeOf);
      }
    }

    const scope = scopeOf(ctx.uid);
    if (!scope) return next();

    if (READ_ACTIONS.has(ctx.action)) {
      params.filters = restrictFilters(params.filters, scope) ?? NOTHING;
      ctx.params = params as never;
      return next();
    }

    if (WRITE_ACTIONS.has(ctx.action)) {
      // A write to a record outside the reader's scope looks exactly like a write to nothing.
      const where = restrictFilters({ documentId: params.documentId }, scope);
      const visible = where ? await strapi.db.query(ctx.uid as never).findOne({ where, select: ['id'] }) : null;
      if (!visible) throw new errors.NotFoundError('Not Found');
    }
    ctx.params = params as never;
    return next();
  });
};
