// Opening a case: a server-assigned number, the workflow (and version) it follows from its initial
// stage, the creator as lead of the team, and the initial stage's checklists and deadlines.
import { factories } from '@strapi/strapi';
import { nextCaseSequence, formatCaseNumber } from '../../../database/schema-extras';
import { CASE_MEMBER_UID, CASE_UID, CODE_LIST_UID } from '../../../uids';
import type { CaseInput, CodeSets } from '../validation/case-input';
import type { WorkflowsService } from '@pett/workflow/dist/server/services/workflows';
import type { MovesService } from '@pett/workflow/dist/server/services/moves';

export default factories.createCoreService(CASE_UID as never, ({ strapi }) => ({
  /** The active codes of each code list, for validation. */
  async activeCodeSets(): Promise<CodeSets> {
    const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ populate: ['items'] })) as Array<{ key: string; items?: Array<{ code: string; active?: boolean }> }>;
    return Object.fromEntries(lists.map((list) => [list.key, new Set((list.items ?? []).filter((i) => i.active !== false).map((i) => i.code))]));
  },

  async openCase(input: CaseInput, creator: { documentId: string }, today: string) {
    const year = Number(today.slice(0, 4));
    const workflow = await (strapi.plugin('workflow').service('workflows') as WorkflowsService).forNewCase(input);
    return strapi.db.transaction(async ({ trx }) => {
      const sequence = await nextCaseSequence(trx as never, year);
      const created = (await strapi.documents(CASE_UID as never).create({
        data: { ...input, caseNumber: formatCaseNumber(year, sequence), stage: workflow.definition.initialState, workflowKey: workflow.key, workflowVersion: workflow.version, year, isDemo: false },
      } as never)) as unknown as { documentId: string; id: number };
      await strapi.documents(CASE_MEMBER_UID as never).create({
        data: { case: created.documentId, user: creator.documentId, teamRole: 'lead-prosecutor', startDate: today },
      } as never);
      await (strapi.plugin('workflow').service('moves') as MovesService).enterStage({
        caseId: created.id, caseDocumentId: created.documentId, caseType: input.caseType ?? null, workflow: workflow.definition,
        stage: workflow.definition.initialState, at: new Date().toISOString(), today, source: 'case-opened',
      });
      return created;
    });
  },
}));
