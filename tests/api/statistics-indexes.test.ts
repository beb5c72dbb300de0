// The statistics plugin creates, at startup, the indexes its aggregates read through, on SQLite and
// PostgreSQL alike (docs/performance.md, "Statistics at 100,000 cases"). Their effect is measured by
// `npm run bench -- --only statistics`, never here: this checks only that they exist, on the columns said.
import { describe, expect, inject, it } from 'vitest';
import { queryRows } from '../support/db-facts.ts';

const targets = inject('apiTargets');

const EXPECTED: Record<string, { table: string; columns: string[] }> = {
  pett_stat_cases_intake_idx: { table: 'cases', columns: ['intake_date', 'stage', 'case_type', 'province'] },
  pett_stat_party_case_idx: { table: 'case_parties_case_lnk', columns: ['case_id', 'case_party_id'] },
  pett_stat_profile_person_idx: { table: 'victim_profiles_person_lnk', columns: ['person_id', 'victim_profile_id'] },
  pett_stat_deadline_case_idx: { table: 'case_deadlines_case_lnk', columns: ['case_id', 'case_deadline_id'] },
};

describe.each(targets.map((t) => [t.name, t] as const))('statistics indexes on %s', (_name, target) => {
  it('exist after startup, each on its table and columns in order', async () => {
    for (const [name, want] of Object.entries(EXPECTED)) {
      if (target.databaseUrl) {
        const rows = await queryRows<{ tablename: string; indexdef: string }>(target, `SELECT tablename, indexdef FROM pg_indexes WHERE indexname = '${name}'`);
        expect(rows, name).toHaveLength(1);
        expect(rows[0]!.tablename).toBe(want.table);
        expect(rows[0]!.indexdef.replace(/"/g, '')).toContain(`(${want.columns.join(', ')})`);
      } else {
        const rows = await queryRows<{ tbl_name: string }>(target, `SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = '${name}'`);
        expect(rows, name).toHaveLength(1);
        expect(rows[0]!.tbl_name).toBe(want.table);
        const columns = await queryRows<{ name: string }>(target, `SELECT name FROM pragma_index_info('${name}') ORDER BY seqno`);
        expect(columns.map((c) => c.name)).toEqual(want.columns);
      }
    }
  });
});
