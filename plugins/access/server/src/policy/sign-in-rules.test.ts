import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, normaliseIdentifier, requiresSecondFactor, sessionVerdict, splitPasswordAndCode } from './sign-in-rules';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 29, 12, 0) + minutes * 60_000);

describe('sign-in rules', () => {
  it('locks an account on the fifth failure inside 15 minutes, for 15 minutes', () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 4; i += 1) state = afterFailure(state, at(i));
    expect(isLocked(state, at(4))).toBe(false);
    state = afterFailure(state, at(4));
    expect(isLocked(state, at(5))).toBe(true);
    expect(isLocked(state, at(18.9))).toBe(true);
    expect(isLocked(state, at(19.1))).toBe(false);
  });
  it('forgets old failures once the window has passed', () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 4; i += 1) state = afterFailure(state, at(i));
    state = afterFailure(state, at(30));
    expect(state.failures).toBe(1);
    expect(isLocked(state, at(30))).toBe(false);
  });
  it('treats every spelling of an identifier as the same account', () => {
    const base = normaliseIdentifier('fiscal.demo1@demo.pett.invalid');
    for (const variant of ['  FISCAL.demo1@Demo.Pett.Invalid ', 'fiscal.demo1@demo.pett.invalid/', 'fiscal .demo1@demo.pett.invalid', 'fiscal.demo1@demo.pett.invalid.']) {
      expect(normaliseIdentifier(variant)).toBe(base);
    }
    expect(normaliseIdentifier(42)).toBe('');
  });
  it('ends a session after 30 idle minutes or 12 hours, and at once when revoked', () => {
    const session = { lastActivityAt: at(0), absoluteExpiresAt: at(12 * 60), revokedAt: null };
    expect(sessionVerdict(session, at(29))).toBe('alive');
    expect(sessionVerdict(session, at(31))).toBe('idle');
    expect(sessionVerdict({ ...session, lastActivityAt: at(700) }, at(720))).toBe('expired');
    expect(sessionVerdict({ ...session, revokedAt: at(1) }, at(2))).toBe('revoked');
  });
  it('asks a second factor of every role that can see a person', () => {
    expect(requiresSecondFactor('prosecutor')).toBe(true);
    expect(requiresSecondFactor('agency-liaison')).toBe(true);
    expect(requiresSecondFactor('configurator')).toBe(true);
    expect(requiresSecondFactor('statistician')).toBe(false);
    expect(requiresSecondFactor('auditor')).toBe(false);
  });
  it('reads the admin panel code from the last six digits of the password field', () => {
    expect(splitPasswordAndCode('Manglar-ceiba-2026!123456')).toEqual({ password: 'Manglar-ceiba-2026!', code: '123456' });
    // A password that itself ends in digits keeps them: only the last six are the code.
    expect(splitPasswordAndCode('Larimar-2026654321')).toEqual({ password: 'Larimar-2026', code: '654321' });
    expect(splitPasswordAndCode('Manglar-ceiba-2026!')).toEqual({ password: 'Manglar-ceiba-2026!', code: '' });
    expect(splitPasswordAndCode('Manglar-ceiba!12345')).toEqual({ password: 'Manglar-ceiba!12345', code: '' });
    expect(splitPasswordAndCode(42)).toEqual({ password: 42, code: '' });
  });
});
