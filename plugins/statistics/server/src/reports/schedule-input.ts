// What a report schedule may hold, checked where it is saved (the admin panel's content manager,
// the seed) and again where it runs: a valid cron expression, known indicators, parameters a
// statistics request accepts, formats and the roles that may download. Pure: the cron validator
// and the indicator keys come in.
import type { Lang } from '../indicators/catalogue';
import { RELATIVE_PERIODS, resolvePeriod, type RelativePeriod } from './period';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Who may ever download a report: the statistics unit and the chief prosecutor (a schedule narrows it). */
export const REPORT_ROLES = ['statistician', 'chief-prosecutor'] as const;

export interface ScheduleParameters {
  year: number | null;
  period: RelativePeriod | null;
  province: string | null;
  offence: string | null;
  lawVersion: string | null;
  profile: string;
}

export interface ScheduleInput {
  name?: unknown; cron?: unknown; indicators?: unknown; parameters?: unknown; formats?: unknown;
  downloadRoles?: unknown; retentionDays?: unknown; enabled?: unknown;
}

export type Problem = { path: string[]; message: string };

const PARAMETER_KEYS = ['year', 'period', 'province', 'offence', 'lawVersion', 'profile'];

const M = {
  name: { es: 'Indique un nombre para la programación (hasta 120 caracteres).', en: 'Give the schedule a name (up to 120 characters).' },
  cron: (v: string) => ({ es: `La expresión cron «${v}» no es válida: use cinco o seis campos, por ejemplo «0 6 1 1 *» (6:00 del 1 de enero).`, en: `The cron expression «${v}» is not valid: use five or six fields, for example «0 6 1 1 *» (06:00 on 1 January).` }),
  indicators: { es: 'Indique en «indicators» una lista no vacía de claves del catálogo de indicadores.', en: 'Give in «indicators» a non-empty list of keys from the indicator catalogue.' },
  indicator: (k: string) => ({ es: `Indicador desconocido: «${k}». Consulte el catálogo (/api/statistics/indicators).`, en: `Unknown indicator: «${k}». See the catalogue (/api/statistics/indicators).` }),
  parameters: { es: `Los parámetros deben ser un objeto con: ${PARAMETER_KEYS.join(', ')}.`, en: `The parameters must be an object with: ${PARAMETER_KEYS.join(', ')}.` },
  parameter: (k: string) => ({ es: `Parámetro desconocido: «${k}». Use ${PARAMETER_KEYS.join(', ')}.`, en: `Unknown parameter: «${k}». Use ${PARAMETER_KEYS.join(', ')}.` }),
  period: { es: `Indique el periodo: «year» (un año de cuatro cifras) o «period» (${RELATIVE_PERIODS.join(', ')}), uno solo.`, en: `Give the period: «year» (a four-digit year) or «period» (${RELATIVE_PERIODS.join(', ')}), only one.` },
  text: (k: string) => ({ es: `El parámetro «${k}» debe ser un código (texto) o null.`, en: `The parameter «${k}» must be a code (text) or null.` }),
  formats: { es: `Indique en «formats» uno o más de: ${REPORT_FORMATS.join(', ')}.`, en: `Give in «formats» one or more of: ${REPORT_FORMATS.join(', ')}.` },
  roles: { es: `Indique en «downloadRoles» uno o más de: ${REPORT_ROLES.join(', ')}.`, en: `Give in «downloadRoles» one or more of: ${REPORT_ROLES.join(', ')}.` },
  retention: { es: 'Los días de conservación deben ser un número entero entre 1 y 3650.', en: 'The retention days must be a whole number between 1 and 3650.' },
  enabled: { es: '«enabled» debe ser verdadero o falso.', en: '«enabled» must be true or false.' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);

/** The parameters of a schedule, or the problems with them. */
export function checkParameters(value: unknown, lang: Lang): { parameters: ScheduleParameters } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: string[], m: Record<Lang, string>) => problems.push({ path, message: m[lang] });
  if (!isRecord(value)) return { problems: [{ path: ['parameters'], message: M.parameters[lang] }] };
  for (const key of Object.keys(value)) if (!PARAMETER_KEYS.includes(key)) fail(['parameters', key], M.parameter(key));
  const year = value.year ?? null;
  const period = value.period ?? null;
  const yearOk = year === null || (Number.isInteger(year) && (year as number) >= 1990 && (year as number) <= 2100);
  const periodOk = period === null || (RELATIVE_PERIODS as readonly unknown[]).includes(period);
  if (!yearOk || !periodOk || (year === null) === (period === null)) fail(['parameters', year === null ? 'period' : 'year'], M.period);
  const code = (key: string): string | null => {
    const v = value[key] ?? null;
    if (v === null || v === '') return null;
    if (typeof v !== 'string') { fail(['parameters', key], M.text(key)); return null; }
    return v;
  };
  const parameters: ScheduleParameters = {
    year: yearOk ? (year as number | null) : null, period: periodOk ? (period as RelativePeriod | null) : null,
    province: code('province'), offence: code('offence'), lawVersion: code('lawVersion'), profile: code('profile') ?? 'standard',
  };
  return problems.length ? { problems } : { parameters };
}

