// A victim's protection measures carry their own expiry, and a referral to a service waits for its
// acknowledgement: whenever a victim profile is saved with its measures or referrals, each measure
// with an end date keeps a `protection-measure-granted` deadline on every case of the person (source
// `measure:<personCode>:<startDate>`), each referral still `requested` a `referral-sent` one (source
// `referral:<personCode>:<referredOn>`, met once the provider answers); what is no longer listed is
// cancelled. Runs in the save's transaction.
import type { Core } from '@strapi/strapi';
import type { DeadlinesService } from '../services/deadlines';
import { CASE_DEADLINE_UID, CASE_PARTY_UID, VICTIM_PROFILE_UID } from '../uids';

export const MEASURE_EVENT = 'protection-measure-granted';
export const REFERRAL_EVENT = 'referral-sent';
interface Measure { startDate: string | null; expiryDate: string | null; measureType?: string | null }
interface Referral { referredOn: string | null; status: string | null; service?: string | null }

/** One source per dated item: `<kind>:<personCode>:<date>`, with a counter when two share a day. */
function datedSources<T>(kind: string, personCode: string, items: readonly T[], dateOf: (item: T) => string | null): Array<{ source: string; item: T }> {
  const seen = new Map<string, number>();
  return items
    .filter((item) => dateOf(item))
    .map((item) => {
      const day = String(dateOf(item)).slice(0, 10);
      const n = (seen.get(day) ?? 0) + 1;
      seen.set(day, n);
      return { source: `${kind}:${personCode}:${day}${n > 1 ? `#${n}` : ''}`, item };
    });
}

/** One source per measure: its start date, with a counter when two measures start the same day. */
export function measureSources(personCode: string, measures: readonly Measure[]): Array<{ source: string; measure: Measure }> {
  return datedSources('measure', personCode, measures, (m) => m.startDate).map(({ source, item }) => ({ source, measure: item }));
}

export function referralSources(personCode: string, referrals: readonly Referral[]): Array<{ source: string; referral: Referral }> {
  return datedSources('referral', personCode, referrals, (r) => r.referredOn).map(({ source, item }) => ({ source, referral: item }));
}

export async function syncVictimDeadlines(strapi: Core.Strapi, profileDocumentId: string): Promise<void> {
  const deadlines = strapi.plugin('workflow').service('deadlines') as DeadlinesService;
  const profile = (await strapi.db.query(VICTIM_PROFILE_UID as never).findOne({
    where: { documentId: profileDocumentId },
    populate: { protectionMeasures: true, serviceReferrals: true, person: { select: ['id', 'code'] } },
  })) as { protectionMeasures?: Measure[]; serviceReferrals?: Referral[]; person?: { id: number; code: string } | null } | null;
  if (!profile?.person?.code) return;
  const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { person: { id: profile.person.id } }, populate: { case: { select: ['id'] } } })) as Array<{ case?: { id: number } | null }>;
  const caseIds = [...new Set(parties.map((p) => p.case?.id).filter((id): id is number => typeof id === 'number'))];
  const code = profile.person.code;
  const measures = measureSources(code, profile.protectionMeasures ?? []);
  const referrals = referralSources(code, profile.serviceReferrals ?? []);
  const keep = new Set([...measures, ...referrals].map((w) => w.source));
  for (const caseId of caseIds) {
    for (const { source, measure } of measures) {
      if (measure.expiryDate) await deadlines.start({ caseId, event: MEASURE_EVENT, eventAt: String(measure.startDate).slice(0, 10), source, recordedDue: String(measure.expiryDate).slice(0, 10) });
      else await deadlines.cancelBySource(caseId, source, 'La medida ya no tiene fecha de vencimiento. / The measure no longer has an expiry date.');
    }
    for (const { source, referral } of referrals) {
      // A referral still waiting for the provider runs its acknowledgement deadline; an answer meets it.
      if (referral.status === 'requested') await deadlines.start({ caseId, event: REFERRAL_EVENT, eventAt: String(referral.referredOn).slice(0, 10), source });
      else await deadlines.meetBySource(caseId, source, 'El servicio respondió a la remisión. / The service answered the referral.');
    }
    const running = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({
      where: { case: { id: caseId }, status: 'open', $or: [{ source: { $startsWith: `measure:${code}:` } }, { source: { $startsWith: `referral:${code}:` } }] },
      select: ['source'],
    })) as Array<{ source: string }>;
    for (const source of new Set(running.map((r) => r.source).filter((s) => !keep.has(s)))) {
      await deadlines.cancelBySource(caseId, source, 'Ya no figura en el perfil de la víctima. / No longer on the victim profile.');
    }
  }
}

export default function registerVictimDeadlines(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== VICTIM_PROFILE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    if (!params.data || !('protectionMeasures' in params.data || 'serviceReferrals' in params.data)) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = (result as { documentId?: string } | null)?.documentId ?? params.documentId;
      if (documentId) await syncVictimDeadlines(strapi, documentId);
      return result;
    });
  });
}
