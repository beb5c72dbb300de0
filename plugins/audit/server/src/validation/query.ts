// The query strings of the reading endpoints, checked before any query runs: each bad value is
// refused with a message (Spanish or English) that names the parameter. No Strapi import.

export type Lang = 'es' | 'en';

export interface Paging {
  page: number;
  pageSize: number;
}

export interface EntryFilters extends Paging {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive lower and exclusive upper bound on `at` (ISO 8601 UTC). */
  from?: string;
  to?: string;
}

export interface QueryProblem {
  path: [string];
  message: string;
}

export type Checked<T> = { value: T } | { problems: QueryProblem[] };

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PATTERNS: Record<'actor' | 'action' | 'targetType' | 'targetId', RegExp> = {
  actor: /^[A-Za-z0-9._@+-]{1,100}$/,
  action: /^[a-z0-9.-]{1,80}$/,
  targetType: /^[a-z0-9-]{1,60}$/,
  targetId: /^[A-Za-z0-9._:-]{1,80}$/,
};

const TEXT = {
  unknown: { es: (p: string) => `El parámetro «${p}» no existe en esta consulta.`, en: (p: string) => `The parameter «${p}» does not exist in this query.` },
  single: { es: (p: string) => `Indique «${p}» una sola vez, como texto.`, en: (p: string) => `Give «${p}» once, as text.` },
  page: { es: 'El parámetro «page» debe ser un número entero mayor o igual a 1.', en: 'The parameter «page» must be a whole number of 1 or more.' },
  pageSize: { es: `El parámetro «pageSize» debe ser un número entero entre 1 y ${MAX_PAGE_SIZE}.`, en: `The parameter «pageSize» must be a whole number from 1 to ${MAX_PAGE_SIZE}.` },
  pattern: {
    es: { actor: 'El parámetro «actor» debe ser un nombre de usuario (letras, números y . _ @ + -).', action: 'El parámetro «action» debe ser una acción como «case.update» (minúsculas, números, punto y guion).', targetType: 'El parámetro «targetType» debe ser un tipo como «case» o «person».', targetId: 'El parámetro «targetId» debe ser un identificador de documento o un código.' },
    en: { actor: 'The parameter «actor» must be a username (letters, digits and . _ @ + -).', action: 'The parameter «action» must be an action such as «case.update» (lower case, digits, dot and hyphen).', targetType: 'The parameter «targetType» must be a type such as «case» or «person».', targetId: 'The parameter «targetId» must be a document id or a code.' },
  },
  date: { es: (p: string) => `El parámetro «${p}» debe ser una fecha AAAA-MM-DD.`, en: (p: string) => `The parameter «${p}» must be a date YYYY-MM-DD.` },
  order: { es: 'El parámetro «to» no puede ser anterior a «from».', en: 'The parameter «to» cannot be before «from».' },
  format: { es: 'El parámetro «format» debe ser «csv» o «json».', en: 'The parameter «format» must be «csv» or «json».' },
};

type Query = Record<string, unknown>;

/** Santo Domingo is UTC−4 all year: a day there starts at 04:00 UTC. */
const OFFICE_OFFSET_HOURS = 4;

function dayStart(date: string, plusDays = 0): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const midnight = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(midnight.getTime()) || !midnight.toISOString().startsWith(date)) return null;
  return new Date(midnight.getTime() + (plusDays * 24 + OFFICE_OFFSET_HOURS) * 3600_000).toISOString();
}

function reader(query: Query, allowed: readonly string[], lang: Lang) {
  const problems: QueryProblem[] = [];
  for (const key of Object.keys(query)) if (!allowed.includes(key)) problems.push({ path: [key], message: TEXT.unknown[lang](key) });
  const text = (key: string): string | undefined => {
    const value = query[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      problems.push({ path: [key], message: TEXT.single[lang](key) });
      return undefined;
    }
    return value.trim();
  };
  const wholeNumber = (key: 'page' | 'pageSize', fallback: number, max: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > max) {
      problems.push({ path: [key], message: TEXT[key][lang] });
      return fallback;
    }
    return n;
  };
  return { problems, text, paging: (): Paging => ({ page: wholeNumber('page', 1, 1_000_000), pageSize: wholeNumber('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) }) };
}

const done = <T>(problems: QueryProblem[], value: T): Checked<T> => (problems.length ? { problems } : { value });

/** `?page=&pageSize=` of a case's activity. */
export function parsePaging(query: Query, lang: Lang): Checked<Paging> {
  const r = reader(query, ['page', 'pageSize'], lang);
  const paging = r.paging();
  return done(r.problems, paging);
}

/** The auditors' search: actor (username), action, target type and id, period (office days), paging. */
export function parseEntryFilters(query: Query, lang: Lang): Checked<EntryFilters> {
  const r = reader(query, ['actor', 'action', 'targetType', 'targetId', 'from', 'to', 'page', 'pageSize'], lang);
  const filters: EntryFilters = r.paging();
  for (const key of ['actor', 'action', 'targetType', 'targetId'] as const) {
    const value = r.text(key);
    if (value === undefined) continue;
    if (PATTERNS[key].test(value)) filters[key] = value;
    else r.problems.push({ path: [key], message: TEXT.pattern[lang][key] });
  }
  const from = r.text('from');
  const to = r.text('to');
  if (from !== undefined) {
    const start = dayStart(from);
    if (start) filters.from = start;
    else r.problems.push({ path: ['from'], message: TEXT.date[lang]('from') });
  }
  if (to !== undefined) {
    const end = dayStart(to, 1);
    if (end) filters.to = end;
    else r.problems.push({ path: ['to'], message: TEXT.date[lang]('to') });
  }
  if (filters.from && filters.to && filters.to <= filters.from) r.problems.push({ path: ['to'], message: TEXT.order[lang] });
  return done(r.problems, filters);
}

/** `?format=csv|json` of a case trail export. */
export function parseExportFormat(query: Query, lang: Lang): Checked<ExportFormat> {
  const r = reader(query, ['format'], lang);
  const format = r.text('format');
  if (!r.problems.some((p) => p.path[0] === 'format') && !EXPORT_FORMATS.includes(format as ExportFormat)) r.problems.push({ path: ['format'], message: TEXT.format[lang] });
  return done(r.problems, format as ExportFormat);
}
