// Moving a case along its workflow: gathers what the guards need (the open SOP checklists, the
// case's people), asks the pure decision, and applies a move with its record (who, when, why, what
// was overridden), the checklists it closes and opens and the deadlines it starts, in one transaction.
import type { Core } from '@strapi/strapi';
import type { CaseWorkflowFacts, Reason, TransitionContext, WorkflowDefinition } from '../machine/definition';
import { stageTemplatesOf, stateOf } from '../machine/definition';
import { nextSteps, transition, type NextStep } from '../machine/transition';
import { reasonMessage, type Lang } from '../machine/reasons';
import { CASE_MOVE_UID, CASE_PARTY_UID, CASE_UID, CODE_LIST_UID, VICTIM_PROFILE_UID } from '../uids';
import type { VersionedWorkflow, WorkflowsService } from './workflows';
import type { SopRunsService } from './sop-runs';
import type { DeadlinesService } from './deadlines';

const ACCUSED_ROLES = new Set(['imputado', 'acusado']);

export interface CaseRow { id: number; documentId: string; stage: string; caseType?: string | null; workflowKey?: string | null; workflowVersion?: number | null }
export interface Mover { userDocumentId: string; role: string | null; mayEdit: boolean }

export type MoveOutcome =
  | { kind: 'moved'; from: string; to: string; movedAt: string; overridden: Reason[]; workflow: VersionedWorkflow }
  | { kind: 'refused'; reasons: Reason[] }
  | { kind: 'unknown-target' }
  | { kind: 'unknown-outcome'; outcomes: string[] }
  | { kind: 'stale' };

/** What a stage may end with (acto conclusivo: acusación, archivo provisional…): the `stage-outcome` list. */
export interface StageOutcome { code: string; labelEs: string; labelEn: string; startsEvents: string[] }
/** The code list holding stage outcomes; an item's parent is its stage, `meta.startsEvents` the deadlines it starts. */
export const STAGE_OUTCOME_LIST = 'stage-outcome';

const label = (workflow: WorkflowDefinition, code: string, lang: Lang) => {
  const state = stateOf(workflow, code);
  return state ? (lang === 'es' ? state.labelEs : state.labelEn) : code;
};
export const describeReason = (r: Reason, lang: Lang) => ({ code: r.code, params: r.params ?? {}, overridable: r.overridable, message: reasonMessage(r, lang) });

