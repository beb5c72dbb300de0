// A case's investigation plan in the database: read it, create it (empty or from a template), save
// it whole under optimistic concurrency (the version the editor started from must still be the
// current one), and tell the deadline service about dated judicial authorisations in the same
// transaction. Callers have already decided that the actor may read or change the case.
import type { Core } from '@strapi/strapi';
import { isActiveMembership, officeToday } from '@pett/access/dist/server/policy/policy';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { AGENCY_UID, CASE_PARTY_UID, CODE_LIST_UID, INVESTIGATION_PLAN_UID, PLAN_TEMPLATE_UID, USER_UID } from '../../../uids';
import { PARTS, type PlanContent, type PlanReferences } from '../validation/plan-input';
import { planFromTemplate } from '../plan/from-template';
import { authorisationDeadlineChanges, syncAuthorisationDeadlines } from '../plan/authorisation-deadlines';

export interface CaseRef { id: number; documentId: string }
export interface PlanRow extends PlanContent {
  id: number; documentId: string; caseDocumentId: string; version: number; templateKey: string | null; templateVersion: number | null;
  updatedAt: string; createdAt: string; updatedByUser?: { username: string } | null;
}
export interface TemplateRow { key: string; version: number; name: string; description: string | null; caseTypes: unknown; content: unknown }
export interface PlanOptions {
  team: Array<{ documentId: string; username: string; teamRole: string }>;
  agencies: Array<{ code: string; name: string }>;
  countries: Array<{ code: string; labelEs: string; labelEn: string }>;
  people: Array<{ code: string; role: string }>;
}

const POPULATE = Object.fromEntries([...PARTS.map((p) => [p, true]), ['updatedByUser', { fields: ['username'] }]]);

/** Raised inside the save transaction so that nothing of a stale save is written. */
class StalePlan extends Error {}

/** The stored row as the plan's shape: components without their row ids, a JSON list of codes never null. */
function planOf(row: Record<string, unknown>): PlanRow {
  const out: Record<string, unknown> = { ...row };
  for (const part of PARTS) {
    const items = Array.isArray(row[part]) ? (row[part] as Array<Record<string, unknown>>) : [];
    out[part] = items.map(({ id: _id, ...item }) => ('personCodes' in item ? { ...item, personCodes: Array.isArray(item.personCodes) ? item.personCodes : [] } : item));
  }
  return out as unknown as PlanRow;
}

