// Builds the printable custody form of an item: labels in Spanish from the code lists, agencies by
// code and name, officers by user name, the chain verified at the moment of printing.
import type { Core } from '@strapi/strapi';
import { verifyCustody } from '../chain/custody-chain';
import { renderCustodyPdf } from '../custody-form/custody-pdf';
import { AGENCY_UID } from '../uids';
import type { IntegrityService } from './integrity';
import type { CaseRef, ItemRow, RecordsService } from './records';

export const createCustodyFormService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async render(ref: CaseRef, item: ItemRow, generatedBy: string): Promise<Buffer> {
    const records = strapi.plugin('evidence').service('records') as RecordsService;
    const integrity = strapi.plugin('evidence').service('integrity') as IntegrityService;
    const [events, files, types, purposes, conditions] = await Promise.all([
      records.events(item.documentId), records.files(item.documentId), integrity.codes('evidence-type'), integrity.codes('custody-purpose'), integrity.codes('evidence-condition'),
    ]);
    const users = await records.usersByDocumentId(events.flatMap((e) => [e.from.user, e.to.user, e.recordedBy]));
    const agencies = new Map(((await strapi.db.query(AGENCY_UID as never).findMany({ select: ['code', 'name'] })) as Array<{ code: string; name: string }>).map((a) => [a.code, a.name]));
    const agency = (code: string | null) => (code ? `${code} — ${agencies.get(code) ?? code}` : null);
    const who = (holder: { user: string | null; agency: string | null }) => {
      const parts = [holder.user ? users.get(holder.user)?.username ?? 'cuenta retirada' : null, agency(holder.agency)].filter(Boolean);
      return parts.length ? parts.join(', ') : 'Lugar de la incautación';
    };
    return renderCustodyPdf({
      caseNumber: ref.caseNumber, number: item.number, evidenceType: types.get(item.evidenceType)?.es ?? item.evidenceType, description: item.description,
      seizedAt: item.seizedAt, seizedWhere: item.seizedWhere,
      seizedBy: who({ user: item.seizedByUser?.documentId ?? null, agency: item.seizedByAgency?.code ?? null }),
      storageLocation: item.storageLocation, sealNumber: item.sealNumber,
      holder: who({ user: item.holderUser?.documentId ?? null, agency: item.holderAgency?.code ?? null }),
      events: events.map((e) => ({
        sequence: e.sequence, at: e.at, from: who(e.from), to: who(e.to), purpose: purposes.get(e.purpose)?.es ?? e.purpose, condition: conditions.get(e.condition)?.es ?? e.condition,
        sealNumber: e.sealNumber, storageLocation: e.storageLocation, note: e.note, recordedBy: e.recordedBy ? users.get(e.recordedBy)?.username ?? '—' : '—', prevHash: e.prevHash, hash: e.hash,
      })),
      files: files.map((f) => ({ name: f.originalName, mimeType: f.mimeType, size: Number(f.size), sha256: f.sha256, uploadedAt: f.uploadedAt })),
      chainProblems: verifyCustody(item.documentId, events, { length: item.custodyLength, hash: item.custodyHead }).map((p) => p.message.es),
      generatedAt: new Date(), generatedBy,
    });
  },
});

export type CustodyFormService = ReturnType<typeof createCustodyFormService>;
