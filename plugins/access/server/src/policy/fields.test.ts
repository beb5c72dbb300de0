import { describe, expect, it } from 'vitest';
import { readableFields, unwritableFields } from './fields';

describe('field-level rules', () => {
  it('keep the birth year from analysts, who work on pseudonymous data', () => {
    expect(readableFields('person', 'prosecutor')).toContain('birthYear');
    expect(readableFields('person', 'analyst')).not.toContain('birthYear');
    expect(readableFields('person', 'analyst')).toContain('code');
  });
  it('give victim profiles only to the roles that protect victims', () => {
    expect(readableFields('victim-profile', 'victim-officer')).toContain('indicators');
    expect(readableFields('victim-profile', 'investigator')).toEqual(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale']);
    expect(readableFields('person', null)).toEqual([]);
  });
  it('refuse writing codes, owners and anything not on the list', () => {
    expect(unwritableFields('person', 'prosecutor', { code: 'V-22222', sex: 'f' })).toEqual(['code']);
    expect(unwritableFields('case-party', 'investigator', { role: 'witness' })).toEqual(['role']);
    expect(unwritableFields('victim-profile', 'victim-officer', { isMinor: true, person: 3 })).toEqual(['person']);
  });
});
