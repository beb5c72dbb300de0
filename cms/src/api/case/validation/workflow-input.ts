// Request bodies and query strings of the checklist, deadline and move-history endpoints: each bad
// input is a problem that names its field, in Spanish or English.
import type { Lang } from '@pett/access/dist/server/services/language';

export type Problem = { path: string; message: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const NOTE = { min: 5, max: 2000 } as const;
export const STEP_STATUSES = ['done', 'open', 'not-applicable'] as const;
export const DEADLINE_STATUSES = ['met', 'open', 'cancelled'] as const;
export type StepStatusInput = (typeof STEP_STATUSES)[number];
export type DeadlineStatusInput = (typeof DEADLINE_STATUSES)[number];

const T = {
  body: { es: 'El cuerpo debe ser un objeto JSON con «status» (y «note» si hace falta).', en: 'The body must be a JSON object with «status» (and «note» when needed).' },
  unknown: { es: (f: string, allowed: string) => `El campo «${f}» no se acepta aquí: envíe solo ${allowed}.`, en: (f: string, allowed: string) => `The field «${f}» is not accepted here: send only ${allowed}.` },
  status: { es: (list: string) => `Indique en «status» uno de: ${list}.`, en: (list: string) => `Give in «status» one of: ${list}.` },
  note: { es: `La nota («note») debe ser texto de hasta ${NOTE.max} caracteres.`, en: `The note («note») must be text of at most ${NOTE.max} characters.` },
  noteNeeded: { es: (what: string) => `Para marcar ${what} explique el motivo en «note» (al menos ${NOTE.min} caracteres).`, en: (what: string) => `To mark ${what}, explain why in «note» (at least ${NOTE.min} characters).` },
  query: { es: (f: string, allowed: string) => `El parámetro «${f}» debe ser ${allowed}.`, en: (f: string, allowed: string) => `The parameter «${f}» must be ${allowed}.` },
};

function bodyObject(raw: unknown): Record<string, unknown> | null {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? ((raw as { data?: unknown }).data ?? raw) : null;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

function statusAndNote<S extends string>(raw: unknown, lang: Lang, statuses: readonly S[], noteRequiredFor: Partial<Record<S, { es: string; en: string }>>): Checked<{ status: S; note: string | null }> {
  const body = bodyObject(raw);
  if (!body) return { ok: false, problem: { path: 'body', message: T.body[lang] } };
  const { status, note, ...rest } = body;
  const unknown = Object.keys(rest)[0];
  if (unknown) return { ok: false, problem: { path: unknown, message: T.unknown[lang](unknown, 'status, note') } };
  if (typeof status !== 'string' || !(statuses as readonly string[]).includes(status)) return { ok: false, problem: { path: 'status', message: T.status[lang](statuses.join(', ')) } };
  if (note != null && (typeof note !== 'string' || note.length > NOTE.max)) return { ok: false, problem: { path: 'note', message: T.note[lang] } };
  const text = typeof note === 'string' && note.trim() ? note.trim() : null;
  const needs = noteRequiredFor[status as S];
  if (needs && (text?.length ?? 0) < NOTE.min) return { ok: false, problem: { path: 'note', message: T.noteNeeded[lang](needs[lang]) } };
  return { ok: true, value: { status: status as S, note: text } };
}

/** PUT .../checklists/:runId/steps/:key — `not-applicable` needs a reason. */
export const tickInput = (raw: unknown, lang: Lang) =>
  statusAndNote(raw, lang, STEP_STATUSES, { 'not-applicable': { es: 'un paso como no aplicable', en: 'a step not applicable' } });

/** PUT .../deadlines/:deadlineId — a deadline cancelled (it does not apply) needs a reason. */
export const deadlineInput = (raw: unknown, lang: Lang) =>
  statusAndNote(raw, lang, DEADLINE_STATUSES, { cancelled: { es: 'un plazo como cancelado', en: 'a deadline cancelled' } });

/** A query parameter from a fixed list, with its default. */
export function oneOf<S extends string>(value: unknown, name: string, allowed: readonly S[], fallback: S, lang: Lang): Checked<S> {
  if (value == null || value === '') return { ok: true, value: fallback };
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return { ok: true, value: value as S };
  return { ok: false, problem: { path: name, message: T.query[lang](name, allowed.join(' | ')) } };
}

/** A page number or size: a whole number in range, or the default. */
export function wholeNumber(value: unknown, name: string, min: number, max: number, fallback: number, lang: Lang): Checked<number> {
  if (value == null || value === '') return { ok: true, value: fallback };
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return { ok: true, value: n };
  const range = lang === 'es' ? `un número entero entre ${min} y ${max}` : `a whole number from ${min} to ${max}`;
  return { ok: false, problem: { path: name, message: T.query[lang](name, range) } };
}
