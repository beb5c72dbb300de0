// Document-service middlewares that feed the trail: every create, update and delete of a domain
// type (in the same transaction as the write), and a portal user's read of a case page. Also the
// feed of portal roles and permissions, subscribed here, before any plugin's bootstrap, so that
// the access plugin applying config/permissions.json at startup is recorded too (as the system).
import type { Core } from '@strapi/strapi';
import { changedFields, scalarNames, type AttributeLike } from './events/changed-fields';
import { CASE_UID, isAuditedType } from './uids';
import { currentActor, currentClient, currentRequest } from './services/request-facts';
import { duringDocumentWrite } from './services/document-writes';
import { subscribePermissionFeeds } from './services/permission-feeds';
import type { TrailService } from './services/trail';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const CASE_PAGE_ROUTE = 'api::case.case.findOne';

type Params = { documentId?: string; data?: Record<string, unknown> };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;
  const typeName = (uid: string) => (strapi.getModel(uid as never) as { info?: { singularName?: string } } | undefined)?.info?.singularName ?? uid;

  /** Writes: the entry commits or rolls back with the change it records. */
  strapi.documents.use(async (ctx, next) => {
    if (!WRITE_ACTIONS.has(ctx.action) || !isAuditedType(ctx.uid)) return next();
    const params = (ctx.params ?? {}) as Params;
    const attributes = ((strapi.getModel(ctx.uid as never) as { attributes?: Record<string, AttributeLike> })?.attributes ?? {}) as Record<string, AttributeLike>;
    return duringDocumentWrite(ctx.uid, () => strapi.db.transaction(async () => {
      const compare = ctx.action === 'update' && params.documentId ? scalarNames(attributes, params.data) : [];
      const before = compare.length ? ((await strapi.db.query(ctx.uid as never).findOne({ where: { documentId: params.documentId }, select: compare })) as Record<string, unknown> | null) : null;
      const result = await next();
      if (result == null) return result; // nothing was written
      const written = result as { documentId?: string };
      const name = typeName(ctx.uid);
      await trail().append({
        actor: currentActor(strapi),
        action: `${name}.${ctx.action}`,
        target: { type: name, id: written.documentId ?? params.documentId ?? null },
        outcome: 'success',
        fields: ctx.action === 'create' || ctx.action === 'update' ? changedFields(attributes, params.data, before) : [],
        client: currentClient(strapi),
      });
      return result;
    }));
  });

  /** Reads of a case page by a portal user (not the lookups other endpoints make). */
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== CASE_UID || ctx.action !== 'findOne') return next();
    const route = (currentRequest(strapi)?.state as { route?: { handler?: string } } | undefined)?.route;
    const actor = currentActor(strapi);
    if (route?.handler !== CASE_PAGE_ROUTE || actor.kind !== 'portal') return next();
    const result = await next();
    const documentId = (ctx.params as Params).documentId?.slice(0, 80) ?? null;
    await trail().append({ actor, action: 'case.read', target: { type: 'case', id: (result as { documentId?: string } | null)?.documentId ?? documentId }, outcome: result ? 'success' : 'not-found', fields: [], client: currentClient(strapi) });
    return result;
  });

  subscribePermissionFeeds(strapi);
};
