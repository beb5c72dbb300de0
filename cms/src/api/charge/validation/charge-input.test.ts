import { describe, expect, it } from 'vitest';
import { lawVersionFor, lawVersionsOf, penaltyFor, validateChargeInput, type ChargeContext, type CodeItem } from './charge-input';

const offences: CodeItem[] = [
  { code: 'trata-personas', meta: { law: 'trata', article: 'Ley 137-03, art. 3', iccs: '0204' } },
  { code: 'trafico-migrantes', meta: { law: 'trafico', article: 'Ley 137-03, art. 2', iccs: '08051' } },
  { code: 'retirado', active: false, meta: { law: 'trata' } },
];
const versions: CodeItem[] = [
  { code: 'trata-ley-137-03', meta: { law: 'trata', from: '2003-08-07', to: '2024-10-31', needsLegalConfirmation: true } },
  { code: 'trata-ley-63-24', meta: { law: 'trata', from: '2024-11-01', to: '2025-06-30', needsLegalConfirmation: true } },
  { code: 'trata-reforma-2025', meta: { law: 'trata', from: '2025-07-01', to: null, needsLegalConfirmation: true } },
  { code: 'trafico-ley-137-03', meta: { law: 'trafico', from: '2003-08-07', to: '2025-06-30', needsLegalConfirmation: false } },
];

const base = (over: Partial<ChargeContext> = {}): ChargeContext => ({
  mode: 'create', lang: 'en', today: '2026-11-29', factsDate: '2024-05-10', offences, lawVersions: versions,
  aggravating: new Set(['public-official', 'organised-crime']), accusedParties: new Set(['party-accused']), ...over,
});
const pathsOf = (body: unknown, ctx: ChargeContext = base()) => validateChargeInput(body, ctx).errors.map((e) => e.path.join('.'));

describe('the law version of a charge', () => {
  const dated = lawVersionsOf(versions);
  it('is the version of the offence\'s law in force on the date of the facts, both ends included', () => {
    expect(lawVersionFor(offences[0], '2003-08-07', dated)?.code).toBe('trata-ley-137-03');
    expect(lawVersionFor(offences[0], '2024-10-31', dated)?.code).toBe('trata-ley-137-03');
    expect(lawVersionFor(offences[0], '2024-11-01', dated)?.code).toBe('trata-ley-63-24');
    expect(lawVersionFor(offences[0], '2030-01-01', dated)).toMatchObject({ code: 'trata-reforma-2025', needsLegalConfirmation: true });
    expect(lawVersionFor(offences[1], '2025-01-01', dated)).toMatchObject({ code: 'trafico-ley-137-03', needsLegalConfirmation: false });
  });
  it('does not exist before the law, nor for an offence without a regime', () => {
    expect(lawVersionFor(offences[0], '2001-01-01', dated)).toBeNull();
    expect(lawVersionFor({ code: 'x', meta: {} }, '2020-01-01', dated)).toBeNull();
  });
  it('is derived by the server: a version sent by the client is refused by name', () => {
    const { errors, data } = validateChargeInput({ party: 'party-accused', offence: 'trata-personas' }, base({ factsDate: '2025-02-01' }));
    expect(errors).toEqual([]);
    expect(data).toMatchObject({ lawVersion: 'trata-ley-63-24', status: 'suspected', aggravating: [], article: 'Ley 137-03, art. 3' });
    expect(pathsOf({ party: 'party-accused', offence: 'trata-personas', lawVersion: 'trata-ley-137-03' })).toEqual(['lawVersion']);
  });
  it('names the offence when no version was in force on the date of the facts', () => {
    const result = validateChargeInput({ party: 'party-accused', offence: 'trata-personas' }, base({ factsDate: '1999-03-01' }));
    expect(result.errors).toEqual([{ path: ['offence'], message: 'No version of this offence\'s law was in force on 1999-03-01 (the case\'s date of the facts).' }]);
  });
  it('follows a change of offence on update', () => {
    const existing = { offence: 'trata-personas', lawVersion: 'trata-ley-137-03', article: null, aggravating: [], status: 'charged' as const, chargedAt: '2024-06-01', verdictAt: null, sentenceMonths: null };
    expect(validateChargeInput({ offence: 'trafico-migrantes' }, base({ mode: 'update', existing })).data.lawVersion).toBe('trafico-ley-137-03');
  });
});

