// What the referral routes accept, checked field by field: each problem names its field, in the
// caller's language. Pure: the code lists and agencies are passed in.
import { isStatus, type Status } from './status';
import type { Lang } from './shareable-fields';

export interface Problem { path: string[]; message: string }
type Result<T> = { value: T } | { problems: Problem[] };

export interface NewReferral {
  agency: string;
  purpose: string;
  victim: string | null;
  legalBasis: { code: string; text: string } | null;
  acknowledgeBy: string;
  needs: string | null;
}

export interface References { purposes: ReadonlySet<string>; legalBases: ReadonlySet<string>; agencies: ReadonlySet<string> }

const M = {
  body: { es: 'Envíe un objeto JSON con la forma { "data": { ... } }.', en: 'Send a JSON object shaped { "data": { ... } }.' },
  unknown: { es: 'Campo no reconocido.', en: 'Unknown field.' },
  agency: { es: 'Indique el código de una institución activa.', en: 'Name the code of an active agency.' },
  purpose: (codes: string) => ({ es: `La finalidad debe ser uno de: ${codes}.`, en: `The purpose must be one of: ${codes}.` }),
  victim: { es: 'La víctima se indica por el código seudónimo de la persona (o su documentId).', en: 'The victim is given as the person’s pseudonym code (or documentId).' },
  basisCode: (codes: string) => ({ es: `El código de la base legal debe ser uno de: ${codes}.`, en: `The legal basis code must be one of: ${codes}.` }),
  basisText: { es: 'Describa la base legal (entre 10 y 1000 caracteres).', en: 'Describe the legal basis (10 to 1000 characters).' },
  basisShape: { es: 'La base legal es un objeto { "code", "text" }.', en: 'The legal basis is an object { "code", "text" }.' },
  date: { es: 'La fecha límite de acuse de recibo debe ser una fecha AAAA-MM-DD entre hoy y 90 días.', en: 'The acknowledgement deadline must be a YYYY-MM-DD date from today to 90 days ahead.' },
  needs: { es: 'Las necesidades son un texto de hasta 2000 caracteres.', en: 'The needs are a text of up to 2000 characters.' },
  status: { es: 'El estado debe ser «in-progress», «completed» o «rejected».', en: 'The status must be «in-progress», «completed» or «rejected».' },
  reason: { es: 'Indique el motivo (entre 5 y 1000 caracteres).', en: 'Give the reason (5 to 1000 characters).' },
  message: { es: 'El mensaje es un texto de entre 1 y 4000 caracteres.', en: 'The message is a text of 1 to 4000 characters.' },
  page: { es: 'La página es un número entero desde 1.', en: 'The page is a whole number from 1.' },
  pageSize: { es: 'El tamaño de página es un número entero entre 1 y 100.', en: 'The page size is a whole number from 1 to 100.' },
  filterStatus: { es: 'El filtro de estado debe ser uno de: sent, acknowledged, in-progress, completed, rejected, revoked.', en: 'The status filter must be one of: sent, acknowledged, in-progress, completed, rejected, revoked.' },
};

function dataOf(body: unknown, lang: Lang): Record<string, unknown> | Problem[] {
  const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [{ path: ['data'], message: M.body[lang] }];
  return data as Record<string, unknown>;
}

const isText = (v: unknown, min: number, max: number) => typeof v === 'string' && v.trim().length >= min && v.length <= max;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const DEFAULT_ACKNOWLEDGE_DAYS = 3;

