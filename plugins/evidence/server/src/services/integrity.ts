// The integrity check: every custody chain verified against its item's recorded head, and every
// stored file hashed again and compared with the SHA-256 taken when it was received. Problems are
// named by case number and item number (and file id): no description, no person.
import type { Core } from '@strapi/strapi';
import { verifyCustody } from '../chain/custody-chain';
import { sha256OfFile, storedPath, type StoreConfig } from '../files/private-store';
import { AGENCY_UID, CODE_LIST_UID, CUSTODY_UID, FILE_UID, ITEM_UID } from '../uids';
import { eventOf, type FileRow } from './records';
import fs from 'node:fs';

type Lang = 'es' | 'en';
export interface IntegrityProblem { caseNumber: string | null; item: number; kind: string; sequence?: number | null; file?: string; message: string }
export interface IntegrityReport { ok: boolean; checkedAt: string; items: number; events: number; files: number; problems: IntegrityProblem[] }

const BATCH = 200;

export const createIntegrityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => strapi.db.query(uid as never);
  const config = (): StoreConfig => ({ privateDir: strapi.plugin('evidence').config('privateDir') as string, maxBytes: strapi.plugin('evidence').config('maxBytes') as number });

  /** How many appends the audit trail recorded per item (evidence.create is the seizure). */
  async function recordedAppends(itemDocumentIds: string[]): Promise<Map<string, number>> {
    const rows = (await strapi.db.connection('audit_entries').select('target_id').count({ n: '*' })
      .where({ target_type: 'evidence-item' }).whereIn('action', ['evidence.create', 'evidence.custody']).whereIn('target_id', itemDocumentIds).groupBy('target_id')) as Array<{ target_id: string; n: number | string }>;
    return new Map(rows.map((r) => [r.target_id, Number(r.n)]));
  }

  return {
    /** The active codes of a code list with their labels. */
    async codes(key: string): Promise<Map<string, { es: string; en: string }>> {
      const list = (await query(CODE_LIST_UID).findOne({ where: { key }, populate: ['items'] })) as { items?: Array<{ code: string; labelEs: string; labelEn: string; active?: boolean; sortOrder?: number | null }> } | null;
      const items = (list?.items ?? []).filter((i) => i.active !== false).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
      return new Map(items.map((i) => [i.code, { es: i.labelEs, en: i.labelEn }]));
    },

    async agencyCodes(): Promise<Set<string>> {
      const rows = (await query(AGENCY_UID).findMany({ where: { active: true }, select: ['code'] })) as Array<{ code: string }>;
      return new Set(rows.map((r) => r.code));
    },

    async verifyAll(lang: Lang): Promise<IntegrityReport> {
      const problems: IntegrityProblem[] = [];
      let items = 0;
      let events = 0;
      let files = 0;
      const caseNumbers = new Map<string, string>();
      for (let lastId = 0; ;) {
        const batch = (await query(ITEM_UID).findMany({ where: { id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit: BATCH, select: ['id', 'documentId', 'caseDocumentId', 'number', 'custodyLength', 'custodyHead'] })) as Array<{ id: number; documentId: string; caseDocumentId: string; number: number; custodyLength: number; custodyHead: string | null }>;
        if (!batch.length) break;
        lastId = batch.at(-1)!.id;
        const ids = batch.map((i) => i.documentId);
        const missingCases = [...new Set(batch.map((i) => i.caseDocumentId))].filter((d) => !caseNumbers.has(d));
        if (missingCases.length) {
          const rows = (await strapi.db.query('api::case.case' as never).findMany({ where: { documentId: { $in: missingCases } }, select: ['documentId', 'caseNumber'] })) as Array<{ documentId: string; caseNumber: string }>;
          for (const row of rows) caseNumbers.set(row.documentId, row.caseNumber);
        }
        const eventRows = (await query(CUSTODY_UID).findMany({ where: { itemDocumentId: { $in: ids } }, orderBy: [{ sequence: 'asc' }, { id: 'asc' }] })) as Array<Record<string, unknown>>;
        const recorded = await recordedAppends(ids);
        const fileRows = (await query(FILE_UID).findMany({ where: { itemDocumentId: { $in: ids } }, orderBy: { id: 'asc' } })) as FileRow[];
        for (const item of batch) {
          items += 1;
          const caseNumber = caseNumbers.get(item.caseDocumentId) ?? null;
          // Events are grouped by the item they claim; one moved to another item breaks both chains.
          const chain = eventRows.filter((e) => e.itemDocumentId === item.documentId).map(eventOf);
          events += chain.length;
          const chainProblems = verifyCustody(item.documentId, chain, { length: Number(item.custodyLength), hash: item.custodyHead });
          for (const p of chainProblems) {
            problems.push({ caseNumber, item: item.number, kind: `custody-${p.kind}`, sequence: p.sequence, message: p.message[lang] });
          }
          // The audit trail holds one entry per append (creation = the seizure). Fewer entries is
          // retention at work; more entries than links means links were removed along with the head.
          const appended = recorded.get(item.documentId) ?? 0;
          if (!chainProblems.length && appended > chain.length) {
            problems.push({ caseNumber, item: item.number, kind: 'custody-truncated', sequence: chain.length + 1, message: lang === 'es' ? `el registro de auditoría anota ${appended} registros de custodia, pero la cadena tiene ${chain.length}: se eliminó el final` : `the audit trail notes ${appended} custody records, but the chain has ${chain.length}: its end was removed` });
          }
          for (const file of fileRows.filter((f) => f.itemDocumentId === item.documentId)) {
            files += 1;
            let path: string | null = null;
            try {
              path = storedPath(config(), file.storageName);
            } catch {
              path = null;
            }
            if (!path || !fs.existsSync(path)) {
              problems.push({ caseNumber, item: item.number, kind: 'file-missing', file: file.documentId, message: lang === 'es' ? 'el archivo guardado no está en la carpeta privada' : 'the stored file is not in the private folder' });
              continue;
            }
            if ((await sha256OfFile(path)) !== file.sha256) {
              problems.push({ caseNumber, item: item.number, kind: 'file-altered', file: file.documentId, message: lang === 'es' ? 'el contenido del archivo ya no corresponde al SHA-256 tomado al recibirlo' : 'the file’s content no longer matches the SHA-256 taken when it was received' });
            }
          }
        }
      }
      return { ok: problems.length === 0, checkedAt: new Date().toISOString(), items, events, files, problems };
    },
  };
};

export type IntegrityService = ReturnType<typeof createIntegrityService>;
