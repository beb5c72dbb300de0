// Blind indexes: exact-match search over sealed identities without plaintext in the database.
// HMAC-SHA256 under the ring's own index key, over a normalised value, truncated to 128 bits.
// What they reveal: two rows with the same index hold the same normalised value (so the number of
// people sharing a name, or a document number, shows); nothing else without the index key.
import { createHmac } from 'node:crypto';

export type IndexPurpose = 'document' | 'name' | 'name-year';

const DIGEST_BYTES = 16;

/** Accents, case, punctuation and spacing folded: "  José  PÉREZ-de la Cruz " → "jose perez de la cruz". */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Letters and digits only, upper case: "001-1234567-8" → "00112345678", "rd 12 34" → "RD1234". */
export function normaliseDocumentNumber(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function blindIndex(indexKey: Buffer, purpose: IndexPurpose, normalised: string): string {
  return createHmac('sha256', indexKey).update(`${purpose}\u0000${normalised}`, 'utf8').digest().subarray(0, DIGEST_BYTES).toString('hex');
}

export interface IndexableIdentity {
  names: string[]; // full names: the legal name and each alias
  documentNumbers: string[];
  birthYear: number | null;
}

/** Every index a person's identity gets; duplicates dropped. */
export function indexesFor(indexKey: Buffer, identity: IndexableIdentity): Array<{ purpose: IndexPurpose; digest: string }> {
  const out = new Map<string, { purpose: IndexPurpose; digest: string }>();
  const add = (purpose: IndexPurpose, normalised: string) => {
    if (!normalised) return;
    const digest = blindIndex(indexKey, purpose, normalised);
    out.set(`${purpose}:${digest}`, { purpose, digest });
  };
  for (const name of identity.names) {
    const normalised = normaliseName(name);
    add('name', normalised);
    if (normalised && identity.birthYear) add('name-year', `${normalised}|${identity.birthYear}`);
  }
  for (const number of identity.documentNumbers) add('document', normaliseDocumentNumber(number));
  return [...out.values()];
}
