// The database objects that keep the audit tables append-only and fast: triggers that refuse
// UPDATE and DELETE (and TRUNCATE on PostgreSQL), and the unique and look-up indexes. Each has a
// name, so startup creates only what is missing: once an operator has handed the tables to an
// owner role (docs/audit.md), the application's role may not run DDL on them at all.
// One DELETE is let through: of an entry at or below the newest archive's end (retention), which
// `npm run audit:archive` removes in the transaction that records the archive. The triggers of
// earlier versions refused that too; they are named in OBSOLETE_TRIGGERS and dropped at startup.
// No Strapi import.
import { ARCHIVE_TABLE } from './archive';
import { CHECKPOINT_TABLE, ENTRY_TABLE } from './entry';

export interface NamedStatement { name: string; sql: string }

export const GUARD_FUNCTION = 'pett_audit_guard';
const OLD_FUNCTION = 'pett_audit_refuse_change';
const ARCHIVED = `(SELECT coalesce(max(upto), 0) FROM ${ARCHIVE_TABLE})`;

function postgresTriggers(table: string): NamedStatement[] {
  return [
    { name: `${table}_guard`, sql: `CREATE TRIGGER ${table}_guard BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${GUARD_FUNCTION}()` },
    { name: `${table}_guard_truncate`, sql: `CREATE TRIGGER ${table}_guard_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${GUARD_FUNCTION}()` },
  ];
}

function sqliteTriggers(table: string): NamedStatement[] {
  return ['UPDATE', 'DELETE'].map((operation) => {
    const name = `${table}_refuse_${operation.toLowerCase()}`;
    const when = table === ENTRY_TABLE && operation === 'DELETE' ? ` WHEN OLD.seq > ${ARCHIVED}` : '';
    return { name, sql: `CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${operation} ON ${table}${when} BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: ${operation} on ${table} refused'); END` };
  });
}

// A row-level DELETE of an archived entry passes; everything else (UPDATE, other DELETEs, TRUNCATE) is refused.
const GUARD_SQL = `CREATE OR REPLACE FUNCTION ${GUARD_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' AND TG_TABLE_NAME = '${ENTRY_TABLE}' THEN
    IF OLD.seq <= ${ARCHIVED} THEN RETURN OLD; END IF;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$`;

const AUDIT_TABLES = [ENTRY_TABLE, CHECKPOINT_TABLE, ARCHIVE_TABLE];

/** Every statement, in order, for SQLite or PostgreSQL (`client` as Strapi names it). */
export function appendOnlyStatements(client: string): NamedStatement[] {
  const fn: NamedStatement[] = client === 'postgres' ? [{ name: GUARD_FUNCTION, sql: GUARD_SQL }] : [];
  const indexes: NamedStatement[] = [
    { name: `${ENTRY_TABLE}_seq_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${ENTRY_TABLE}_seq_uq ON ${ENTRY_TABLE} (seq)` },
    { name: `${CHECKPOINT_TABLE}_seq_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${CHECKPOINT_TABLE}_seq_uq ON ${CHECKPOINT_TABLE} (seq)` },
    { name: `${ARCHIVE_TABLE}_upto_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${ARCHIVE_TABLE}_upto_uq ON ${ARCHIVE_TABLE} (upto)` },
    { name: `${ENTRY_TABLE}_target_idx`, sql: `CREATE INDEX IF NOT EXISTS ${ENTRY_TABLE}_target_idx ON ${ENTRY_TABLE} (target_type, target_id)` },
    { name: `${ENTRY_TABLE}_actor_idx`, sql: `CREATE INDEX IF NOT EXISTS ${ENTRY_TABLE}_actor_idx ON ${ENTRY_TABLE} (actor_user_id, at)` },
  ];
  const triggers = AUDIT_TABLES.flatMap((table) => (client === 'postgres' ? postgresTriggers(table) : sqliteTriggers(table)));
  return [...fn, ...indexes, ...triggers];
}

/** Triggers of earlier versions that refused every DELETE: dropped when present (by their table's owner). */
export function obsoleteTriggers(client: string): NamedStatement[] {
  if (client !== 'postgres') return [ENTRY_TABLE, CHECKPOINT_TABLE].flatMap((table) => [`${table}_no_update`, `${table}_no_delete`].map((name) => ({ name, sql: `DROP TRIGGER IF EXISTS ${name}` })));
  const triggers = [ENTRY_TABLE, CHECKPOINT_TABLE].flatMap((table) => [`${table}_append_only`, `${table}_no_truncate`].map((name) => ({ name, sql: `DROP TRIGGER IF EXISTS ${name} ON ${table}` })));
  return [...triggers, { name: OLD_FUNCTION, sql: `DROP FUNCTION IF EXISTS ${OLD_FUNCTION}()` }];
}

/**
 * What startup runs, given the names the database already has: first drop the earlier triggers
 * still there, then create what is missing. Empty when the database is up to date (no DDL at all,
 * which a role that does not own the audit tables could not run).
 */
export function appendOnlyPlan(client: string, existing: ReadonlySet<string>): NamedStatement[] {
  return [...obsoleteTriggers(client).filter(({ name }) => existing.has(name)), ...appendOnlyStatements(client).filter(({ name }) => !existing.has(name))];
}

/** The names of functions, triggers and indexes the database already has. */
export const EXISTING_OBJECTS_SQL: Record<string, string> = {
  postgres: `SELECT proname AS name FROM pg_proc WHERE proname IN ('${GUARD_FUNCTION}', '${OLD_FUNCTION}')
             UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
             UNION SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`,
  sqlite: `SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index')`,
};
