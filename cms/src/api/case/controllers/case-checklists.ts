// A case's SOP checklists: what each protocol asks at this stage (and asked before), and ticking a
// step. The case's editors tick any step; another team member ticks the steps of their own role.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { Lang } from '@pett/access/dist/server/services/language';
import type { SopRunsService, RunRow, RunStepRow } from '@pett/workflow/dist/server/services/sop-runs';
import type { WorkflowsService } from '@pett/workflow/dist/server/services/workflows';
import type { DeadlinesService } from '@pett/workflow/dist/server/services/deadlines';
import { caseInReach, fieldError, type CaseInReach } from '../http/case-reach';
import { oneOf, tickInput } from '../validation/workflow-input';
import { SOP_RUN_STEP_UID, SOP_RUN_UID } from '../../../uids';

const TEXT = {
  noRun: { es: 'Esta lista de verificación no existe en el caso.', en: 'This checklist does not exist on the case.' },
  noStep: { es: (k: string) => `La lista no tiene el paso «${k}».`, en: (k: string) => `The checklist has no step «${k}».` },
  closed: { es: 'Esta lista se cerró al salir de su etapa: ya no se puede cambiar.', en: 'This checklist was closed when the case left its stage: it can no longer change.' },
  refused: { es: 'Solo los fiscales del equipo, el procurador(a) titular o un miembro del equipo con el rol del paso pueden marcarlo.', en: 'Only the team’s prosecutors, the chief prosecutor or a team member with the step’s role may tick it.' },
  met: { es: (title: string) => `Cumplido al completar el paso «${title}» del protocolo.`, en: (title: string) => `Met by completing protocol step «${title}».` },
};

/** Steps whose completion meets the deadline an event started: the request meets the 48 hours, the conclusive act the investigation term. */
const STEP_MEETS: Record<string, string[]> = { 'coercion-request': ['arrest'], 'conclusive-act': ['pretrial-detention-ordered'] };

const mayTick = (reach: Pick<CaseInReach, 'mayEdit' | 'isMember' | 'actor'>, step: Pick<RunStepRow, 'role'>) => reach.mayEdit || (reach.isMember && reach.actor.role === step.role);

export function shapeStep(step: RunStepRow, today: string, canTick: boolean) {
  return {
    key: step.key, title: step.title, role: step.role, required: step.required !== false, gate: step.gate === true,
    dueDate: step.dueDate ?? null, overdue: step.status === 'open' && !!step.dueDate && String(step.dueDate).slice(0, 10) < today,
    guidance: step.guidance ?? null, evidenceRequired: step.evidenceRequired ?? null, status: step.status,
    doneAt: step.doneAt ?? null, doneBy: step.doneBy ? { displayName: step.doneBy.username ?? '' } : null, note: step.note ?? null, canTick,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sopRuns = () => strapi.plugin('workflow').service('sopRuns') as SopRunsService;
  const workflows = () => strapi.plugin('workflow').service('workflows') as WorkflowsService;
  const deadlines = () => strapi.plugin('workflow').service('deadlines') as DeadlinesService;

  async function stageLabel(reach: CaseInReach, lang: Lang) {
    const followed = await workflows().ofCase(reach.row);
    return (code: string) => {
      const state = followed.definition.states.find((s) => s.code === code);
      return { code, label: state ? (lang === 'es' ? state.labelEs : state.labelEn) : code };
    };
  }

  function shapeRun(run: RunRow, reach: CaseInReach, stage: (code: string) => { code: string; label: string }) {
    const steps = run.steps ?? [];
    return {
      id: run.documentId, templateKey: run.templateKey, templateName: run.templateName, templateVersion: run.templateVersion,
      stage: stage(run.stage), openedAt: run.openedAt, closedAt: run.closedAt ?? null,
      progress: { done: steps.filter((s) => s.status !== 'open').length, total: steps.length, requiredOpen: steps.filter((s) => s.required !== false && s.status === 'open').length },
      steps: steps.map((s) => shapeStep(s, reach.today, !run.closedAt && mayTick(reach, s))),
    };
  }

  return {
    async list(ctx: Context) {
      const reach = await caseInReach(strapi, ctx);
      const scope = oneOf((ctx.query as Record<string, unknown>).scope, 'scope', ['current', 'all'] as const, 'current', reach.lang);
      if (!scope.ok) throw fieldError(scope.problem.path, scope.problem.message);
      const stage = await stageLabel(reach, reach.lang);
      const runs = await sopRuns().runsOf(reach.row.id, scope.value);
      ctx.body = { data: runs.map((run) => shapeRun(run, reach, stage)), meta: { canTick: reach.mayEdit || reach.isMember } };
    },

    async tick(ctx: Context) {
      const reach = await caseInReach(strapi, ctx);
      const { lang } = reach;
      const run = (await strapi.db.query(SOP_RUN_UID as never).findOne({ where: { documentId: String(ctx.params.runId ?? ''), case: { id: reach.row.id } } })) as RunRow | null;
      if (!run) throw new errors.NotFoundError(TEXT.noRun[lang]);
      const key = String(ctx.params.key ?? '');
      const step = (await strapi.db.query(SOP_RUN_STEP_UID as never).findOne({ where: { run: { id: run.id }, key } })) as RunStepRow | null;
      if (!step) throw new errors.NotFoundError(TEXT.noStep[lang](key.slice(0, 80)));
      if (!mayTick(reach, step)) throw new errors.PolicyError(TEXT.refused[lang]);
      if (run.closedAt) {
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: TEXT.closed[lang], details: {} } };
        return;
      }
      const input = tickInput((ctx.request as unknown as { body?: unknown }).body, lang);
      if (!input.ok) throw fieldError(input.problem.path, input.problem.message);
      const { status, note } = input.value;
      const now = new Date().toISOString();
      await strapi.db.transaction(async () => {
        await strapi.documents(SOP_RUN_STEP_UID as never).update({
          documentId: step.documentId,
          data: { status, note, doneAt: status === 'open' ? null : now, doneBy: status === 'open' ? null : reach.userDocumentId },
        } as never);
        if (status === 'done' && STEP_MEETS[step.key]) {
          await deadlines().meetByEvent(reach.row.id, STEP_MEETS[step.key], reach.userDocumentId, `${TEXT.met.es(step.title)} / ${TEXT.met.en(step.title)}`);
        }
      });
      const fresh = (await strapi.db.query(SOP_RUN_STEP_UID as never).findOne({ where: { id: step.id }, populate: { doneBy: { select: ['id', 'username'] } } })) as RunStepRow;
      ctx.body = { data: shapeStep(fresh, reach.today, true) };
    },
  };
};
