// Team assignment: the chief prosecutor or the case's lead prosecutor adds members and ends or
// changes memberships. Reads go through the access policy (a case out of reach is 404); a change
// ends the member's sessions (access plugin), so lost access takes effect at once.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { isActiveMembership, officeToday } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { CASE_MEMBER_UID, CASE_UID, USER_UID } from '../../../uids';

/** Which account role may hold each team role. */
const TEAM_ROLE_HOLDERS: Record<string, string[]> = {
  'lead-prosecutor': ['prosecutor', 'chief-prosecutor'],
  prosecutor: ['prosecutor', 'chief-prosecutor'],
  investigator: ['investigator'],
  'victim-officer': ['victim-officer'],
  analyst: ['analyst'],
};

const TEXT = {
  notFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  refused: { es: 'Solo el procurador(a) titular o el fiscal titular del caso pueden cambiar el equipo.', en: 'Only the chief prosecutor or the case lead prosecutor may change the team.' },
  teamRole: { es: 'El rol en el equipo debe ser uno de: lead-prosecutor, prosecutor, investigator, victim-officer, analyst.', en: 'The team role must be one of: lead-prosecutor, prosecutor, investigator, victim-officer, analyst.' },
  user: { es: 'El usuario no existe o su rol no corresponde a ese rol en el equipo.', en: 'The user does not exist or their role does not fit that team role.' },
  date: { es: 'Las fechas deben tener el formato AAAA-MM-DD y el fin no puede ser anterior al inicio.', en: 'Dates must be YYYY-MM-DD and the end cannot be before the start.' },
  member: { es: 'No se encontró ese miembro del equipo.', en: 'That team member was not found.' },
};

type Member = { id: number; documentId: string; teamRole: string; startDate: string; endDate: string | null; user?: { id: number; username: string } };
const validDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const fieldError = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message }] });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function visibleCase(ctx: Context, lang: Lang) {
    const found = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id'] } as never)) as unknown as { id: number; documentId: string } | null;
    if (!found) throw new errors.NotFoundError(TEXT.notFound[lang]);
    return found;
  }
  const membersOf = async (caseId: number) => (await strapi.db.query(CASE_MEMBER_UID as never).findMany({ where: { case: { id: caseId } }, populate: { user: { select: ['id', 'username'] } }, orderBy: { startDate: 'asc' } })) as Member[];

  async function assertManager(ctx: Context, caseId: number, lang: Lang) {
    const user = ctx.state.user as { id: number; role?: { type?: string } };
    if (user.role?.type === 'chief-prosecutor') return;
    const lead = (await membersOf(caseId)).some((m) => m.user?.id === user.id && m.teamRole === 'lead-prosecutor' && isActiveMembership({ userId: user.id, teamRole: m.teamRole, startDate: m.startDate, endDate: m.endDate }, officeToday()));
    if (!lead) throw new errors.PolicyError(TEXT.refused[lang]);
  }

  const shape = (m: Member) => ({ id: m.documentId, user: m.user ? { id: m.user.id, username: m.user.username } : null, teamRole: m.teamRole, startDate: m.startDate, endDate: m.endDate, active: isActiveMembership({ userId: 0, teamRole: m.teamRole, startDate: m.startDate, endDate: m.endDate }, officeToday()) });

  return {
    async list(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const found = await visibleCase(ctx, lang);
      ctx.body = { data: (await membersOf(found.id)).map(shape) };
    },

    async add(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const found = await visibleCase(ctx, lang);
      await assertManager(ctx, found.id, lang);
      const { userId, teamRole, startDate, endDate } = ((ctx.request as unknown as { body?: { data?: Record<string, unknown> } }).body?.data ?? {}) as Record<string, unknown>;
      if (typeof teamRole !== 'string' || !TEAM_ROLE_HOLDERS[teamRole]) throw fieldError('teamRole', TEXT.teamRole[lang]);
      const start = startDate ?? officeToday();
      if (!validDate(start) || (endDate != null && (!validDate(endDate) || endDate < start))) throw fieldError(endDate != null ? 'endDate' : 'startDate', TEXT.date[lang]);
      const user = Number.isInteger(userId) ? ((await strapi.db.query(USER_UID as never).findOne({ where: { id: userId }, populate: ['role'] })) as { documentId: string; blocked: boolean; role?: { type?: string } } | null) : null;
      if (!user || user.blocked || !isRoleKey(user.role?.type) || !TEAM_ROLE_HOLDERS[teamRole].includes(user.role!.type!)) throw fieldError('userId', TEXT.user[lang]);
      const created = (await strapi.documents(CASE_MEMBER_UID as never).create({ data: { case: found.documentId, user: user.documentId, teamRole, startDate: start, endDate: endDate ?? null } } as never)) as unknown as { documentId: string };
      const member = (await membersOf(found.id)).find((m) => m.documentId === created.documentId)!;
      ctx.status = 201;
      ctx.body = { data: shape(member) };
    },

    async change(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const found = await visibleCase(ctx, lang);
      await assertManager(ctx, found.id, lang);
      const member = (await membersOf(found.id)).find((m) => m.documentId === String(ctx.params.memberId ?? ''));
      if (!member) throw new errors.NotFoundError(TEXT.member[lang]);
      const body = ((ctx.request as unknown as { body?: { data?: Record<string, unknown> } }).body?.data ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(body).filter((k) => !['teamRole', 'endDate'].includes(k));
      if (unknown.length) throw fieldError(unknown[0], lang === 'es' ? `El campo «${unknown[0]}» no se puede cambiar aquí.` : `The field «${unknown[0]}» cannot be changed here.`);
      const data: Record<string, unknown> = {};
      if (body.teamRole !== undefined) {
        if (typeof body.teamRole !== 'string' || !TEAM_ROLE_HOLDERS[body.teamRole]) throw fieldError('teamRole', TEXT.teamRole[lang]);
        data.teamRole = body.teamRole;
      }
      if (body.endDate !== undefined) {
        if (body.endDate !== null && (!validDate(body.endDate) || body.endDate < member.startDate)) throw fieldError('endDate', TEXT.date[lang]);
        data.endDate = body.endDate;
      }
      // Through the document service: the access plugin ends the member's sessions on this update.
      await strapi.documents(CASE_MEMBER_UID as never).update({ documentId: member.documentId, data } as never);
      ctx.body = { data: shape((await membersOf(found.id)).find((m) => m.documentId === member.documentId)!) };
    },
  };
};
