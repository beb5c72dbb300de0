// Case endpoints (refusals are PolicyErrors: Strapi replaces any other 403 message with 'Forbidden'): reads go through the core controller (scoped by the access plugin); create and
// update validate every field, refuse server-owned fields, and answer in the caller's language.
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canOnCase, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { languageOf } from '@pett/access/dist/server/services/language';
import { CASE_UID } from '../../../uids';
import { validateCaseInput, type FieldError, type Lang } from '../validation/case-input';

type Ctx = {
  state: { user?: { id: number; documentId: string; role?: { type?: string } } };
  request: { body?: { data?: unknown } };
  params: { id?: string };
  query: Record<string, unknown>;
  get(header: string): string;
  status: number;
};

const REFUSED = {
  es: 'No tiene permiso para realizar esta acción.',
  en: 'You are not allowed to do this.',
};
const INVALID = {
  es: (n: number) => (n === 1 ? 'Hay 1 campo con errores.' : `Hay ${n} campos con errores.`),
  en: (n: number) => (n === 1 ? '1 field has an error.' : `${n} fields have errors.`),
};

function actorOf(ctx: Ctx): Actor {
  const type = ctx.state.user?.role?.type;
  return { id: ctx.state.user?.id ?? 0, role: isRoleKey(type) ? type : null };
}

function throwIfInvalid(fieldErrors: FieldError[], lang: Lang): void {
  const forbidden = fieldErrors.filter((e) => e.name === 'ForbiddenError');
  if (forbidden.length) throw new errors.PolicyError(forbidden[0].message, { errors: forbidden });
  if (fieldErrors.length) {
    const message = fieldErrors.length === 1 ? fieldErrors[0].message : `${INVALID[lang](fieldErrors.length)} ${fieldErrors[0].message}`;
    throw new errors.ValidationError(message, { errors: fieldErrors });
  }
}

export default factories.createCoreController(CASE_UID as never, ({ strapi }) => ({
  async create(koaCtx) {
    const ctx = koaCtx as unknown as Ctx;
    const lang = languageOf(ctx.get('accept-language'));
    const today = officeToday();
    if (!canOnCase(actorOf(ctx), 'create', null, today)) throw new errors.PolicyError(REFUSED[lang]);
    const service = strapi.service(CASE_UID as never) as unknown as {
      activeCodeSets(): Promise<Record<string, Set<string>>>;
      openCase(input: unknown, creator: { documentId: string }, today: string): Promise<{ documentId: string }>;
    };
    const { errors: fieldErrors, data } = validateCaseInput(ctx.request.body?.data, { mode: 'create', lang, codes: await service.activeCodeSets(), today });
    throwIfInvalid(fieldErrors, lang);
    const created = await service.openCase(data, { documentId: ctx.state.user!.documentId }, today);
    const entity = await strapi.documents(CASE_UID as never).findOne({ documentId: created.documentId } as never);
    const sanitized = await this.sanitizeOutput!(entity as never, ctx as never);
    ctx.status = 201;
    return this.transformResponse!(sanitized);
  },

  async update(koaCtx) {
    const ctx = koaCtx as unknown as Ctx;
    const lang = languageOf(ctx.get('accept-language'));
    const today = officeToday();
    const documentId = String(ctx.params.id ?? '');
    // Scoped by the access plugin: a case outside the caller's reach is simply not found.
    const existing = (await strapi.documents(CASE_UID as never).findOne({ documentId } as never)) as unknown as { id: number; intakeDate: string; factsDate: string | null } | null;
    if (!existing) throw new errors.NotFoundError(lang === 'es' ? 'No se encontró el caso o no tiene acceso a él.' : 'The case was not found or you have no access to it.');
    const facts = { members: (await membershipsOf(strapi, [existing.id])).get(existing.id) ?? [] };
    if (!canOnCase(actorOf(ctx), 'update', facts, today)) throw new errors.PolicyError(REFUSED[lang]);
    const service = strapi.service(CASE_UID as never) as unknown as { activeCodeSets(): Promise<Record<string, Set<string>>> };
    const { errors: fieldErrors, data } = validateCaseInput(ctx.request.body?.data, { mode: 'update', lang, codes: await service.activeCodeSets(), today, existing });
    throwIfInvalid(fieldErrors, lang);
    const updated = await strapi.documents(CASE_UID as never).update({ documentId, data } as never);
    const sanitized = await this.sanitizeOutput!(updated as never, ctx as never);
    return this.transformResponse!(sanitized);
  },
}));
