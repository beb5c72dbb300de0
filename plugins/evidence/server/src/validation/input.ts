// Request bodies of the evidence routes, checked field by field: every problem has its path and a
// message in the caller's language. Pure: the code lists and agencies come in as sets.
export type Lang = 'es' | 'en';
export interface Problem { path: string[]; message: string }
type Text = { es: string; en: string };

export interface References {
  evidenceTypes: ReadonlySet<string>;
  purposes: ReadonlySet<string>;
  conditions: ReadonlySet<string>;
  agencies: ReadonlySet<string>;
}

export interface HolderInput { agency: string; user: string | null }

export interface ItemInput {
  evidenceType: string;
  description: string;
  seizedAt: string;
  seizedWhere: string;
  seizedBy: HolderInput;
  storageLocation: string | null;
  sealNumber: string | null;
  condition: string;
}

export interface HandOffInput {
  to: HolderInput;
  at: string | null;
  purpose: string;
  condition: string;
  sealNumber: string | null;
  storageLocation: string | null;
  note: string | null;
}

const list = (set: ReadonlySet<string>) => [...set].join(', ');
const M = {
  object: { es: 'Envíe {"data": {…}} con los datos del indicio.', en: 'Send {"data": {…}} with the item’s details.' },
  unknown: (f: string): Text => ({ es: `El campo «${f}» no existe aquí.`, en: `There is no field «${f}» here.` }),
  code: (f: string, set: ReadonlySet<string>): Text => ({ es: `«${f}» debe ser uno de: ${list(set)}.`, en: `«${f}» must be one of: ${list(set)}.` }),
  text: (f: string, max: number): Text => ({ es: `Escriba «${f}» (hasta ${max} caracteres).`, en: `Write «${f}» (at most ${max} characters).` }),
  optionalText: (f: string, max: number): Text => ({ es: `«${f}» admite hasta ${max} caracteres, o null.`, en: `«${f}» takes at most ${max} characters, or null.` }),
  control: (f: string): Text => ({ es: `«${f}» contiene caracteres de control.`, en: `«${f}» contains control characters.` }),
  date: (f: string): Text => ({ es: `«${f}» debe ser una fecha y hora ISO 8601 (p. ej. 2026-03-01T14:30:00-04:00), no futura.`, en: `«${f}» must be an ISO 8601 date and time (e.g. 2026-03-01T14:30:00-04:00), not in the future.` }),
  holder: (f: string): Text => ({ es: `«${f}» debe ser {"agency": código de institución, "user": documentId de usuario o null}.`, en: `«${f}» must be {"agency": agency code, "user": user documentId or null}.` }),
  agency: (f: string): Text => ({ es: `«${f}» no es una institución activa.`, en: `«${f}» is not an active agency.` }),
};

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

class Checker {
  readonly problems: Problem[] = [];
  constructor(readonly body: Record<string, unknown>, readonly lang: Lang) {}
  fail(path: string[], text: Text) {
    this.problems.push({ path, message: text[this.lang] });
  }
  text(field: string, max: number, required: boolean, multiline = false): string | null {
    const raw = this.body[field];
    if (raw == null || (typeof raw === 'string' && !raw.trim() && !required)) {
      if (required) this.fail([field], M.text(field, max));
      return null;
    }
    if (typeof raw !== 'string' || !raw.trim() || raw.trim().length > max) {
      this.fail([field], required ? M.text(field, max) : M.optionalText(field, max));
      return null;
    }
    const value = raw.trim().normalize('NFC');
    if (CONTROL.test(value) || (!multiline && /[\r\n]/.test(value))) {
      this.fail([field], M.control(field));
      return null;
    }
    return value;
  }
  code(field: string, set: ReadonlySet<string>): string {
    const raw = this.body[field];
    if (typeof raw !== 'string' || !set.has(raw)) this.fail([field], M.code(field, set));
    return typeof raw === 'string' ? raw : '';
  }
  instant(field: string, required: boolean, now: Date): string | null {
    const raw = this.body[field];
    if (raw == null && !required) return null;
    const ok = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw);
    const at = ok ? new Date(raw as string) : null;
    // A minute of clock difference between the caller and the server is not "the future".
    if (!at || Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + 60_000 || at.getUTCFullYear() < 1990) {
      this.fail([field], M.date(field));
      return null;
    }
    return at.toISOString();
  }
  holder(field: string, agencies: ReadonlySet<string>): HolderInput {
    const raw = this.body[field] as Record<string, unknown> | undefined;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).some((k) => k !== 'agency' && k !== 'user')) {
      this.fail([field], M.holder(field));
      return { agency: '', user: null };
    }
    const user = raw.user == null ? null : raw.user;
    if (typeof raw.agency !== 'string' || (user !== null && (typeof user !== 'string' || !/^[a-z0-9]{10,64}$/.test(user)))) {
      this.fail([field], M.holder(field));
      return { agency: '', user: null };
    }
    if (!agencies.has(raw.agency)) this.fail([field, 'agency'], M.agency(raw.agency.slice(0, 40)));
    return { agency: raw.agency, user };
  }
  strays(allowed: readonly string[]) {
    for (const key of Object.keys(this.body)) if (!allowed.includes(key)) this.fail([key.slice(0, 60)], M.unknown(key.slice(0, 60)));
  }
}

