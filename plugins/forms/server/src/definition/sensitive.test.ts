import { describe, expect, it } from 'vitest';
import { keepSensitive, withoutSensitive } from './sensitive';

const SENSITIVE = new Set(['pregnant', 'hiv']);

describe('sensitive answers for those who may not see them', () => {
  it('are left out of what they read', () => {
    expect(withoutSensitive({ pregnant: true, hiv: false, hours: 3 }, SENSITIVE)).toEqual({ hours: 3 });
    expect(withoutSensitive(null, SENSITIVE)).toBeNull();
    expect(withoutSensitive({ hours: 3 }, new Set())).toEqual({ hours: 3 });
  });

  it('are kept as they were when they save, and an attempt to change one is named', () => {
    expect(keepSensitive({ hours: 4 }, { pregnant: true, hours: 3 }, SENSITIVE)).toEqual({ merged: { hours: 4, pregnant: true }, attempted: [] });
    expect(keepSensitive({ hours: 4, hiv: true }, { pregnant: true }, SENSITIVE)).toEqual({ merged: { hours: 4, pregnant: true }, attempted: ['hiv'] });
    expect(keepSensitive({ pregnant: true }, { pregnant: true }, SENSITIVE).attempted).toEqual([]);
  });
});
