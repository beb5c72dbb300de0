// SOP checklists on cases: entering a stage opens the checklists of the stage's templates (a snapshot
// of their steps at the template's current version) and closes those the new stage does not continue;
// the open checklists are what the workflow's step and gate checks read.
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { OpenGate, StepStatus } from '../machine/definition';
import { addDays } from '../deadlines/calendar';
import { SOP_RUN_STEP_UID, SOP_RUN_UID, SOP_TEMPLATE_UID } from '../uids';

export interface TemplateStep { key: string; title: string; role: string; required?: boolean | null; gate?: boolean | null; dueOffsetDays?: number | null; guidance?: string | null; evidenceRequired?: string | null }
export interface TemplateRow { id: number; key: string; version: number; name: string; appliesTo?: unknown; active?: boolean | null; steps?: TemplateStep[] }

export interface RunStepRow {
  id: number; documentId: string; key: string; title: string; role: string; required: boolean; gate: boolean; dueDate: string | null;
  guidance: string | null; evidenceRequired: string | null; status: StepStatus; doneAt: string | null; note: string | null; sortOrder: number;
  doneBy?: { id: number; username?: string } | null;
}
export interface RunRow {
  id: number; documentId: string; stage: string; templateKey: string; templateVersion: number; templateName: string;
  openedAt: string; closedAt: string | null; steps?: RunStepRow[];
}

/** Does a template apply to a case type? A template without a list applies to every case. */
export function appliesToCaseType(appliesTo: unknown, caseType: string | null | undefined): boolean {
  if (!Array.isArray(appliesTo) || appliesTo.length === 0) return true;
  return appliesTo.includes(caseType ?? '');
}

/** A document id for rows written through the query engine (the document service makes its own). */
export const newDocumentId = () => randomUUID().replace(/-/g, '').slice(0, 24);

const byOrder = (a: RunStepRow, b: RunStepRow) => a.sortOrder - b.sortOrder || a.id - b.id;

export const createSopRunsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The current version of each template key (the highest, when an old seed left several rows). */
  async function currentTemplates(keys: readonly string[]): Promise<Map<string, TemplateRow>> {
    if (!keys.length) return new Map();
    const rows = (await strapi.db.query(SOP_TEMPLATE_UID as never).findMany({ where: { key: { $in: [...keys] } }, populate: ['steps'] })) as TemplateRow[];
    const current = new Map<string, TemplateRow>();
    for (const row of rows) if (row.active !== false && (!current.has(row.key) || current.get(row.key)!.version < row.version)) current.set(row.key, row);
    return current;
  }

  async function openRuns(caseId: number): Promise<RunRow[]> {
    const runs = (await strapi.db.query(SOP_RUN_UID as never).findMany({
      where: { case: { id: caseId }, closedAt: { $null: true } },
      populate: { steps: { populate: { doneBy: { select: ['id', 'username'] } } } },
      orderBy: { id: 'asc' },
    })) as RunRow[];
    for (const run of runs) run.steps?.sort(byOrder);
    return runs;
  }

  const service = {
    openRuns,

    /** Every checklist of a case (open ones first, then the closed ones, newest first). */
    async runsOf(caseId: number, scope: 'current' | 'all'): Promise<RunRow[]> {
      if (scope === 'current') return openRuns(caseId);
      const runs = (await strapi.db.query(SOP_RUN_UID as never).findMany({
        where: { case: { id: caseId } },
        populate: { steps: { populate: { doneBy: { select: ['id', 'username'] } } } },
        orderBy: { id: 'desc' },
      })) as RunRow[];
      for (const run of runs) run.steps?.sort(byOrder);
      return [...runs.filter((r) => !r.closedAt).reverse(), ...runs.filter((r) => r.closedAt)];
    },

    /**
     * The case enters `stage`: checklists whose template the stage does not open are closed, the
     * stage's templates that apply to the case type and are not open yet are opened. Runs inside the
     * caller's transaction (the move, or the opening of the case).
     */
    async enterStage(input: { caseId: number; caseDocumentId: string; caseType: string | null; stage: string; templateKeys: readonly string[]; at: string; today: string; source: string }) {
      const open = await openRuns(input.caseId);
      const wanted = new Set(input.templateKeys);
      for (const run of open.filter((r) => !wanted.has(r.templateKey))) {
        await strapi.documents(SOP_RUN_UID as never).update({ documentId: run.documentId, data: { closedAt: input.at } } as never);
      }
      const continuing = new Set(open.filter((r) => wanted.has(r.templateKey)).map((r) => r.templateKey));
      const templates = await currentTemplates(input.templateKeys.filter((k) => !continuing.has(k)));
      const opened: string[] = [];
      for (const key of input.templateKeys) {
        const template = templates.get(key);
        if (!template || !appliesToCaseType(template.appliesTo, input.caseType)) continue;
        const run = (await strapi.documents(SOP_RUN_UID as never).create({
          data: { case: input.caseDocumentId, stage: input.stage, templateKey: template.key, templateVersion: template.version, templateName: template.name, openedAt: input.at, source: input.source },
        } as never)) as unknown as { id: number };
        // The steps are the run's snapshot, written with it; each tick later goes through the document service (and the trail).
        for (const [index, step] of (template.steps ?? []).entries()) {
          await strapi.db.query(SOP_RUN_STEP_UID as never).create({
            data: {
              documentId: newDocumentId(), run: run.id, key: step.key, title: step.title, role: step.role, required: step.required !== false, gate: step.gate === true,
              dueDate: typeof step.dueOffsetDays === 'number' ? addDays(input.today, step.dueOffsetDays) : null,
              guidance: step.guidance ?? null, evidenceRequired: step.evidenceRequired ?? null, status: 'open', sortOrder: index + 1,
            },
          });
        }
        opened.push(key);
      }
      return { opened, closed: open.filter((r) => !wanted.has(r.templateKey)).map((r) => r.templateKey), continued: [...continuing] };
    },

    /** What the workflow's checks read: the open steps by key, the open gates, the words for both. */
    async checksOf(caseId: number): Promise<{ steps: Record<string, StepStatus>; gates: OpenGate[]; titles: Record<string, string> }> {
      const steps: Record<string, StepStatus> = {};
      const gates: OpenGate[] = [];
      const titles: Record<string, string> = {};
      for (const run of await openRuns(caseId)) {
        titles[run.templateKey] = run.templateName;
        for (const step of run.steps ?? []) {
          titles[step.key] = step.title;
          // A key held by two open checklists counts as done only when it is done in both.
          const before = steps[step.key];
          steps[step.key] = before === 'open' || step.status === 'open' ? 'open' : before === 'done' || step.status === 'done' ? 'done' : 'not-applicable';
          if (step.gate && step.status === 'open') gates.push({ key: step.key, templateKey: run.templateKey });
        }
      }
      return { steps, gates, titles };
    },
  };
  return service;
};

export type SopRunsService = ReturnType<typeof createSopRunsService>;
