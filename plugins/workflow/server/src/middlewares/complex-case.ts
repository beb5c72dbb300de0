// A case declared complex (or no longer complex) has the rules' complex durations applied to the
// deadlines already running on it (for example 5 years instead of 4 for the whole process).
import type { Core } from '@strapi/strapi';
import type { DeadlinesService } from '../services/deadlines';
import { CASE_DEADLINE_UID, CASE_UID } from '../uids';

export default function registerComplexCase(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== CASE_UID || ctx.action !== 'update') return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    if (!params.documentId || !params.data || !('isComplex' in params.data)) return next();
    const before = (await strapi.db.query(CASE_UID as never).findOne({ where: { documentId: params.documentId }, select: ['id', 'isComplex'] })) as { id: number; isComplex: boolean | null } | null;
    if (!before || (before.isComplex === true) === (params.data.isComplex === true)) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const deadlines = strapi.plugin('workflow').service('deadlines') as DeadlinesService;
      const open = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({ where: { case: { id: before.id }, status: 'open' }, select: ['event', 'eventAt', 'source', 'stage', 'due'] })) as Array<{ event: string; eventAt: string; source: string; stage: string | null }>;
      for (const d of open) {
        // Deadlines set by an order's own date (as-recorded) have no recorded date here and stay as they are.
        if (d.source.startsWith('measure:') || d.source.startsWith('referral:') || d.source.startsWith('authorisation:')) continue;
        await deadlines.start({ caseId: before.id, event: d.event, eventAt: new Date(d.eventAt).toISOString(), source: d.source, stage: d.stage ?? undefined, isComplex: params.data!.isComplex === true });
      }
      return result;
    });
  });
}
