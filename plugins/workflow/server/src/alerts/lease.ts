// A job lease in the database: claiming a run is ONE conditional UPDATE, so among several processes
// on one database exactly one wins each run key (the office date for a daily job). A holder that
// dies mid-run leaves finishedAt empty; once lockedUntil has passed, another process may take over.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

export const LEASE_TABLE = 'job_leases';

/** This process, as the lease names it (host, pid and a random part, for logs and for the tests). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** A Strapi-compatible document id (24 lowercase letters and digits). */
export function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(24);
  let id = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += alphabet[bytes[i] % alphabet.length];
  return id;
}

export async function ensureLeaseSchema(knex: Knex): Promise<void> {
  // Strapi's "unique" is checked in its entity validator only; the database must refuse a second row.
  await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS pett_job_leases_name_uq ON ${LEASE_TABLE} (name)`);
}

/** Makes sure the job's lease row exists (a second process inserting at once is ignored). */
export async function ensureLeaseRow(knex: Knex, name: string): Promise<void> {
  const now = new Date();
  await knex(LEASE_TABLE)
    .insert({ document_id: newDocumentId(), name, run_count: 0, created_at: now, updated_at: now, published_at: now })
    .onConflict('name')
    .ignore();
}

/**
 * Claims run `runKey` of job `name` for `holder` until `now + ttlMs`. True for exactly one caller
 * per run key: the UPDATE matches only while the stored run is older, or is this run left
 * unfinished by a holder whose lock has expired.
 */
export async function claimRun(knex: Knex, name: string, runKey: string, holder: string, ttlMs: number, now: Date = new Date()): Promise<boolean> {
  const changed = await knex(LEASE_TABLE)
    .where('name', name)
    .andWhere((q) => {
      q.whereNull('run_key')
        .orWhere('run_key', '<', runKey)
        .orWhere((stale) => stale.where('run_key', runKey).whereNull('finished_at').where('locked_until', '<', now));
    })
    .update({
      run_key: runKey,
      holder,
      locked_until: new Date(now.getTime() + ttlMs),
      started_at: now,
      finished_at: null,
      run_count: knex.raw('COALESCE(run_count, 0) + 1'),
      updated_at: now,
    });
  return Number(changed) === 1;
}

/** Marks the run finished, only if this holder still holds it (a late finisher cannot close another's run). */
export async function finishRun(knex: Knex, name: string, runKey: string, holder: string, outcome: string, now: Date = new Date()): Promise<void> {
  await knex(LEASE_TABLE).where({ name, run_key: runKey, holder }).update({ finished_at: now, locked_until: now, last_outcome: outcome.slice(0, 2000), updated_at: now });
}

/** Gives the run back after a failure, so the next tick (or another process) retries it at once. */
export async function releaseRun(knex: Knex, name: string, runKey: string, holder: string, outcome: string, now: Date = new Date()): Promise<void> {
  await knex(LEASE_TABLE).where({ name, run_key: runKey, holder }).whereNull('finished_at').update({ locked_until: new Date(0), last_outcome: outcome.slice(0, 2000), updated_at: now });
}
