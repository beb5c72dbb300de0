// Checks an update of a victim profile (identification, HTCDS fields, protection measures,
// consent, service referrals, non-punishment red flags) and computes expiry alerts. Pure.
import type { CodeSets } from '../../case/validation/case-input';

type Lang = 'es' | 'en';
type Problem = { path: string[]; message: string };

export interface ProtectionMeasure { measureType: string; authority: string; startDate: string; expiryDate: string | null }
export interface Consent { purpose: string; scope: string | null; givenOn: string; withdrawnOn: string | null }
export interface ServiceReferral { service: string; provider: string | null; referredOn: string; status: string }
export interface VictimProfileUpdate {
  sex?: string | null; ageAtIdentification?: number | null; isMinor?: boolean; nationality?: string | null;
  exploitationForms?: string[]; controlMethods?: string[]; labourSector?: string | null; identificationDate?: string | null;
  identifiedBy?: string | null; indicators?: string[];
  protectionMeasures?: ProtectionMeasure[]; consents?: Consent[]; serviceReferrals?: ServiceReferral[];
  wasCharged?: boolean; wasDetained?: boolean; wasDeported?: boolean;
  custom?: unknown;
}

/** Days before expiry when a protection measure starts to warn. */
export const EXPIRY_WARNING_DAYS = 15;
const MAX_ROWS = 50;

const M = {
  unknown: (f: string) => ({ es: `Campo desconocido: ${f}.`, en: `Unknown field: ${f}.` }),
  code: (list: string) => ({ es: `Valor no válido: use un código de la lista ${list}.`, en: `Invalid value: use a code from the ${list} list.` }),
  codes: (list: string) => ({ es: `Debe ser una lista de códigos de la lista ${list}.`, en: `Must be a list of codes from the ${list} list.` }),
  date: { es: 'Fecha no válida: use AAAA-MM-DD.', en: 'Invalid date: use YYYY-MM-DD.' },
  future: { es: 'La fecha no puede ser futura.', en: 'The date cannot be in the future.' },
  order: (a: string, b: string) => ({ es: `${b} no puede ser anterior a ${a}.`, en: `${b} cannot be before ${a}.` }),
  required: { es: 'Este dato es obligatorio.', en: 'This is required.' },
  text: (n: number) => ({ es: `Debe ser un texto de hasta ${n} caracteres.`, en: `Must be text of at most ${n} characters.` }),
  bool: { es: 'Debe ser verdadero o falso.', en: 'Must be true or false.' },
  age: { es: 'La edad debe ser un número entero entre 0 y 120.', en: 'The age must be a whole number from 0 to 120.' },
  rows: { es: `Debe ser una lista de hasta ${MAX_ROWS} elementos.`, en: `Must be a list of at most ${MAX_ROWS} items.` },
  agency: { es: 'Institución no válida: use el código de una institución activa.', en: 'Invalid agency: use the code of an active agency.' },
};

