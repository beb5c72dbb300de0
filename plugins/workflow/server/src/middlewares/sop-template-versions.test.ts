import { describe, expect, it } from 'vitest';
import { stepProblems, stepsFingerprint } from './sop-template-versions';

const step = { key: 'intake-register', title: 'Registrar', role: 'prosecutor', required: true, gate: false, dueOffsetDays: 1 };

describe('a template’s steps on save', () => {
  it('the version-relevant content ignores component ids and the admin’s empty strings', () => {
    expect(stepsFingerprint([{ ...step, id: 7, guidance: '' }])).toBe(stepsFingerprint([{ ...step, guidance: null }]));
    expect(stepsFingerprint([step])).not.toBe(stepsFingerprint([{ ...step, title: 'Registrar la denuncia' }]));
    expect(stepsFingerprint([step])).not.toBe(stepsFingerprint([step, { ...step, key: 'other' }]));
    expect(stepsFingerprint([step])).not.toBe(stepsFingerprint([{ ...step, evidenceRequired: 'Acta' }]));
  });

  it.each([
    [[{ ...step, key: 'Registrar Denuncia' }], ['steps', '0', 'key'], 'Step no. 1 needs a lower-case, hyphenated key (for example «intake-register»).'],
    [[step, { ...step }], ['steps', '1', 'key'], 'Step key «intake-register» appears twice in the protocol: each step needs its own.'],
    [[{ ...step, gate: true, required: false }], ['steps', '0', 'gate'], 'Step «intake-register» blocks leaving the stage, so it must be required.'],
    [[{ ...step, role: 'fiscal' }], ['steps', '0', 'role'], 'Step «intake-register» needs a valid responsible role.'],
  ])('refuses %j at %j', (steps, path, message) => {
    expect(stepProblems(steps, 'en')).toEqual([{ path, message }]);
  });

  it('accepts a good list, and says it in Spanish too', () => {
    expect(stepProblems([step, { ...step, key: 'intake-decision' }], 'es')).toEqual([]);
    expect(stepProblems([{ ...step, key: '' }], 'es')[0].message).toBe('El paso n.º 1 necesita una clave en minúsculas con guiones (por ejemplo «intake-register»).');
  });
});