export function parseReferral(body: unknown, refs: References, today: string, lang: Lang): Result<NewReferral> {
  const data = dataOf(body, lang);
  if (Array.isArray(data)) return { problems: data };
  const problems: Problem[] = [];
  const known = new Set(['agency', 'purpose', 'victim', 'legalBasis', 'acknowledgeBy', 'needs']);
  for (const key of Object.keys(data)) if (!known.has(key)) problems.push({ path: [key], message: M.unknown[lang] });
  if (typeof data.agency !== 'string' || !refs.agencies.has(data.agency)) problems.push({ path: ['agency'], message: M.agency[lang] });
  if (typeof data.purpose !== 'string' || !refs.purposes.has(data.purpose)) problems.push({ path: ['purpose'], message: M.purpose([...refs.purposes].join(', '))[lang] });
  if (data.victim != null && !(typeof data.victim === 'string' && /^[A-Za-z0-9-]{3,64}$/.test(data.victim))) problems.push({ path: ['victim'], message: M.victim[lang] });
  let legalBasis: NewReferral['legalBasis'] = null;
  if (data.legalBasis != null) {
    const lb = data.legalBasis as Record<string, unknown>;
    if (typeof lb !== 'object' || Array.isArray(lb)) problems.push({ path: ['legalBasis'], message: M.basisShape[lang] });
    else {
      if (typeof lb.code !== 'string' || !refs.legalBases.has(lb.code)) problems.push({ path: ['legalBasis', 'code'], message: M.basisCode([...refs.legalBases].join(', '))[lang] });
      if (!isText(lb.text, 10, 1000)) problems.push({ path: ['legalBasis', 'text'], message: M.basisText[lang] });
      for (const key of Object.keys(lb)) if (key !== 'code' && key !== 'text') problems.push({ path: ['legalBasis', key], message: M.unknown[lang] });
      legalBasis = { code: String(lb.code), text: String(lb.text ?? '').trim() };
    }
  }
  let acknowledgeBy = addDays(today, DEFAULT_ACKNOWLEDGE_DAYS);
  if (data.acknowledgeBy != null) {
    const d = data.acknowledgeBy;
    if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || d < today || d > addDays(today, 90)) problems.push({ path: ['acknowledgeBy'], message: M.date[lang] });
    else acknowledgeBy = d;
  }
  if (data.needs != null && !isText(data.needs, 0, 2000)) problems.push({ path: ['needs'], message: M.needs[lang] });
  if (problems.length) return { problems };
  return {
    value: {
      agency: String(data.agency), purpose: String(data.purpose), victim: (data.victim as string | null | undefined) ?? null, legalBasis, acknowledgeBy,
      needs: typeof data.needs === 'string' && data.needs.trim() ? data.needs.trim() : null,
    },
  };
}

export const AGENCY_STATUS_TARGETS: readonly Status[] = ['in-progress', 'completed', 'rejected'];

export function parseStatusChange(body: unknown, lang: Lang): Result<{ status: Status; reason: string | null }> {
  const data = dataOf(body, lang);
  if (Array.isArray(data)) return { problems: data };
  const problems: Problem[] = [];
  for (const key of Object.keys(data)) if (key !== 'status' && key !== 'reason') problems.push({ path: [key], message: M.unknown[lang] });
  if (!isStatus(data.status) || !AGENCY_STATUS_TARGETS.includes(data.status)) problems.push({ path: ['status'], message: M.status[lang] });
  const needsReason = data.status === 'rejected';
  if ((needsReason || data.reason != null) && !isText(data.reason, 5, 1000)) problems.push({ path: ['reason'], message: M.reason[lang] });
  if (problems.length) return { problems };
  return { value: { status: data.status as Status, reason: typeof data.reason === 'string' ? data.reason.trim() : null } };
}

export function parseReason(body: unknown, lang: Lang): Result<{ reason: string }> {
  const data = dataOf(body, lang);
  if (Array.isArray(data)) return { problems: data };
  const problems: Problem[] = [];
  for (const key of Object.keys(data)) if (key !== 'reason') problems.push({ path: [key], message: M.unknown[lang] });
  if (!isText(data.reason, 5, 1000)) problems.push({ path: ['reason'], message: M.reason[lang] });
  return problems.length ? { problems } : { value: { reason: String(data.reason).trim() } };
}

export function parseMessage(body: unknown, lang: Lang): Result<{ body: string }> {
  const data = dataOf(body, lang);
  if (Array.isArray(data)) return { problems: data };
  const problems: Problem[] = [];
  for (const key of Object.keys(data)) if (key !== 'body') problems.push({ path: [key], message: M.unknown[lang] });
  if (!isText(data.body, 1, 4000)) problems.push({ path: ['body'], message: M.message[lang] });
  return problems.length ? { problems } : { value: { body: String(data.body).trim() } };
}

export function parsePage(query: Record<string, unknown>, lang: Lang): Result<{ page: number; pageSize: number; status: Status | null }> {
  const problems: Problem[] = [];
  const int = (v: unknown, fallback: number) => (v === undefined ? fallback : /^\d{1,6}$/.test(String(v)) ? Number(v) : NaN);
  const page = int(query.page, 1);
  const pageSize = int(query.pageSize, 25);
  if (!(page >= 1)) problems.push({ path: ['page'], message: M.page[lang] });
  if (!(pageSize >= 1 && pageSize <= 100)) problems.push({ path: ['pageSize'], message: M.pageSize[lang] });
  const status = query.status === undefined || query.status === '' ? null : query.status;
  if (status !== null && !isStatus(status)) problems.push({ path: ['status'], message: M.filterStatus[lang] });
  return problems.length ? { problems } : { value: { page, pageSize, status: status as Status | null } };
}
