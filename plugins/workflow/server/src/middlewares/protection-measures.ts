// A victim's protection measures carry their own expiry: whenever a victim profile is saved with its
// measures, each measure with an end date keeps a `protection-measure-granted` deadline on every case
// of the person (source `measure:<personCode>:<startDate>`), and a measure no longer listed has its
// deadline cancelled. Runs in the save's transaction.
import type { Core } from '@strapi/strapi';
import type { DeadlinesService } from '../services/deadlines';
import { CASE_DEADLINE_UID, CASE_PARTY_UID, VICTIM_PROFILE_UID } from '../uids';

export const MEASURE_EVENT = 'protection-measure-granted';
interface Measure { startDate: string | null; expiryDate: string | null; measureType?: string | null }

/** One source per measure: its start date, with a counter when two measures start the same day. */
export function measureSources(personCode: string, measures: readonly Measure[]): Array<{ source: string; measure: Measure }> {
  const seen = new Map<string, number>();
  return measures
    .filter((m) => m.startDate)
    .map((measure) => {
      const start = String(measure.startDate).slice(0, 10);
      const n = (seen.get(start) ?? 0) + 1;
      seen.set(start, n);
      return { source: `measure:${personCode}:${start}${n > 1 ? `#${n}` : ''}`, measure };
    });
}

export async function syncProtectionMeasures(strapi: Core.Strapi, profileDocumentId: string): Promise<void> {
  const deadlines = strapi.plugin('workflow').service('deadlines') as DeadlinesService;
  const profile = (await strapi.db.query(VICTIM_PROFILE_UID as never).findOne({
    where: { documentId: profileDocumentId },
    populate: { protectionMeasures: true, person: { select: ['id', 'code'] } },
  })) as { protectionMeasures?: Measure[]; person?: { id: number; code: string } | null } | null;
  if (!profile?.person?.code) return;
  const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { person: { id: profile.person.id } }, populate: { case: { select: ['id'] } } })) as Array<{ case?: { id: number } | null }>;
  const caseIds = [...new Set(parties.map((p) => p.case?.id).filter((id): id is number => typeof id === 'number'))];
  const wanted = measureSources(profile.person.code, profile.protectionMeasures ?? []);
  const prefix = `measure:${profile.person.code}:`;
  for (const caseId of caseIds) {
    for (const { source, measure } of wanted) {
      if (measure.expiryDate) await deadlines.start({ caseId, event: MEASURE_EVENT, eventAt: String(measure.startDate).slice(0, 10), source, recordedDue: String(measure.expiryDate).slice(0, 10) });
      else await deadlines.cancelBySource(caseId, source, 'La medida ya no tiene fecha de vencimiento. / The measure no longer has an expiry date.');
    }
    const running = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({ where: { case: { id: caseId }, source: { $startsWith: prefix }, status: 'open' }, select: ['source'] })) as Array<{ source: string }>;
    const keep = new Set(wanted.map((w) => w.source));
    for (const source of new Set(running.map((r) => r.source).filter((s) => !keep.has(s)))) {
      await deadlines.cancelBySource(caseId, source, 'La medida ya no figura en el perfil de la víctima. / The measure is no longer on the victim profile.');
    }
  }
}

export default function registerProtectionMeasures(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== VICTIM_PROFILE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    if (!params.data || !('protectionMeasures' in params.data)) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = (result as { documentId?: string } | null)?.documentId ?? params.documentId;
      if (documentId) await syncProtectionMeasures(strapi, documentId);
      return result;
    });
  });
}
