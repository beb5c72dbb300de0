// An identity as the vault stores it: one sealed value per field, bound to its person and field.
// Pure (the key ring is passed in), so the benchmark measures exactly what the service runs.
import type { KeyRing } from '../crypto/keyring';
import { open, seal } from '../crypto/sealer';
import { IDENTITY_FIELDS, fieldText, fieldValue, type Identity, type IdentityField } from './identity';

const at = (field: string, personDocumentId: string) => ({ type: 'person', field, documentId: personDocumentId });

export function sealIdentityFields(ring: KeyRing, personDocumentId: string, identity: Identity): Record<IdentityField, string | null> {
  return Object.fromEntries(IDENTITY_FIELDS.map((field) => {
    const text = fieldText(identity, field);
    return [field, text === null ? null : seal(ring, text, at(field, personDocumentId))];
  })) as Record<IdentityField, string | null>;
}

export function openIdentityFields(ring: KeyRing, row: Record<string, unknown>): Identity {
  const personDocumentId = String(row.personDocumentId);
  const out = {} as Record<IdentityField, unknown>;
  for (const field of IDENTITY_FIELDS) {
    const sealed = row[field] as string | null | undefined;
    out[field] = fieldValue(field, sealed ? open(ring, sealed, at(field, personDocumentId)) : null);
  }
  return out as unknown as Identity;
}