/** The object inside {"data": …}, or null when the body is not of that shape. */
export function dataOf(body: unknown): Record<string, unknown> | null {
  const data = body && typeof body === 'object' && !Array.isArray(body) ? (body as { data?: unknown }).data : null;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

export function objectProblem(lang: Lang): Problem[] {
  return [{ path: ['data'], message: M.object[lang] }];
}

const ITEM_FIELDS = ['evidenceType', 'description', 'seizedAt', 'seizedWhere', 'seizedBy', 'storageLocation', 'sealNumber', 'condition'] as const;

export function parseItem(body: unknown, refs: References, lang: Lang, now = new Date()): { value: ItemInput } | { problems: Problem[] } {
  const data = dataOf(body);
  if (!data) return { problems: objectProblem(lang) };
  const c = new Checker(data, lang);
  c.strays(ITEM_FIELDS);
  const value: ItemInput = {
    evidenceType: c.code('evidenceType', refs.evidenceTypes),
    description: c.text('description', 2000, true, true) ?? '',
    seizedAt: c.instant('seizedAt', true, now) ?? '',
    seizedWhere: c.text('seizedWhere', 300, true) ?? '',
    seizedBy: c.holder('seizedBy', refs.agencies),
    storageLocation: c.text('storageLocation', 300, false),
    sealNumber: c.text('sealNumber', 60, false),
    condition: c.code('condition', refs.conditions),
  };
  return c.problems.length ? { problems: c.problems } : { value };
}

const HAND_OFF_FIELDS = ['to', 'at', 'purpose', 'condition', 'sealNumber', 'storageLocation', 'note'] as const;

export function parseHandOff(body: unknown, refs: References, lang: Lang, now = new Date()): { value: HandOffInput } | { problems: Problem[] } {
  const data = dataOf(body);
  if (!data) return { problems: objectProblem(lang) };
  const c = new Checker(data, lang);
  c.strays(HAND_OFF_FIELDS);
  const value: HandOffInput = {
    to: c.holder('to', refs.agencies),
    at: c.instant('at', false, now),
    purpose: c.code('purpose', refs.purposes),
    condition: c.code('condition', refs.conditions),
    sealNumber: c.text('sealNumber', 60, false),
    storageLocation: c.text('storageLocation', 300, false),
    note: c.text('note', 1000, false, true),
  };
  return c.problems.length ? { problems: c.problems } : { value };
}

/** page and pageSize of a list request: whole numbers, 1..1000 and 1..100. */
export function parsePage(query: Record<string, unknown>, lang: Lang): { page: number; pageSize: number } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const read = (key: string, fallback: number, max: number) => {
    const raw = query[key];
    if (raw == null || raw === '') return fallback;
    const n = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > max) {
      problems.push({ path: [key], message: lang === 'es' ? `«${key}» debe ser un número entero entre 1 y ${max}.` : `«${key}» must be a whole number from 1 to ${max}.` });
      return fallback;
    }
    return n;
  };
  const page = read('page', 1, 1000);
  const pageSize = read('pageSize', 25, 100);
  return problems.length ? { problems } : { page, pageSize };
}
