import { describe, expect, it } from 'vitest';
import { hasCurrentConsent, measureAlerts, validateVictimProfile } from './victim-profile';

const sets = {
  sex: new Set(['f', 'm']), nationality: new Set(['do', 'ht']), 'labour-sector': new Set(['agriculture']),
  'exploitation-form': new Set(['trabajo-forzoso']), 'control-method': new Set(['debt-bondage']), 'identification-indicator': new Set(['injuries']),
  'protection-measure-type': new Set(['alejamiento']), 'consent-purpose': new Set(['data-sharing', 'shelter']), 'victim-service': new Set(['shelter']), 'service-referral-status': new Set(['requested']),
  agencies: new Set(['CONANI']),
};
const today = '2026-06-01';

describe('validateVictimProfile', () => {
  it('accepts a complete update', () => {
    const result = validateVictimProfile({
      sex: 'f', isMinor: true, indicators: ['injuries'], identifiedBy: 'CONANI', identificationDate: '2026-05-01', wasDetained: true,
      protectionMeasures: [{ measureType: 'alejamiento', authority: 'Juzgado de la Instrucción (ficticio)', startDate: '2026-05-02', expiryDate: '2026-08-02' }],
      consents: [{ purpose: 'data-sharing', scope: 'Con CONANI', givenOn: '2026-05-02', withdrawnOn: null }],
      serviceReferrals: [{ service: 'shelter', provider: 'Albergue (ficticio)', referredOn: '2026-05-03', status: 'requested' }],
    }, sets, 'es', today);
    expect(result).toHaveProperty('update.protectionMeasures.0.expiryDate', '2026-08-02');
  });

  it('names every problem by its path, in the asked language', () => {
    const result = validateVictimProfile({
      sex: 'q', ageAtIdentification: 200, indicators: ['nope'], identifiedBy: 'XYZ', colour: 'red', wasCharged: 'yes',
      protectionMeasures: [{ measureType: 'nope', authority: '', startDate: '2026-05-10', expiryDate: '2026-05-01' }],
      consents: [{ purpose: 'shelter', givenOn: '2027-01-01' }],
      serviceReferrals: 'all',
    }, sets, 'en', today);
    const paths = 'problems' in result ? result.problems.map((p) => p.path.join('.')) : [];
    expect(paths).toEqual(expect.arrayContaining(['sex', 'ageAtIdentification', 'indicators', 'identifiedBy', 'colour', 'wasCharged', 'protectionMeasures.0.measureType', 'protectionMeasures.0.authority', 'protectionMeasures.0.expiryDate', 'consents.0.givenOn', 'serviceReferrals']));
    expect('problems' in result && result.problems.find((p) => p.path.join('.') === 'protectionMeasures.0.expiryDate')?.message).toMatch(/cannot be before/);
  });
});

describe('consent and measure expiry', () => {
  const consents = [{ purpose: 'data-sharing', scope: null, givenOn: '2026-01-01', withdrawnOn: '2026-05-15' }, { purpose: 'shelter', scope: null, givenOn: '2026-01-01', withdrawnOn: null }];
  it('knows whether consent for a purpose is current', () => {
    expect(hasCurrentConsent(consents, 'shelter', today)).toBe(true);
    expect(hasCurrentConsent(consents, 'data-sharing', today)).toBe(false);
    expect(hasCurrentConsent(consents, 'data-sharing', '2026-05-14')).toBe(true);
    expect(hasCurrentConsent(consents, 'medical', today)).toBe(false);
  });

  it('warns of measures expired or expiring within 15 days, soonest first', () => {
    const alerts = measureAlerts([
      { measureType: 'a', authority: 'x', startDate: '2026-01-01', expiryDate: '2026-06-10' },
      { measureType: 'b', authority: 'x', startDate: '2026-01-01', expiryDate: '2026-05-30' },
      { measureType: 'c', authority: 'x', startDate: '2026-01-01', expiryDate: '2026-07-30' },
      { measureType: 'd', authority: 'x', startDate: '2026-01-01', expiryDate: null },
    ], today);
    expect(alerts).toEqual([
      { kind: 'measure-expired', measureType: 'b', expiryDate: '2026-05-30', daysLeft: -2 },
      { kind: 'measure-expiring', measureType: 'a', expiryDate: '2026-06-10', daysLeft: 9 },
    ]);
  });
});
