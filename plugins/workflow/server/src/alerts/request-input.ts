// Query-string checks of the "my deadlines", notifications and calendar endpoints: each bad value
// is a problem naming its field, in the caller's language. Pure: the controllers throw the 400.
import { isIsoDay, type Lang } from './alert-state';

export interface FieldProblem { path: string; message: string }
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export const MAX_PAGE_SIZE = 100;
export const MAX_RANGE_DAYS = 400;

const TEXT = {
  page: { es: '«page» debe ser un número entero desde 1.', en: '«page» must be a whole number from 1.' },
  pageSize: { es: `«pageSize» debe ser un número entero de 1 a ${MAX_PAGE_SIZE}.`, en: `«pageSize» must be a whole number from 1 to ${MAX_PAGE_SIZE}.` },
  day: { es: (f: string) => `«${f}» debe ser una fecha AAAA-MM-DD.`, en: (f: string) => `«${f}» must be a date YYYY-MM-DD.` },
  order: { es: '«to» no puede ser anterior a «from».', en: '«to» cannot be before «from».' },
  range: { es: `El intervalo de «from» a «to» no puede pasar de ${MAX_RANGE_DAYS} días.`, en: `The range from «from» to «to» cannot exceed ${MAX_RANGE_DAYS} days.` },
  alert: { es: '«alert» debe ser due-soon u overdue.', en: '«alert» must be due-soon or overdue.' },
  status: { es: '«status» debe ser open o all.', en: '«status» must be open or all.' },
  unread: { es: '«unread» debe ser true o false.', en: '«unread» must be true or false.' },
  unknown: { es: (f: string, known: string) => `El parámetro «${f}» no se acepta aquí (se aceptan: ${known}).`, en: (f: string, known: string) => `The parameter «${f}» is not accepted here (accepted: ${known}).` },
  none: { es: (f: string) => `El parámetro «${f}» no se acepta: esta dirección no lleva parámetros.`, en: (f: string) => `The parameter «${f}» is not accepted: this address takes no parameters.` },
  repeated: { es: (f: string) => `El parámetro «${f}» se envió más de una vez.`, en: (f: string) => `The parameter «${f}» was sent more than once.` },
};

type Query = Record<string, unknown>;

function single(query: Query, key: string, problems: FieldProblem[], lang: Lang): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems.push({ path: key, message: TEXT.repeated[lang](key) });
    return undefined;
  }
  return value;
}

function unknownKeys(query: Query, known: readonly string[], problems: FieldProblem[], lang: Lang) {
  for (const key of Object.keys(query)) {
    if (known.includes(key)) continue;
    problems.push({ path: key, message: known.length ? TEXT.unknown[lang](key, known.join(', ')) : TEXT.none[lang](key) });
  }
}

function paging(query: Query, problems: FieldProblem[], lang: Lang, defaultSize: number) {
  const rawPage = single(query, 'page', problems, lang);
  const rawSize = single(query, 'pageSize', problems, lang);
  const page = rawPage === undefined ? 1 : /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : NaN;
  const pageSize = rawSize === undefined ? defaultSize : /^\d{1,3}$/.test(rawSize) ? Number(rawSize) : NaN;
  if (!(page >= 1)) problems.push({ path: 'page', message: TEXT.page[lang] });
  if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) problems.push({ path: 'pageSize', message: TEXT.pageSize[lang] });
  return { page, pageSize };
}

export interface DeadlinesInput { from?: string; to?: string; alert?: 'due-soon' | 'overdue'; status: 'open' | 'all'; page: number; pageSize: number }

export function deadlinesInput(query: Query, lang: Lang): Checked<DeadlinesInput> {
  const problems: FieldProblem[] = [];
  unknownKeys(query, ['from', 'to', 'alert', 'status', 'page', 'pageSize'], problems, lang);
  const { page, pageSize } = paging(query, problems, lang, 25);
  const from = single(query, 'from', problems, lang);
  const to = single(query, 'to', problems, lang);
  const alert = single(query, 'alert', problems, lang);
  const status = single(query, 'status', problems, lang) ?? 'open';
  if (from !== undefined && !isIsoDay(from)) problems.push({ path: 'from', message: TEXT.day[lang]('from') });
  if (to !== undefined && !isIsoDay(to)) problems.push({ path: 'to', message: TEXT.day[lang]('to') });
  if (from && to && isIsoDay(from) && isIsoDay(to)) {
    if (to < from) problems.push({ path: 'to', message: TEXT.order[lang] });
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) problems.push({ path: 'to', message: TEXT.range[lang] });
  }
  if (alert !== undefined && alert !== 'due-soon' && alert !== 'overdue') problems.push({ path: 'alert', message: TEXT.alert[lang] });
  if (status !== 'open' && status !== 'all') problems.push({ path: 'status', message: TEXT.status[lang] });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { from, to, alert: alert as DeadlinesInput['alert'], status: status as DeadlinesInput['status'], page, pageSize } };
}

export function noQuery(query: Query, lang: Lang): Checked<null> {
  const problems: FieldProblem[] = [];
  unknownKeys(query, [], problems, lang);
  return problems.length ? { ok: false, problems } : { ok: true, value: null };
}

export interface NotificationsInput { page: number; pageSize: number; unreadOnly: boolean }

export function notificationsInput(query: Query, lang: Lang): Checked<NotificationsInput> {
  const problems: FieldProblem[] = [];
  unknownKeys(query, ['page', 'pageSize', 'unread'], problems, lang);
  const { page, pageSize } = paging(query, problems, lang, 20);
  const unread = single(query, 'unread', problems, lang);
  if (unread !== undefined && unread !== 'true' && unread !== 'false') problems.push({ path: 'unread', message: TEXT.unread[lang] });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { page, pageSize, unreadOnly: unread === 'true' } };
}
