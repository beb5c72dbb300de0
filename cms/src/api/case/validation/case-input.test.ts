import { describe, expect, it } from 'vitest';
import { validateCaseInput } from './case-input';

const codes = { 'case-type': new Set(['trata']), 'case-origin': new Set(['denuncia']), province: new Set(['santiago']), 'exploitation-form': new Set(['trabajo-forzoso']), 'palermo-act': new Set(['captacion']), 'palermo-mean': new Set(['engano']), 'smuggling-route': new Set(['mar']) };
const base = { title: 'Un caso de prueba', caseType: 'trata', origin: 'denuncia', intakeDate: '2026-03-14', province: 'santiago' };
const check = (body: unknown, lang: 'es' | 'en' = 'es') => validateCaseInput(body, { mode: 'create', lang, codes, today: '2026-11-29' });

describe('case input validation', () => {
  it('accepts a complete case and trims text', () => {
    const result = check({ ...base, title: '  Un caso de prueba  ' });
    expect(result.errors).toEqual([]);
    expect(result.data.title).toBe('Un caso de prueba');
  });
  it('names every missing required field', () => {
    expect(check({}).errors.map((e) => e.path[0]).sort()).toEqual(['caseType', 'intakeDate', 'origin', 'province', 'title']);
  });
  it('marks server-owned fields as forbidden, not merely invalid', () => {
    const errors = check({ ...base, caseNumber: 'x', stage: 'closed' }).errors;
    expect(errors.every((e) => e.name === 'ForbiddenError')).toBe(true);
  });
  it('speaks English when asked', () => {
    expect(check({ ...base, province: 'x' }, 'en').errors[0].message).toMatch(/^The value/);
  });
  it('refuses impossible or future dates and facts after intake', () => {
    expect(check({ ...base, intakeDate: '2026-02-30' }).errors[0].path).toEqual(['intakeDate']);
    expect(check({ ...base, intakeDate: '2026-12-01' }).errors[0].path).toEqual(['intakeDate']);
    expect(check({ ...base, factsDate: '2026-04-01' }).errors[0].path).toEqual(['factsDate']);
  });
  it('lets an update send only the fields it changes', () => {
    expect(validateCaseInput({ risk: 'high' }, { mode: 'update', lang: 'es', codes, today: '2026-11-29' }).errors).toEqual([]);
  });
});
