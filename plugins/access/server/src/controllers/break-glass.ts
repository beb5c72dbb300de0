// Emergency access (acceso excepcional): the chief prosecutor opens the people of a case outside
// their teams for a limited time, with a stated reason; the case team can see that it happened.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { BREAK_GLASS_REASON, canBreakGlass, canOnCase } from '../policy/policy';
import { canRevealIdentity } from '../policy/identity';
import { currentCaller } from '../services/actor';
import { languageOf } from '../services/language';
import { recordEvent } from '../services/sessions';
import { activeBreakGlassCaseIds, activeCaseIds, membershipsOf } from '../services/team-cases';
import { officeToday } from '../policy/policy';
import { BREAK_GLASS_UID, CASE_UID } from '../uids';

const NOT_FOUND = { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const hours = () => Number(strapi.plugin('access').config('breakGlassHours') ?? 24);

  return {
    async open(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const caller = currentCaller(strapi);
      if (caller.kind !== 'portal' || !canBreakGlass(caller.actor)) throw new errors.PolicyError(lang === 'es' ? 'Solo el procurador(a) titular puede pedir acceso excepcional.' : 'Only the chief prosecutor may ask for emergency access.');
      const { case: documentId, reason } = ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as { case?: unknown; reason?: unknown };
      const text = typeof reason === 'string' ? reason.trim() : '';
      if (text.length < BREAK_GLASS_REASON.min || text.length > BREAK_GLASS_REASON.max) {
        const message = lang === 'es' ? `Indique el motivo del acceso excepcional (de ${BREAK_GLASS_REASON.min} a ${BREAK_GLASS_REASON.max} caracteres).` : `State the reason for emergency access (${BREAK_GLASS_REASON.min} to ${BREAK_GLASS_REASON.max} characters).`;
        throw new errors.ValidationError(message, { errors: [{ path: ['reason'], message }] });
      }
      const found = typeof documentId === 'string' ? ((await strapi.db.query(CASE_UID as never).findOne({ where: { documentId }, select: ['id', 'documentId'] })) as { id: number } | null) : null;
      if (!found) throw new errors.NotFoundError(NOT_FOUND[lang]);
      const grantedAt = new Date();
      const expiresAt = new Date(grantedAt.getTime() + hours() * 3_600_000);
      await strapi.db.query(BREAK_GLASS_UID as never).create({ data: { userId: caller.actor.id, caseId: found.id, reason: text, grantedAt, expiresAt } });
      await recordEvent(strapi, 'break-glass', { userId: caller.actor.id, sid: (ctx.state as { pettSession?: { sid: string } }).pettSession?.sid });
      ctx.status = 201;
      ctx.body = { data: { case: documentId, expiresAt: expiresAt.toISOString() } };
    },

    /** Emergency accesses to a case, for whoever may read the case, and whether the caller sees its people. */
    async list(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const caller = currentCaller(strapi);
      if (caller.kind !== 'portal') throw new errors.UnauthorizedError('Unauthorized');
      // Read through the document service so the access policy decides: outside reach is 404.
      const visible = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.documentId ?? ''), fields: ['id'] } as never)) as unknown as { id: number } | null;
      if (!visible) throw new errors.NotFoundError(NOT_FOUND[lang]);
      const grants = (await strapi.db.query(BREAK_GLASS_UID as never).findMany({ where: { caseId: visible.id }, orderBy: { grantedAt: 'desc' }, limit: 100 })) as Array<{ reason: string; grantedAt: string; expiresAt: string }>;
      const now = new Date();
      let canSeePeople = true;
      let viaGlass = false;
      if (caller.actor.role === 'chief-prosecutor') {
        const team = (await activeCaseIds(strapi, caller.actor.id, officeToday())) ?? [];
        viaGlass = (await activeBreakGlassCaseIds(strapi, caller.actor.id)).includes(visible.id);
        canSeePeople = team.includes(visible.id) || viaGlass;
      }
      // Adding people to the case: the team roles that may also open identities (see people.addParty).
      const facts = { members: (await membershipsOf(strapi, [visible.id])).get(visible.id) ?? [], breakGlassUserIds: viaGlass ? [caller.actor.id] : [] };
      ctx.body = {
        data: {
          canSeePeople,
          canAddPeople: canSeePeople && canRevealIdentity(caller.actor, [facts], officeToday()),
          // Changing the case itself (its details and form answers): the policy's update answer.
          canEdit: canOnCase(caller.actor, 'update', facts, officeToday()),
          canBreakGlass: canBreakGlass(caller.actor) && !canSeePeople,
          grants: grants.map((g) => ({ grantedAt: new Date(g.grantedAt).toISOString(), expiresAt: new Date(g.expiresAt).toISOString(), active: new Date(g.expiresAt) > now, reason: g.reason, by: 'chief-prosecutor' })),
        },
      };
    },
  };
};
