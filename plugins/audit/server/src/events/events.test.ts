import { describe, expect, it } from 'vitest';
import { changedFields, scalarNames } from './changed-fields';
import { securityEventMeaning } from './security-events';

const attributes = {
  title: { type: 'string' },
  priority: { type: 'enumeration' },
  isComplex: { type: 'boolean' },
  intakeDate: { type: 'date' },
  closedAt: { type: 'datetime' },
  amount: { type: 'decimal' },
  custom: { type: 'json' },
  team: { type: 'relation' },
  password: { type: 'password' },
};

describe('changed fields', () => {
  it('names the written attributes, sorted, without bookkeeping or unknown keys', () => {
    expect(changedFields(attributes, { title: 'x', documentId: 'd', updatedAt: 'now', nonsense: 1, priority: 'high' })).toEqual(['priority', 'title']);
  });

  it('leaves out scalars whose stored value is the same, however the database writes it', () => {
    const before = { title: 'Caso', priority: 'high', isComplex: 0, intakeDate: '2026-01-15', closedAt: 1767225600000, amount: '10.50', custom: { b: 1, a: 2 } };
    const data = { title: 'Caso', priority: 'low', isComplex: false, intakeDate: '2026-01-15', closedAt: '2026-01-01T00:00:00.000Z', amount: 10.5, custom: { a: 2, b: 1 }, team: [1] };
    expect(changedFields(attributes, data, before)).toEqual(['priority', 'team']);
  });

  it('always names a written password, and never asks for its stored value', () => {
    expect(changedFields(attributes, { password: 'secret' }, { password: 'secret' })).toEqual(['password']);
    expect(scalarNames(attributes, { password: 'x', title: 'y', team: [1] })).toEqual(['title']);
  });
});

describe('security events in the trail', () => {
  it('reads sign-in events as actions with an outcome', () => {
    expect(securityEventMeaning('login-success')).toEqual({ action: 'sign-in', outcome: 'success' });
    expect(securityEventMeaning('login-failure')).toEqual({ action: 'sign-in', outcome: 'failure' });
    expect(securityEventMeaning('lockout')).toEqual({ action: 'sign-in.lockout', outcome: 'refused' });
  });

  it('leaves break-glass and reveals to the feeds that know their target, and keeps unknown kinds', () => {
    expect(securityEventMeaning('break-glass')).toBeNull();
    expect(securityEventMeaning('identity-reveal')).toBeNull();
    expect(securityEventMeaning('new-kind')).toEqual({ action: 'security.new-kind', outcome: 'success' });
  });
});
