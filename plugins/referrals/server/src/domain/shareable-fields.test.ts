import { describe, expect, it } from 'vitest';
import { ageGroup, chooseDataSet, codeListOf, currentSharingConsent, project, spelled, unknownFields, type ProjectionSource } from './shareable-fields';

const source = (overrides: Partial<ProjectionSource> = {}): ProjectionSource => ({
  basis: 'consent',
  needs: 'Alojamiento (DEMO)',
  case: { caseNumber: 'PETT-2026-00001', caseType: 'trata', province: 'santiago', municipality: null, exploitationForms: ['trabajo-forzoso'] },
  victim: { code: 'V-7KQ2M', sex: 'f', nationality: 'ht', profile: { sex: 'f', ageAtIdentification: 16, isMinor: true, nationality: 'ht', exploitationForms: ['sexual'], identificationDate: '2026-01-02', consents: [{ purpose: 'data-sharing', givenOn: '2026-01-01', withdrawnOn: null }] } },
  ...overrides,
});

describe('the projection of a referral', () => {
  it('gives exactly the snapshot fields, in order, computed from the current records', () => {
    const out = project(['victim.code', 'victim.ageGroup', 'case.province'], source(), '2026-02-01', 'es');
    expect(out.withheld).toBeNull();
    expect(out.fields).toEqual([
      { key: 'victim.code', label: 'Código seudónimo de la víctima', value: 'V-7KQ2M' },
      { key: 'victim.ageGroup', label: 'Grupo de edad', value: '12-17' },
      { key: 'case.province', label: 'Provincia de los hechos', value: 'santiago' },
    ]);
  });

  it('never gives a field outside the catalogue, even if the snapshot names one', () => {
    const out = project(['case.number', 'victim.fullName', 'identity.idNumber', '__proto__'], source(), '2026-02-01', 'en');
    expect(out.fields.map((f) => f.key)).toEqual(['case.number']);
  });

  it('withholds every victim field once the consent it relied on is withdrawn, and keeps the case fields', () => {
    const withdrawn = source();
    withdrawn.victim!.profile!.consents = [{ purpose: 'data-sharing', givenOn: '2026-01-01', withdrawnOn: '2026-02-01' }];
    const out = project(['victim.code', 'victim.sex', 'case.type'], withdrawn, '2026-02-01', 'en');
    expect(out.withheld).toBe('consent-withdrawn');
    expect(out.fields.map((f) => f.key)).toEqual(['case.type']);
  });

  it('keeps victim fields under a recorded legal basis without consent, and withholds them with no basis', () => {
    const noConsent = source({ basis: 'legal-basis' });
    noConsent.victim!.profile!.consents = [];
    expect(project(['victim.sex'], noConsent, '2026-02-01', 'en').fields).toHaveLength(1);
    expect(project(['victim.sex'], { ...noConsent, basis: 'none' }, '2026-02-01', 'en')).toEqual({ fields: [], withheld: 'no-basis' });
  });

  it('gives no victim field for a referral of the case alone', () => {
    expect(project(['victim.code', 'case.number'], source({ victim: null, basis: 'none' }), '2026-02-01', 'en').fields.map((f) => f.key)).toEqual(['case.number']);
  });
});

describe('consent, age groups, data sets', () => {
  it('counts only a data-sharing consent given by today and not withdrawn by today', () => {
    expect(currentSharingConsent([{ purpose: 'shelter', givenOn: '2026-01-01' }], '2026-02-01')).toBeNull();
    expect(currentSharingConsent([{ purpose: 'data-sharing', givenOn: '2026-03-01' }], '2026-02-01')).toBeNull();
    expect(currentSharingConsent([{ purpose: 'data-sharing', givenOn: '2026-01-01', withdrawnOn: '2026-02-02' }], '2026-02-01')).not.toBeNull();
  });

  it('groups ages without giving the age', () => {
    expect([null, 0, 11, 12, 17, 18, 29, 30, 49, 50].map((a) => ageGroup(a))).toEqual([null, '0-11', '0-11', '12-17', '12-17', '18-29', '18-29', '30-49', '30-49', '50+']);
  });

  it("prefers the agency's own data set to its kind's, and ignores inactive ones", () => {
    const sets = [
      { documentId: 'kind', purpose: 'albergue', agencyId: null, agencyKind: 'shelter', fields: [], active: true },
      { documentId: 'own', purpose: 'albergue', agencyId: 7, agencyKind: null, fields: [], active: true },
      { documentId: 'off', purpose: 'asistencia', agencyId: 7, agencyKind: null, fields: [], active: false },
    ];
    expect(chooseDataSet(sets, 'albergue', { id: 7, kind: 'shelter' })?.documentId).toBe('own');
    expect(chooseDataSet(sets, 'albergue', { id: 8, kind: 'shelter' })?.documentId).toBe('kind');
    expect(chooseDataSet(sets, 'asistencia', { id: 7, kind: 'shelter' })).toBeNull();
  });

  it('names the keys a configured data set may not list', () => {
    expect(unknownFields(['victim.code', 'victim.fullName'])).toEqual(['victim.fullName']);
    expect(unknownFields('victim.code')).toEqual(['(not a list)']);
  });
});

describe('coded values in words', () => {
  it('spells each code with its label and keeps an unknown code as it is', () => {
    const labels = new Map([['ht', 'Haití'], ['do', 'República Dominicana']]);
    expect(codeListOf('victim.nationality')).toBe('nationality');
    expect(codeListOf('victim.code')).toBeUndefined();
    expect(spelled('ht', labels)).toBe('Haití');
    expect(spelled(['ht', 'zz'], labels)).toBe('Haití, zz');
    expect(spelled(null, labels)).toBeNull();
    expect(spelled('ht', undefined)).toBeNull();
  });
});