export const createInvestigationPlanService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plans = () => strapi.documents(INVESTIGATION_PLAN_UID as never);

  async function findByCase(caseRef: CaseRef): Promise<PlanRow | null> {
    const row = (await plans().findFirst({ filters: { caseDocumentId: caseRef.documentId }, populate: POPULATE } as never)) as unknown as Record<string, unknown> | null;
    return row ? planOf(row) : null;
  }

  /** What a plan of this case may refer to, and the same as lists for the portal's choices. */
  async function options(caseRef: CaseRef): Promise<{ refs: PlanReferences; options: PlanOptions }> {
    const today = officeToday();
    const members = ((await membershipsOf(strapi, [caseRef.id])).get(caseRef.id) ?? []).filter((m) => isActiveMembership(m, today));
    const users = members.length
      ? ((await strapi.db.query(USER_UID as never).findMany({ where: { id: { $in: members.map((m) => m.userId) } }, select: ['id', 'documentId', 'username'] })) as Array<{ id: number; documentId: string; username: string }>)
      : [];
    const team = members.flatMap((m) => users.filter((u) => u.id === m.userId).map((u) => ({ documentId: u.documentId, username: u.username, teamRole: m.teamRole })));
    const agencies = ((await strapi.db.query(AGENCY_UID as never).findMany({ where: { active: true }, select: ['code', 'name'], orderBy: { code: 'asc' } })) as Array<{ code: string; name: string }>);
    const list = (await strapi.db.query(CODE_LIST_UID as never).findOne({ where: { key: 'nationality' }, populate: ['items'] })) as { items?: Array<{ code: string; labelEs: string; labelEn: string; active?: boolean }> } | null;
    const countries = (list?.items ?? []).filter((i) => i.active !== false).map((i) => ({ code: i.code, labelEs: i.labelEs, labelEn: i.labelEn }));
    // Through the document service, so the access policy decides which of the case's people the caller sees.
    const parties = (await strapi.documents(CASE_PARTY_UID as never).findMany({ filters: { case: { documentId: caseRef.documentId } }, fields: ['role'], populate: { person: { fields: ['code'] } }, limit: 500 } as never)) as unknown as Array<{ role: string; person?: { code: string } | null }>;
    const people = [...new Map(parties.filter((p) => p.person?.code).map((p) => [p.person!.code, { code: p.person!.code, role: p.role }])).values()];
    return {
      refs: {
        agencies: new Set(agencies.map((a) => a.code)),
        countries: new Set(countries.map((c) => c.code)),
        teamUsers: new Set(team.map((t) => t.documentId)),
        personCodes: new Set(people.map((p) => p.code)),
      },
      options: { team, agencies, countries, people },
    };
  }

  return {
    findByCase,
    options,

    async templates(): Promise<TemplateRow[]> {
      return (await strapi.documents(PLAN_TEMPLATE_UID as never).findMany({ filters: { active: true }, sort: ['name:asc'], fields: ['key', 'version', 'name', 'description', 'caseTypes', 'content'], limit: 100 } as never)) as unknown as TemplateRow[];
    },

    /** A new plan for the case, empty or from the template. Null when the case already has one. */
    async create(caseRef: CaseRef, template: TemplateRow | null, userDocumentId: string, agencies: ReadonlySet<string>): Promise<PlanRow | null> {
      const content: PlanContent = template
        ? planFromTemplate(template.content, { agencies }, officeToday())
        : { objective: null, hypotheses: [], lines: [], actions: [], resources: [], risks: [], authorisations: [], mlaRequests: [], informationNeeds: [] };
      const created = await strapi.db.transaction(async ({ trx }) => {
        // Two first saves at once: the case row's lock makes the second wait and then find the plan
        // (PostgreSQL; SQLite has one writer and ignores FOR UPDATE).
        await (trx as unknown as (table: string) => { where(w: object): { forUpdate(): { select(c: string): Promise<unknown> } } })('cases').where({ id: caseRef.id }).forUpdate().select('id');
        if (await findByCase(caseRef)) return false;
        await plans().create({
          data: { ...content, case: caseRef.documentId, caseDocumentId: caseRef.documentId, version: 1, templateKey: template?.key ?? null, templateVersion: template?.version ?? null, updatedByUser: userDocumentId },
        } as never);
        return true;
      });
      return created ? findByCase(caseRef) : null;
    },

    /** Saves the whole plan if `version` is still the current one; 'stale' otherwise, with nothing written. */
    async save(caseRef: CaseRef, current: PlanRow, content: PlanContent, version: number, userDocumentId: string): Promise<PlanRow | 'stale'> {
      try {
        await strapi.db.transaction(async () => {
          // Compare-and-set on the version: of two saves from the same version, only one matches.
          const bumped = (await strapi.db.query(INVESTIGATION_PLAN_UID as never).updateMany({ where: { id: current.id, version }, data: { version: version + 1 } })) as { count: number };
          if (!bumped.count) throw new StalePlan();
          await plans().update({ documentId: current.documentId, data: { ...content, updatedByUser: userDocumentId } } as never);
          await syncAuthorisationDeadlines(strapi, caseRef.id, authorisationDeadlineChanges(current.authorisations, content.authorisations));
        });
      } catch (error) {
        if (error instanceof StalePlan) return 'stale';
        throw error;
      }
      return (await findByCase(caseRef))!;
    },
  };
};

export type InvestigationPlanService = ReturnType<typeof createInvestigationPlanService>;
export default createInvestigationPlanService;
