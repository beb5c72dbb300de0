// Reading the trail: a case's activity (entries about the case, its team memberships, its parties
// and their people), the auditors' search, the verification over the live database in batches, and
// exports. Who may call what is decided by the controller; this service only reads.
import type { Core } from '@strapi/strapi';
import { CHECKPOINT_TABLE, ENTRY_COLUMNS, ENTRY_TABLE, fromRow, type ChainedEntry, type EntryRow } from '../chain/entry';
import { loadVerifyKey } from '../chain/checkpoint';
import { ARCHIVE_TABLE, archivedStart, archiveRowOf, checkpointsInFolder, type ArchiveColumns } from '../chain/archive';
import type { SourcedCheckpoint, TrailReport } from '../chain/verify';
import { batchQuery, verifyInBatches, type KeyedRow } from '../chain/verify-batches';
import type { EntryFilters, Paging } from '../validation/query';
import { CASE_UID, USER_UID } from '../uids';
import type { AuditConfig } from './trail';

type Knex = Core.Strapi['db']['connection'];
type Builder = ReturnType<Knex>;

const CASE_PARTY_UID = 'api::case-party.case-party';
const CASE_MEMBER_UID = 'api::case-member.case-member';
const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
const CASE_MOVE_UID = 'api::case-move.case-move';
const SOP_RUN_UID = 'api::sop-run.sop-run';
const SOP_RUN_STEP_UID = 'api::sop-run-step.sop-run-step';
const CASE_DEADLINE_UID = 'api::case-deadline.case-deadline';
const INVESTIGATION_PLAN_UID = 'api::investigation-plan.investigation-plan';
const CHARGE_UID = 'api::charge.charge';
const EVIDENCE_ITEM_UID = 'plugin::evidence.evidence-item';
const REFERRAL_UID = 'plugin::referrals.referral';
const REFERRAL_MESSAGE_UID = 'plugin::referrals.referral-message';

/** Every record whose entries belong to a case's activity, by target type. */
export interface CaseTargets {
  byType: Record<string, string[]>;
  /** Pseudonymous codes of the case's people, by person document id (for the screen). */
  personCodes: Map<string, string>;
}

export interface ReadEntry extends ChainedEntry {
  actorUsername: string | null;
}

export interface EntryPage {
  entries: ReadEntry[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
}

export const createReadingService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const setting = <K extends keyof AuditConfig>(key: K) => strapi.plugin('audit').config(key) as AuditConfig[K];

  /** Adds each portal actor's username (looked up once per page). */
  async function withUsernames(entries: ChainedEntry[]): Promise<ReadEntry[]> {
    const ids = [...new Set(entries.filter((e) => e.actor.kind === 'portal' && e.actor.userId !== null).map((e) => e.actor.userId!))];
    const users = ids.length ? ((await strapi.db.query(USER_UID as never).findMany({ where: { id: { $in: ids } }, select: ['id', 'username'] })) as Array<{ id: number; username: string }>) : [];
    const names = new Map(users.map((u) => [u.id, u.username]));
    return entries.map((e) => ({ ...e, actorUsername: e.actor.kind === 'portal' && e.actor.userId !== null ? (names.get(e.actor.userId) ?? null) : null }));
  }

  /** Document ids of the records of `uid` matching `where`; none when the application has no such type. */
  async function documentIdsOf(uid: string, where: Record<string, unknown>): Promise<string[]> {
    if (!strapi.getModel(uid as never)) return [];
    const rows = (await strapi.db.query(uid as never).findMany({ where, select: ['documentId'] })) as Array<{ documentId: string }>;
    return rows.map((r) => r.documentId);
  }

  function whereTargets(query: Builder, targets: CaseTargets): Builder {
    return query.where((outer) => {
      for (const [type, ids] of Object.entries(targets.byType)) {
        if (ids.length) outer.orWhere((inner) => inner.where('target_type', type).whereIn('target_id', ids));
      }
    });
  }

  async function page(restrict: (query: Builder) => Builder, paging: Paging): Promise<EntryPage> {
    const [{ n }] = (await restrict(knex()(ENTRY_TABLE)).count({ n: '*' })) as Array<{ n: number | string }>;
    const total = Number(n);
    const rows = (await restrict(knex()(ENTRY_TABLE)).select(...ENTRY_COLUMNS).orderBy('seq', 'desc').limit(paging.pageSize).offset((paging.page - 1) * paging.pageSize)) as EntryRow[];
    return { entries: await withUsernames(rows.map(fromRow)), pagination: { page: paging.page, pageSize: paging.pageSize, pageCount: Math.ceil(total / paging.pageSize), total } };
  }