describe('the penalty range of a charge', () => {
  const withPenalties: CodeItem[] = [
    { code: 'trata-ley-137-03', meta: { law: 'trata', from: '2003-08-07', to: null, penaltyYears: [15, 20] } },
    { code: 'trafico-reforma-2025', meta: { law: 'trafico', from: '2025-07-01', to: null, penaltyYears: [10, 15] } },
  ];
  it('is the version\'s range unless the offence sets its own for that version (null: not known)', () => {
    expect(penaltyFor(offences[0], 'trata-ley-137-03', withPenalties)).toEqual([15, 20]);
    const death = { code: 'trafico-con-muerte', meta: { law: 'trafico', penaltyYears: { 'trafico-reforma-2025': [30, 40], 'trafico-ley-137-03': null } } };
    expect(penaltyFor(death, 'trafico-reforma-2025', withPenalties)).toEqual([30, 40]);
    expect(penaltyFor(death, 'trafico-ley-137-03', withPenalties)).toBeNull();
    expect(penaltyFor(offences[0], 'unknown-version', withPenalties)).toBeNull();
  });
});

describe('a charge\'s fields', () => {
  it('requires an accused party of the case and a known, active offence', () => {
    expect(pathsOf({})).toEqual(['party', 'offence']);
    expect(pathsOf({ party: 'party-victim', offence: 'trata-personas' })).toEqual(['party']);
    expect(pathsOf({ party: 'party-accused', offence: 'robo' })).toEqual(['offence']);
    expect(pathsOf({ party: 'party-accused', offence: 'retirado' })).toEqual(['offence']);
  });
  it('refuses unknown aggravating circumstances, repeated ones and non-lists', () => {
    const ok = { party: 'party-accused', offence: 'trata-personas' };
    expect(pathsOf({ ...ok, aggravating: ['public-official', 'organised-crime'] })).toEqual([]);
    expect(pathsOf({ ...ok, aggravating: ['minor-victim'] })).toEqual(['aggravating']);
    expect(pathsOf({ ...ok, aggravating: ['public-official', 'public-official'] })).toEqual(['aggravating']);
    expect(pathsOf({ ...ok, aggravating: 'public-official' })).toEqual(['aggravating']);
  });
  it('refuses an unknown status, bad or future dates and a sentence outside 0..1200 months', () => {
    const ok = { party: 'party-accused', offence: 'trata-personas' };
    expect(pathsOf({ ...ok, status: 'guilty' })).toEqual(['status']);
    expect(pathsOf({ ...ok, status: 'charged', chargedAt: '2024-02-30' })).toEqual(['chargedAt']);
    expect(pathsOf({ ...ok, status: 'charged', chargedAt: '2026-11-30' })).toEqual(['chargedAt']);
    expect(pathsOf({ ...ok, status: 'convicted', sentenceMonths: 1201 })).toEqual(['sentenceMonths']);
    expect(pathsOf({ ...ok, status: 'convicted', sentenceMonths: 12.5 })).toEqual(['sentenceMonths']);
    expect(pathsOf({ ...ok, status: 'convicted', sentenceMonths: 1200, chargedAt: '2024-01-01', verdictAt: '2025-01-01' })).toEqual([]);
  });
  it('records a sentence only with a conviction, and a verdict date only with a verdict, not before the charge', () => {
    const ok = { party: 'party-accused', offence: 'trata-personas' };
    expect(pathsOf({ ...ok, status: 'acquitted', sentenceMonths: 24 })).toEqual(['sentenceMonths']);
    expect(pathsOf({ ...ok, status: 'indicted', verdictAt: '2025-01-01' })).toEqual(['verdictAt']);
    expect(pathsOf({ ...ok, status: 'convicted', chargedAt: '2025-03-01', verdictAt: '2025-01-01' })).toEqual(['verdictAt']);
  });
  it('checks an update merged over the stored charge: leaving a conviction needs the sentence cleared', () => {
    const existing = { offence: 'trata-personas', lawVersion: 'trata-ley-137-03', article: null, aggravating: [], status: 'convicted' as const, chargedAt: '2024-06-01', verdictAt: '2025-01-10', sentenceMonths: 180 };
    const update = base({ mode: 'update', existing });
    expect(pathsOf({ status: 'acquitted' }, update)).toEqual(['status']);
    expect(pathsOf({ status: 'acquitted', sentenceMonths: null }, update)).toEqual([]);
    expect(pathsOf({ party: 'party-accused' }, update)).toEqual(['party']);
    expect(pathsOf({ chargedAt: '2025-02-01' }, update)).toEqual(['chargedAt']);
  });
  it('speaks Spanish when asked', () => {
    const { errors } = validateChargeInput({ party: 'party-accused', offence: 'trata-personas', status: 'acquitted', sentenceMonths: 3 }, base({ lang: 'es' }));
    expect(errors[0]!.message).toBe('Solo se registra una pena con el estado condenado.');
  });
});
