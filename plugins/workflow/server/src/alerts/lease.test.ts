// The lease's conditional UPDATE on a real (in-memory SQLite) database.
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRun, ensureLeaseRow, ensureLeaseSchema, finishRun, LEASE_TABLE, releaseRun } from './lease';

const require = createRequire(import.meta.url);
const knexFactory = require('knex') as (config: Knex.Config) => Knex;

describe('job lease', () => {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const HOUR = 3600_000;

  beforeAll(async () => {
    await knex.schema.createTable(LEASE_TABLE, (t: Knex.CreateTableBuilder) => {
      t.increments('id');
      t.string('document_id'); t.string('name'); t.string('run_key'); t.string('holder');
      t.bigInteger('locked_until'); t.bigInteger('started_at'); t.bigInteger('finished_at');
      t.integer('run_count'); t.text('last_outcome');
      t.bigInteger('created_at'); t.bigInteger('updated_at'); t.bigInteger('published_at');
    });
    await ensureLeaseSchema(knex);
    await ensureLeaseRow(knex, 'job');
    await ensureLeaseRow(knex, 'job'); // a second process doing the same adds nothing
  });
  afterAll(() => knex.destroy());

  it('keeps one row per job', async () => {
    expect(await knex(LEASE_TABLE).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('gives each run key to one holder only', async () => {
    const t0 = new Date('2026-11-29T10:00:00Z');
    const results = await Promise.all(['a', 'b', 'c'].map((h) => claimRun(knex, 'job', '2026-11-29', h, HOUR, t0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c'][results.indexOf(true)];
    await finishRun(knex, 'job', '2026-11-29', winner, 'ok', t0);
    expect(await claimRun(knex, 'job', '2026-11-29', 'd', HOUR, new Date(t0.getTime() + 5 * HOUR))).toBe(false);
    expect(await claimRun(knex, 'job', '2026-11-30', 'd', HOUR, new Date('2026-11-30T10:00:00Z'))).toBe(true);
  });

  it('lets another holder take an unfinished run only after its lock expires', async () => {
    const t0 = new Date('2026-12-01T10:00:00Z');
    expect(await claimRun(knex, 'job', '2026-12-01', 'crashing', HOUR, t0)).toBe(true);
    expect(await claimRun(knex, 'job', '2026-12-01', 'other', HOUR, new Date(t0.getTime() + HOUR / 2))).toBe(false);
    expect(await claimRun(knex, 'job', '2026-12-01', 'other', HOUR, new Date(t0.getTime() + 2 * HOUR))).toBe(true);
    // The crashed holder coming back late cannot close the run it lost.
    await finishRun(knex, 'job', '2026-12-01', 'crashing', 'late', new Date(t0.getTime() + 3 * HOUR));
    expect((await knex(LEASE_TABLE).first()).finished_at).toBeNull();
  });

  it('gives a failed run back for an immediate retry', async () => {
    const t0 = new Date('2026-12-02T10:00:00Z');
    expect(await claimRun(knex, 'job', '2026-12-02', 'a', HOUR, t0)).toBe(true);
    await releaseRun(knex, 'job', '2026-12-02', 'a', 'failed', t0);
    expect(await claimRun(knex, 'job', '2026-12-02', 'b', HOUR, new Date(t0.getTime() + 1000))).toBe(true);
  });
});
