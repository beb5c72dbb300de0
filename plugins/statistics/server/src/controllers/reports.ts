// /api/statistics/export, report-schedules and report-snapshots: immediate exports and the kept
// reports. Only the statistics unit and the chief prosecutor reach these (grant + role check); a
// snapshot is downloaded only by the roles its schedule names; every export and every download is
// on the audit trail with its parameters (never a figure, never a person).
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { currentActor, currentClient } from '@pett/audit/dist/server/services/request-facts';
import type { TrailService } from '@pett/audit/dist/server/services/trail';
import type { Lang } from '../indicators/catalogue';
import { REPORT_FORMATS, type ReportFormat } from '../reports/schedule-input';
import { CONTENT_TYPES, type ReportsService, type ScheduleRow, type SnapshotRow } from '../services/reports';
import { sweepOnce } from '../reports/scheduler';
import { refuse, statisticsCaller } from './statistics';

const TEXT = {
  runRefused: { es: 'Solo la unidad de estadística puede ejecutar una programación de informe.', en: 'Only the statistics unit may run a report schedule.' },
  noSchedule: { es: 'No se encontró la programación de informe.', en: 'The report schedule was not found.' },
  noSnapshot: { es: 'No se encontró el informe generado.', en: 'The generated report was not found.' },
  downloadRefused: { es: 'Su rol no puede descargar este informe: la programación lo reserva a otros roles.', en: 'Your role may not download this report: its schedule reserves it for other roles.' },
  expired: { es: 'Este informe venció y sus archivos se eliminaron según el periodo de conservación.', en: 'This report has expired and its files were deleted under the retention period.' },
  noFile: (f: string) => ({ es: `Este informe no tiene archivo en formato ${f}.`, en: `This report has no file in ${f} format.` }),
  format: { es: `Formato no válido: use ${REPORT_FORMATS.join(', ')}.`, en: `Invalid format: use ${REPORT_FORMATS.join(', ')}.` },
  page: { es: 'La página debe ser un número entero de 1 en adelante.', en: 'The page must be a whole number from 1 on.' },
  pageSize: { es: 'El tamaño de página debe ser un número entero entre 1 y 100.', en: 'The page size must be a whole number between 1 and 100.' },
};


const roleOf = (ctx: Context) => (ctx.state.user as { role?: { type?: string } }).role?.type ?? '';
const fail = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message }] });

function positive(ctx: Context, key: 'page' | 'pageSize', fallback: number, max: number, lang: Lang): number {
  const raw = ctx.query[key];
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > max) throw fail(key, TEXT[key][lang]);
  return value;
}

export const scheduleOut = (row: ScheduleRow) => ({
  documentId: row.documentId, name: row.name, description: row.description ?? null, cron: row.cron, indicators: row.indicators, parameters: row.parameters,
  formats: row.formats, downloadRoles: row.downloadRoles, retentionDays: row.retentionDays, enabled: row.enabled === true,
});

