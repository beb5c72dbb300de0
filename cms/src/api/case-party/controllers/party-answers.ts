// A party's answers to the office's party form (`custom`): changed by the case's editors whose role
// may write a party's fields. The forms plugin checks the answers against the published form.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canOnCase, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { unwritableFields } from '@pett/access/dist/server/policy/fields';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { CASE_PARTY_UID, CASE_UID } from '../../../uids';

const TEXT = {
  notFound: { es: 'No se encontró el interviniente en este caso, o no tiene acceso al caso.', en: 'The party was not found on this case, or you have no access to the case.' },
  refused: { es: 'Su función en este caso no permite cambiar los datos de sus intervinientes.', en: 'Your role on this case may not change its parties’ details.' },
  body: { es: 'Envíe {"data": {"custom": {…}}}: las respuestas del formulario del interviniente.', en: 'Send {"data": {"custom": {…}}}: the answers to the party form.' },
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** PUT /api/cases/:id/parties/:partyId {data:{custom}} */
  async update(ctx: Context) {
    const lang = languageOf(ctx.get('accept-language'));
    const user = ctx.state.user as { id: number; role?: { type?: string } } | undefined;
    const actor: Actor = { id: user?.id ?? 0, role: isRoleKey(user?.role?.type) ? (user!.role!.type as Actor['role']) : null };
    // Read through the document service: a case out of reach is not found.
    const found = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id'] } as never)) as unknown as { id: number } | null;
    const party = found ? ((await strapi.db.query(CASE_PARTY_UID as never).findOne({ where: { documentId: String(ctx.params.partyId ?? ''), case: { id: found.id } }, select: ['id', 'documentId'] })) as { documentId: string } | null) : null;
    if (!found || !party) throw new errors.NotFoundError(TEXT.notFound[lang]);
    const facts = { members: (await membershipsOf(strapi, [found.id])).get(found.id) ?? [] };
    if (!canOnCase(actor, 'update', facts, officeToday()) || unwritableFields('case-party', actor.role, { custom: null }).length) throw new errors.PolicyError(TEXT.refused[lang]);
    const raw = (ctx.request as unknown as { body?: { data?: unknown } }).body?.data;
    const keys = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : null;
    const stray = keys?.find((k) => k !== 'custom');
    if (!keys || !keys.includes('custom') || stray) throw new errors.ValidationError(TEXT.body[lang], { errors: [{ path: [stray ?? 'data'], message: TEXT.body[lang] }] });
    await strapi.documents(CASE_PARTY_UID as never).update({ documentId: party.documentId, data: { custom: (raw as { custom: unknown }).custom } } as never);
    const fresh = (await strapi.db.query(CASE_PARTY_UID as never).findOne({ where: { documentId: party.documentId }, select: ['documentId', 'custom', 'customFormVersion'] })) as { documentId: string; custom: unknown; customFormVersion: number | null };
    ctx.body = { data: fresh };
  },
});
