// /api/cases/:id/plan and /api/plan-templates: a case's investigation and intelligence plan. The
// case is read through the document service, so one out of the caller's reach is 404; who may change
// the plan is the access policy's answer for the case (canOnCase update). Thin: check, call the
// service, shape. The PDF download is a read of the case on the audit trail (`plan.export`).
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canOnCase, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { currentActor, currentClient } from '@pett/audit/dist/server/services/request-facts';
import type { TrailService } from '@pett/audit/dist/server/services/trail';
import { CASE_UID, CODE_LIST_UID } from '../../../uids';
import { PARTS, summary, validatePlan } from '../validation/plan-input';
import { renderPlanPdf } from '../plan/plan-pdf';
import { keepHiddenCodes, visibleCodesOnly } from '../plan/person-codes';
import type { CaseRef, InvestigationPlanService, PlanRow } from '../services/investigation-plan';

const T = {
  notFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  noPlan: { es: 'Este caso todavía no tiene plan de investigación.', en: 'This case has no investigation plan yet.' },
  cannotEdit: { es: 'Solo el procurador(a) titular y los fiscales del equipo del caso pueden cambiar su plan de investigación.', en: 'Only the chief prosecutor and the prosecutors on the case team may change its investigation plan.' },
  exists: { es: 'Este caso ya tiene un plan de investigación: ábralo y edítelo.', en: 'This case already has an investigation plan: open it and edit it.' },
  template: { es: 'Elija en «template» un modelo de plan activo, o envíe null para un plan vacío.', en: 'Choose in «template» an active plan template, or send null for an empty plan.' },
  stale: { es: 'Otra persona guardó el plan mientras usted lo editaba. Vuelva a cargarlo y repita sus cambios.', en: 'Someone else saved the plan while you were editing it. Reload it and make your changes again.' },
};

type User = { id: number; documentId: string; username?: string; role?: { type?: string } };
const actorOf = (ctx: Context): Actor => {
  const user = ctx.state.user as User | undefined;
  return { id: user?.id ?? 0, role: isRoleKey(user?.role?.type) ? (user!.role!.type as Actor['role']) : null };
};
const bodyOf = (ctx: Context): Record<string, unknown> => {
  const raw = (ctx.request as unknown as { body?: unknown }).body;
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
};
const fieldError = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message }] });

