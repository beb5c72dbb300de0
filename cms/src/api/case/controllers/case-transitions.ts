// The stage of a case: what the caller may do next (with the reasons a move is blocked), and the
// move itself. The case is read through the document service, so one out of reach is 404; who may
// move it is the access policy's answer (canOnCase update); what moves exist is the workflow's.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canOnCase, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { describeReason, STAGE_OUTCOME_LIST, type CaseRow, type MovesService } from '@pett/workflow/dist/server/services/moves';
import { OVERRIDING_ROLE } from '@pett/workflow/dist/server/machine/transition';
import type { WorkflowDefinition } from '@pett/workflow/dist/server/machine/definition';
import type { WorkflowsService } from '@pett/workflow/dist/server/services/workflows';
import { CASE_MOVE_UID, CASE_UID, CODE_LIST_UID } from '../../../uids';
import { caseInReach, fieldError as queryError } from '../http/case-reach';
import { wholeNumber } from '../validation/workflow-input';

/** Why a move happened is recorded with it; an override needs a fuller reason, like break-glass. */
export const MOVE_REASON = { min: 5, max: 1000 } as const;
export const OVERRIDE_REASON = { min: 20, max: 1000 } as const;

const TEXT = {
  notFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  cannotMove: { es: 'Solo el procurador(a) titular y los fiscales del equipo del caso pueden cambiar su etapa.', en: 'Only the chief prosecutor and the prosecutors on the case team may change its stage.' },
  noOverride: { es: 'Solo el procurador(a) titular puede pasar por encima de un bloqueo.', en: 'Only the chief prosecutor may override a block.' },
  to: { es: 'Indique en «to» el código de la etapa a la que pasa el caso.', en: 'Give in «to» the code of the stage the case moves to.' },
  unknownTo: { es: (to: string) => `«${to}» no es una etapa del flujo que sigue este caso.`, en: (to: string) => `«${to}» is not a stage of the workflow this case follows.` },
  reason: { es: `Indique en «reason» por qué se mueve el caso (de ${MOVE_REASON.min} a ${MOVE_REASON.max} caracteres).`, en: `Give in «reason» why the case moves (${MOVE_REASON.min} to ${MOVE_REASON.max} characters).` },
  overrideReason: { es: `Para pasar por encima de un bloqueo, explique el motivo en «reason» (de ${OVERRIDE_REASON.min} a ${OVERRIDE_REASON.max} caracteres).`, en: `To override a block, explain why in «reason» (${OVERRIDE_REASON.min} to ${OVERRIDE_REASON.max} characters).` },
  override: { es: '«override» debe ser true o false.', en: '«override» must be true or false.' },
  unknownField: { es: (f: string) => `El campo «${f}» no se acepta aquí: envíe solo to, reason, override y outcome.`, en: (f: string) => `The field «${f}» is not accepted here: send only to, reason, override and outcome.` },
  outcome: { es: '«outcome» es el código de un resultado de la etapa (por ejemplo archivo-provisional), o se omite.', en: '«outcome» is the code of an outcome of the stage (for example archivo-provisional), or is left out.' },
  unknownOutcome: {
    es: (o: string, known: string[]) => `«${o}» no es un resultado de la etapa actual del caso.${known.length ? ` Resultados posibles: ${known.join(', ')}.` : ' Esta etapa no registra resultados.'}`,
    en: (o: string, known: string[]) => `«${o}» is not an outcome of the case's current stage.${known.length ? ` Possible outcomes: ${known.join(', ')}.` : ' This stage records no outcome.'}`,
  },
  body: { es: 'El cuerpo debe ser un objeto JSON con to y reason.', en: 'The body must be a JSON object with to and reason.' },
  blocked: { es: 'No se puede mover el caso:', en: 'The case cannot be moved:' },
  stale: { es: 'Otra persona acaba de mover este caso: vuelva a cargarlo.', en: 'Someone else has just moved this case: reload it.' },
};

const fieldError = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message }] });

type User = { id: number; documentId: string; role?: { type?: string } };
const actorOf = (ctx: Context): Actor => {
  const user = ctx.state.user as User | undefined;
  return { id: user?.id ?? 0, role: isRoleKey(user?.role?.type) ? user!.role!.type as Actor['role'] : null };
};

