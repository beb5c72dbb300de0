// Reports: suppressed indicator tables (from the tables service, never raw counts) written as CSV,
// XLSX or PDF, either streamed at once (an export) or kept as a report snapshot in private storage
// for the roles a schedule names, until its retention ends.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import cron from 'node-cron';
import { indicatorOf, INDICATORS, type Lang } from '../indicators/catalogue';
import { SUPPRESSION_PROFILES } from '../suppression/suppress';
import { REPORT_SCHEDULE_UID, REPORT_SNAPSHOT_UID } from '../uids';
import { dataHashOf, LABELS, type ReportContent } from '../reports/content';
import { renderCsv } from '../reports/csv';
import { renderPdf } from '../reports/pdf';
import { renderXlsx } from '../reports/xlsx';
import { checkParameters, checkSchedule, queryOf, REPORT_FORMATS, type ReportFormat, type ScheduleInput, type ScheduleParameters } from '../reports/schedule-input';
import { createReportStorage, type StoredFile } from '../reports/storage';
import type { TablesService } from './tables';
import type { IndicatorsService } from './indicators';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ScheduleRow {
  id: number; documentId: string; name: string; description?: string | null; cron: string; indicators: unknown; parameters: unknown;
  formats: unknown; downloadRoles: unknown; retentionDays: number | null; enabled: boolean | null; updatedAt?: string;
}

export interface SnapshotRow {
  id: number; documentId: string; scheduleName: string | null; runKey: string; ranAt: string; periodFrom: string | null; periodTo: string | null; periodLabel: string | null;
  indicators: string[] | null; parameters: Record<string, unknown> | null; dataHash: string | null; files: StoredFile[] | null; audience: string | null;
  status: 'ready' | 'failed' | 'expired'; error: string | null; expiresAt: string; ranBy: 'schedule' | 'user'; ranByUserId: number | null;
  schedule?: { documentId: string } | null;
}

const TEXT = {
  title: { es: 'Estadísticas PETT', en: 'PETT statistics' },
  period: { es: 'Periodo', en: 'Period' }, province: { es: 'Provincia', en: 'Province' }, offence: { es: 'Delito', en: 'Offence' },
  lawVersion: { es: 'Versión de la ley', en: 'Law version' }, profile: { es: 'Perfil de supresión', en: 'Suppression profile' },
  k: { es: 'Umbral k', en: 'Threshold k' }, indicators: { es: 'Indicadores', en: 'Indicators' }, all: { es: 'Todas', en: 'All' },
  from: { es: 'desde', en: 'from' }, to: { es: 'hasta', en: 'to' }, open: { es: 'Todo el periodo registrado', en: 'All recorded time' },
  noSchedule: { es: 'No se encontró la programación de informe.', en: 'The report schedule was not found.' },
  badSchedule: { es: 'La programación de informe no es válida; corríjala en el panel de administración: ', en: 'The report schedule is not valid; correct it in the admin panel: ' },
};

const labelled = (items: Map<string, Array<{ code: string; labelEs: string; labelEn: string }>>, key: string, code: string, lang: Lang) => {
  const item = (items.get(key) ?? []).find((i) => i.code === code);
  return item ? `${lang === 'es' ? item.labelEs : item.labelEn} (${code})` : code;
};

const fail = (path: string[], message: string) => new errors.ValidationError(message, { errors: [{ path, message }] });