interface CaseRow extends CaseRef { caseNumber: string; caseType: string | null; stage: string | null }

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::investigation-plan.investigation-plan' as never) as unknown as InvestigationPlanService;
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;

  /** The case as the caller may see it and whether they may change it, or 404. */
  async function caseFor(ctx: Context, lang: Lang): Promise<{ row: CaseRow; canEdit: boolean }> {
    const row = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id', 'caseNumber', 'caseType', 'stage'] } as never)) as unknown as CaseRow | null;
    if (!row) throw new errors.NotFoundError(T.notFound[lang]);
    const facts = { members: (await membershipsOf(strapi, [row.id])).get(row.id) ?? [] };
    return { row, canEdit: canOnCase(actorOf(ctx), 'update', facts, officeToday()) };
  }

  const shape = (plan: PlanRow) => ({
    documentId: plan.documentId, caseDocumentId: plan.caseDocumentId, version: plan.version, templateKey: plan.templateKey, templateVersion: plan.templateVersion,
    createdAt: plan.createdAt, updatedAt: plan.updatedAt, updatedBy: plan.updatedByUser ? { username: plan.updatedByUser.username } : null,
    objective: plan.objective, ...Object.fromEntries(PARTS.map((part) => [part, plan[part]])),
  });

  async function answer(ctx: Context, row: CaseRow, canEdit: boolean, plan: PlanRow | null) {
    const { options, refs } = await service().options(row);
    if (plan) plan = visibleCodesOnly(plan, refs.personCodes);
    ctx.body = { data: plan ? shape(plan) : null, meta: { canEdit, case: { documentId: row.documentId, caseNumber: row.caseNumber, caseType: row.caseType }, options } };
  }

  return {
    /** GET /api/plan-templates — the active templates, with what each one pre-fills. */
    async templates(ctx: Context) {
      const rows = await service().templates();
      ctx.body = {
        data: rows.map((t) => {
          const content = (t.content ?? {}) as Record<string, unknown>;
          const count = (part: string) => (Array.isArray(content[part]) ? (content[part] as unknown[]).length : 0);
          return {
            key: t.key, version: t.version, name: t.name, description: t.description, caseTypes: Array.isArray(t.caseTypes) ? t.caseTypes : [],
            counts: { hypotheses: count('hypotheses'), lines: count('lines'), actions: count('actions'), informationNeeds: count('informationNeeds') },
          };
        }),
      };
    },

    /** GET /api/cases/:id/plan — the plan or null, whether the caller may edit it, and the choices a form needs. */
    async show(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { row, canEdit } = await caseFor(ctx, lang);
      await answer(ctx, row, canEdit, await service().findByCase(row));
    },

    /** POST /api/cases/:id/plan {template: key|null} — creates the plan; 409 when the case has one. */
    async create(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { row, canEdit } = await caseFor(ctx, lang);
      if (!canEdit) throw new errors.PolicyError(T.cannotEdit[lang]);
      const body = bodyOf(ctx);
      const input = (body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : body) as Record<string, unknown>;
      const key = input.template;
      let template = null;
      if (key != null && key !== '') {
        template = typeof key === 'string' ? (await service().templates()).find((t) => t.key === key) ?? null : null;
        if (!template) throw fieldError('template', T.template[lang]);
      }
      const { refs } = await service().options(row);
      const created = await service().create(row, template, (ctx.state.user as User).documentId, refs.agencies);
      if (!created) {
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: T.exists[lang], details: {} } };
        return;
      }
      await answer(ctx, row, canEdit, created);
      ctx.status = 201;
    },

    /** PUT /api/cases/:id/plan {data: whole plan with version} — 400 per path, 409 when stale. */
    async update(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { row, canEdit } = await caseFor(ctx, lang);
      if (!canEdit) throw new errors.PolicyError(T.cannotEdit[lang]);
      const current = await service().findByCase(row);
      if (!current) throw new errors.NotFoundError(T.noPlan[lang]);
      const { refs } = await service().options(row);
      const checked = validatePlan(bodyOf(ctx).data, refs, lang, officeToday());
      if ('problems' in checked) throw new errors.ValidationError(summary(checked.problems, lang), { errors: checked.problems });
      const content = keepHiddenCodes(current, checked.content, refs.personCodes);
      const saved = checked.version === current.version ? await service().save(row, current, content, checked.version, (ctx.state.user as User).documentId) : 'stale';
      if (saved === 'stale') {
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: T.stale[lang], details: { currentVersion: (await service().findByCase(row))?.version ?? null } } };
        return;
      }
      await answer(ctx, row, canEdit, saved);
    },

    /** GET /api/cases/:id/plan.pdf — the plan printed in Spanish, pseudonyms only; recorded before it is built. */
    async pdf(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { row } = await caseFor(ctx, lang);
      const plan = await service().findByCase(row);
      if (!plan) throw new errors.NotFoundError(T.noPlan[lang]);
      const { options, refs } = await service().options(row);
      await trail().append({ actor: currentActor(strapi), action: 'plan.export', target: { type: 'case', id: row.documentId }, outcome: 'success', fields: ['pdf'], client: currentClient(strapi) });
      const [roles, caseTypes, stages] = await Promise.all(['team-role', 'case-type', 'case-stage'].map((key) => spanishLabels(strapi, key)));
      const user = ctx.state.user as User;
      const body = await renderPlanPdf({
        caseNumber: row.caseNumber, caseType: caseTypes.get(row.caseType ?? '') ?? row.caseType, stage: stages.get(row.stage ?? '') ?? row.stage, version: plan.version, updatedAt: plan.updatedAt,
        generatedAt: new Date(), generatedBy: user.username ?? String(user.id), content: visibleCodesOnly(plan, refs.personCodes),
        userLabels: new Map(options.team.map((m) => [m.documentId, `${m.username} (${roles.get(m.teamRole) ?? m.teamRole})`])),
        agencyLabels: new Map(options.agencies.map((a) => [a.code, `${a.code} — ${a.name}`])),
        countryLabels: new Map(options.countries.map((c) => [c.code, c.labelEs])),
      });
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Disposition', `attachment; filename="plan-${row.caseNumber}.pdf"`);
      ctx.type = 'application/pdf';
      ctx.body = body;
    },
  };
};

/** The Spanish labels of a code list (the PDF is in Spanish whatever the caller's language). */
async function spanishLabels(strapi: Core.Strapi, key: string): Promise<Map<string, string>> {
  const list = (await strapi.db.query(CODE_LIST_UID as never).findOne({ where: { key }, populate: ['items'] })) as { items?: Array<{ code: string; labelEs: string }> } | null;
  return new Map((list?.items ?? []).map((i) => [i.code, i.labelEs]));
}