/** The request body as { to, reason, override }, or a 400 naming the field. Accepts `data: {...}` too. */
function moveInput(ctx: Context, lang: Lang): { to: string; reason: string; override: boolean; outcome: string | null } {
  const raw = (ctx.request as unknown as { body?: unknown }).body;
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? ((raw as { data?: unknown }).data ?? raw) : null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw fieldError('body', TEXT.body[lang]);
  const { to, reason, override, outcome, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown) throw fieldError(unknown, TEXT.unknownField[lang](unknown));
  if (typeof to !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(to) || to.length > 40) throw fieldError('to', TEXT.to[lang]);
  if (override !== undefined && typeof override !== 'boolean') throw fieldError('override', TEXT.override[lang]);
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < MOVE_REASON.min || text.length > MOVE_REASON.max) throw fieldError('reason', TEXT.reason[lang]);
  if (override === true && text.length < OVERRIDE_REASON.min) throw fieldError('reason', TEXT.overrideReason[lang]);
  if (outcome !== undefined && outcome !== null && outcome !== '' && (typeof outcome !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(outcome) || outcome.length > 60)) throw fieldError('outcome', TEXT.outcome[lang]);
  return { to, reason: text, override: override === true, outcome: typeof outcome === 'string' && outcome ? outcome : null };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const moves = () => strapi.plugin('workflow').service('moves') as MovesService;

  /** The case as the caller may see it, whether they may change it, or 404. */
  async function caseFor(ctx: Context, lang: Lang, today: string) {
    const row = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id', 'stage', 'caseType', 'workflowKey', 'workflowVersion'] } as never)) as unknown as CaseRow | null;
    if (!row) throw new errors.NotFoundError(TEXT.notFound[lang]);
    const facts = { members: (await membershipsOf(strapi, [row.id])).get(row.id) ?? [] };
    const actor = actorOf(ctx);
    const user = ctx.state.user as User;
    return { row, mover: { userDocumentId: user.documentId, role: actor.role, mayEdit: canOnCase(actor, 'update', facts, today) } };
  }

  const workflows = () => strapi.plugin('workflow').service('workflows') as WorkflowsService;

  return {
    /** GET /cases/:id/moves — the case's moves, newest first, with the stage names of the version each was made under. */
    async history(ctx: Context) {
      const reach = await caseInReach(strapi, ctx);
      const query = ctx.query as Record<string, unknown>;
      const page = wholeNumber(query.page, 'page', 1, 100_000, 1, reach.lang);
      if (!page.ok) throw queryError(page.problem.path, page.problem.message);
      const pageSize = wholeNumber(query.pageSize, 'pageSize', 1, 100, 25, reach.lang);
      if (!pageSize.ok) throw queryError(pageSize.problem.path, pageSize.problem.message);
      const where = { case: { id: reach.row.id } };
      const [rows, total] = await Promise.all([
        strapi.db.query(CASE_MOVE_UID as never).findMany({ where, orderBy: [{ movedAt: 'desc' }, { id: 'desc' }], offset: (page.value - 1) * pageSize.value, limit: pageSize.value, populate: { movedBy: { select: ['username'] } } }) as Promise<Array<{ movedAt: string; fromState: string; toState: string; workflowKey: string; workflowVersion: number; reason: string; outcome?: string | null; overridden: unknown; movedBy?: { username: string } | null }>>,
        strapi.db.query(CASE_MOVE_UID as never).count({ where }) as Promise<number>,
      ]);
      const definitions = new Map<string, WorkflowDefinition | null>();
      for (const r of rows) {
        const key = `${r.workflowKey}@${r.workflowVersion}`;
        if (!definitions.has(key)) definitions.set(key, (await workflows().version(r.workflowKey, r.workflowVersion))?.definition ?? null);
      }
      const outcomeItems = rows.some((r) => r.outcome)
        ? (((await strapi.db.query(CODE_LIST_UID as never).findOne({ where: { key: STAGE_OUTCOME_LIST }, populate: { items: true } })) as { items?: Array<{ code: string; labelEs: string; labelEn: string }> } | null)?.items ?? [])
        : [];
      const outcomeOf = (code: string | null | undefined) => {
        if (!code) return null;
        const item = outcomeItems.find((i) => i.code === code);
        return { code, label: item ? (reach.lang === 'es' ? item.labelEs : item.labelEn) : code };
      };
      const stage = (r: { workflowKey: string; workflowVersion: number }, code: string) => {
        const state = definitions.get(`${r.workflowKey}@${r.workflowVersion}`)?.states.find((s) => s.code === code);
        return { code, label: state ? (reach.lang === 'es' ? state.labelEs : state.labelEn) : code };
      };
      ctx.body = {
        data: rows.map((r) => ({
          movedAt: r.movedAt, from: stage(r, r.fromState), to: stage(r, r.toState), movedBy: r.movedBy ? { displayName: r.movedBy.username } : null, reason: r.reason, outcome: outcomeOf(r.outcome),
          overridden: (Array.isArray(r.overridden) ? (r.overridden as Array<{ code: string; params?: Record<string, string | number> }>) : []).map((o) => describeReason({ code: o.code as never, params: o.params ?? {}, overridable: true }, reach.lang)),
        })),
        meta: { pagination: { page: page.value, pageSize: pageSize.value, pageCount: Math.ceil(Number(total) / pageSize.value), total: Number(total) } },
      };
    },

    async list(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const today = officeToday();
      const { row, mover } = await caseFor(ctx, lang, today);
      ctx.body = { data: await moves().options(row, mover, today, lang) };
    },

    async move(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const today = officeToday();
      const { row, mover } = await caseFor(ctx, lang, today);
      if (!mover.mayEdit) throw new errors.PolicyError(TEXT.cannotMove[lang]);
      const input = moveInput(ctx, lang);
      if (input.override && mover.role !== OVERRIDING_ROLE) throw new errors.PolicyError(TEXT.noOverride[lang]);
      const outcome = await moves().move(row, mover, input, today);
      if (outcome.kind === 'unknown-target') throw fieldError('to', TEXT.unknownTo[lang](input.to));
      if (outcome.kind === 'unknown-outcome') throw fieldError('outcome', TEXT.unknownOutcome[lang](input.outcome ?? '', outcome.outcomes));
      if (outcome.kind === 'stale' || outcome.kind === 'refused') {
        // 409: the request is well formed, but the case's present state does not allow it.
        const reasons = outcome.kind === 'refused' ? outcome.reasons.map((r) => describeReason(r, lang)) : [];
        const message = outcome.kind === 'stale' ? TEXT.stale[lang] : `${TEXT.blocked[lang]} ${reasons.map((r) => r.message).join(' ')}`;
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message, details: { reasons } } };
        return;
      }
      ctx.status = 201;
      ctx.body = {
        data: {
          from: outcome.from,
          stage: outcome.to,
          movedAt: outcome.movedAt,
          workflow: { key: outcome.workflow.key, version: outcome.workflow.version },
          overridden: outcome.overridden.map((r) => describeReason(r, lang)),
        },
      };
    },
  };
};
