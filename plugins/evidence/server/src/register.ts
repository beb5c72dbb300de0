// Evidence is read and written only through this plugin's routes, after the case access check. An
// admin-panel request (or any other caller without a portal session) that reaches the evidence
// types through the document service gets nothing, as the access plugin does for case data.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentCaller } from '@pett/access/dist/server/services/actor';
import { CUSTODY_UID, FILE_UID, ITEM_UID } from './uids';

const EVIDENCE_UIDS = new Set([ITEM_UID, CUSTODY_UID, FILE_UID]);
const EMPTY = { findMany: [], findFirst: null, findOne: null, count: 0 } as const;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (ctx, next) => {
    if (!EVIDENCE_UIDS.has(ctx.uid)) return next();
    const caller = currentCaller(strapi);
    if (caller.kind === 'portal' || caller.kind === 'system') return next();
    if (ctx.action in EMPTY) return EMPTY[ctx.action as keyof typeof EMPTY] as never;
    throw new errors.ForbiddenError('Evidence is recorded only through the case evidence register.');
  });
};
