// Registers the document-service middleware that enforces need-to-know on every guarded type.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CASE_MEMBER_UID, GUARDED, USER_UID } from './uids';
import type { SessionService } from './services/sessions';
import { officeToday, readScope, restrictFilters, worksThroughTeams, writeScope, type Reach, type Scope } from './policy/policy';
import { activeBreakGlassCaseIds, activeCaseIds, liaisonAgencyIds } from './services/team-cases';
import { currentCaller, type Caller } from './services/actor';
import { scopePopulate } from './services/populate';
import { assertReadableFilters, assertReadableSort, narrowFields } from './services/field-guard';
import { isFieldKind, readableFields } from './policy/fields';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITE_ACTIONS = new Set(['update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const NOTHING = { id: { $null: true } };

function scopeForCaller(caller: Caller, uid: string, today: string, reach: Reach | undefined): Scope | undefined {
  const kind = GUARDED[uid];
  if (!kind || caller.kind === 'system') return undefined;
  if (caller.kind !== 'portal') return { kind: 'none' }; // admin panel and anonymous: nothing
  return readScope(kind, caller.actor, today, reach);
}

type RequestState = { pettReach?: { key: string; reach: Reach }; pettSession?: { sid: string } };

/**
 * A session's team case ids, kept for a few seconds so that a user paging through lists does not
 * resolve 4,000 memberships on every request. Safe across processes: ending or changing a
 * membership ends the member's sessions (a new session is a new key); a membership added here
 * clears the user's entries at once, and on another process within TEAM_CACHE_MS.
 */
const TEAM_CACHE_MS = 30_000;
const TEAM_CACHE_MAX = 5_000;
const teamCache = new Map<string, { ids: number[] | null; at: number }>();

function forgetTeamsOf(userId: number): void {
  for (const key of teamCache.keys()) if (key.startsWith(`${userId}|`)) teamCache.delete(key);
}

async function teamCaseIds(strapi: Core.Strapi, userId: number, sid: string | undefined, today: string): Promise<number[] | null> {
  if (!sid) return activeCaseIds(strapi, userId, today);
  const key = `${userId}|${sid}|${today}`;
  const hit = teamCache.get(key);
  if (hit && Date.now() - hit.at < TEAM_CACHE_MS) return hit.ids;
  const ids = await activeCaseIds(strapi, userId, today);
  if (teamCache.size >= TEAM_CACHE_MAX) teamCache.delete(teamCache.keys().next().value as string);
  teamCache.set(key, { ids, at: Date.now() });
  return ids;
}

/** The caller's team and emergency-access case ids, resolved once per request (a list is a findMany and a count). */
async function reachOf(strapi: Core.Strapi, caller: Caller, today: string): Promise<Reach | undefined> {
  if (caller.kind === 'portal' && caller.actor.role === 'agency-liaison') {
    // Read on every request, never cached: unlinking a liaison from an agency ends its reach at once.
    return { teamCaseIds: [], breakGlassCaseIds: [], agencyIds: await liaisonAgencyIds(strapi, caller.actor.id) };
  }
  if (caller.kind !== 'portal' || !worksThroughTeams(caller.actor)) return undefined;
  const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
  const key = `${caller.actor.id}|${today}`;
  const cached = ctx?.state?.pettReach;
  if (cached && cached.key === key) return cached.reach;
  const reach: Reach = {
    teamCaseIds: await teamCaseIds(strapi, caller.actor.id, ctx?.state?.pettSession?.sid, today),
    breakGlassCaseIds: caller.actor.role === 'chief-prosecutor' ? await activeBreakGlassCaseIds(strapi, caller.actor.id) : [],
  };
  if (ctx?.state) ctx.state.pettReach = { key, reach };
  return reach;
}

/** Sessions end when what they were granted changes: role, block, password, team membership. */
function registerRevocations(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    const isUserChange = ctx.uid === USER_UID && ctx.action === 'update';
    const isTeamChange = ctx.uid === CASE_MEMBER_UID && (ctx.action === 'update' || ctx.action === 'delete');
    if (ctx.uid === CASE_MEMBER_UID && ctx.action === 'create') {
      // Gaining a case needs no sign-out, but the member's remembered team list is now short.
      const result = await next();
      const data = ((ctx.params ?? {}) as { data?: { user?: unknown } }).data;
      const user = data?.user;
      const row = typeof user === 'number' ? { id: user } : typeof user === 'string' ? ((await strapi.db.query(USER_UID as never).findOne({ where: { documentId: user }, select: ['id'] })) as { id: number } | null) : null;
      if (row) forgetTeamsOf(row.id);
      else teamCache.clear();
      return result;
    }
    if (!isUserChange && !isTeamChange) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    const sensitive = isTeamChange || ['role', 'blocked', 'password'].some((field) => params.data && field in params.data);
    let userId: number | null = null;
    if (sensitive && params.documentId) {
      const row = isUserChange
        ? ((await strapi.db.query(USER_UID as never).findOne({ where: { documentId: params.documentId }, select: ['id'] })) as { id: number } | null)
        : (((await strapi.db.query(CASE_MEMBER_UID as never).findOne({ where: { documentId: params.documentId }, populate: { user: { select: ['id'] } } })) as { user?: { id: number } } | null)?.user ?? null);
      userId = row?.id ?? null;
    }
    const result = await next();
    if (userId) await (strapi.plugin('access').service('sessions') as SessionService).revokeAllForUser(userId, isUserChange ? 'account-changed' : 'team-changed');
    return result;
  });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerRevocations(strapi);
  strapi.documents.use(async (ctx, next) => {
    const caller = currentCaller(strapi);
    if (caller.kind === 'system') return next();
    // The vault's tables are reached only through the vault service, never through documents.
    if (ctx.uid.startsWith('plugin::vault.')) throw new errors.NotFoundError('Not Found');
    const today = officeToday();
    const params = (ctx.params ?? {}) as Record<string, unknown>;
    const scoped = READ_ACTIONS.has(ctx.action) || WRITE_ACTIONS.has(ctx.action);
    const touchesGuarded = scoped && (!!GUARDED[ctx.uid] || params.populate !== undefined);
    const reach = touchesGuarded ? await reachOf(strapi, caller, today) : undefined;
    const scopeOf = (uid: string) => scopeForCaller(caller, uid, today, reach);
    const models = (uid: string) => strapi.getModel(uid as never) as never;
    const readable = (uid: string) => {
      const kind = GUARDED[uid];
      if (!kind || !isFieldKind(kind)) return undefined;
      return readableFields(kind, caller.kind === 'portal' ? caller.actor.role : null);
    };

    if (READ_ACTIONS.has(ctx.action) || WRITE_ACTIONS.has(ctx.action)) {
      // Field rules: no filter or sort on a field the caller may not read, at any depth.
      assertReadableFilters(params.filters, ctx.uid, models, readable);
      assertReadableSort(params.sort, ctx.uid, models, readable);
      const own = readable(ctx.uid);
      if (own && ctx.action !== 'count') params.fields = narrowFields(params.fields, own);
      // Relations populated from any type are restricted too (person -> parties -> case ...).
      if (params.populate !== undefined) {
        params.populate = scopePopulate(params.populate, ctx.uid, models, scopeOf, 0, {
          fieldsOf: (uid, requested) => {
            const allowed = readable(uid);
            return allowed ? narrowFields(requested, allowed) : undefined;
          },
          checkFilters: (uid, filters) => assertReadableFilters(filters, uid, models, readable),
        });
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
      // A write to a record outside the writer's scope looks exactly like a write to nothing.
      const target = caller.kind === 'portal' ? writeScope(GUARDED[ctx.uid], caller.actor, today, reach) : scope;
      const where = restrictFilters({ documentId: params.documentId }, target);
      const visible = where ? await strapi.db.query(ctx.uid as never).findOne({ where, select: ['id'] }) : null;
      if (!visible) throw new errors.NotFoundError('Not Found');
    }
    ctx.params = params as never;
    return next();
  });
};
