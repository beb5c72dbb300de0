import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password';

describe('password rules', () => {
  it('accept a long, varied password', () => {
    expect(passwordProblems('Ceiba-larimar-42-bohío', ['titular', 'titular@pgr.gob.do'])).toEqual([]);
  });
  it('refuse short, common, repetitive or self-naming passwords', () => {
    expect(passwordProblems('corta1')).toContain('too-short');
    expect(passwordProblems('MiPassword2026!')).toContain('common');
    expect(passwordProblems('aaaaaaaaaaaaaaab')).toContain('too-simple');
    expect(passwordProblems('fiscal.titular.2026', ['titular'])).toContain('contains-identity');
    expect(passwordProblems('x'.repeat(129))).toContain('too-long');
  });
});
