// A granted judicial authorisation with an expiry is a legal deadline of the case. When a plan save
// adds, changes or removes one, the workflow plugin's deadline service is told; the source
// `authorisation:<itemKey>` makes the call idempotent. The diff is pure; the call is one function.
import type { Core } from '@strapi/strapi';
import type { Authorisation } from '../validation/plan-input';

export const AUTHORISATION_EVENT = 'judicial-authorisation-granted';
export const sourceOf = (key: string) => `authorisation:${key}`;

type Dated = Pick<Authorisation, 'key' | 'grantedOn' | 'expiresOn'>;
export interface DeadlineChanges {
  start: Array<{ key: string; grantedOn: string; expiresOn: string }>;
  cancel: string[];
}

/** Which deadlines to start (new or changed grant/expiry) and which to cancel (gone, or no longer dated). */
export function authorisationDeadlineChanges(before: readonly Dated[], after: readonly Dated[]): DeadlineChanges {
  const dated = (a: Dated) => !!a.grantedOn && !!a.expiresOn;
  const old = new Map(before.filter(dated).map((a) => [a.key, a]));
  const now = new Map(after.filter(dated).map((a) => [a.key, a]));
  const start = [...now.values()]
    .filter((a) => { const o = old.get(a.key); return !o || o.grantedOn !== a.grantedOn || o.expiresOn !== a.expiresOn; })
    .map((a) => ({ key: a.key, grantedOn: a.grantedOn!, expiresOn: a.expiresOn! }));
  const cancel = [...old.keys()].filter((key) => !now.has(key));
  return { start, cancel };
}

interface DeadlinesService {
  start(input: { caseId: number; event: string; eventAt: string; source: string; recordedDue?: string | null }): Promise<unknown>;
  cancelBySource(caseId: number, source: string, note: string): Promise<unknown>;
}

/** The workflow plugin's deadline service, when this installation has it. */
function deadlinesService(strapi: Core.Strapi): DeadlinesService | null {
  try {
    const service = strapi.plugin('workflow')?.service('deadlines') as Partial<DeadlinesService> | undefined;
    return service && typeof service.start === 'function' && typeof service.cancelBySource === 'function' ? (service as DeadlinesService) : null;
  } catch {
    return null;
  }
}

/** Tells the deadline service what changed; runs inside the plan's transaction, so both commit together. */
export async function syncAuthorisationDeadlines(strapi: Core.Strapi, caseId: number, changes: DeadlineChanges): Promise<void> {
  const deadlines = deadlinesService(strapi);
  if (!deadlines) return;
  for (const key of changes.cancel) await deadlines.cancelBySource(caseId, sourceOf(key), 'Autorización judicial retirada del plan o sin fecha de vencimiento.');
  // The grant is a whole day in office time; noon keeps it on that day whatever the zone.
  for (const a of changes.start) await deadlines.start({ caseId, event: AUTHORISATION_EVENT, eventAt: `${a.grantedOn}T12:00:00-04:00`, source: sourceOf(a.key), recordedDue: a.expiresOn });
}
