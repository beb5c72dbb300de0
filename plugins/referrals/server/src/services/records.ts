// The referrals plugin's reads and writes that are not the caller's own document-service calls:
// code lists, agencies, data sets, the case facts the policy needs, the projection's sources and
// the notifications. Called only after the access check on the referral or its case.
import type { Core } from '@strapi/strapi';
import type { Membership } from '@pett/access/dist/server/policy/policy';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import type { Consent, DataSetRow, ProjectionSource } from '../domain/shareable-fields';
import { AGENCY_UID, BREAK_GLASS_UID, CASE_PARTY_UID, CODE_LIST_UID, DATA_SET_UID, LIAISON_UID, NOTIFICATION_UID, REFERRAL_UID, VICTIM_ROLES } from '../uids';

export interface AgencyRow { id: number; code: string; name: string; kind: string }
export interface VictimRow { id: number; documentId: string; code: string; consents: Consent[] }
export interface CaseFactsFull { members: Membership[]; breakGlassUserIds: number[] }

type Labels = Map<string, { es: string; en: string }>;

export function createRecordsService({ strapi }: { strapi: Core.Strapi }) {
  const query = (uid: string) => strapi.db.query(uid as never);

  return {
    async codes(key: string): Promise<Labels> {
      const list = (await query(CODE_LIST_UID).findOne({ where: { key }, populate: ['items'] })) as { items?: Array<{ code: string; labelEs: string; labelEn: string; active?: boolean; sortOrder?: number | null }> } | null;
      const items = (list?.items ?? []).filter((i) => i.active !== false).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
      return new Map(items.map((i) => [i.code, { es: i.labelEs, en: i.labelEn }]));
    },

    async agencies(): Promise<AgencyRow[]> {
      return (await query(AGENCY_UID).findMany({ where: { active: true }, select: ['id', 'code', 'name', 'kind'], orderBy: { code: 'asc' } })) as AgencyRow[];
    },

    async dataSets(): Promise<DataSetRow[]> {
      const rows = (await query(DATA_SET_UID).findMany({ where: { active: true }, populate: { agency: { select: ['id'] } } })) as Array<{ documentId: string; purpose: string; agencyKind: string | null; fields: unknown; active: boolean; agency?: { id: number } | null }>;
      return rows.map((r) => ({ documentId: r.documentId, purpose: r.purpose, agencyKind: r.agencyKind ?? null, fields: r.fields, active: r.active !== false, agencyId: r.agency?.id ?? null }));
    },

    async caseFacts(caseId: number): Promise<CaseFactsFull> {
      const members = (await membershipsOf(strapi, [caseId])).get(caseId) ?? [];
      const grants = (await query(BREAK_GLASS_UID).findMany({ where: { caseId, expiresAt: { $gt: new Date() } }, select: ['userId'] })) as Array<{ userId: number }>;
      return { members, breakGlassUserIds: grants.map((g) => Number(g.userId)) };
    },

    /** The victims of a case a referral may name: persons on it with a victim role, and their consents. */
    async victims(caseId: number): Promise<VictimRow[]> {
      const parties = (await query(CASE_PARTY_UID).findMany({ where: { case: { id: caseId }, role: { $in: VICTIM_ROLES } }, populate: { person: { select: ['id', 'documentId', 'code'], populate: { victimProfile: { select: ['id'], populate: ['consents'] } } } } })) as Array<{ person?: { id: number; documentId: string; code: string; victimProfile?: { consents?: Consent[] } | null } | null }>;
      const out = new Map<number, VictimRow>();
      for (const p of parties) if (p.person) out.set(p.person.id, { id: p.person.id, documentId: p.person.documentId, code: p.person.code, consents: p.person.victimProfile?.consents ?? [] });
      return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
    },

    /** What the projection reads of one referral, by its id (after the caller's access to it was checked). */
    async projectionSource(referralId: number): Promise<ProjectionSource & { fields: string[] }> {
      const row = (await query(REFERRAL_UID).findOne({
        where: { id: referralId },
        populate: {
          case: { select: ['caseNumber', 'caseType', 'province', 'municipality', 'exploitationForms'] },
          victim: { select: ['code', 'sex', 'nationality'], populate: { victimProfile: { select: ['sex', 'ageAtIdentification', 'isMinor', 'nationality', 'exploitationForms', 'identificationDate'], populate: ['consents'] } } },
        },
      })) as { basis: ProjectionSource['basis']; needs: string | null; fields: unknown; case: ProjectionSource['case']; victim: (NonNullable<ProjectionSource['victim']> & { victimProfile?: NonNullable<ProjectionSource['victim']>['profile'] }) | null } | null;
      if (!row) return { basis: 'none', needs: null, case: null, victim: null, fields: [] };
      const victim = row.victim ? { code: row.victim.code, sex: row.victim.sex ?? null, nationality: row.victim.nationality ?? null, profile: row.victim.victimProfile ? { ...row.victim.victimProfile, consents: row.victim.victimProfile.consents ?? [] } : null } : null;
      return { basis: row.basis, needs: row.needs ?? null, case: row.case ?? null, victim, fields: Array.isArray(row.fields) ? (row.fields as string[]) : [] };
    },

    /** The ids of the referral's case and agency, for the policy's single-record questions. */
    async links(referralId: number): Promise<{ caseId: number | null; agencyId: number | null }> {
      const row = (await query(REFERRAL_UID).findOne({ where: { id: referralId }, populate: { case: { select: ['id'] }, agency: { select: ['id'] } } })) as { case?: { id: number } | null; agency?: { id: number } | null } | null;
      return { caseId: row?.case?.id ?? null, agencyId: row?.agency?.id ?? null };
    },

    /** The portal users who speak for an agency (active links, unblocked accounts). */
    async liaisonsOf(agencyId: number): Promise<number[]> {
      const rows = (await query(LIAISON_UID).findMany({ where: { agency: { id: agencyId }, active: true }, populate: { user: { select: ['id', 'blocked'] } } })) as Array<{ user?: { id: number; blocked?: boolean } | null }>;
      return [...new Set(rows.flatMap((r) => (r.user && !r.user.blocked ? [r.user.id] : [])))];
    },

    /** A portal notification for each of these users; never person data, only a link. */
    async notify(userIds: readonly number[], kind: string, messageKey: string, params: Record<string, unknown>, link: string, dedupe: string): Promise<number> {
      let made = 0;
      for (const userId of userIds) {
        const dedupeKey = `${dedupe}:${userId}`;
        if (await query(NOTIFICATION_UID).findOne({ where: { dedupeKey }, select: ['id'] })) continue;
        try {
          await query(NOTIFICATION_UID).create({ data: { userId, kind, messageKey, params, link, dedupeKey } });
          made += 1;
        } catch (error) {
          // Another process made the same notification first (unique dedupe key): nothing to do.
          if (!(await query(NOTIFICATION_UID).findOne({ where: { dedupeKey }, select: ['id'] }))) throw error;
        }
      }
      return made;
    },
  };
}

export type RecordsService = ReturnType<typeof createRecordsService>;
