// Evidence items and their custody chains in the database: number an item within its case, record
// its seizure as the first link, append hand-offs under a lock on the item (one writer per chain on
// every process), and read an item whole. Callers have already decided that the actor may do it.
import type { Core } from '@strapi/strapi';
import { chainCustody, type CustodyEvent, type CustodyFacts } from '../chain/custody-chain';
import type { HandOffInput, ItemInput } from '../validation/input';
import { AGENCY_UID, CUSTODY_UID, FILE_UID, ITEM_TABLE, ITEM_UID, USER_UID } from '../uids';

type Knex = Core.Strapi['db']['connection'];

export interface CaseRef { id: number; documentId: string; caseNumber: string }
export interface UserRef { id: number; documentId: string; username: string }
export interface AgencyRef { id: number; documentId: string; code: string; name: string }

export interface ItemRow {
  id: number; documentId: string; caseDocumentId: string; number: number; evidenceType: string; description: string;
  seizedAt: string; seizedWhere: string; storageLocation: string | null; sealNumber: string | null;
  custodyLength: number; custodyHead: string | null; createdAt: string;
  seizedByAgency?: AgencyRef | null; seizedByUser?: UserRef | null; holderAgency?: AgencyRef | null; holderUser?: UserRef | null;
}

export interface FileRow { id: number; documentId: string; itemDocumentId: string; storageName: string; originalName: string; mimeType: string; size: number | string; sha256: string; uploadedBy: string | null; uploadedAt: string }

const AGENCY_FIELDS = ['id', 'documentId', 'code', 'name'];
const USER_FIELDS = ['id', 'documentId', 'username'];
export const ITEM_POPULATE = {
  seizedByAgency: { select: AGENCY_FIELDS }, seizedByUser: { select: USER_FIELDS },
  holderAgency: { select: AGENCY_FIELDS }, holderUser: { select: USER_FIELDS },
};

/** A stored event row as the chain module reads it. */
export function eventOf(row: Record<string, unknown>): CustodyEvent {
  const text = (v: unknown) => (v == null ? null : String(v));
  return {
    itemDocumentId: String(row.itemDocumentId), sequence: Number(row.sequence), at: String(row.at),
    from: { user: text(row.fromUser), agency: text(row.fromAgency) }, to: { user: text(row.toUser), agency: text(row.toAgency) },
    purpose: String(row.purpose), condition: String(row.condition), sealNumber: text(row.sealNumber), storageLocation: text(row.storageLocation),
    note: text(row.note), recordedBy: text(row.recordedBy), prevHash: String(row.prevHash), hash: String(row.hash),
  };
}

