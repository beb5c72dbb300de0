// A report schedule saved from the admin panel (or from code) is checked before it is written:
// the cron expression, the indicators, and the parameters as a statistics request would take
// them. After the write, this process re-reads its schedules and the change goes on the audit
// trail (the trail's own feed covers api:: types only).
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import cron from 'node-cron';
import { languageOf } from '@pett/access/dist/server/services/language';
import { currentActor, currentClient, currentRequest } from '@pett/audit/dist/server/services/request-facts';
import type { TrailService } from '@pett/audit/dist/server/services/trail';
import { INDICATORS } from './indicators/catalogue';
import { checkParameters, checkSchedule, queryOf, type ScheduleInput } from './reports/schedule-input';
import { reloadReportSchedules } from './reports/scheduler';
import type { TablesService } from './services/tables';
import { REPORT_SCHEDULE_UID } from './uids';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== REPORT_SCHEDULE_UID || !['create', 'update', 'delete'].includes(ctx.action)) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: ScheduleInput & Record<string, unknown> };
    const lang = languageOf(currentRequest(strapi)?.get?.('accept-language'));
    if (ctx.action !== 'delete') {
      const data = params.data ?? {};
      const problems = checkSchedule(data, { lang, indicatorKeys: new Set(INDICATORS.map((i) => i.key)), validCron: (e) => cron.validate(e), partial: ctx.action === 'update' });
      if (problems.length) throw new errors.ValidationError(problems.map((p) => p.message).join(' '), { errors: problems });
      if (typeof data.cron === 'string') data.cron = data.cron.trim();
      if (data.parameters !== undefined) {
        // The codes (province, offence, law version) as the statistics request checks them.
        const { parameters } = checkParameters(data.parameters, lang) as { parameters: Parameters<typeof queryOf>[0] };
        try {
          await (strapi.plugin('statistics').service('tables') as TablesService).request(queryOf(parameters, new Date()).query, lang);
        } catch (error) {
          if (!(error instanceof errors.ValidationError)) throw error;
          const details = (error.details as { errors?: Array<{ path: string[]; message: string }> } | undefined)?.errors ?? [];
          throw new errors.ValidationError(error.message, { errors: details.map((d) => ({ ...d, path: ['parameters', ...d.path] })) });
        }
      }
    }
    const result = await next();
    const written = result as { documentId?: string } | null;
    if (written) {
      await (strapi.plugin('audit').service('trail') as TrailService).append({
        actor: currentActor(strapi), action: `report-schedule.${ctx.action}`, target: { type: 'report-schedule', id: written.documentId ?? params.documentId ?? null },
        outcome: 'success', fields: Object.keys(params.data ?? {}).filter((k) => !['documentId', 'id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'locale', 'publishedAt'].includes(k)).sort(), client: currentClient(strapi),
      });
      await reloadReportSchedules(strapi);
    }
    return result;
  });
};
