// npm run audit:archive               moves audit entries older than PETT_AUDIT_RETENTION_DAYS out
//                                     of the database into an archive file, up to a signed checkpoint
// npm run audit:archive -- --json     the same, with one JSON report on stdout
// npm run audit:archive -- --checkpoints D   the folder archives are written to (default: the
//                                     checkpoints folder, where verification looks for them)
// In order, and stopping at the first thing that fails: verify the whole trail (a trail that does
// not verify is never archived); pick the newest trusted checkpoint signed before the cut-off;
// write archive-<from>-<upto>.jsonl (0600, fsync), read it back and verify it ends at that
// checkpoint; then, in one transaction, record the archive in audit_archives and delete the
// entries at or below it. Ship the file off the machine with the checkpoint files: it is what
// proves, later, that those entries were archived and not erased.
// Exit code 0 when it archived or had nothing to archive, 1 when the trail does not verify, 2 on
// any other failure (a bad setting, an unwritable folder, an unreadable database).
import fs from 'node:fs';
import path from 'node:path';
import { allCheckpoints, args, checkpointDir, newestArchive, setting, verifyKey, verifyStoredTrail, withAuditStore, type Query } from './lib/audit-store.ts';
import type { KeyObject } from 'node:crypto';
import { ENTRY_COLUMNS, ENTRY_TABLE, fromRow, type EntryRow } from '../plugins/audit/server/src/chain/entry.ts';
import { ARCHIVE_FORMAT, ARCHIVE_TABLE, archiveCheckpoint, archiveEntryLine, archiveFileName, archiveHeaderLine, checkArchiveFile, parseRetentionDays, type ArchiveCheck, type ArchiveHeader } from '../plugins/audit/server/src/chain/archive.ts';

const asJson = args.includes('--json');
const DAY_MS = 86_400_000;

class Refusal extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
  }
}

type Outcome = { archived: false; reason: string } | { archived: true; file: string; fromSeq: number; upto: number; entries: number };

/** The entries after `after` up to `upto`, a batch at a time, oldest first. */
async function* entriesBetween(query: Query, after: number, upto: number) {
  for (let from = after; from < upto; ) {
    const batch = await query<EntryRow>(`SELECT ${ENTRY_COLUMNS.join(', ')} FROM ${ENTRY_TABLE} WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 10000`, [from, upto]);
    if (!batch.length) return;
    yield batch.map(fromRow);
    from = Number(batch[batch.length - 1].seq);
  }
}

/**
 * Writes the archive under a temporary name (0600, fsync), reads it back and checks it, and only
 * then gives it its name (and fsyncs the folder), so a file with an archive's name always proves it.
 */
async function writeArchive(query: Query, file: string, header: ArchiveHeader, key: KeyObject): Promise<ArchiveCheck & { ok: true }> {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, archiveHeaderLine(header));
    for await (const batch of entriesBetween(query, header.previous?.seq ?? 0, header.checkpoint.seq)) fs.writeSync(fd, batch.map(archiveEntryLine).join(''));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const check = await checkArchiveFile(temporary, key, { upto: header.checkpoint.seq, hash: header.checkpoint.hash });
  if (!check.ok || (check.header.previous?.seq ?? 0) !== (header.previous?.seq ?? 0)) {
    fs.rmSync(temporary, { force: true });
    throw new Refusal(`el archivo escrito no verifica; no se borra nada / the written file does not verify; nothing deleted: ${check.ok ? 'it does not start after the previous archive' : check.reason}`, 2);
  }
  fs.renameSync(temporary, file);
  const dirFd = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
  return check;
}

async function archive(): Promise<Outcome> {
  const retention = parseRetentionDays(setting('PETT_AUDIT_RETENTION_DAYS'));
  if ('problem' in retention) throw new Refusal(retention.problem, 2);
  if (retention.days === null) return { archived: false, reason: 'PETT_AUDIT_RETENTION_DAYS está vacío: se conserva todo / is empty: every entry is kept' };
  const cutoff = new Date(Date.now() - retention.days * DAY_MS);
  const key = verifyKey();
  const dir = checkpointDir();
  return withAuditStore(async ({ query, positional, transaction }) => {
    const report = await verifyStoredTrail({ query, positional }, key);
    if (!report.ok) throw new Refusal(`el registro no verifica; no se archiva nada / the trail does not verify; nothing archived: ${report.problems.map((p) => p.message).join('; ')}`, 1);
    const previous = await newestArchive(query);
    const checkpoint = archiveCheckpoint(await allCheckpoints(query), key, previous?.upto ?? 0, cutoff);
    if (!checkpoint) return { archived: false, reason: `ningún punto de control firmado antes del ${cutoff.toISOString()} va más allá del último archivo / no signed checkpoint from before ${cutoff.toISOString()} goes beyond the last archive` };

    const start = previous ? { seq: previous.upto, hash: previous.hash } : null;
    const fromSeq = (start?.seq ?? 0) + 1;
    const { source: _source, ...signed } = checkpoint;
    const name = archiveFileName(fromSeq, checkpoint.seq);
    const file = path.join(dir, name);
    // A file of that name that no archive row names was left by a run whose transaction failed
    // (its entries are all still in the table): it is replaced. One a row names is never touched.
    const [{ n }] = await query<{ n: number | string }>(`SELECT count(*) AS n FROM ${ARCHIVE_TABLE} WHERE file = ?`, [name]);
    if (Number(n) > 0) throw new Refusal(`${name} ya es un archivo registrado; no se sobrescribe / is a recorded archive already; it is not overwritten`, 2);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const check = await writeArchive(query, file, { format: ARCHIVE_FORMAT, checkpoint: signed, previous: start }, key);

    await transaction(async (trx) => {
      await trx(`INSERT INTO ${ARCHIVE_TABLE} (from_seq, upto, hash, file, digest, entries, at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [fromSeq, checkpoint.seq, checkpoint.hash, name, check.digest, check.entries, new Date().toISOString()]);
      await trx(`DELETE FROM ${ENTRY_TABLE} WHERE seq <= ?`, [checkpoint.seq]);
    });
    return { archived: true, file, fromSeq, upto: checkpoint.seq, entries: check.entries };
  }, { writable: true });
}

archive()
  .then((outcome) => {
    if (asJson) console.log(JSON.stringify(outcome));
    else if (outcome.archived) console.log(`[audit] archivadas / archived: entradas / entries ${outcome.fromSeq}–${outcome.upto} (${outcome.entries}) → ${outcome.file}. Envíe el archivo fuera de la máquina / ship the file off the machine.`);
    else console.log(`[audit] nada que archivar / nothing to archive: ${outcome.reason}`);
    process.exit(0);
  })
  .catch((error: Error) => {
    if (asJson) console.log(JSON.stringify({ archived: false, error: error.message }));
    console.error(`[audit] no se archivó / not archived: ${error.message}`);
    process.exit(error instanceof Refusal ? error.code : 2);
  });