export const snapshotOut = (row: SnapshotRow) => ({
  documentId: row.documentId, scheduleName: row.scheduleName, schedule: row.schedule?.documentId ?? null, runKey: row.runKey, ranAt: row.ranAt,
  period: { from: row.periodFrom, to: row.periodTo, label: row.periodLabel }, indicators: row.indicators ?? [], parameters: row.parameters ?? {},
  dataHash: row.dataHash, status: row.status, error: row.error, expiresAt: row.expiresAt, ranBy: row.ranBy, ranByUserId: row.ranByUserId,
  downloadRoles: (row.audience ?? '').split('|').filter(Boolean),
  files: row.status === 'ready' ? (row.files ?? []).map((f) => ({ format: f.format, size: f.size, sha256: f.sha256, url: `/api/statistics/report-snapshots/${row.documentId}/files/${f.format}` })) : [],
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('statistics').service('reports') as ReportsService;
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;
  const record = (action: string, target: { type: string; id: string | null }, outcome: string, fields: string[]) =>
    trail().append({ actor: currentActor(strapi), action, target, outcome, fields: fields.map((f) => f.slice(0, 200)), client: currentClient(strapi) });

  return {
    /** GET /api/statistics/export?format=&indicators=&<parameters> — the suppressed tables as a file, at once, not kept. */
    async export(ctx: Context) {
      const lang = statisticsCaller(ctx);
      if (!lang) return;
      const file = await service().exportNow(ctx.query as Record<string, unknown>, lang);
      await record('statistics.export', { type: 'statistics', id: null }, 'success', [`format:${file.format}`, `indicators:${file.keys.join(',')}`, ...file.fields, `dataHash:${file.dataHash}`]);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
      ctx.type = CONTENT_TYPES[file.format];
      ctx.body = file.body;
    },

    /** GET /api/statistics/report-schedules — every schedule, and whether the caller may run them. */
    async schedules(ctx: Context) {
      if (!statisticsCaller(ctx)) return;
      const rows = await service().listSchedules();
      ctx.body = { data: rows.map(scheduleOut), meta: { canRun: roleOf(ctx) === 'statistician' } };
    },

    /** POST /api/statistics/report-schedules/:documentId/run — run now: a snapshot, kept like a scheduled one. */
    async run(ctx: Context) {
      const lang = statisticsCaller(ctx);
      if (!lang) return;
      if (roleOf(ctx) !== 'statistician') return refuse(ctx, TEXT.runRefused[lang]);
      const row = await service().findSchedule(String(ctx.params.documentId ?? '').slice(0, 80));
      if (!row) throw new errors.NotFoundError(TEXT.noSchedule[lang]);
      const user = ctx.state.user as { id: number };
      const snapshot = await service().runSchedule(row, { runKey: `manual:${new Date().toISOString()}`, by: 'user', userId: user.id });
      await record('report.run', { type: 'report-schedule', id: row.documentId }, 'success', [`snapshot:${snapshot.documentId}`]);
      // Retention is swept after each run as well as on its own cron.
      await sweepOnce(strapi, new Date());
      ctx.status = 201;
      ctx.body = { data: snapshotOut(snapshot) };
    },

    /** GET /api/statistics/report-snapshots?page=&pageSize= — the reports the caller's role may download, newest first. */
    async snapshots(ctx: Context) {
      const lang = statisticsCaller(ctx);
      if (!lang) return;
      const page = positive(ctx, 'page', 1, 100_000, lang);
      const pageSize = positive(ctx, 'pageSize', 20, 100, lang);
      const { rows, total } = await service().listSnapshots(roleOf(ctx), page, pageSize);
      ctx.body = { data: rows.map(snapshotOut), meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } } };
    },

    /** GET /api/statistics/report-snapshots/:documentId/files/:format — the file as an attachment, after the role check; audited. */
    async download(ctx: Context) {
      const lang = statisticsCaller(ctx);
      if (!lang) return;
      const format = String(ctx.params.format ?? '');
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw fail('format', TEXT.format[lang]);
      const row = await service().findSnapshot(String(ctx.params.documentId ?? '').slice(0, 80));
      if (!row) throw new errors.NotFoundError(TEXT.noSnapshot[lang]);
      const target = { type: 'report-snapshot', id: row.documentId };
      if (!(row.audience ?? '').includes(`|${roleOf(ctx)}|`)) {
        await record('report.download', target, 'refused', [`format:${format}`]);
        return refuse(ctx, TEXT.downloadRefused[lang]);
      }
      if (row.status === 'expired') {
        ctx.status = 410;
        ctx.body = { data: null, error: { status: 410, name: 'GoneError', message: TEXT.expired[lang], details: {} } };
        return;
      }
      const file = (row.files ?? []).find((f) => f.format === format);
      if (!file || !service().storage.exists(file.name)) throw new errors.NotFoundError(TEXT.noFile(format)[lang]);
      await record('report.download', target, 'success', [`format:${format}`, `sha256:${file.sha256}`]);
      const stamp = row.ranAt ? new Date(row.ranAt).toISOString().slice(0, 10) : 'informe';
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Disposition', `attachment; filename="pett-informe-${stamp}-${row.documentId.slice(0, 8)}.${format}"`);
      ctx.set('Content-Length', String(file.size));
      ctx.type = CONTENT_TYPES[format as ReportFormat];
      ctx.body = service().storage.read(file.name);
    },
  };
};
