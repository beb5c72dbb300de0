// The trail service: appends entries to the chain inside the caller's transaction, one writer at a
// time, and writes signed checkpoints to the database and to the checkpoints folder.
import fs from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { chain, CHECKPOINT_TABLE, ENTRY_TABLE, type AuditEvent, type ChainedEntry, toRow } from '../chain/entry';
import { checkpointDue, checkpointLine, loadSigningKey, signCheckpoint, type Checkpoint } from '../chain/checkpoint';
import { signExport, type CaseTrailExport, type SignedExport } from '../chain/export';

type Knex = Core.Strapi['db']['connection'];

// pg_advisory_xact_lock(classid, objid): held until the transaction ends, on every process.
const LOCK_CLASS = 7051;
const LOCK_HEAD = 1;

export interface AuditConfig {
  keyFile: string;
  checkpointDir: string;
  checkpointEvery: number;
  checkpointMinutes: number;
}

export const createTrailService = ({ strapi }: { strapi: Core.Strapi }) => {
  const setting = <K extends keyof AuditConfig>(key: K) => strapi.plugin('audit').config(key) as AuditConfig[K];
  let signingKey: KeyObject | null = null;
  let pending: Promise<unknown> = Promise.resolve();

  /**
   * Only one transaction at a time may read the head and add to it. On PostgreSQL a transaction-
   * scoped advisory lock does it for every process; SQLite has one writer (and a single pooled
   * connection here). The unique index on seq refuses a fork whatever happens.
   */
  async function lockHead(trx: Knex) {
    if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [LOCK_CLASS, LOCK_HEAD]);
  }

  async function headOf(trx: Knex): Promise<{ seq: number; hash: string } | null> {
    const row = (await trx(ENTRY_TABLE).select('seq', 'hash').orderBy('seq', 'desc').first()) as { seq: number | string; hash: string } | undefined;
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  function writeCheckpointLine(checkpoint: Checkpoint) {
    const dir = setting('checkpointDir');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = fs.openSync(path.join(dir, `${checkpoint.at.slice(0, 10)}.jsonl`), 'a', 0o600);
    try {
      fs.writeSync(fd, checkpointLine(checkpoint));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  const service = {
    /** Loads the signing key; the server does not start without it. */
    loadKey(): void {
      signingKey = loadSigningKey(setting('keyFile'));
    },

    /**
     * Adds one entry, in the caller's transaction when there is one (so it commits or rolls back
     * with the change it records), else in its own.
     */
    async append(event: AuditEvent): Promise<ChainedEntry> {
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        await lockHead(trx as Knex);
        const entry = chain(event, await headOf(trx as Knex), new Date());
        await (trx as Knex)(ENTRY_TABLE).insert(toRow(entry));
        if (entry.seq % setting('checkpointEvery') === 0) onCommit(() => service.queueCheckpoint());
        return entry;
      });
    },

    /** Runs a checkpoint check after the current work, one at a time; failures are logged, the timer retries. */
    queueCheckpoint(): Promise<unknown> {
      pending = pending.then(() => service.checkpointIfDue()).catch((error: Error) => strapi.log.error(`[audit] checkpoint failed: ${error.message}`));
      return pending;
    },

    /** Writes a signed checkpoint of the head when one is due (or `force`d); returns it. */
    async checkpointIfDue(options: { force?: boolean } = {}): Promise<Checkpoint | null> {
      if (!signingKey) service.loadKey();
      const now = new Date();
      const checkpoint = await strapi.db.transaction(async ({ trx }) => {
        const knex = trx as Knex;
        await lockHead(knex);
        const head = await headOf(knex);
        const last = (await knex(CHECKPOINT_TABLE).select('seq', 'at').orderBy('seq', 'desc').first()) as { seq: number | string; at: string } | undefined;
        const lastCheckpoint = last ? { seq: Number(last.seq), at: last.at } : null;
        const first = last ? null : ((await knex(ENTRY_TABLE).select('at').orderBy('seq', 'asc').first()) as { at: string } | undefined);
        const policy = { every: setting('checkpointEvery'), minutes: setting('checkpointMinutes') };
        const due = options.force ? !!head && head.seq > (lastCheckpoint?.seq ?? 0) : checkpointDue(head, lastCheckpoint, first?.at ?? null, now, policy);
        if (!due || !head) return null;
        const signed = signCheckpoint(signingKey!, head, now);
        await knex(CHECKPOINT_TABLE).insert({ seq: signed.seq, hash: signed.hash, at: signed.at, key_id: signed.keyId, signature: signed.signature });
        return signed;
      });
      // After the commit: a line for a checkpoint that was rolled back would be a false alarm.
      if (checkpoint) writeCheckpointLine(checkpoint);
      return checkpoint;
    },

    /** Signs an export with the checkpoint key, so a recipient can check it with the public key. */
    sign(body: CaseTrailExport): SignedExport {
      if (!signingKey) service.loadKey();
      return signExport(signingKey!, body);
    },

    /** Waits for queued checkpoint work (at shutdown). */
    async settle(): Promise<void> {
      await pending;
    },
  };
  return service;
};

export type TrailService = ReturnType<typeof createTrailService>;