export const createRecordsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => strapi.db.query(uid as never);
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  async function lockRow(trx: Knex, table: string, id: number) {
    // SQLite has one writer (and one pooled connection here): its transactions are already serial.
    if (isPostgres()) await trx.raw(`SELECT id FROM ${table} WHERE id = ? FOR UPDATE`, [id]);
  }

  async function insertEvent(item: { documentId: string }, facts: CustodyFacts, previous: { sequence: number; hash: string } | null): Promise<CustodyEvent> {
    const event = chainCustody(item.documentId, facts, previous);
    await strapi.documents(CUSTODY_UID as never).create({
      data: {
        itemDocumentId: event.itemDocumentId, sequence: event.sequence, at: event.at,
        fromUser: event.from.user, fromAgency: event.from.agency, toUser: event.to.user, toAgency: event.to.agency,
        purpose: event.purpose, condition: event.condition, sealNumber: event.sealNumber, storageLocation: event.storageLocation,
        note: event.note, recordedBy: event.recordedBy, prevHash: event.prevHash, hash: event.hash,
      },
    } as never);
    return event;
  }

  const service = {
    async agency(code: string): Promise<AgencyRef | null> {
      return (await query(AGENCY_UID).findOne({ where: { code, active: true }, select: AGENCY_FIELDS })) as AgencyRef | null;
    },

    /** An account that may hold evidence: it exists and is not blocked. */
    async user(documentId: string): Promise<UserRef | null> {
      return (await query(USER_UID).findOne({ where: { documentId, blocked: false }, select: USER_FIELDS })) as UserRef | null;
    },

    async usersByDocumentId(ids: Iterable<string | null>): Promise<Map<string, UserRef>> {
      const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
      const rows = wanted.length ? ((await query(USER_UID).findMany({ where: { documentId: { $in: wanted } }, select: USER_FIELDS })) as UserRef[]) : [];
      return new Map(rows.map((u) => [u.documentId, u]));
    },

    async list(caseRef: CaseRef, page: number, pageSize: number): Promise<{ rows: ItemRow[]; total: number }> {
      const where = { caseDocumentId: caseRef.documentId };
      const [rows, total] = await Promise.all([
        query(ITEM_UID).findMany({ where, orderBy: { number: 'asc' }, offset: (page - 1) * pageSize, limit: pageSize, populate: ITEM_POPULATE }) as Promise<ItemRow[]>,
        query(ITEM_UID).count({ where }) as Promise<number>,
      ]);
      return { rows, total: Number(total) };
    },

    async item(caseRef: CaseRef, number: number): Promise<ItemRow | null> {
      return (await query(ITEM_UID).findOne({ where: { caseDocumentId: caseRef.documentId, number }, populate: ITEM_POPULATE })) as ItemRow | null;
    },

    async events(itemDocumentId: string): Promise<CustodyEvent[]> {
      const rows = (await query(CUSTODY_UID).findMany({ where: { itemDocumentId }, orderBy: [{ sequence: 'asc' }, { id: 'asc' }] })) as Array<Record<string, unknown>>;
      return rows.map(eventOf);
    },

    async files(itemDocumentId: string): Promise<FileRow[]> {
      return (await query(FILE_UID).findMany({ where: { itemDocumentId }, orderBy: { id: 'asc' } })) as FileRow[];
    },

    /**
     * A new item, numbered after the case's last one, with its seizure as the first link of its
     * chain: from nobody to the seizing agency (and officer), at the time of seizure.
     */
    async create(caseRef: CaseRef, input: ItemInput, seizedBy: { agency: AgencyRef; user: UserRef | null }, recordedBy: string, isDemo = false): Promise<ItemRow> {
      const documentId = await strapi.db.transaction(async ({ trx }) => {
        await lockRow(trx as Knex, 'cases', caseRef.id);
        const last = (await (trx as Knex)(ITEM_TABLE).where({ case_document_id: caseRef.documentId }).max({ n: 'number' }).first()) as { n: number | string | null } | undefined;
        const number = Number(last?.n ?? 0) + 1;
        const created = (await strapi.documents(ITEM_UID as never).create({
          data: {
            case: caseRef.documentId, caseDocumentId: caseRef.documentId, number, evidenceType: input.evidenceType, description: input.description,
            seizedAt: input.seizedAt, seizedWhere: input.seizedWhere, storageLocation: input.storageLocation, sealNumber: input.sealNumber,
            seizedByAgency: seizedBy.agency.documentId, seizedByUser: seizedBy.user?.documentId ?? null,
            holderAgency: seizedBy.agency.documentId, holderUser: seizedBy.user?.documentId ?? null, custodyLength: 0, custodyHead: null, isDemo,
          },
        } as never)) as unknown as { id: number; documentId: string };
        const event = await insertEvent(created, {
          at: input.seizedAt, from: { user: null, agency: null }, to: { user: seizedBy.user?.documentId ?? null, agency: seizedBy.agency.code },
          purpose: 'incautacion', condition: input.condition, sealNumber: input.sealNumber, storageLocation: input.storageLocation, note: null, recordedBy,
        }, null);
        await query(ITEM_UID).update({ where: { id: created.id }, data: { custodyLength: event.sequence, custodyHead: event.hash } });
        return created.documentId;
      });
      return (await query(ITEM_UID).findOne({ where: { documentId }, populate: ITEM_POPULATE })) as ItemRow;
    },

    /**
     * Appends a hand-off: from the item's current holder to `to`. The item row is locked, so two
     * hand-offs of one item are serial and each links to the other; the unique (item, sequence)
     * index refuses a fork whatever happens. Returns null when `at` is before the last hand-off.
     */
    async handOff(item: ItemRow, input: HandOffInput, to: { agency: AgencyRef; user: UserRef | null }, recordedBy: string): Promise<CustodyEvent | 'before-last'> {
      return strapi.db.transaction(async ({ trx }) => {
        await lockRow(trx as Knex, ITEM_TABLE, item.id);
        const current = (await query(ITEM_UID).findOne({ where: { id: item.id }, populate: ITEM_POPULATE })) as ItemRow;
        const events = await service.events(item.documentId);
        const last = events.at(-1) ?? null;
        const at = input.at ?? new Date().toISOString();
        if (last && at < last.at) return 'before-last' as const;
        const event = await insertEvent(item, {
          at, from: { user: current.holderUser?.documentId ?? null, agency: current.holderAgency?.code ?? null }, to: { user: to.user?.documentId ?? null, agency: to.agency.code },
          purpose: input.purpose, condition: input.condition, sealNumber: input.sealNumber, storageLocation: input.storageLocation, note: input.note, recordedBy,
        }, last ? { sequence: last.sequence, hash: last.hash } : null);
        await strapi.documents(ITEM_UID as never).update({
          documentId: item.documentId,
          data: {
            holderAgency: to.agency.documentId, holderUser: to.user?.documentId ?? null, custodyLength: event.sequence, custodyHead: event.hash,
            ...(input.sealNumber ? { sealNumber: input.sealNumber } : {}), ...(input.storageLocation ? { storageLocation: input.storageLocation } : {}),
          },
        } as never);
        return event;
      });
    },
  };
  return service;
};

export type RecordsService = ReturnType<typeof createRecordsService>;