const SCALARS: Record<string, string> = { sex: 'sex', nationality: 'nationality', labourSector: 'labour-sector' };
const LISTS: Record<string, string> = { exploitationForms: 'exploitation-form', controlMethods: 'control-method', indicators: 'identification-indicator' };
const BOOLEANS = ['isMinor', 'wasCharged', 'wasDetained', 'wasDeported'];
const ALLOWED = new Set([...Object.keys(SCALARS), ...Object.keys(LISTS), ...BOOLEANS, 'ageAtIdentification', 'identificationDate', 'identifiedBy', 'protectionMeasures', 'consents', 'serviceReferrals', 'custom']);

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export function validateVictimProfile(data: Record<string, unknown>, sets: CodeSets & { agencies?: ReadonlySet<string> }, lang: Lang, today: string): { update: VictimProfileUpdate } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: (string | number)[], m: { es: string; en: string }) => problems.push({ path: path.map(String), message: m[lang] });
  const update: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (!ALLOWED.has(key)) fail([key], M.unknown(key));
  // The office's own questions: checked against the published form by the forms plugin on save.
  if ('custom' in data) update.custom = data.custom;

  for (const [key, list] of Object.entries(SCALARS)) {
    if (!(key in data)) continue;
    const v = data[key];
    if (v === null || v === '') update[key] = null;
    else if (typeof v === 'string' && sets[list]?.has(v)) update[key] = v;
    else fail([key], M.code(list));
  }
  for (const [key, list] of Object.entries(LISTS)) {
    if (!(key in data)) continue;
    const v = data[key];
    if (Array.isArray(v) && v.every((c) => typeof c === 'string' && sets[list]?.has(c))) update[key] = [...new Set(v as string[])];
    else fail([key], M.codes(list));
  }
  for (const key of BOOLEANS) {
    if (!(key in data)) continue;
    if (typeof data[key] === 'boolean') update[key] = data[key];
    else fail([key], M.bool);
  }
  if ('ageAtIdentification' in data) {
    const v = data.ageAtIdentification;
    if (v === null || v === '') update.ageAtIdentification = null;
    else if (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 120) update.ageAtIdentification = v;
    else fail(['ageAtIdentification'], M.age);
  }
  const date = (v: unknown, path: (string | number)[], opts: { required?: boolean; past?: boolean } = {}): string | null => {
    if (v == null || v === '') return opts.required ? (fail(path, M.required), null) : null;
    if (!isDate(v)) return fail(path, M.date), null;
    if (opts.past && v > today) return fail(path, M.future), null;
    return v;
  };
  const text = (v: unknown, path: (string | number)[], max: number, required = false): string | null => {
    if (v == null || (typeof v === 'string' && !v.trim())) return required ? (fail(path, M.required), null) : null;
    if (typeof v !== 'string' || v.trim().length > max) return fail(path, M.text(max)), null;
    return v.trim();
  };
  const code = (v: unknown, path: (string | number)[], list: string): string | null => {
    if (typeof v === 'string' && sets[list]?.has(v)) return v;
    return fail(path, v == null || v === '' ? M.required : M.code(list)), null;
  };
  if ('identificationDate' in data) update.identificationDate = date(data.identificationDate, ['identificationDate'], { past: true });
  if ('identifiedBy' in data) {
    const v = data.identifiedBy;
    if (v === null || v === '') update.identifiedBy = null;
    else if (typeof v === 'string' && sets.agencies?.has(v)) update.identifiedBy = v;
    else fail(['identifiedBy'], M.agency);
  }
  const rows = <T>(key: string, one: (row: Record<string, unknown>, path: (string | number)[]) => T | null) => {
    if (!(key in data)) return;
    const v = data[key];
    if (!Array.isArray(v) || v.length > MAX_ROWS) return void fail([key], M.rows);
    update[key] = v.map((row, i) => (row && typeof row === 'object' && !Array.isArray(row) ? one(row as Record<string, unknown>, [key, i]) : (fail([key, i], M.required), null))).filter((r) => r !== null);
  };
  rows<ProtectionMeasure>('protectionMeasures', (r, p) => {
    const start = date(r.startDate, [...p, 'startDate'], { required: true });
    const expiry = date(r.expiryDate, [...p, 'expiryDate']);
    if (start && expiry && expiry < start) fail([...p, 'expiryDate'], lang === 'es' ? M.order('el inicio', 'El vencimiento') : M.order('the start', 'The expiry'));
    const measureType = code(r.measureType, [...p, 'measureType'], 'protection-measure-type');
    const authority = text(r.authority, [...p, 'authority'], 200, true);
    return measureType && authority && start ? { measureType, authority, startDate: start, expiryDate: expiry } : null;
  });
  rows<Consent>('consents', (r, p) => {
    const givenOn = date(r.givenOn, [...p, 'givenOn'], { required: true, past: true });
    const withdrawnOn = date(r.withdrawnOn, [...p, 'withdrawnOn'], { past: true });
    if (givenOn && withdrawnOn && withdrawnOn < givenOn) fail([...p, 'withdrawnOn'], lang === 'es' ? M.order('el otorgamiento', 'La retirada') : M.order('the date given', 'The withdrawal'));
    const purpose = code(r.purpose, [...p, 'purpose'], 'consent-purpose');
    const scope = text(r.scope, [...p, 'scope'], 300);
    return purpose && givenOn ? { purpose, scope, givenOn, withdrawnOn } : null;
  });
  rows<ServiceReferral>('serviceReferrals', (r, p) => {
    const referredOn = date(r.referredOn, [...p, 'referredOn'], { required: true, past: true });
    const service = code(r.service, [...p, 'service'], 'victim-service');
    const status = code(r.status, [...p, 'status'], 'service-referral-status');
    const provider = text(r.provider, [...p, 'provider'], 200);
    return service && status && referredOn ? { service, provider, referredOn, status } : null;
  });
  return problems.length ? { problems } : { update: update as VictimProfileUpdate };
}

/** Is there a consent for this purpose, given on or before `today` and not withdrawn by then? */
export function hasCurrentConsent(consents: readonly Consent[], purpose: string, today: string): boolean {
  return consents.some((c) => c.purpose === purpose && c.givenOn <= today && (c.withdrawnOn == null || c.withdrawnOn > today));
}

export interface MeasureAlert { kind: 'measure-expiring' | 'measure-expired'; measureType: string; expiryDate: string; daysLeft: number }

/** Protection measures that have expired or expire within EXPIRY_WARNING_DAYS. */
export function measureAlerts(measures: readonly ProtectionMeasure[], today: string): MeasureAlert[] {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  return measures
    .filter((m) => m.expiryDate)
    .map((m) => ({ measureType: m.measureType, expiryDate: m.expiryDate!, daysLeft: day(m.expiryDate!) - day(today) }))
    .filter((m) => m.daysLeft <= EXPIRY_WARNING_DAYS)
    .map((m) => ({ kind: m.daysLeft < 0 ? ('measure-expired' as const) : ('measure-expiring' as const), ...m }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}
