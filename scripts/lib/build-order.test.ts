import { describe, expect, it } from 'vitest';
import { pluginBuildOrder } from './build.ts';

describe('plugin build order', () => {
  it('builds a plugin after the plugins whose compiled output it imports, otherwise by name', () => {
    const imports: Record<string, string[]> = { access: [], audit: ['access'], statistics: ['access', 'audit', 'workflow'], workflow: ['access', 'audit'], vault: [] };
    expect(pluginBuildOrder(Object.keys(imports), (name) => imports[name] ?? [])).toEqual(['access', 'audit', 'workflow', 'statistics', 'vault']);
  });
  it('a cycle does not loop', () => {
    expect(pluginBuildOrder(['a', 'b'], (name) => (name === 'a' ? ['b'] : ['a']))).toEqual(['b', 'a']);
  });
});
