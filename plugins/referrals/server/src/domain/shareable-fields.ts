// The fixed catalogue of fields a referral may share with an agency, and the projection that turns
// a referral's snapshot of chosen fields into what the agency reads. Nothing from the vault is in
// the catalogue: identity never leaves through a referral. Pure.

export type Lang = 'es' | 'en';
export type FieldGroup = 'case' | 'victim' | 'referral';

export interface ShareableField {
  key: string;
  group: FieldGroup;
  label: Record<Lang, string>;
  /** The code list whose labels spell the value out (the value itself stays the code). */
  codeList?: string;
}

export const SHAREABLE_FIELDS: readonly ShareableField[] = [
  { key: 'case.number', group: 'case', label: { es: 'Número de caso', en: 'Case number' } },
  { key: 'case.type', group: 'case', label: { es: 'Tipo de caso', en: 'Case type' }, codeList: 'case-type' },
  { key: 'case.province', group: 'case', label: { es: 'Provincia de los hechos', en: 'Province of the facts' }, codeList: 'province' },
  { key: 'case.municipality', group: 'case', label: { es: 'Municipio de los hechos', en: 'Municipality of the facts' }, codeList: 'municipality' },
  { key: 'case.exploitationForms', group: 'case', label: { es: 'Formas de explotación del caso', en: 'Forms of exploitation in the case' }, codeList: 'exploitation-form' },
  { key: 'victim.code', group: 'victim', label: { es: 'Código seudónimo de la víctima', en: 'Victim pseudonym code' } },
  { key: 'victim.sex', group: 'victim', label: { es: 'Sexo', en: 'Sex' }, codeList: 'sex' },
  { key: 'victim.ageGroup', group: 'victim', label: { es: 'Grupo de edad', en: 'Age group' } },
  { key: 'victim.isMinor', group: 'victim', label: { es: 'Menor de edad', en: 'Minor' } },
  { key: 'victim.nationality', group: 'victim', label: { es: 'Nacionalidad', en: 'Nationality' }, codeList: 'nationality' },
  { key: 'victim.exploitationForms', group: 'victim', label: { es: 'Formas de explotación sufridas', en: 'Forms of exploitation suffered' }, codeList: 'exploitation-form' },
  { key: 'victim.identificationDate', group: 'victim', label: { es: 'Fecha de identificación', en: 'Identification date' } },
  { key: 'victim.needs', group: 'victim', label: { es: 'Necesidades señaladas', en: 'Stated needs' } },
];

const BY_KEY = new Map(SHAREABLE_FIELDS.map((f) => [f.key, f]));

export function isShareableField(key: unknown): key is string {
  return typeof key === 'string' && BY_KEY.has(key);
}

/** The keys of a configured list that are not in the catalogue (a data set must have none). */
export function unknownFields(fields: unknown): string[] {
  if (!Array.isArray(fields)) return ['(not a list)'];
  return fields.filter((f) => !isShareableField(f)).map((f) => String(f));
}

export function ageGroup(age: number | null | undefined): string | null {
  if (age == null || !Number.isFinite(age)) return null;
  if (age < 12) return '0-11';
  if (age < 18) return '12-17';
  if (age < 30) return '18-29';
  if (age < 50) return '30-49';
  return '50+';
}

export interface Consent { purpose: string; givenOn: string; withdrawnOn?: string | null }

/** Consent purposes that allow sharing a victim's data with an agency. */
export const SHARING_CONSENTS: readonly string[] = ['data-sharing'];

/** The victim's consent to data-sharing in force today, if any (the latest given). */
export function currentSharingConsent(consents: readonly Consent[], today: string): Consent | null {
  const inForce = consents.filter((c) => SHARING_CONSENTS.includes(c.purpose) && String(c.givenOn).slice(0, 10) <= today && (!c.withdrawnOn || String(c.withdrawnOn).slice(0, 10) > today));
  inForce.sort((a, b) => String(b.givenOn).localeCompare(String(a.givenOn)));
  return inForce[0] ?? null;
}

