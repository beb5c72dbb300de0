// Field-level rules: which fields of a person, a party and a victim profile each role may read and
// write. Pure data and two questions. Identity fields arrive with the vault and are never listed here.
import type { RoleKey } from './roles';

type FieldKind = 'person' | 'case-party' | 'victim-profile';
type Rules = Partial<Record<RoleKey, readonly string[]>>;

const SYSTEM = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale'];
const PERSON_ALL = ['code', 'personKind', 'sex', 'nationality', 'birthYear', 'isDemo'];
const PERSON_PSEUDONYMOUS = ['code', 'personKind', 'sex', 'nationality', 'isDemo'];
const PARTY_ALL = ['role', 'schemeRole', 'isPublicOfficial', 'since', 'isDemo', 'custom', 'customFormVersion'];
const VICTIM_EDITABLE = ['sex', 'ageAtIdentification', 'isMinor', 'nationality', 'exploitationForms', 'controlMethods', 'labourSector', 'identificationDate', 'identifiedBy', 'indicators', 'protectionMeasures', 'consents', 'serviceReferrals', 'wasCharged', 'wasDetained', 'wasDeported', 'custom'];
// Scalars only: relations and components (identifiedBy, measures, consents, referrals) come with
// the record through populate, which the record scope already governs.
// `custom` holds the answers to the office's own form, readable by whoever reads the profile.
const VICTIM_ALL = [...VICTIM_EDITABLE.filter((f) => !['identifiedBy', 'protectionMeasures', 'consents', 'serviceReferrals'].includes(f)), 'isDemo', 'customFormVersion'];

const READ: Record<FieldKind, Rules> = {
  person: { 'chief-prosecutor': PERSON_ALL, prosecutor: PERSON_ALL, 'victim-officer': PERSON_ALL, investigator: PERSON_ALL, analyst: PERSON_PSEUDONYMOUS },
  'case-party': { 'chief-prosecutor': PARTY_ALL, prosecutor: PARTY_ALL, 'victim-officer': PARTY_ALL, investigator: PARTY_ALL, analyst: PARTY_ALL },
  'victim-profile': { 'chief-prosecutor': VICTIM_ALL, prosecutor: VICTIM_ALL, 'victim-officer': VICTIM_ALL },
};

// Server-owned fields (codes, team, owner, role, blocked, confirmed) are never writable by anyone.
const WRITE: Record<FieldKind, Rules> = {
  person: { prosecutor: ['personKind', 'sex', 'nationality', 'birthYear'], 'victim-officer': ['sex', 'nationality', 'birthYear'] },
  'case-party': { prosecutor: ['role', 'schemeRole', 'isPublicOfficial', 'since', 'custom'] },
  'victim-profile': { prosecutor: VICTIM_EDITABLE, 'victim-officer': VICTIM_EDITABLE },
};

export const FIELD_KINDS: readonly FieldKind[] = ['person', 'case-party', 'victim-profile'];
export function isFieldKind(kind: string): kind is FieldKind {
  return (FIELD_KINDS as readonly string[]).includes(kind);
}

/** Scalar fields the role may read (relations are governed by the record scopes). */
export function readableFields(kind: FieldKind, role: RoleKey | null): string[] {
  return role ? [...SYSTEM, ...(READ[kind][role] ?? [])] : [];
}

/** The fields of `data` the role may not write, to be refused by name. */
export function unwritableFields(kind: FieldKind, role: RoleKey | null, data: Record<string, unknown>): string[] {
  const allowed = new Set(role ? (WRITE[kind][role] ?? []) : []);
  return Object.keys(data).filter((field) => !allowed.has(field));
}