export const createReportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const tables = () => strapi.plugin('statistics').service('tables') as TablesService;
  const indicators = () => strapi.plugin('statistics').service('indicators') as IndicatorsService;
  const storage = createReportStorage(strapi.plugin('statistics').config('reportsDir') as string);
  const schedules = () => strapi.db.query(REPORT_SCHEDULE_UID as never);
  const snapshots = () => strapi.db.query(REPORT_SNAPSHOT_UID as never);

  /** The suppressed answers for a checked query, and the report around them. */
  async function build(keys: string[], query: Record<string, unknown>, lang: Lang, title: string, periodLabel: string | null, now: Date): Promise<ReportContent> {
    const request = await tables().request(query, lang);
    const answers = [];
    for (const key of keys) answers.push(await tables().answerFor(key, request, lang));
    const lists = await indicators().codeLists(['province', 'offence', 'law-version']);
    const { scope } = request;
    const parameters = [
      { label: TEXT.period[lang], value: periodLabel ?? (scope.year ? String(scope.year) : scope.from || scope.to ? `${scope.from ? `${TEXT.from[lang]} ${scope.from}` : ''} ${scope.to ? `${TEXT.to[lang]} ${scope.to}` : ''}`.trim() : TEXT.open[lang]) },
      { label: TEXT.province[lang], value: scope.province ? labelled(lists, 'province', scope.province, lang) : TEXT.all[lang] },
    ];
    for (const [key, list] of [['offence', 'offence'], ['lawVersion', 'law-version']] as const) {
      const code = (scope as unknown as Record<string, unknown>)[key] ?? query[key];
      if (typeof code === 'string' && code) parameters.push({ label: TEXT[key][lang], value: labelled(lists, list, code, lang) });
    }
    parameters.push({ label: TEXT.profile[lang], value: request.profile }, { label: TEXT.k[lang], value: String(SUPPRESSION_PROFILES[request.profile]) });
    parameters.push({ label: TEXT.indicators[lang], value: keys.join(', ') });
    return { title, parameters, k: SUPPRESSION_PROFILES[request.profile], profile: request.profile, generatedAt: now, answers, dataHash: dataHashOf(answers), labels: LABELS[lang] };
  }

  function render(format: ReportFormat, report: ReportContent): Promise<Buffer> | Buffer {
    if (format === 'csv') return renderCsv(report);
    if (format === 'xlsx') return renderXlsx(report);
    return renderPdf(report);
  }

  /** A schedule as stored, checked as at save time (an invalid one is refused, never half run). */
  function checkedSchedule(row: ScheduleRow, lang: Lang): { keys: string[]; parameters: ScheduleParameters; formats: ReportFormat[]; roles: string[] } {
    const problems = checkSchedule(row as ScheduleInput, { lang, indicatorKeys: new Set(INDICATORS.map((i) => i.key)), validCron: (e) => cron.validate(e), partial: false });
    if (problems.length) throw fail(problems[0]!.path, `${TEXT.badSchedule[lang]}${problems[0]!.message}`);
    const checked = checkParameters(row.parameters, lang) as { parameters: ScheduleParameters };
    return { keys: row.indicators as string[], parameters: checked.parameters, formats: [...new Set(row.formats as ReportFormat[])], roles: row.downloadRoles as string[] };
  }

  return {
    storage,

    /** An immediate export: the file, never stored. Checks the format, the indicators and the parameters (400 naming each). */
    async exportNow(query: Record<string, unknown>, lang: Lang, now = new Date()) {
      const { format, indicators: list, ...rest } = query;
      const M = {
        format: { es: `Formato no válido: use ${REPORT_FORMATS.join(', ')}.`, en: `Invalid format: use ${REPORT_FORMATS.join(', ')}.` },
        indicators: { es: 'Indique en «indicators» una o más claves del catálogo, separadas por comas.', en: 'Give in «indicators» one or more catalogue keys, separated by commas.' },
        unknown: (k: string) => ({ es: `Indicador desconocido: «${k}». Consulte el catálogo (/api/statistics/indicators).`, en: `Unknown indicator: «${k}». See the catalogue (/api/statistics/indicators).` }),
      };
      if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) throw fail(['format'], M.format[lang]);
      const keys = typeof list === 'string' ? [...new Set(list.split(',').map((k) => k.trim()).filter(Boolean))] : [];
      if (keys.length === 0 || keys.length > 50) throw fail(['indicators'], M.indicators[lang]);
      const unknown = keys.find((k) => !indicatorOf(k));
      if (unknown) throw fail(['indicators'], M.unknown(unknown)[lang]);
      // The PDF is the office's printed report: always in Spanish.
      const fileLang: Lang = format === 'pdf' ? 'es' : lang;
      const report = await build(keys, rest, fileLang, TEXT.title[fileLang], null, now);
      const body = await render(format as ReportFormat, report);
      const scope = report.answers[0]?.meta.scope;
      const period = scope?.year ? String(scope.year) : `${scope?.from ?? 'inicio'}_${scope?.to ?? 'hoy'}`;
      return { body, format: format as ReportFormat, keys, dataHash: report.dataHash, filename: `pett-estadisticas-${period}.${format}`, fields: Object.entries(rest).filter(([, v]) => typeof v === 'string' && v).map(([k, v]) => `${k}:${String(v).slice(0, 40)}`) };
    },

    async findSchedule(documentId: string): Promise<ScheduleRow | null> {
      return (await schedules().findOne({ where: { documentId } })) as ScheduleRow | null;
    },

    async listSchedules(): Promise<ScheduleRow[]> {
      return (await schedules().findMany({ orderBy: { name: 'asc' } })) as ScheduleRow[];
    },

    async enabledSchedules(): Promise<ScheduleRow[]> {
      return (await schedules().findMany({ where: { enabled: true } })) as ScheduleRow[];
    },

    /**
     * One run of a schedule: the report in every format of the schedule, kept privately, and its
     * snapshot. A run that fails leaves a failed snapshot (no files), so the failure is seen.
     */
    async runSchedule(row: ScheduleRow, run: { runKey: string; by: 'schedule' | 'user'; userId?: number | null; now?: Date }): Promise<SnapshotRow> {
      const now = run.now ?? new Date();
      const lang: Lang = 'es';
      const { keys, parameters, formats, roles } = checkedSchedule(row, lang);
      const { query, period } = queryOf(parameters, now);
      const retentionDays = row.retentionDays ?? 365;
      const base = {
        schedule: row.documentId, scheduleName: row.name, runKey: run.runKey, ranAt: now, periodFrom: period.from, periodTo: period.to, periodLabel: period.label.es,
        indicators: keys, parameters: { ...parameters, resolved: query }, audience: `|${roles.join('|')}|`,
        expiresAt: new Date(now.getTime() + retentionDays * 86_400_000), ranBy: run.by, ranByUserId: run.userId ?? null,
      };
      const written: StoredFile[] = [];
      try {
        const report = await build(keys, query, lang, row.name, period.label.es, now);
        const stem = storage.newStem();
        for (const format of formats) written.push(storage.write(`${stem}.${format}`, format, Buffer.from(await render(format, report))));
        return (await strapi.documents(REPORT_SNAPSHOT_UID as never).create({ data: { ...base, dataHash: report.dataHash, files: written, status: 'ready', error: null } as never })) as unknown as SnapshotRow;
      } catch (error) {
        for (const file of written) storage.remove(file.name);
        const message = error instanceof errors.ValidationError ? error.message : 'internal error while producing the report';
        if (!(error instanceof errors.ValidationError)) strapi.log.error(`[reports] schedule ${row.documentId} run ${run.runKey} failed: ${(error as Error).message}`);
        const failed = (await strapi.documents(REPORT_SNAPSHOT_UID as never).create({ data: { ...base, dataHash: null, files: [], status: 'failed', error: message } as never })) as unknown as SnapshotRow;
        if (run.by === 'user') throw error;
        return failed;
      }
    },

    /** Snapshots the role may download, newest first, paged. */
    async listSnapshots(role: string, page: number, pageSize: number) {
      const where = { audience: { $contains: `|${role}|` } };
      const [rows, total] = await Promise.all([
        snapshots().findMany({ where, orderBy: [{ ranAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize, populate: { schedule: { select: ['documentId'] } } }),
        snapshots().count({ where }),
      ]);
      return { rows: rows as SnapshotRow[], total: Number(total) };
    },

    async findSnapshot(documentId: string): Promise<SnapshotRow | null> {
      return (await snapshots().findOne({ where: { documentId } })) as SnapshotRow | null;
    },

    /** Deletes the files of every snapshot past its expiry and marks it expired; returns their document ids. */
    async sweepExpired(now = new Date()): Promise<string[]> {
      const due = (await snapshots().findMany({ where: { expiresAt: { $lt: now }, status: { $ne: 'expired' } }, select: ['id', 'documentId', 'files'] })) as Array<Pick<SnapshotRow, 'id' | 'documentId' | 'files'>>;
      for (const row of due) {
        for (const file of row.files ?? []) storage.remove(file.name);
        await snapshots().update({ where: { id: row.id }, data: { status: 'expired' } });
      }
      return due.map((row) => row.documentId);
    },
  };
};

export type ReportsService = ReturnType<typeof createReportsService>;