export const createMovesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const workflows = () => strapi.plugin('workflow').service('workflows') as WorkflowsService;
  const sopRuns = () => strapi.plugin('workflow').service('sopRuns') as SopRunsService;
  const deadlines = () => strapi.plugin('workflow').service('deadlines') as DeadlinesService;

  /** What the guards read about the people of the case (the SOP steps come from the open checklists). */
  async function factsOf(caseId: number, today: string): Promise<CaseWorkflowFacts> {
    const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { case: { id: caseId } }, select: ['role'], populate: { person: { select: ['id'] } } })) as Array<{ role: string; person?: { id: number } | null }>;
    const personIds = [...new Set(parties.map((p) => p.person?.id).filter((id): id is number => typeof id === 'number'))];
    const profiles = personIds.length
      ? ((await strapi.db.query(VICTIM_PROFILE_UID as never).findMany({ where: { person: { id: { $in: personIds } } }, populate: { protectionMeasures: true } })) as Array<{ protectionMeasures?: Array<{ startDate: string; expiryDate: string | null }> }>)
      : [];
    const inForce = profiles.flatMap((p) => p.protectionMeasures ?? []).filter((m) => String(m.startDate).slice(0, 10) <= today && (m.expiryDate == null || String(m.expiryDate).slice(0, 10) >= today));
    return { coercionRequestFiled: false, activeProtectionMeasures: inForce.length, accusedCount: parties.filter((p) => ACCUSED_ROLES.has(p.role)).length };
  }

  async function contextOf(row: CaseRow, mover: Pick<Mover, 'role'>, today: string, workflow: WorkflowDefinition): Promise<TransitionContext> {
    const checks = await sopRuns().checksOf(row.id);
    const facts = await factsOf(row.id, today);
    // The coercive-measure request is on record when its checklist step is done.
    facts.coercionRequestFiled = checks.steps['coercion-request'] === 'done';
    return { actorRole: mover.role, steps: checks.steps, gates: checks.gates, titles: checks.titles, stageTemplates: stageTemplatesOf(workflow), facts };
  }

  /** The active outcomes of a stage, in list order. */
  async function outcomesOf(stage: string): Promise<StageOutcome[]> {
    const list = (await strapi.db.query(CODE_LIST_UID as never).findOne({ where: { key: STAGE_OUTCOME_LIST }, populate: { items: true } })) as { items?: Array<{ code: string; labelEs: string; labelEn: string; active?: boolean | null; parentCode?: string | null; sortOrder?: number | null; meta?: { startsEvents?: unknown } | null }> } | null;
    return (list?.items ?? [])
      .filter((i) => i.parentCode === stage && i.active !== false)
      .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
      .map((i) => ({ code: i.code, labelEs: i.labelEs, labelEn: i.labelEn, startsEvents: Array.isArray(i.meta?.startsEvents) ? (i.meta!.startsEvents as unknown[]).filter((e): e is string => typeof e === 'string') : [] }));
  }

  /**
   * Entering a stage, inside the caller's transaction: the stage's checklists open (those it does not
   * continue close) and the deadlines of its events start, unless one for the same event is running.
   */
  async function enterStage(input: { caseId: number; caseDocumentId: string; caseType: string | null; workflow: WorkflowDefinition; stage: string; at: string; today: string; source: string }) {
    const state = stateOf(input.workflow, input.stage);
    await sopRuns().enterStage({ ...input, templateKeys: state?.sopTemplates ?? [] });
    // A final stage (no way out, e.g. closed) ends every deadline still running on the case.
    if (!input.workflow.transitions.some((t) => t.from === input.stage)) {
      await deadlines().cancelAllOpen(input.caseId, 'Caso cerrado. / Case closed.');
    }
    for (const event of state?.startsEvents ?? []) {
      if (await deadlines().running(input.caseId, event)) continue;
      await deadlines().start({ caseId: input.caseId, event, eventAt: input.at, source: input.source, stage: input.stage });
    }
  }

  return {
    /** The moves out of the case's stage, allowed or blocked with reasons, as the caller may make them. */
    async options(row: CaseRow, mover: Mover, today: string, lang: Lang) {
      const followed = await workflows().ofCase(row);
      const latest = await workflows().latestVersion(followed.key);
      const steps: NextStep[] = nextSteps({ workflow: followed.definition, current: row.stage }, await contextOf(row, mover, today, followed.definition));
      const cannotEdit: Reason = { code: 'cannot-edit-case', overridable: false };
      return {
        stage: { code: row.stage, label: label(followed.definition, row.stage, lang) },
        workflow: { key: followed.key, name: followed.definition.name, version: followed.version, latestVersion: latest?.version ?? followed.version, pinned: !!row.workflowKey },
        // How the stage may end, recorded with the move out of it (optional).
        outcomes: (await outcomesOf(row.stage)).map((o) => ({ code: o.code, label: lang === 'es' ? o.labelEs : o.labelEn })),
        steps: steps.map((s) => {
          const reasons = mover.mayEdit ? s.reasons : [cannotEdit, ...s.reasons];
          return { to: s.to, label: label(followed.definition, s.to, lang), allowed: mover.mayEdit && s.allowed, canOverride: mover.mayEdit && s.canOverride, reasons: reasons.map((r) => describeReason(r, lang)) };
        }),
      };
    },

    enterStage,

    /**
     * Moves the case if the workflow allows it. One transaction holds the move's record, the case's
     * new stage, the checklists closed and opened and the deadlines started. Two people moving the
     * same case at once: the conditional update below lets one through; the other finds the stage
     * changed (it waits for the first's row lock on PostgreSQL) and gets `stale`.
     */
    async move(row: CaseRow, mover: Mover, input: { to: string; reason: string; override: boolean; outcome?: string | null }, today: string): Promise<MoveOutcome> {
      const followed = await workflows().ofCase(row);
      if (!stateOf(followed.definition, input.to)) return { kind: 'unknown-target' };
      const outcomes = input.outcome ? await outcomesOf(row.stage) : [];
      const outcome = input.outcome ? outcomes.find((o) => o.code === input.outcome) : undefined;
      if (input.outcome && !outcome) return { kind: 'unknown-outcome', outcomes: outcomes.map((o) => o.code) };
      const decision = transition({ workflow: followed.definition, current: row.stage }, { to: input.to, override: input.override }, await contextOf(row, mover, today, followed.definition));
      if (!decision.ok) return { kind: 'refused', reasons: decision.reasons };
      return strapi.db.transaction(async ({ trx }) => {
        const movedAt = new Date().toISOString();
        const claimed = await trx('cases').where({ id: row.id, stage: row.stage }).update({ updated_at: new Date(movedAt) });
        if (Number(claimed) !== 1) return { kind: 'stale' } as const;
        const record = (await strapi.documents(CASE_MOVE_UID as never).create({
          data: { case: row.documentId, movedBy: mover.userDocumentId, movedAt, fromState: row.stage, toState: decision.state, workflowKey: followed.key, workflowVersion: followed.version, reason: input.reason, outcome: outcome?.code ?? null, overridden: decision.overridden.map((r) => ({ code: r.code, params: r.params ?? {} })) },
        } as never)) as unknown as { documentId: string };
        // A case that had no workflow yet is pinned to the version it was moved under.
        await strapi.documents(CASE_UID as never).update({ documentId: row.documentId, data: { stage: decision.state, workflowKey: followed.key, workflowVersion: followed.version } } as never);
        const caseType = row.caseType ?? ((await strapi.db.query(CASE_UID as never).findOne({ where: { id: row.id }, select: ['caseType'] })) as { caseType: string | null } | null)?.caseType ?? null;
        await enterStage({ caseId: row.id, caseDocumentId: row.documentId, caseType, workflow: followed.definition, stage: decision.state, at: movedAt, today, source: `move:${record.documentId}` });
        // The outcome's own deadlines (a provisional archive is reviewed within 2 years), after the
        // new stage's: a closing stage ends what ran before, not what its outcome starts.
        for (const event of outcome?.startsEvents ?? []) {
          if (await deadlines().running(row.id, event)) continue;
          await deadlines().start({ caseId: row.id, event, eventAt: movedAt, source: `move:${record.documentId}`, stage: decision.state });
        }
        return { kind: 'moved', from: row.stage, to: decision.state, movedAt, overridden: decision.overridden, workflow: followed } as const;
      });
    },
  };
};

export type MovesService = ReturnType<typeof createMovesService>;