  const service = {
    /**
     * The records of a case whose entries are its activity: the case, its memberships, its parties,
     * their people and victim profiles. Parties and memberships deleted since are no longer named,
     * and a person's entries include what was done through their other cases.
     */
    async caseTargets(caseId: number, caseDocumentId: string): Promise<CaseTargets> {
      const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { case: { id: caseId } }, select: ['documentId'], populate: { person: { select: ['documentId', 'code'] } } })) as Array<{ documentId: string; person?: { documentId: string; code: string } | null }>;
      const members = (await strapi.db.query(CASE_MEMBER_UID as never).findMany({ where: { case: { id: caseId } }, select: ['documentId'] })) as Array<{ documentId: string }>;
      const people = parties.flatMap((p) => (p.person ? [p.person] : []));
      const personIds = [...new Set(people.map((p) => p.documentId))];
      const profiles = personIds.length ? ((await strapi.db.query(VICTIM_PROFILE_UID as never).findMany({ where: { person: { documentId: { $in: personIds } } }, select: ['documentId'] })) as Array<{ documentId: string }>) : [];
      // The case's own working records: its moves, checklists and their steps, deadlines, plan,
      // charges, evidence items (with their hand-offs, files and downloads) and referrals (with
      // their messages and the agencies' reads).
      const runs = await documentIdsOf(SOP_RUN_UID, { case: { id: caseId } });
      const referrals = await documentIdsOf(REFERRAL_UID, { case: { id: caseId } });
      const owned = {
        'case-move': await documentIdsOf(CASE_MOVE_UID, { case: { id: caseId } }),
        'sop-run': runs,
        'sop-run-step': runs.length ? await documentIdsOf(SOP_RUN_STEP_UID, { run: { documentId: { $in: runs } } }) : [],
        'case-deadline': await documentIdsOf(CASE_DEADLINE_UID, { case: { id: caseId } }),
        'investigation-plan': await documentIdsOf(INVESTIGATION_PLAN_UID, { case: { id: caseId } }),
        charge: await documentIdsOf(CHARGE_UID, { case: { id: caseId } }),
        'evidence-item': await documentIdsOf(EVIDENCE_ITEM_UID, { case: { id: caseId } }),
        referral: referrals,
        'referral-message': referrals.length ? await documentIdsOf(REFERRAL_MESSAGE_UID, { referral: { documentId: { $in: referrals } } }) : [],
      };
      return {
        byType: { case: [caseDocumentId], 'case-party': parties.map((p) => p.documentId), 'case-member': members.map((m) => m.documentId), person: personIds, 'victim-profile': profiles.map((p) => p.documentId), ...owned },
        personCodes: new Map(people.map((p) => [p.documentId, p.code])),
      };
    },

    /** The targets of a case named only by its document id (auditors do not read the case). */
    async caseTargetsByDocumentId(caseDocumentId: string): Promise<CaseTargets> {
      const found = (await strapi.db.query(CASE_UID as never).findOne({ where: { documentId: caseDocumentId }, select: ['id'] })) as { id: number } | null;
      return found ? service.caseTargets(found.id, caseDocumentId) : { byType: { case: [caseDocumentId] }, personCodes: new Map() };
    },

    /** A page of a case's activity, newest first. */
    activity(targets: CaseTargets, paging: Paging): Promise<EntryPage> {
      return page((query) => whereTargets(query, targets), paging);
    },

    /** The auditors' search. An actor that is no account matches nothing. */
    async search(filters: EntryFilters): Promise<EntryPage> {
      let actorId: number | null = null;
      if (filters.actor) {
        const user = (await strapi.db.query(USER_UID as never).findOne({ where: { username: filters.actor }, select: ['id'] })) as { id: number } | null;
        if (!user) return { entries: [], pagination: { page: filters.page, pageSize: filters.pageSize, pageCount: 0, total: 0 } };
        actorId = user.id;
      }
      return page((query) => {
        if (actorId !== null) query.where({ actor_kind: 'portal', actor_user_id: actorId });
        if (filters.action) query.where('action', filters.action);
        if (filters.targetType) query.where('target_type', filters.targetType);
        if (filters.targetId) query.where('target_id', filters.targetId);
        if (filters.from) query.where('at', '>=', filters.from);
        if (filters.to) query.where('at', '<', filters.to);
        return query;
      }, filters);
    },

    /** Every entry of a case's trail, oldest first (for an export). */
    async caseTrail(targets: CaseTargets): Promise<ReadEntry[]> {
      const rows = (await whereTargets(knex()(ENTRY_TABLE), targets).select(...ENTRY_COLUMNS).orderBy('seq', 'asc')) as EntryRow[];
      return withUsernames(rows.map(fromRow));
    },

    /** What `npm run audit:verify` does, over the server's own database, 10,000 entries at a time. */
    async verify(): Promise<TrailReport> {
      const publicKey = loadVerifyKey(setting('keyFile'));
      const stored = (await knex()(CHECKPOINT_TABLE).select('seq', 'hash', 'at', 'key_id', 'signature').orderBy('seq')) as Array<{ seq: number | string; hash: string; at: string; key_id: string; signature: string }>;
      const dir = setting('checkpointDir');
      const checkpoints: SourcedCheckpoint[] = [
        ...stored.map((c) => ({ seq: Number(c.seq), hash: c.hash, at: c.at, keyId: c.key_id, signature: c.signature, source: `${CHECKPOINT_TABLE} (database)` })),
        ...checkpointsInFolder(dir),
      ];
      const row = archiveRowOf((await knex()(ARCHIVE_TABLE).select('from_seq', 'upto', 'hash', 'file', 'digest').orderBy('upto', 'desc').first()) as ArchiveColumns | undefined);
      // Retention: the table starts after the newest archive, trusted only when its file proves it.
      const archived = await archivedStart(row, dir, publicKey);
      return verifyInBatches(async (after, limit) => {
        const { sql, params } = batchQuery(ENTRY_COLUMNS, ENTRY_TABLE, after, limit);
        const result = (await knex().raw(sql, params)) as { rows?: KeyedRow[] } | KeyedRow[];
        return Array.isArray(result) ? result : (result.rows ?? []);
      }, checkpoints, publicKey, { start: archived.start, startProblem: archived.problem });
    },
  };
  return service;
};

export type ReadingService = ReturnType<typeof createReadingService>;
