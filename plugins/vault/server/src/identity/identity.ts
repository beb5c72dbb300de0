// The identity of a person, as the vault keeps it: what each field holds, how it is checked, and
// which blind indexes it yields. Pure: no Strapi import.
import type { IndexableIdentity } from '../crypto/blind-index';

export interface IdentityDocument { kind: string; number: string; country: string }
export interface NextOfKin { name: string; relationship: string; phone: string }

export interface Identity {
  givenNames: string | null;
  familyNames: string | null;
  aliases: string[];
  documents: IdentityDocument[];
  dateOfBirth: string | null; // YYYY-MM-DD
  phones: string[];
  email: string | null;
  addresses: string[];
  nextOfKin: NextOfKin[];
}

/** Each field is sealed on its own (lists as JSON): a column per field in the vault table. */
export const IDENTITY_FIELDS = ['givenNames', 'familyNames', 'aliases', 'documents', 'dateOfBirth', 'phones', 'email', 'addresses', 'nextOfKin'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
const LIST_FIELDS: ReadonlySet<IdentityField> = new Set(['aliases', 'documents', 'phones', 'addresses', 'nextOfKin']);

export const EMPTY_IDENTITY: Identity = { givenNames: null, familyNames: null, aliases: [], documents: [], dateOfBirth: null, phones: [], email: null, addresses: [], nextOfKin: [] };

export type Lang = 'es' | 'en';
export interface FieldProblem { path: string[]; message: string }

const LIMITS = { name: 200, list: 20, number: 40, phone: 30, address: 300, email: 254, relationship: 60 } as const;

const T = {
  object: { es: 'La identidad debe ser un objeto con sus campos.', en: 'The identity must be an object with its fields.' },
  unknown: (f: string) => ({ es: `Campo desconocido en la identidad: ${f}.`, en: `Unknown identity field: ${f}.` }),
  text: (max: number) => ({ es: `Debe ser un texto de hasta ${max} caracteres.`, en: `Must be text of at most ${max} characters.` }),
  list: { es: `Debe ser una lista de hasta ${LIMITS.list} elementos.`, en: `Must be a list of at most ${LIMITS.list} items.` },
  required: { es: 'Este dato es obligatorio.', en: 'This is required.' },
  date: { es: 'Fecha no válida: use AAAA-MM-DD, no futura ni anterior a 1900.', en: 'Invalid date: use YYYY-MM-DD, not in the future nor before 1900.' },
  email: { es: 'Correo electrónico no válido.', en: 'Invalid e-mail address.' },
  phone: { es: 'Teléfono no válido: solo dígitos, espacios, +, -, ( y ).', en: 'Invalid phone: digits, spaces, +, -, ( and ) only.' },
  kind: (codes: string) => ({ es: `Tipo de documento no válido; use uno de: ${codes}.`, en: `Invalid document type; use one of: ${codes}.` }),
  country: { es: 'País emisor no válido: use un código de la lista de nacionalidades.', en: 'Invalid issuing country: use a code from the nationality list.' },
  empty: { es: 'Indique al menos un nombre, un alias o un documento.', en: 'Give at least a name, an alias or a document.' },
};

export interface IdentityCodes { documentKinds: ReadonlySet<string>; countries: ReadonlySet<string> }

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * Checks an identity as sent by a client and returns it cleaned (trimmed, empty text as null), or
 * the problems, each with the path of its field. `today` is YYYY-MM-DD.
 */
export function validateIdentity(input: unknown, codes: IdentityCodes, lang: Lang, today: string): { identity: Identity } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (path: string[], message: { es: string; en: string }) => problems.push({ path: ['identity', ...path], message: message[lang] });
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { problems: [{ path: ['identity'], message: T.object[lang] }] };
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!(IDENTITY_FIELDS as readonly string[]).includes(key)) fail([key], T.unknown(key));

  const text = (value: unknown, path: string[], max: number, required = false): string | null => {
    if (value == null || (typeof value === 'string' && value.trim() === '')) {
      if (required) fail(path, T.required);
      return null;
    }
    if (typeof value !== 'string' || value.trim().length > max) return fail(path, T.text(max)), null;
    return value.trim().replace(/\s+/g, ' ');
  };
  const list = <T>(value: unknown, path: string, item: (v: unknown, p: string[]) => T | null): T[] => {
    if (value == null) return [];
    if (!Array.isArray(value) || value.length > LIMITS.list) return fail([path], T.list), [];
    return value.map((v, i) => item(v, [path, String(i)])).filter((v): v is T => v !== null);
  };
  const phone = (v: unknown, p: string[]) => {
    const t = text(v, p, LIMITS.phone, true);
    if (t && !/^[+\d][\d\s()+-]*$/.test(t)) return fail(p, T.phone), null;
    return t;
  };

  const identity: Identity = {
    givenNames: text(raw.givenNames, ['givenNames'], LIMITS.name),
    familyNames: text(raw.familyNames, ['familyNames'], LIMITS.name),
    aliases: list(raw.aliases, 'aliases', (v, p) => text(v, p, LIMITS.name, true)),
    documents: list(raw.documents, 'documents', (v, p) => {
      if (!v || typeof v !== 'object') return fail(p, T.object), null;
      const d = v as Record<string, unknown>;
      const kind = text(d.kind, [...p, 'kind'], LIMITS.relationship, true);
      if (kind && !codes.documentKinds.has(kind)) fail([...p, 'kind'], T.kind([...codes.documentKinds].join(', ')));
      const number = text(d.number, [...p, 'number'], LIMITS.number, true);
      const country = text(d.country, [...p, 'country'], 3, true);
      if (country && !codes.countries.has(country)) fail([...p, 'country'], T.country);
      return kind && number && country ? { kind, number, country } : null;
    }),
    dateOfBirth: null,
    phones: list(raw.phones, 'phones', phone),
    email: text(raw.email, ['email'], LIMITS.email),
    addresses: list(raw.addresses, 'addresses', (v, p) => text(v, p, LIMITS.address, true)),
    nextOfKin: list(raw.nextOfKin, 'nextOfKin', (v, p) => {
      if (!v || typeof v !== 'object') return fail(p, T.object), null;
      const k = v as Record<string, unknown>;
      const name = text(k.name, [...p, 'name'], LIMITS.name, true);
      const relationship = text(k.relationship, [...p, 'relationship'], LIMITS.relationship) ?? '';
      const phoneNumber = k.phone == null || k.phone === '' ? '' : phone(k.phone, [...p, 'phone']) ?? '';
      return name ? { name, relationship, phone: phoneNumber } : null;
    }),
  };
  const dob = text(raw.dateOfBirth, ['dateOfBirth'], 10);
  if (dob) {
    if (!isDate(dob) || dob > today || dob < '1900-01-01') fail(['dateOfBirth'], T.date);
    else identity.dateOfBirth = dob;
  }
  if (identity.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(identity.email)) fail(['email'], T.email);
  if (!problems.length && !identity.givenNames && !identity.familyNames && !identity.aliases.length && !identity.documents.length) {
    fail([], T.empty);
  }
  return problems.length ? { problems } : { identity };
}

/** The text the vault seals for one field, or null when the field is empty. */
export function fieldText(identity: Identity, field: IdentityField): string | null {
  const value = identity[field];
  if (LIST_FIELDS.has(field)) return (value as unknown[]).length ? JSON.stringify(value) : null;
  return (value as string | null) ?? null;
}

/** The field value read back from its opened text. */
export function fieldValue(field: IdentityField, text: string | null): Identity[IdentityField] {
  if (LIST_FIELDS.has(field)) return text ? (JSON.parse(text) as Identity[IdentityField]) : [];
  return text;
}

export function fullName(identity: Pick<Identity, 'givenNames' | 'familyNames'>): string {
  return [identity.givenNames, identity.familyNames].filter(Boolean).join(' ');
}

/** What the blind indexes are computed from. `birthYear` comes from the date of birth if known. */
export function indexable(identity: Identity, fallbackBirthYear: number | null): IndexableIdentity {
  const name = fullName(identity);
  return {
    names: [name, ...identity.aliases].filter(Boolean),
    documentNumbers: identity.documents.map((d) => d.number),
    birthYear: identity.dateOfBirth ? Number(identity.dateOfBirth.slice(0, 4)) : fallbackBirthYear,
  };
}
