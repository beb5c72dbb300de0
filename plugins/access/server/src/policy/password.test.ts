import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parsePasswordList, passwordProblems } from './password';

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

describe('the list of common passwords', () => {
  const list = parsePasswordList(fs.readFileSync(path.resolve(__dirname, '../../../../../config/security/common-passwords.txt'), 'utf8'));
  it('has ten thousand entries', () => {
    expect(list.size).toBeGreaterThan(9900);
  });
  it('refuses a long password that is on it, whatever its case', () => {
    const longCommon = [...list].find((p) => p.length >= 12)!;
    expect(passwordProblems(longCommon.toUpperCase(), [], list)).toContain('common');
  });
});