/** The query string a run at `now` gives the statistics request (`tables.request` checks it). */
export function queryOf(parameters: ScheduleParameters, now: Date) {
  const period = resolvePeriod({ year: parameters.year, relative: parameters.period }, now);
  const query: Record<string, string> = { ...period.query };
  for (const key of ['province', 'offence', 'lawVersion', 'profile'] as const) if (parameters[key]) query[key] = parameters[key] as string;
  return { query, period };
}

/**
 * Checks the fields present in `data` (an update may carry only some). `partial` false: every
 * field that has no default must be there.
 */
export function checkSchedule(data: ScheduleInput, context: { lang: Lang; indicatorKeys: ReadonlySet<string>; validCron: (expression: string) => boolean; partial: boolean }): Problem[] {
  const { lang } = context;
  const problems: Problem[] = [];
  const fail = (path: string[], m: Record<Lang, string>) => problems.push({ path, message: m[lang] });
  const has = (key: keyof ScheduleInput) => data[key] !== undefined || !context.partial;

  if (has('name') && (typeof data.name !== 'string' || !data.name.trim() || data.name.length > 120)) fail(['name'], M.name);
  if (has('cron') && (typeof data.cron !== 'string' || !context.validCron(data.cron.trim()))) fail(['cron'], M.cron(String(data.cron ?? '')));
  if (has('indicators')) {
    const keys = listOf(data.indicators);
    if (!keys || keys.length === 0 || keys.some((k) => typeof k !== 'string')) fail(['indicators'], M.indicators);
    else for (const key of keys as string[]) if (!context.indicatorKeys.has(key)) fail(['indicators'], M.indicator(key));
  }
  if (has('parameters')) {
    const checked = checkParameters(data.parameters, lang);
    if ('problems' in checked) problems.push(...checked.problems);
  }
  if (has('formats')) {
    const formats = listOf(data.formats);
    if (!formats || formats.length === 0 || formats.some((f) => !(REPORT_FORMATS as readonly unknown[]).includes(f))) fail(['formats'], M.formats);
  }
  if (has('downloadRoles')) {
    const roles = listOf(data.downloadRoles);
    if (!roles || roles.length === 0 || roles.some((r) => !(REPORT_ROLES as readonly unknown[]).includes(r))) fail(['downloadRoles'], M.roles);
  }
  if (data.retentionDays !== undefined && data.retentionDays !== null && !(Number.isInteger(data.retentionDays) && (data.retentionDays as number) >= 1 && (data.retentionDays as number) <= 3650)) fail(['retentionDays'], M.retention);
  if (data.enabled !== undefined && data.enabled !== null && typeof data.enabled !== 'boolean') fail(['enabled'], M.enabled);
  return problems;
}
