// Validates a charge's create or update body and derives the law version in force on the date of
// the facts. Pure: code lists, the case's parties and dates come in as data; returns field errors
// in the caller's language, never throws.
export type Lang = 'es' | 'en';

export const CHARGE_STATUSES = ['suspected', 'charged', 'indicted', 'convicted', 'acquitted', 'dismissed', 'withdrawn'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];
/** Statuses that end in a verdict: only they carry a verdict date. */
export const VERDICT_STATUSES: ReadonlySet<string> = new Set(['convicted', 'acquitted']);
export const MAX_SENTENCE_MONTHS = 1200;
const MAX_AGGRAVATING = 10;

export interface CodeItem { code: string; active?: boolean | null; meta?: Record<string, unknown> | null }
export interface LawVersion { code: string; law: string; from: string; to: string | null; needsLegalConfirmation: boolean }

export interface FieldError { path: string[]; message: string }

export interface ChargeData {
  party?: string;
  offence?: string;
  lawVersion?: string;
  article?: string | null;
  aggravating?: string[];
  status?: ChargeStatus;
  chargedAt?: string | null;
  verdictAt?: string | null;
  sentenceMonths?: number | null;
}

/** What the validator needs to know besides the body. */
export interface ChargeContext {
  mode: 'create' | 'update';
  lang: Lang;
  today: string;
  /** The case's date of the facts, or its intake date when the facts date is not known. */
  factsDate: string;
  /** Active items of the `offence` list (with meta.law and meta.article). */
  offences: readonly CodeItem[];
  /** Items of the `law-version` list (with meta.law, from, to, needsLegalConfirmation). */
  lawVersions: readonly CodeItem[];
  aggravating: ReadonlySet<string>;
  /** Document ids of the case's parties that may be charged (accused natural or legal persons). */
  accusedParties: ReadonlySet<string>;
  /** The charge as stored, for an update. */
  existing?: Required<Omit<ChargeData, 'party'>>;
}

const CREATE_FIELDS = ['party', 'offence', 'article', 'aggravating', 'status', 'chargedAt', 'verdictAt', 'sentenceMonths'];
const UPDATE_FIELDS = CREATE_FIELDS.filter((f) => f !== 'party');

const T = {
  unknownField: (f: string) => ({ es: `El campo «${f}» no existe o no se puede enviar aquí.`, en: `The field «${f}» does not exist or cannot be sent here.` }),
  body: { es: 'Envíe {"data": {…}} con los datos del cargo.', en: 'Send {"data": {…}} with the charge.' },
  party: { es: 'El interviniente no es una persona imputada de este caso (persona física o jurídica con rol de sospechoso, imputado, acusado, condenado, absuelto o persona jurídica).', en: 'The party is not an accused person of this case (a natural or legal person with the role suspect, accused, defendant, convicted, acquitted or legal person).' },
  partyRequired: { es: 'Indique el interviniente imputado (party).', en: 'Give the accused party (party).' },
  offence: { es: 'Delito desconocido: use un código activo de la lista de delitos.', en: 'Unknown offence: use an active code of the offence list.' },
  offenceRequired: { es: 'Indique el delito (offence).', en: 'Give the offence (offence).' },
  noVersion: (date: string) => ({ es: `Ninguna versión de la ley de este delito estaba vigente el ${date} (fecha de los hechos del caso).`, en: `No version of this offence's law was in force on ${date} (the case's date of the facts).` }),
  article: { es: 'El artículo debe ser un texto de hasta 200 caracteres.', en: 'The article must be a text of up to 200 characters.' },
  aggravating: { es: `Las agravantes deben ser una lista de hasta ${MAX_AGGRAVATING} códigos distintos de la lista de circunstancias agravantes.`, en: `Aggravating circumstances must be a list of up to ${MAX_AGGRAVATING} distinct codes of the aggravating-circumstance list.` },
  status: { es: `El estado debe ser uno de: ${CHARGE_STATUSES.join(', ')}.`, en: `The status must be one of: ${CHARGE_STATUSES.join(', ')}.` },
  date: (f: string) => ({ es: `La fecha «${f}» debe ser una fecha válida aaaa-mm-dd, no posterior a hoy.`, en: `The date «${f}» must be a valid yyyy-mm-dd date, not after today.` }),
  verdictWithoutVerdict: { es: 'La fecha del fallo solo se indica con el estado condenado o absuelto.', en: 'A verdict date is only given with the status convicted or acquitted.' },
  verdictBeforeCharge: { es: 'La fecha del fallo no puede ser anterior a la fecha de la imputación.', en: 'The verdict date cannot be before the charge date.' },
  sentence: { es: `La pena debe ser un número entero de meses entre 0 y ${MAX_SENTENCE_MONTHS}.`, en: `The sentence must be a whole number of months between 0 and ${MAX_SENTENCE_MONTHS}.` },
  sentenceWithoutConviction: { es: 'Solo se registra una pena con el estado condenado.', en: 'A sentence is only recorded with the status convicted.' },
};

export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The law-version items as dated versions (items without a valid `from` are left out). */
export function lawVersionsOf(items: readonly CodeItem[]): LawVersion[] {
  return items
    .filter((i) => i.active !== false && typeof i.meta?.law === 'string' && isValidDate(i.meta?.from))
    .map((i) => ({ code: i.code, law: String(i.meta!.law), from: String(i.meta!.from), to: isValidDate(i.meta?.to) ? String(i.meta!.to) : null, needsLegalConfirmation: i.meta?.needsLegalConfirmation === true }));
}

/**
 * The version of the offence's law in force on `date`: the one of the offence's legal regime
 * (meta.law) whose from..to (inclusive, open-ended when `to` is null) holds the date. Should
 * versions overlap by a configuration mistake, the latest start wins.
 */
