// Moving a case along its workflow: gathers what the guards need, asks the pure decision, and
// applies a move with its record (who, when, why, what was overridden) in one transaction.
import type { Core } from '@strapi/strapi';
import type { CaseWorkflowFacts, Reason, TransitionContext, WorkflowDefinition } from '../machine/definition';
import { stateOf } from '../machine/definition';
import { nextSteps, transition, type NextStep } from '../machine/transition';
import { reasonMessage, type Lang } from '../machine/reasons';
import { CASE_MOVE_UID, CASE_PARTY_UID, CASE_UID, VICTIM_PROFILE_UID } from '../uids';
import type { VersionedWorkflow, WorkflowsService } from './workflows';

const ACCUSED_ROLES = new Set(['imputado', 'acusado']);

export interface CaseRow { id: number; documentId: string; stage: string; workflowKey?: string | null; workflowVersion?: number | null }
export interface Mover { userDocumentId: string; role: string | null; mayEdit: boolean }

export type MoveOutcome =
  | { kind: 'moved'; from: string; to: string; movedAt: string; overridden: Reason[]; workflow: VersionedWorkflow }
  | { kind: 'refused'; reasons: Reason[] }
  | { kind: 'unknown-target' }
  | { kind: 'stale' };

const label = (workflow: WorkflowDefinition, code: string, lang: Lang) => {
  const state = stateOf(workflow, code);
  return state ? (lang === 'es' ? state.labelEs : state.labelEn) : code;
};
export const describeReason = (r: Reason, lang: Lang) => ({ code: r.code, params: r.params ?? {}, overridable: r.overridable, message: reasonMessage(r, lang) });

export const createMovesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const workflows = () => strapi.plugin('workflow').service('workflows') as WorkflowsService;

  /** What the guards read. Facts with no source yet (SOP runs, the coercion request) are empty. */
  async function factsOf(caseId: number, today: string): Promise<CaseWorkflowFacts> {
    const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { case: { id: caseId } }, select: ['role'], populate: { person: { select: ['id'] } } })) as Array<{ role: string; person?: { id: number } | null }>;
    const personIds = [...new Set(parties.map((p) => p.person?.id).filter((id): id is number => typeof id === 'number'))];
    const profiles = personIds.length
      ? ((await strapi.db.query(VICTIM_PROFILE_UID as never).findMany({ where: { person: { id: { $in: personIds } } }, populate: { protectionMeasures: true } })) as Array<{ protectionMeasures?: Array<{ startDate: string; expiryDate: string | null }> }>)
      : [];
    const inForce = profiles.flatMap((p) => p.protectionMeasures ?? []).filter((m) => String(m.startDate).slice(0, 10) <= today && (m.expiryDate == null || String(m.expiryDate).slice(0, 10) >= today));
    return { coercionRequestFiled: false, activeProtectionMeasures: inForce.length, accusedCount: parties.filter((p) => ACCUSED_ROLES.has(p.role)).length };
  }

  async function contextOf(row: CaseRow, mover: Pick<Mover, 'role'>, today: string): Promise<TransitionContext> {
    // SOP checklists (issue 6, part 3) will fill `steps`; until then no step applies.
    return { actorRole: mover.role, steps: {}, facts: await factsOf(row.id, today) };
  }

  return {
    /** The moves out of the case's stage, allowed or blocked with reasons, as the caller may make them. */
    async options(row: CaseRow, mover: Mover, today: string, lang: Lang) {
      const followed = await workflows().ofCase(row);
      const latest = await workflows().latestVersion(followed.key);
      const steps: NextStep[] = nextSteps({ workflow: followed.definition, current: row.stage }, await contextOf(row, mover, today));
      const cannotEdit: Reason = { code: 'cannot-edit-case', overridable: false };
      return {
        stage: { code: row.stage, label: label(followed.definition, row.stage, lang) },
        workflow: { key: followed.key, name: followed.definition.name, version: followed.version, latestVersion: latest?.version ?? followed.version, pinned: !!row.workflowKey },
        steps: steps.map((s) => {
          const reasons = mover.mayEdit ? s.reasons : [cannotEdit, ...s.reasons];
          return { to: s.to, label: label(followed.definition, s.to, lang), allowed: mover.mayEdit && s.allowed, canOverride: mover.mayEdit && s.canOverride, reasons: reasons.map((r) => describeReason(r, lang)) };
        }),
      };
    },

    /** Moves the case if the workflow allows it, recording the move in the same transaction. */
    async move(row: CaseRow, mover: Mover, input: { to: string; reason: string; override: boolean }, today: string): Promise<MoveOutcome> {
      const followed = await workflows().ofCase(row);
      if (!stateOf(followed.definition, input.to)) return { kind: 'unknown-target' };
      const decision = transition({ workflow: followed.definition, current: row.stage }, { to: input.to, override: input.override }, await contextOf(row, mover, today));
      if (!decision.ok) return { kind: 'refused', reasons: decision.reasons };
      return strapi.db.transaction(async () => {
        const now = (await strapi.db.query(CASE_UID as never).findOne({ where: { id: row.id }, select: ['stage'] })) as { stage: string } | null;
        if (now?.stage !== row.stage) return { kind: 'stale' } as const;
        const movedAt = new Date().toISOString();
        await strapi.documents(CASE_MOVE_UID as never).create({
          data: { case: row.documentId, movedBy: mover.userDocumentId, movedAt, fromState: row.stage, toState: decision.state, workflowKey: followed.key, workflowVersion: followed.version, reason: input.reason, overridden: decision.overridden.map((r) => ({ code: r.code, params: r.params ?? {} })) },
        } as never);
        // A case that had no workflow yet is pinned to the version it was moved under.
        await strapi.documents(CASE_UID as never).update({ documentId: row.documentId, data: { stage: decision.state, workflowKey: followed.key, workflowVersion: followed.version } } as never);
        return { kind: 'moved', from: row.stage, to: decision.state, movedAt, overridden: decision.overridden, workflow: followed } as const;
      });
    },
  };
};

export type MovesService = ReturnType<typeof createMovesService>;
