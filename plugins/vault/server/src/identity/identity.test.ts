import { describe, expect, it } from 'vitest';
import { fieldText, fieldValue, IDENTITY_FIELDS, indexable, validateIdentity, type Identity } from './identity';

const codes = { documentKinds: new Set(['cedula', 'passport']), countries: new Set(['do', 'ht']) };
const today = '2026-06-01';

describe('validateIdentity', () => {
  it('cleans a full identity', () => {
    const result = validateIdentity({ givenNames: '  Ana   María ', familyNames: 'Ruiz', aliases: ['La Flaca'], documents: [{ kind: 'cedula', number: '000-0000001-1', country: 'do' }], dateOfBirth: '1990-02-03', phones: ['+1 809 555 0100'], email: 'ana@example.invalid', addresses: ['Calle Ficticia 1'], nextOfKin: [{ name: 'Pedro Ruiz', relationship: 'hermano', phone: '' }] }, codes, 'es', today);
    expect('identity' in result && result.identity.givenNames).toBe('Ana María');
  });

  it('names each problem with its path, in the asked language', () => {
    const result = validateIdentity({ givenNames: 5, documents: [{ kind: 'carnet', number: '', country: 'xx' }], dateOfBirth: '2030-01-01', email: 'no', phones: ['abc'], colour: 'red' }, codes, 'en', today);
    expect('problems' in result).toBe(true);
    const paths = 'problems' in result ? result.problems.map((p) => p.path.join('.')) : [];
    expect(paths).toEqual(expect.arrayContaining(['identity.colour', 'identity.givenNames', 'identity.documents.0.kind', 'identity.documents.0.number', 'identity.documents.0.country', 'identity.dateOfBirth', 'identity.email', 'identity.phones.0']));
    expect('problems' in result && result.problems.find((p) => p.path.includes('dateOfBirth'))?.message).toMatch(/YYYY-MM-DD/);
  });

  it('refuses an identity with no name, alias or document, and a non-object', () => {
    expect(validateIdentity({ phones: ['809'] }, codes, 'es', today)).toHaveProperty('problems');
    expect(validateIdentity([], codes, 'es', today)).toHaveProperty('problems');
  });

  it('turns each field into text and back, lists as JSON, empty as null', () => {
    const result = validateIdentity({ givenNames: 'Ana', aliases: ['X'], dateOfBirth: '1990-02-03' }, codes, 'es', today);
    const identity = (result as { identity: Identity }).identity;
    for (const field of IDENTITY_FIELDS) expect(fieldValue(field, fieldText(identity, field))).toEqual(identity[field]);
    expect(fieldText(identity, 'phones')).toBeNull();
    expect(indexable(identity, null)).toEqual({ names: ['Ana', 'X'], documentNumbers: [], birthYear: 1990 });
  });
});