export function lawVersionFor(offence: CodeItem | undefined, date: string, versions: readonly LawVersion[]): LawVersion | null {
  const law = offence?.meta?.law;
  if (typeof law !== 'string') return null;
  const candidates = versions.filter((v) => v.law === law && v.from <= date && (v.to === null || date <= v.to));
  return candidates.sort((a, b) => b.from.localeCompare(a.from))[0] ?? null;
}

const isRange = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0) && v[0] <= v[1];

/**
 * The prison range in years the law version sets for the offence: the offence's own range for that
 * version when its list item names one (null there: not known), else the version's base range.
 * Informative: the ranges are as DOMAIN.md summarises the laws, to be confirmed by the office.
 */
export function penaltyFor(offence: CodeItem | undefined, versionCode: string, versionItems: readonly CodeItem[]): [number, number] | null {
  const own = offence?.meta?.penaltyYears;
  if (own && typeof own === 'object' && !Array.isArray(own) && Object.hasOwn(own, versionCode)) {
    const range = (own as Record<string, unknown>)[versionCode];
    return isRange(range) ? range : null;
  }
  const base = versionItems.find((i) => i.code === versionCode)?.meta?.penaltyYears;
  return isRange(base) ? base : null;
}

export function validateChargeInput(body: unknown, ctx: ChargeContext): { errors: FieldError[]; data: ChargeData } {
  const errors: FieldError[] = [];
  const fail = (field: string, m: Record<Lang, string>) => {
    if (!errors.some((e) => e.path[0] === field)) errors.push({ path: [field], message: m[ctx.lang] });
  };
  const data: ChargeData = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    fail('data', T.body);
    return { errors, data };
  }
  const input = body as Record<string, unknown>;
  const allowed = ctx.mode === 'create' ? CREATE_FIELDS : UPDATE_FIELDS;
  for (const key of Object.keys(input)) if (!allowed.includes(key)) fail(key, T.unknownField(key));
  const has = (f: string) => Object.hasOwn(input, f);

  if (ctx.mode === 'create') {
    if (!has('party') || input.party === null || input.party === '') fail('party', T.partyRequired);
    else if (typeof input.party !== 'string' || !ctx.accusedParties.has(input.party)) fail('party', T.party);
    else data.party = input.party;
  }

  const offences = new Map(ctx.offences.filter((o) => o.active !== false).map((o) => [o.code, o]));
  if (has('offence') || ctx.mode === 'create') {
    if (input.offence === undefined || input.offence === null || input.offence === '') fail('offence', T.offenceRequired);
    else if (typeof input.offence !== 'string' || !offences.has(input.offence)) fail('offence', T.offence);
    else data.offence = input.offence;
  }
  // The version follows the offence and the case's date of the facts, never the client.
  const offence = data.offence ?? ctx.existing?.offence;
  if (offence && offences.has(offence)) {
    const version = lawVersionFor(offences.get(offence), ctx.factsDate, lawVersionsOf(ctx.lawVersions));
    if (version) data.lawVersion = version.code;
    else if (data.offence) fail('offence', T.noVersion(ctx.factsDate));
  }

  if (has('article')) {
    if (input.article === null || input.article === '') data.article = null;
    else if (typeof input.article !== 'string' || input.article.trim().length > 200) fail('article', T.article);
    else data.article = input.article.trim();
  } else if (ctx.mode === 'create' && data.offence) {
    const usual = offences.get(data.offence)?.meta?.article;
    data.article = typeof usual === 'string' ? usual : null;
  }

  if (has('aggravating')) {
    const value = input.aggravating;
    if (value === null) data.aggravating = [];
    else if (!Array.isArray(value) || value.length > MAX_AGGRAVATING || new Set(value).size !== value.length || !value.every((v) => typeof v === 'string' && ctx.aggravating.has(v))) fail('aggravating', T.aggravating);
    else data.aggravating = value as string[];
  } else if (ctx.mode === 'create') data.aggravating = [];

  if (has('status')) {
    if (typeof input.status !== 'string' || !(CHARGE_STATUSES as readonly string[]).includes(input.status)) fail('status', T.status);
    else data.status = input.status as ChargeStatus;
  } else if (ctx.mode === 'create') data.status = 'suspected';

  for (const field of ['chargedAt', 'verdictAt'] as const) {
    if (!has(field)) continue;
    const value = input[field];
    if (value === null || value === '') data[field] = null;
    else if (!isValidDate(value) || value > ctx.today) fail(field, T.date(field));
    else data[field] = value;
  }

  if (has('sentenceMonths')) {
    const value = input.sentenceMonths;
    if (value === null) data.sentenceMonths = null;
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SENTENCE_MONTHS) fail('sentenceMonths', T.sentence);
    else data.sentenceMonths = value;
  }

  // Rules across fields hold for the charge as it will be stored (the update merged over it).
  const merged = { ...(ctx.existing ?? {}), ...data };
  const status = merged.status ?? 'suspected';
  if (merged.verdictAt && !VERDICT_STATUSES.has(status) && !errors.some((e) => e.path[0] === 'verdictAt')) fail(has('verdictAt') ? 'verdictAt' : 'status', T.verdictWithoutVerdict);
  if (merged.verdictAt && merged.chargedAt && merged.verdictAt < merged.chargedAt) fail(has('verdictAt') ? 'verdictAt' : 'chargedAt', T.verdictBeforeCharge);
  if (merged.sentenceMonths !== undefined && merged.sentenceMonths !== null && status !== 'convicted' && !errors.some((e) => e.path[0] === 'sentenceMonths')) fail(has('sentenceMonths') ? 'sentenceMonths' : 'status', T.sentenceWithoutConviction);

  return { errors, data };
}