/** What the projection reads: the referral, its case, and (when it names one) its victim. */
export interface ProjectionSource {
  basis: 'none' | 'consent' | 'legal-basis';
  needs: string | null;
  case: { caseNumber: string; caseType: string; province: string; municipality: string | null; exploitationForms: unknown } | null;
  victim: {
    code: string;
    sex: string | null;
    nationality: string | null;
    profile: { sex: string | null; ageAtIdentification: number | null; isMinor: boolean | null; nationality: string | null; exploitationForms: unknown; identificationDate: string | null; consents: Consent[] } | null;
  } | null;
}

export interface ProjectedField { key: string; label: string; value: unknown }

/** The code list of a catalogue field, if its value is a code (or a list of codes). */
export function codeListOf(key: string): string | undefined {
  return BY_KEY.get(key)?.codeList;
}

/** The value in words: each code replaced by its label, where the list knows it. */
export function spelled(value: unknown, labels: ReadonlyMap<string, string> | undefined): string | null {
  if (!labels || value == null) return null;
  const one = (v: unknown) => labels.get(String(v)) ?? String(v);
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/** Why victim fields are withheld at read time, if they are. */
export type Withheld = null | 'consent-withdrawn' | 'no-basis';

/**
 * The fields the agency reads: exactly the snapshot's keys that are in the catalogue, each computed
 * now. Victim fields need the basis recorded on the referral to still hold: a legal basis, or a
 * data-sharing consent still in force today (a withdrawal stops the sharing at once).
 */
export function project(snapshot: readonly string[], source: ProjectionSource, today: string, lang: Lang): { fields: ProjectedField[]; withheld: Withheld } {
  const profile = source.victim?.profile ?? null;
  let withheld: Withheld = null;
  if (source.victim) {
    if (source.basis === 'consent' && !currentSharingConsent(profile?.consents ?? [], today)) withheld = 'consent-withdrawn';
    else if (source.basis === 'none') withheld = 'no-basis';
  }
  const value = (key: string): unknown => {
    const c = source.case;
    const v = source.victim;
    switch (key) {
      case 'case.number': return c?.caseNumber ?? null;
      case 'case.type': return c?.caseType ?? null;
      case 'case.province': return c?.province ?? null;
      case 'case.municipality': return c?.municipality ?? null;
      case 'case.exploitationForms': return Array.isArray(c?.exploitationForms) ? c!.exploitationForms : [];
      case 'victim.code': return v?.code ?? null;
      case 'victim.sex': return profile?.sex ?? v?.sex ?? null;
      case 'victim.ageGroup': return ageGroup(profile?.ageAtIdentification);
      case 'victim.isMinor': return profile?.isMinor ?? null;
      case 'victim.nationality': return profile?.nationality ?? v?.nationality ?? null;
      case 'victim.exploitationForms': return Array.isArray(profile?.exploitationForms) ? profile!.exploitationForms : [];
      case 'victim.identificationDate': return profile?.identificationDate ? String(profile.identificationDate).slice(0, 10) : null;
      case 'victim.needs': return source.needs ?? null;
      default: return null;
    }
  };
  const fields: ProjectedField[] = [];
  for (const key of snapshot) {
    const field = BY_KEY.get(key);
    if (!field) continue;
    if (field.group === 'victim' && (!source.victim || withheld)) continue;
    fields.push({ key, label: field.label[lang], value: value(key) });
  }
  return { fields, withheld };
}

/** The data set that applies: one for this very agency first, else one for the agency's kind. */
export interface DataSetRow { documentId: string; purpose: string; agencyId: number | null; agencyKind: string | null; fields: unknown; active: boolean }

export function chooseDataSet(sets: readonly DataSetRow[], purpose: string, agency: { id: number; kind: string }): DataSetRow | null {
  const live = sets.filter((s) => s.active && s.purpose === purpose);
  return live.find((s) => s.agencyId === agency.id) ?? live.find((s) => s.agencyId == null && s.agencyKind === agency.kind) ?? null;
}
