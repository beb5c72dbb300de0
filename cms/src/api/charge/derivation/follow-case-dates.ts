// Keeps every charge's law version the one in force on its case's date of the facts: when a case's
// date of the facts (or its intake date, which stands in for it) changes, the case's charges are
// derived again, through the document service, so the change is scoped and audited like any write.
import type { Core } from '@strapi/strapi';
import { CASE_UID, CHARGE_UID, CODE_LIST_UID } from '../../../uids';
import { lawVersionFor, lawVersionsOf, type CodeItem } from '../validation/charge-input';

const dateOnly = (v: unknown) => (v == null ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));

async function deriveAgain(strapi: Core.Strapi, caseDocumentId: string): Promise<void> {
  const found = (await strapi.db.query(CASE_UID as never).findOne({ where: { documentId: caseDocumentId }, select: ['id', 'factsDate', 'intakeDate'] })) as { id: number; factsDate: unknown; intakeDate: unknown } | null;
  if (!found) return;
  const charges = (await strapi.db.query(CHARGE_UID as never).findMany({ where: { case: { id: found.id } }, select: ['documentId', 'offence', 'lawVersion'] })) as Array<{ documentId: string; offence: string; lawVersion: string }>;
  if (!charges.length) return;
  const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ where: { key: { $in: ['offence', 'law-version'] } }, select: ['key'], populate: { items: true } })) as Array<{ key: string; items?: CodeItem[] }>;
  const offences = new Map((lists.find((l) => l.key === 'offence')?.items ?? []).map((i) => [i.code, i]));
  const versions = lawVersionsOf(lists.find((l) => l.key === 'law-version')?.items ?? []);
  const date = dateOnly(found.factsDate) ?? dateOnly(found.intakeDate);
  if (!date) return;
  for (const charge of charges) {
    // No version in force on the new date: the charge keeps its version until someone edits it
    // (the edit then names the offence as having no version in force).
    const version = lawVersionFor(offences.get(charge.offence), date, versions);
    if (version && version.code !== charge.lawVersion) {
      await strapi.documents(CHARGE_UID as never).update({ documentId: charge.documentId, data: { lawVersion: version.code } } as never);
    }
  }
}

export function followCaseDates(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== CASE_UID || ctx.action !== 'update') return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data ?? {};
    if (!Object.hasOwn(data, 'factsDate') && !Object.hasOwn(data, 'intakeDate')) return next();
    const result = await next();
    if (params.documentId) await deriveAgain(strapi, params.documentId);
    return result;
  });
}
